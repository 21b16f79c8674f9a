"""Walls of text, long bullets that are no finding, and length against seniority and pages."""

from __future__ import annotations

from dataclasses import replace

from resumeroast.core.analysis import Analysis, analyze
from resumeroast.core.documents import DocumentKind, LayoutFacts
from tests.unit.core.analysis.analysis_helpers import (
    AS_OF,
    EXTRAS,
    GOOD,
    codes,
    document,
    found,
    lines_of,
    run,
    swap,
)

MIGRATED = "• Migrated 40 services from a monolith to Kubernetes with zero customer downtime"


def test_a_long_bullet_is_no_finding_of_its_own() -> None:
    # measured on the gold set: 0 of 1 worth saying; a paragraph is brevity.wall_of_text
    long = MIGRATED + ", coordinating " + "with many teams " * 8 + "over 6 months"

    assert codes(run(swap(MIGRATED, long))) == set()


def test_a_short_bullet_is_no_finding_of_its_own() -> None:
    # measured on the gold set: short items were courses, captions and links (docs/scoring.md)
    short = run(swap(MIGRATED, "• Migrated 40 services"))

    assert not any(code.startswith("brevity.") for code in codes(short))


def test_a_paragraph_in_a_role_is_a_wall_of_text() -> None:
    paragraph = (
        "Owned the payment platform end to end. " * 3
        + "Worked with product and finance on 4 launches across 3 markets every year. " * 3
    )
    text = swap(MIGRATED, paragraph.strip())

    analysis = run(text)

    assert lines_of(analysis, "brevity.wall_of_text") == {10}
    assert len([b for b in analysis.bullets if b.line == 10]) == 6  # one statement per sentence


def test_a_list_of_dated_lines_is_no_wall_of_text() -> None:
    """A service record, one committee per line led by its year, is a list a reader scans."""
    committees = "".join(
        f"{year}. University {name} Committee Member for the College of Arts.\n"
        for year, name in [
            (2022, "Strategy"), (2021, "Wellness"), (2020, "Server Migration"),
            (2019, "Promotion and Tenure"), (2018, "Freedom of Expression"),
            (2017, "Curriculum"), (2016, "Library"), (2015, "Graduate Admissions"),
        ]
    )  # fmt: skip
    running = committees.replace(".\n", ", and ").removesuffix(", and ") + ".\n"
    service = "Service\n"

    assert "brevity.wall_of_text" not in codes(run(GOOD + service + committees))
    assert "brevity.wall_of_text" in codes(run(GOOD + service + running))


def test_a_thin_resume_is_too_short() -> None:
    thin = (
        "Jane Smith\njane@example.test\nExperience\n"
        "Engineer | Acme | 2020 - Present\n• Built 3 tools\n"
    )

    assert "length.too_short" in codes(run(thin))
    assert "length.too_short" not in codes(run(GOOD))


def test_pages_are_judged_against_years_of_experience() -> None:
    three = run(GOOD, kind=DocumentKind.PDF, layout=LayoutFacts(pages=3))
    two = run(GOOD, kind=DocumentKind.PDF, layout=LayoutFacts(pages=2))
    senior = run(
        swap("Mar 2017 - Dec 2020", "Mar 2009 - Dec 2020"),
        kind=DocumentKind.PDF,
        layout=LayoutFacts(pages=2),
    )

    assert "length.too_many_pages" in codes(three)
    assert "length.too_many_pages" in codes(two)  # about 8 years: one page
    assert "length.too_many_pages" not in codes(senior)  # 16 years: two pages are fine


def _paged(text: str, second_page_from: str, pages: int = 2) -> Analysis:
    """The text over two PDF pages, the second starting at the line that begins with a prefix."""
    analysis_doc = document(text, kind=DocumentKind.PDF, layout=LayoutFacts(pages=pages))
    start = next(
        i for i, line in enumerate(analysis_doc.lines) if line.text.startswith(second_page_from)
    )
    lines = [
        replace(line, page=2) if i >= start else line for i, line in enumerate(analysis_doc.lines)
    ]
    return analyze(replace(analysis_doc, lines=lines), as_of=AS_OF)


def test_two_thin_pages_are_not_called_too_long_but_a_blank_second_page_is() -> None:
    thin = _paged(GOOD, "Education")  # about 320 words, half of them on page 2
    heavy = _paged(GOOD + EXTRAS * 3, "Education")  # over a page of text
    spill = _paged(GOOD, "Long-distance cycling")  # the last line ran over

    assert "length.too_many_pages" not in codes(thin)
    assert heavy.facts.words > 550 and "length.too_many_pages" in codes(heavy)
    finding = found(spill, "length.too_many_pages")
    assert finding is not None and "Page 2 holds only" in finding.message
