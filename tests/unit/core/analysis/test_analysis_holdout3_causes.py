"""Causes read on the third held-out set (bench/holdout3) after its blind run, each fixed where
it arose (analyzer 1.9.1): an academic CV's listed posts, a role dated in a sentence, headings
a sidebar word was read into or a wrapped line ends in, job titles set like headings."""

from __future__ import annotations

from resumeroast.core.analysis.lines import visible_lines
from resumeroast.core.analysis.metrics import is_quantified
from resumeroast.core.analysis.scoring import Statements, score
from resumeroast.core.analysis.sections import split_sections
from resumeroast.core.documents import Document, DocumentKind, LayoutFacts, Line
from resumeroast.core.feedback import DocumentFacts
from tests.unit.core.analysis.analysis_helpers import (
    EDUCATION,
    GOOD,
    SECOND_ROLE,
    codes,
    document,
    run,
    swap,
)

COMPLETE = DocumentFacts(words=900, bullets=0, quantified_bullets=0)


def test_an_academic_cv_is_not_capped_for_posts_listed_without_statements() -> None:
    listed = Statements(total=0, quantified=0, roles=4, empty_roles=4, academic=True)
    resume = Statements(total=0, quantified=0, roles=4, empty_roles=4)

    academic, capped = score((), COMPLETE, None, listed), score((), COMPLETE, None, resume)

    assert not [p for p in academic.penalties if p.code.startswith("cap.")]
    assert {"cap.no_bullets", "cap.empty_roles"} <= {p.code for p in capped.penalties}
    assert academic.overall > capped.overall == 40


ACADEMIC = (
    swap(SECOND_ROLE, "")
    + "Teaching\nLecturer, Distributed Systems (CS 451) | Oregon State University | 2019 - 2020\n"
    + "Publications\n"
    + "".join(
        f"Smith, J. ({2015 + n}). Caching payment data, part {n}. Journal of Systems.\n"
        for n in range(6)
    )
)


def test_a_bare_post_caps_a_resume_but_not_a_cv_with_publications_and_teaching() -> None:
    academic = run(ACADEMIC)
    resume = run(swap(SECOND_ROLE, ""))

    assert ("overall", "cap.empty_roles") in {(p.score, p.code) for p in resume.penalties}
    assert "cap.empty_roles" not in {p.code for p in academic.penalties}
    assert academic.overall_score > resume.overall_score


EXPERIENCE = GOOD.split("Experience\n")[1].split("Projects\n")[0]
IN_A_SENTENCE = (
    "Experience\n"
    "Backend engineer of Acme Payments from 2019 to date, where I run the checkout service.\n"
    "• Cut checkout latency by 38% by redesigning the payment service cache in Redis\n"
    "• Migrated 40 services from a monolith to Kubernetes with zero customer downtime\n"
)


def test_a_current_role_dated_in_a_sentence_has_dates() -> None:
    dated = run(swap("Experience\n" + EXPERIENCE, IN_A_SENTENCE))
    undated = run(
        swap("Experience\n" + EXPERIENCE, IN_A_SENTENCE.replace(" from 2019 to date", ""))
    )

    assert "dates.missing" not in codes(dated)
    assert "dates.missing" in codes(undated)


SIDEBAR_READ_IN = """\
JANE SMITH
SKILLS
Python, Go, PostgreSQL
HOBBIES
Running
{line}
Senior Software Engineer | Acme Payments | Jan 2021 - Present
• Cut checkout latency by 38% by redesigning the payment service cache in Redis
EDUCATION
B.S. Computer Science | Oregon State University | 2013 - 2017
"""


def _kinds(line: str) -> list[str]:
    doc = document(SIDEBAR_READ_IN.format(line=line))
    return [b.section.kind for b in split_sections(visible_lines(doc))]


def test_a_capitals_heading_a_sidebar_word_was_read_into_still_opens_its_section() -> None:
    assert _kinds("Curling EXPERIENCE") == [
        "header",
        "skills",
        "interests",
        "experience",
        "education",
    ]
    assert _kinds("Curling BERUFSERFAHRUNG")[3] == "experience"


def test_a_capitals_phrase_after_a_capitals_word_or_a_short_heading_is_no_heading() -> None:
    assert "experience" not in _kinds("AWS EXPERIENCE")
    assert _kinds("Curling SKILLS").count("skills") == 1


def _pdf(rows: list[tuple[str, float]]) -> Document:
    lines = tuple(Line(number=i, text=t, font_size=s) for i, (t, s) in enumerate(rows, 1))
    return Document(kind=DocumentKind.PDF, lines=lines, layout=LayoutFacts())


def test_job_titles_set_like_headings_stay_in_a_section_whose_headings_are_capitals() -> None:
    rows = [("Jane Smith", 20), ("PROFILE", 12), ("Chef with 20 years in hotels.", 10),
            ("EXPERIENCE", 12), ("Head Chef", 12), ("Hotel Alpenrose | Wildhaus | 2010 - 2020", 10),
            ("• Ran a kitchen of 12 cooks for 300 covers a day", 10), ("Sous Chef", 12),
            ("Hotel Bellevue | Bern | 2005 - 2010", 10), ("• Planned menus for banquets", 10),
            ("EDUCATION", 12), ("Chef's apprenticeship | 2002 - 2005", 10)]  # fmt: skip
    mixed = [(text.title() if text.isupper() else text, size) for text, size in rows]

    capitals = split_sections(visible_lines(_pdf(rows)))
    title_case = split_sections(visible_lines(_pdf(mixed)))

    assert [b.section.kind for b in capitals] == ["header", "summary", "experience", "education"]
    assert "other" in [b.section.kind for b in title_case]  # "Head Chef" is a heading there


def test_a_heading_word_that_finishes_a_wrapped_line_opens_no_section() -> None:
    wrapped = GOOD + "Service\nExecutive Board Member-at-large for\nEducation\nAppointed 2025\n"

    assert [s.kind for s in run(wrapped).sections].count("education") == 1
    assert "content.duplicated" not in codes(run(wrapped))
    assert "content.duplicated" in codes(run(GOOD + "Service\nBoard Member\n" + EDUCATION))


def test_a_field_of_its_own_that_reads_as_a_past_verb_still_names_a_role() -> None:
    role = (
        "Educator | AI Integration Specialist | Front-End Engineer\n"
        "Self-Employed | Remote | 2021 – Present\n"
        "• Wrote 200 assessments for Python and trading courses used by 1,500 learners\n"
    )
    analysis = run(swap("Experience\n", "Experience\n" + role))

    assert analysis.facts.roles == run(GOOD).facts.roles + 1


def test_thousands_grouped_with_an_apostrophe_are_a_number() -> None:
    assert is_quantified("Planung & Realisierung Catering Fachmesse 2011 mit 3'000 Besuchern")
    assert not is_quantified("Planung & Realisierung Catering Fachmesse 2011")
