"""Quotes are shown only when the resume says them; rewrites may not invent facts."""

from __future__ import annotations

import pytest

from resumeroast.core.documents import Line
from resumeroast.core.review.grounding import QuoteIndex, invented_facts, unsupported_numbers

RESUME = (
    Line(1, "Jane Roe — Backend Engineer"),
    Line(2, "• Cut API latency by 40% (p95), using Redis & PostgreSQL."),
    Line(3, "• Led a team of five engineers"),
    Line(7, "through the ﬁrst migration to Kubernetes."),
)


@pytest.fixture
def index() -> QuoteIndex:
    return QuoteIndex(RESUME)


@pytest.mark.parametrize(
    "quote",
    [
        "Cut API latency by 40% (p95), using Redis & PostgreSQL.",
        "cut api LATENCY by 40 % p95 using redis and postgresql".replace(" and ", " & "),
        "Cut API latency by 40%   (p95)",
        '"cut API latency by 40%"',
    ],
)
def test_a_quote_is_found_whatever_its_case_spacing_and_punctuation(
    index: QuoteIndex, quote: str
) -> None:
    located = index.locate(quote)
    assert located is not None
    assert located.line == 2
    # What is shown is the resume's own text, not the model's rendering of it.
    assert located.text.startswith("Cut API latency by 40%")


def test_a_quote_spanning_two_lines_is_found_on_the_line_it_starts(index: QuoteIndex) -> None:
    located = index.locate("five engineers through the first migration")
    assert located is not None
    assert located.line == 3
    assert located.text == "five engineers through the ﬁrst migration"


@pytest.mark.parametrize(
    "quote",
    [
        "Cut API latency by 45%",  # a changed number
        "Led a team of fifty engineers",  # a changed word
        "Increased revenue at Google",  # never there
        "Redis",  # too short to prove anything
        "",
    ],
)
def test_a_quote_that_is_not_in_the_resume_is_not_found(index: QuoteIndex, quote: str) -> None:
    assert index.locate(quote) is None


@pytest.mark.parametrize(
    ("original", "improved"),
    [
        (
            "Built APIs for the payments team",
            "Designed and built robust APIs for the payments team",
        ),
        ("- worked with python on the backend", "Developed Python services on the backend"),
        ("Cut latency by 40%", "Reduced latency by 40% through caching"),
        ("Managed the store", "Managed the store; grew [X%] revenue (add the figure)"),
        # Sentence-initial ordinary words: verbs, adverbs, function words, the original's own.
        (
            "Responsible for building APIs for the payments team",
            "Built APIs for the payments team. Successfully shipped them",
        ),
        ("Led a team of five engineers", "Led five engineers; Mentored each engineer weekly"),
        ("Built APIs at scale", "Built APIs at scale. The payments team adopted them"),
        ("handled customer tickets", "Resolved customer tickets at a rate of [N] per day"),
        ("Used Redis to cut latency", "Cut latency with Redis. Redis caching made it possible"),
    ],
)
def test_a_rewrite_that_only_rephrases_invents_nothing(original: str, improved: str) -> None:
    assert invented_facts(original, improved) == []


@pytest.mark.parametrize(
    ("original", "improved", "kind"),
    [
        ("Built APIs", "Built APIs serving 10M requests a day", "numbers"),
        ("Built APIs", "Built APIs used by three teams", "number words"),
        ("Worked on the backend", "Worked on the backend since March", "dates"),
        ("Worked on the backend", "Worked on the backend as Senior engineer", "titles"),
        ("Ran the store", "Ran the store while completing an MBA", "degrees"),
        ("Sold software", "Sold software for Initech Inc", "employers"),
        ("Built the data platform", "Built the data platform at Google on AWS", "names"),
        # A name that opens a sentence is still a name.
        ("Built APIs for the payments team", "Google: built APIs for the payments team", "names"),
        ("Built APIs", "Microsoft APIs built by me", "names"),
        (
            "Built APIs for internal teams",
            "Built APIs for internal teams…. Amazon adopted them",
            "names",
        ),
        ("Tuned the cache", "Boeing: tuned the cache", "names"),
        # A lowercase employer, and a title in lowercase.
        ("Built APIs", "Built APIs at amazon", "employers"),
        ("Built APIs", "Built APIs as a software engineer", "titles"),
        ("Built models", "Built models as data scientist", "titles"),
        # A multiplier is a number.
        ("Tuned the cache", "Tuned the cache, doubling throughput", "number words"),
        ("Tuned the cache", "Tuned the cache and tripled throughput", "number words"),
        ("Tuned the cache", "Tuned the cache for 2x throughput", "numbers"),
    ],
)
def test_a_rewrite_that_adds_a_fact_is_caught(original: str, improved: str, kind: str) -> None:
    problems = invented_facts(original, improved)
    assert any(p.startswith(kind) for p in problems), problems


def test_numbers_are_supported_only_by_the_text_they_come_from() -> None:
    known = "Cut API latency by 40%; team of 5; 1,200 customers"
    assert unsupported_numbers("Your 40% cut and 1200 customers", known) == set()
    assert unsupported_numbers("You have 12 years at Google, rate 100", known) == {"12", "100"}
