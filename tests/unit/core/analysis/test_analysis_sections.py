"""Section headings: synonyms, case and punctuation, layout cues, and what is not a heading."""

from __future__ import annotations

import pytest

from resumeroast.core.analysis.lines import visible_lines
from resumeroast.core.analysis.sections import lookup_heading, split_sections
from resumeroast.core.documents import Document, DocumentKind, LayoutFacts, Line
from tests.unit.core.analysis.analysis_helpers import GOOD, found, run, swap


@pytest.mark.parametrize(
    ("heading", "kind"),
    [
        ("Work History", "experience"),
        ("PROFESSIONAL EXPERIENCE", "experience"),
        ("Employment:", "experience"),
        ("Relevant Experience", "experience"),
        ("Technical Skills", "skills"),
        ("Honors & Awards", "awards"),
        ("Honors/Awards", "awards"),
        ("Licenses and Certifications", "certifications"),
        ("Volunteer Experience", "volunteering"),
        ("Selected Publications", "publications"),
        ("Projects (selected)", "projects"),
        ("Berufserfahrung", "experience"),
        ("Focused Experience", "experience"),
        ("Volunteer History", "volunteering"),
    ],
)
def test_heading_synonyms_map_to_one_section_kind(heading: str, kind: str) -> None:
    found_kind = lookup_heading(heading.rstrip(":"))

    assert found_kind is not None and found_kind[0] == kind


def test_a_resume_using_synonyms_gets_the_same_sections() -> None:
    text = swap("Experience\n", "WORK HISTORY:\n", swap("Skills\n", "Core Competencies\n"))

    analysis = run(text)

    assert {"experience", "skills"} <= set(analysis.facts.sections)
    assert found(analysis, "sections.no_experience") is None


def test_a_sentence_mentioning_experience_is_not_a_heading() -> None:
    text = swap(
        "Backend engineer with eight",
        "Experience matters.\nBackend engineer with eight",
    )

    kinds = [s.kind for s in run(text).sections]

    assert kinds.count("experience") == 1


def test_creative_headings_are_understood_but_flagged_for_ats() -> None:
    analysis = run(swap("Experience\n", "Where I've Worked\n"))

    assert "experience" in analysis.facts.sections
    finding = found(analysis, "ats.nonstandard_heading")
    assert finding is not None
    assert finding.evidence[0].quote == "Where I've Worked"


def _pdf(rows: list[tuple[str, float]], columns: int = 1) -> Document:
    lines = tuple(Line(number=i, text=t, font_size=s) for i, (t, s) in enumerate(rows, 1))
    layout = LayoutFacts(columns=columns, column_pages=(1,) if columns > 1 else ())
    return Document(kind=DocumentKind.PDF, lines=lines, layout=layout)


def test_a_heading_word_set_in_body_size_stays_in_its_section() -> None:
    doc = _pdf(
        [("Jane Smith", 20), ("Skills", 14), ("Python", 10), ("Open Source", 10), ("Linux", 10),
         ("Education", 14), ("B.S. Physics, 2015", 10)]
    )  # fmt: skip

    kinds = [b.section.kind for b in split_sections(visible_lines(doc))]

    assert kinds == ["header", "skills", "education"]


def test_an_unknown_heading_in_the_heading_style_ends_the_section_above() -> None:
    doc = _pdf(
        [("Jane Smith", 20), ("Skills", 14), ("Python", 10), ("Side Quests", 14),
         ("Ran a marathon", 10), ("Education", 14), ("B.S. Physics, 2015", 10)]
    )  # fmt: skip

    blocks = split_sections(visible_lines(doc))

    assert [b.section.kind for b in blocks] == ["header", "skills", "other", "education"]
    assert blocks[2].section.title == "Side Quests"


def test_two_column_sidebar_first_still_yields_every_section() -> None:
    sidebar_first = (
        "Jane Smith\njane@example.test\nSkills\nPython, SQL\nLanguages\nSpanish (fluent)\n"
        + "Summary\n"
        + GOOD.split("Summary\n", 1)[1].replace("Skills\nPython, Go,", "Tools\nGo,")
    )

    analysis = run(sidebar_first, layout=LayoutFacts(columns=2, column_pages=(1,)))

    assert {"skills", "languages", "summary", "experience", "education"} <= set(
        analysis.facts.sections
    )
    assert len([r for r in analysis.roles if r.section == "experience"]) == 2
    assert found(analysis, "ats.columns") is not None


def test_markdown_and_underlined_headings_are_recognised() -> None:
    markdown = "# Jane Smith\n## Experience\nEngineer | Acme | 2019 - 2021\n- Built 3 tools\n"
    underlined = "Jane Smith\n==========\nExperience\n----------\nEngineer | Acme | 2019 - 2021\n"

    assert "experience" in run(markdown, kind=DocumentKind.MD).facts.sections
    assert "experience" in run(underlined).facts.sections


def test_roles_under_no_heading_are_still_read_and_the_heading_is_asked_for() -> None:
    text = GOOD.replace("Experience\n", "")

    analysis = run(text)

    finding = found(analysis, "sections.no_experience")
    assert finding is not None and finding.severity.value == "warning"
    assert len([r for r in analysis.roles if r.section == "experience"]) == 2
