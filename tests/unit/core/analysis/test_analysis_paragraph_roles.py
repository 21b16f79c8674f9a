"""A job written as one paragraph of prose instead of bullets."""

from __future__ import annotations

from resumeroast.core.feedback import Severity
from tests.unit.core.analysis.analysis_helpers import GOOD, SECOND_ROLE, codes, found, run, swap

CODE = "content.role_as_paragraph"
PARAGRAPH = (
    "Built the ingestion pipeline that moves billing events into the warehouse every night. "
    "Reduced cloud spend by rightsizing the database fleet and retiring idle replicas. "
    "Mentored junior developers and ran the weekly design review for the data team.\n"
)
ONE_PER_LINE = PARAGRAPH.replace(". ", ".\n")


def test_a_role_written_as_one_paragraph_is_a_warning_quoting_its_start() -> None:
    analysis = run(swap(SECOND_ROLE, PARAGRAPH))

    item = found(analysis, CODE)
    assert item is not None
    assert item.severity is Severity.WARNING
    assert [e.line for e in item.evidence] == [12]
    assert item.evidence[0].quote.startswith("Built the ingestion pipeline")
    assert "bullets" in item.fix


def test_roles_written_as_bullets_are_left_alone() -> None:
    assert CODE not in codes(run(GOOD))


def test_a_one_sentence_description_under_a_role_is_not_a_paragraph() -> None:
    one_line = "Built the ingestion pipeline that moves billing events into the warehouse.\n"

    assert CODE not in codes(run(swap(SECOND_ROLE, one_line)))


def test_one_statement_a_line_is_a_list_whose_bullets_were_drawn_as_pictures() -> None:
    assert CODE not in codes(run(swap(SECOND_ROLE, ONE_PER_LINE)))


def test_a_wall_of_text_is_reported_once_as_a_wall() -> None:
    wall = PARAGRAPH.strip() + " " + PARAGRAPH.replace("Built", "Rebuilt")

    analysis = run(swap(SECOND_ROLE, wall))

    assert "brevity.wall_of_text" in codes(analysis)
    assert CODE not in codes(analysis)
