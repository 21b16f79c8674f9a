"""What counts as a usable model answer, and the schema that makes one likely."""

from __future__ import annotations

import json
import re
from typing import Any

import pytest

from resumeroast.core.review.answer import AnswerLimits, check_answer
from resumeroast.core.review.schema import (
    answer_json_schema,
    grammar_schema,
    limits_for,
    worst_case_tokens,
)

LIMITS = AnswerLimits()

VALID: dict[str, Any] = {
    "verdict": "Competent but forgettable: duties, not results.",
    "findings": [
        {
            "severity": "warning",
            "category": "impact",
            "message": "No result.",
            "quote": "Built RESTful APIs using FastAPI",
            "fix": "Add a number.",
        }
    ],
    "section_notes": [],
    "rewrites": [],
    "score_adjustments": [],
}


def test_a_valid_answer_is_accepted() -> None:
    check = check_answer(json.dumps(VALID), "stop", LIMITS)
    assert check.ok and check.problems == ()
    assert check.answer is not None and check.answer.findings[0].quote.startswith("Built")


@pytest.mark.parametrize(
    "wrap",
    ["```json\n{}\n```", "Here is my review:\n{}\nHope it helps!", "  {}  "],
)
def test_fences_and_chatter_around_the_json_are_tolerated(wrap: str) -> None:
    assert check_answer(wrap.format(json.dumps(VALID)), "stop", LIMITS).ok


def test_invalid_json_is_a_problem_the_model_can_act_on() -> None:
    check = check_answer('{"verdict": "good", "findings": [', "stop", LIMITS)
    assert not check.ok
    assert "not valid JSON" in check.problems[0]


@pytest.mark.parametrize(
    "text",
    [
        "[" * 1000,  # a looping model, bare
        "[" * 5000 + "]" * 5000,  # balanced, still past the parser's depth
        'My review: {"verdict": ' + "[" * 1000 + "}",  # wrapped in prose: the fallback parse
        '{"verdict": ' + "1" * 5000 + "}",  # an integer too long for Python to convert
    ],
    ids=["open", "balanced", "wrapped", "long-int"],
)
def test_a_pathological_answer_is_a_problem_not_an_exception(text: str) -> None:
    """Anything the parser chokes on earns a repair, never an error the worker would retry."""
    check = check_answer(text, "stop", LIMITS)
    assert not check.ok
    assert "not valid JSON" in check.problems[0]


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        ({"findings": "none"}, "findings"),
        ({"score": 99}, "score"),  # unknown key
        ({"verdict": None}, "verdict"),
        ({"findings": [{**VALID["findings"][0], "severity": "fatal"}]}, "severity"),
    ],
)
def test_schema_violations_are_named(change: dict[str, Any], expected: str) -> None:
    check = check_answer(json.dumps({**VALID, **change}), "stop", LIMITS)
    assert not check.ok
    assert any(expected in p for p in check.problems), check.problems


def test_a_missing_key_is_a_violation() -> None:
    partial = {k: v for k, v in VALID.items() if k != "rewrites"}
    check = check_answer(json.dumps(partial), "stop", LIMITS)
    assert not check.ok and "rewrites" in check.problems[0]


def test_a_cut_off_answer_is_unusable_even_when_it_parses() -> None:
    check = check_answer(json.dumps(VALID), "length", LIMITS)
    assert not check.ok and "cut off" in check.problems[0]


def test_over_long_strings_and_lists_are_cut_to_their_bounds_not_rejected() -> None:
    finding = {**VALID["findings"][0], "message": "x" * 5000}
    answer = {**VALID, "findings": [finding] * 10}
    check = check_answer(json.dumps(answer), "stop", AnswerLimits(findings=2))
    assert check.answer is not None
    assert len(check.answer.findings) == 2
    assert len(check.answer.findings[0].message) == 140


def _walk(node: Any) -> list[dict[str, Any]]:
    found = [node] if isinstance(node, dict) else []
    children = node.values() if isinstance(node, dict) else node if isinstance(node, list) else []
    for child in children:
        found += _walk(child)
    return found


def test_the_schema_is_closed_and_bounded_everywhere() -> None:
    for node in _walk(answer_json_schema(LIMITS)):
        kind = node.get("type")
        if kind == "object":
            assert node["additionalProperties"] is False
            assert set(node["required"]) == set(node["properties"])
        elif kind == "array":
            assert "maxItems" in node
        elif kind == "string" and "enum" not in node:
            assert "maxLength" in node


@pytest.mark.parametrize("budget", [384, 512, 1024, 4096])
def test_the_answer_size_fits_the_output_budget(budget: int) -> None:
    limits = limits_for(budget)
    assert worst_case_tokens(limits) <= budget
    assert limits.findings >= 1
    assert answer_json_schema(limits)["properties"]["findings"]["maxItems"] == limits.findings


def test_a_bigger_budget_allows_a_richer_answer() -> None:
    small, large = limits_for(512), limits_for(2048)
    assert small.findings + small.rewrites < large.findings + large.rewrites


def test_grammar_servers_get_compact_json_and_no_runaway_digits() -> None:
    schema = grammar_schema(LIMITS)
    assert schema["x-guidance"]["whitespace_flexible"] is False
    finding = schema["properties"]["findings"]["items"]["properties"]
    message, quote = finding["message"]["pattern"], finding["quote"]["pattern"]
    assert re.fullmatch(message, "4 of 8 bullets have no number (since 2019)")
    assert not re.fullmatch(message, "1000000000000")  # a looping model's favourite
    assert not re.fullmatch(message, "line one\\nline two")  # no escapes
    assert re.fullmatch(quote, "Saved $1,200,000 in 2019-2021")
    assert "pattern" not in finding["severity"]
    # Only narrower: everything else is the schema answers are validated against.
    plain = answer_json_schema(LIMITS)["properties"]["findings"]["items"]["properties"]
    assert {k: {**v, "pattern": None} for k, v in finding.items() if "pattern" in v} == {
        k: {**v, "pattern": None} for k, v in plain.items() if "maxLength" in v
    }


def test_a_longer_resume_may_get_more_findings_and_rewrites_within_the_same_budget() -> None:
    short, long = limits_for(4096, words=200, claims=5), limits_for(4096, words=900, claims=5)
    assert short.findings < long.findings and short.rewrites < long.rewrites
    assert long.findings > 4 and long.rewrites > 3  # beyond review_v1's fixed maxima
    assert worst_case_tokens(long) <= 4096


def test_the_default_budget_still_asks_for_three_findings_and_a_dispute() -> None:
    default = limits_for(1024, words=400, claims=4)
    assert default.findings >= 3 and default.rewrites >= 2 and default.disputes >= 1


def test_disputes_are_offered_only_for_claims_that_can_be_disputed() -> None:
    assert limits_for(4096, words=400, claims=0).disputes == 0
    assert limits_for(4096, words=400, claims=1).disputes == 1


def test_the_same_inputs_always_give_the_same_limits() -> None:
    assert limits_for(1536, words=640, claims=7) == limits_for(1536, words=640, claims=7)


def test_an_answer_without_disputes_is_still_valid_but_the_model_is_asked_for_the_key() -> None:
    answer = {
        "verdict": "Plain and clear, but no results anywhere.",
        "findings": [],
        "section_notes": [],
        "rewrites": [],
        "score_adjustments": [],
    }
    check = check_answer(json.dumps(answer), "stop", LIMITS)
    assert check.ok and check.answer is not None and check.answer.disputes == []
    assert "disputes" in answer_json_schema(LIMITS)["required"]
