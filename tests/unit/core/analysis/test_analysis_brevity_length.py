"""Bullets too long or too short, walls of text, and length against seniority."""

from __future__ import annotations

from resumeroast.core.documents import DocumentKind, LayoutFacts
from tests.unit.core.analysis.analysis_helpers import GOOD, codes, lines_of, run, swap

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


def test_a_thin_resume_is_too_short() -> None:
    thin = (
        "Jane Smith\njane@example.com\nExperience\n"
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
