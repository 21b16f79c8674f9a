"""Statements about the product instead of the person's part in it."""

from __future__ import annotations

import pytest

from resumeroast.core.feedback import Severity
from tests.unit.core.analysis.analysis_helpers import GOOD, codes, found, quotes, run, swap

CODE = "content.product_not_contribution"
PUBLISHED = (
    "• Published a rate limiting library with 1,200 GitHub stars and 30 outside contributors"
)


@pytest.mark.parametrize(
    "line",
    [
        "• Throttle is an open source library for rate limiting Python web services",
        "• The app allows users to book a table and pay from their phone",
        "• This tool helps teams find flaky tests before they merge",
        "• It enables developers to cap requests per client with one decorator",
        "• A web app that lets students swap textbooks on campus",
    ],
)
def test_a_statement_about_the_product_asks_for_the_persons_part(line: str) -> None:
    analysis = run(swap(PUBLISHED, line))

    item = found(analysis, CODE)
    assert item is not None
    assert item.severity is Severity.WARNING
    assert quotes(analysis, CODE) == [line.removeprefix("• ")]
    assert "what you did" in item.fix.lower()


@pytest.mark.parametrize(
    "line",
    [
        PUBLISHED,
        "• Built Throttle, an open source library for rate limiting Python web services",
        "• I worked on Throttle, a library that lets teams cap requests per client",
        "• Designed the app that allows 4,000 users to book a table from their phone",
        "• Throttle, my open source library, is used by 300 teams",
    ],
)
def test_a_statement_about_what_the_person_did_is_left_alone(line: str) -> None:
    assert CODE not in codes(run(swap(PUBLISHED, line)))


def test_a_product_sentence_outside_experience_and_projects_is_left_alone() -> None:
    text = GOOD.replace(
        "Focused on services", "The platform I lead is used by 40 banks. Focused on services"
    ).replace("Skills\n", "Skills\nThe app allows users to pay by phone\n")

    assert CODE not in codes(run(text))


def test_one_line_of_context_before_what_the_person_did_is_welcome() -> None:
    context = "Throttle is an open source library for rate limiting Python web services.\n"
    text = swap(PUBLISHED, context + PUBLISHED)

    assert CODE not in codes(run(text))


def test_a_product_sentence_after_the_persons_work_is_still_reported() -> None:
    text = swap(PUBLISHED, PUBLISHED + "\n• The library allows developers to cap requests")

    assert quotes(run(text), CODE) == ["The library allows developers to cap requests"]
