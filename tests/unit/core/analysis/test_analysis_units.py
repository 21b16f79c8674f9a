"""A result whose number lost its unit ("by 30": percent? dollars?)."""

from __future__ import annotations

import pytest

from resumeroast.core.feedback import Severity
from tests.unit.core.analysis.analysis_helpers import GOOD, codes, found, quotes, run, swap

CODE = "content.number_without_unit"
CUT = "• Cut checkout latency by 38% by redesigning the payment service cache in Redis"


@pytest.mark.parametrize(
    "line",
    [
        "• Increased checkout conversion by 30 in two quarters with a one-page checkout",
        "• Grew repeat orders by 12.5 after rebuilding the loyalty emails.",
        "• Reduced support tickets by 40, rewriting the onboarding guide",
    ],
)
def test_a_change_by_a_bare_number_asks_for_its_unit(line: str) -> None:
    analysis = run(swap(CUT, line))

    item = found(analysis, CODE)
    assert item is not None
    assert item.severity is Severity.WARNING
    assert quotes(analysis, CODE) == [line.removeprefix("• ")]
    assert "%" in item.fix


@pytest.mark.parametrize(
    "line",
    [
        CUT,
        "• Increased checkout conversion by 30 percent in two quarters",
        "• Grew the newsletter by 3,000 subscribers in a year",
        "• Cut page weight by 2.5x with image compression",
        "• Reduced monthly close from 10 days to 4 by 2021",
        "• Improved the net promoter score by 12 points in one year",
    ],
)
def test_numbers_with_their_unit_are_left_alone(line: str) -> None:
    assert CODE not in codes(run(swap(CUT, line)))


def test_a_good_resume_has_no_bare_number() -> None:
    assert CODE not in codes(run(GOOD))
