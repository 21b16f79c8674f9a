"""The anthropic provider at the SDK boundary: forced tool use, errors translated."""

from __future__ import annotations

from typing import Any

import pytest

from resumeroast.core.feedback import Feedback, Source
from resumeroast.errors import LLMPermanentError, LLMTransientError
from tests.support.llm_resumes import SAMPLE, load, request_for
from tests.support.llm_standin import Standin
from tests.unit.adapters.llm.conftest import MakeReviewer
from tests.unit.adapters.llm.helpers import API_KEY, anthropic_settings


def _review(
    make_reviewer: MakeReviewer, standin: Standin, script: dict[str, Any] | None = None
) -> Feedback:
    if script is not None:
        standin.set_script(script)
    return make_reviewer(anthropic_settings(standin.root_url)).review(request_for(load(SAMPLE)))


def test_the_answer_comes_from_a_forced_tool_call(
    make_reviewer: MakeReviewer, standin: Standin
) -> None:
    feedback = _review(make_reviewer, standin)
    (call,) = standin.calls
    assert call.path == "/v1/messages"
    assert call.body["tool_choice"] == {"type": "tool", "name": "submit_review"}
    (tool,) = call.body["tools"]
    assert tool["input_schema"]["additionalProperties"] is False
    assert "DATA" in call.body["system"]
    assert [m["role"] for m in call.body["messages"]] == ["user"]
    assert any(f.source is Source.AI for f in feedback.findings)
    review = feedback.review
    assert (review.reviewer, review.tokens_in, review.tokens_out) == ("anthropic", 1000, 200)
    assert review.cost_usd == pytest.approx(0.002)


def test_a_cut_off_tool_call_is_repaired(make_reviewer: MakeReviewer, standin: Standin) -> None:
    feedback = _review(make_reviewer, standin, {"steps": [{"kind": "truncated"}]})
    roles = [m["role"] for m in standin.calls[1].body["messages"]]
    assert roles == ["user", "assistant", "user"]
    assert feedback.review.repairs == 1 and not feedback.review.ai_review_discarded


def test_text_instead_of_a_tool_call_twice_is_discarded(
    make_reviewer: MakeReviewer, standin: Standin
) -> None:
    feedback = _review(make_reviewer, standin, {"steps": [{"kind": "junk", "times": 2}]})
    assert feedback.review.ai_review_discarded and len(standin.calls) == 2


def test_a_refusal_is_noted(make_reviewer: MakeReviewer, standin: Standin) -> None:
    feedback = _review(make_reviewer, standin, {"steps": [{"kind": "refusal"}]})
    assert feedback.review.ai_review_discarded
    assert any("declined" in note for note in feedback.review.notes)


def test_rate_limits_and_overload_are_transient(
    make_reviewer: MakeReviewer, standin: Standin
) -> None:
    with pytest.raises(LLMTransientError) as caught:
        _review(
            make_reviewer,
            standin,
            {"steps": [{"kind": "status", "status": 429, "retry_after": 12}]},
        )
    assert caught.value.retry_after_s == 12
    with pytest.raises(LLMTransientError):
        _review(make_reviewer, standin, {"steps": [{"kind": "status", "status": 529}]})


def test_a_bad_key_is_permanent_and_not_shown(
    make_reviewer: MakeReviewer, standin: Standin
) -> None:
    with pytest.raises(LLMPermanentError) as caught:
        _review(
            make_reviewer,
            standin,
            {"steps": [{"kind": "status", "status": 401, "error_type": "auth"}]},
        )
    assert API_KEY not in str(caught.value) and "HTTP 401" in caught.value.detail
