"""The openai provider at the SDK boundary, against a real local HTTP stand-in."""

from __future__ import annotations

import time
from typing import Any

import pytest

from resumeroast.adapters.llm.openai_compat import (
    OpenAIChatClient,
    make_openai_sdk,
    token_limit_for,
)
from resumeroast.core.analysis import render_feedback
from resumeroast.core.feedback import Feedback, Source
from resumeroast.core.review.grounding import QuoteIndex
from resumeroast.core.review.merge import SCORE_STEP
from resumeroast.core.review.prompts import Message
from resumeroast.core.review.reviewer import MIN_REPAIR_S
from resumeroast.core.review.schema import answer_json_schema, grammar_schema, limits_for
from resumeroast.errors import LLMPermanentError, LLMTransientError
from resumeroast.ports import ReviewRequest
from tests.support.llm_resumes import SAMPLE, load, request_for
from tests.support.llm_standin import Standin
from tests.unit.adapters.llm.conftest import MakeReviewer
from tests.unit.adapters.llm.helpers import API_KEY, openai_settings

MODEL_DELAY_S = 0.2  #: the stand-in answers this late


def _review(
    make_reviewer: MakeReviewer,
    standin: Standin,
    script: dict[str, Any] | None = None,
    **settings: object,
) -> Feedback:
    if script is not None:
        standin.set_script(script)
    reviewer = make_reviewer(openai_settings(standin.base_url, **settings))
    return reviewer.review(request_for(load(SAMPLE)))


def _analyzer_only(request: ReviewRequest) -> Feedback:
    return render_feedback(request.analysis, request.level)


def _assert_grounded(feedback: Feedback) -> None:
    """Every AI quote shown is in the resume; every AI rewrite quotes it."""
    index = QuoteIndex(load(SAMPLE).lines)
    for finding in feedback.findings:
        if finding.source is Source.AI:
            assert all(index.locate(e.quote) is not None for e in finding.evidence)
    for rewrite in feedback.rewrites:
        if rewrite.source is Source.AI:
            assert index.locate(rewrite.original) is not None


def test_a_good_answer_becomes_grounded_feedback_with_usage(
    make_reviewer: MakeReviewer, standin: Standin
) -> None:
    request = request_for(load(SAMPLE))
    standin.set_script({"steps": [{"kind": "answer", "delay_s": MODEL_DELAY_S}]})
    started = time.perf_counter()
    feedback = make_reviewer(openai_settings(standin.base_url)).review(request)
    elapsed_ms = (time.perf_counter() - started) * 1000

    ai = [f for f in feedback.findings if f.source is Source.AI]
    assert len(ai) == 1 and ai[0].evidence[0].line is not None
    assert any(r.source is Source.AI for r in feedback.rewrites)
    assert feedback.verdict.startswith("Solid content buried")
    assert feedback.sub_scores.clarity == request.analysis.sub_scores.clarity - SCORE_STEP
    review = feedback.review
    assert (review.reviewer, review.model, review.prompt_version) == (
        "openai",
        "gpt-4o-mini",
        "review_v3",
    )
    assert (review.tokens_in, review.tokens_out, review.repairs) == (1000, 200, 0)
    assert review.cost_usd == pytest.approx(0.00027)
    # The model's own delay is inside the latency; the whole review call bounds it.
    assert MODEL_DELAY_S * 1000 <= review.latency_ms <= elapsed_ms
    assert not review.ai_review_discarded
    _assert_grounded(feedback)

    (call,) = standin.calls
    body = call.body
    assert body["response_format"]["type"] == "json_schema"
    assert body["response_format"]["json_schema"]["schema"]["additionalProperties"] is False
    assert body["max_tokens"] == 1024 and body["temperature"] == 0.0
    sent = str(body["messages"])
    assert "john.doe@example.test" not in sent and "[EMAIL_1]" in sent


def test_malformed_json_is_repaired_in_one_round_trip(
    make_reviewer: MakeReviewer, standin: Standin
) -> None:
    feedback = _review(make_reviewer, standin, {"steps": [{"kind": "junk"}]})
    assert [c.step for c in standin.calls] == ["junk", "answer"]
    repair = standin.calls[1].body["messages"]
    assert repair[-2]["role"] == "assistant" and repair[-1]["role"] == "user"
    assert "not valid JSON" in repair[-1]["content"]
    assert feedback.review.repairs == 1 and not feedback.review.ai_review_discarded
    assert any(f.source is Source.AI for f in feedback.findings)
    assert feedback.review.tokens_in == 2000  # both calls counted


def test_a_cut_off_answer_is_repaired(make_reviewer: MakeReviewer, standin: Standin) -> None:
    feedback = _review(make_reviewer, standin, {"steps": [{"kind": "truncated"}]})
    assert "cut off" in standin.calls[1].body["messages"][-1]["content"]
    assert feedback.review.repairs == 1 and not feedback.review.ai_review_discarded


def test_an_answer_still_unusable_after_repair_is_discarded_with_a_visible_note(
    make_reviewer: MakeReviewer,
    standin: Standin,
) -> None:
    request = request_for(load(SAMPLE))
    standin.set_script({"steps": [{"kind": "invalid", "times": 2}]})
    feedback = make_reviewer(openai_settings(standin.base_url)).review(request)
    assert len(standin.calls) == 2  # one repair, not a loop
    review = feedback.review
    assert review.ai_review_discarded and review.repairs == 1
    assert any("AI review discarded" in note for note in review.notes)
    analyzer = _analyzer_only(request)
    assert (feedback.overall_score, feedback.sub_scores) == (
        analyzer.overall_score,
        analyzer.sub_scores,
    )
    assert all(f.source is Source.ANALYZER for f in feedback.findings)


def test_an_answer_nested_past_the_parsers_depth_is_discarded_not_retried(
    make_reviewer: MakeReviewer, standin: Standin
) -> None:
    """A model that loops on '[' gets its one repair; then the job completes with a note."""
    nested = {"kind": "content", "content": "[" * 1000, "times": 2}
    feedback = _review(make_reviewer, standin, {"steps": [nested]})
    assert len(standin.calls) == 2
    review = feedback.review
    assert review.ai_review_discarded and review.repairs == 1
    assert any("nested too deeply" in note for note in review.notes)


def test_a_refusal_is_not_repaired_and_is_noted(
    make_reviewer: MakeReviewer, standin: Standin
) -> None:
    feedback = _review(make_reviewer, standin, {"steps": [{"kind": "refusal"}]})
    assert len(standin.calls) == 1
    assert feedback.review.ai_review_discarded
    assert any("declined" in note for note in feedback.review.notes)


def test_a_timeout_is_a_transient_error_raised_within_the_time_budget(
    make_reviewer: MakeReviewer, standin: Standin
) -> None:
    standin.set_script({"steps": [{"kind": "hang", "seconds": 30}]})
    reviewer = make_reviewer(openai_settings(standin.base_url, llm_timeout_s=0.5))
    started = time.monotonic()
    with pytest.raises(LLMTransientError):
        reviewer.review(request_for(load(SAMPLE)))
    assert time.monotonic() - started < 5
    assert len(standin.calls) == 1  # the SDK does not retry behind the worker's back


def test_no_repair_is_tried_when_the_time_budget_is_spent(
    make_reviewer: MakeReviewer, standin: Standin
) -> None:
    """A slow model with a bad answer ends in a complete review with a note, not a time-out."""
    feedback = _review(
        make_reviewer, standin, {"steps": [{"kind": "junk"}]}, llm_timeout_s=MIN_REPAIR_S - 1
    )
    assert len(standin.calls) == 1
    assert feedback.review.ai_review_discarded and feedback.review.repairs == 0
    assert any("no time was left" in note for note in feedback.review.notes)


def test_429_is_transient_and_carries_retry_after(
    make_reviewer: MakeReviewer, standin: Standin
) -> None:
    standin.set_script({"steps": [{"kind": "status", "status": 429, "retry_after": 7}]})
    with pytest.raises(LLMTransientError) as caught:
        _review(make_reviewer, standin)
    assert caught.value.retry_after_s == 7
    assert len(standin.calls) == 1


@pytest.mark.parametrize("status", [500, 502, 503, 408, 409])
def test_server_errors_are_transient(
    make_reviewer: MakeReviewer, standin: Standin, status: int
) -> None:
    standin.set_script({"steps": [{"kind": "status", "status": status}]})
    with pytest.raises(LLMTransientError):
        _review(make_reviewer, standin)


@pytest.mark.parametrize("status", [401, 403, 404])
def test_rejected_requests_are_permanent_and_never_show_the_key(
    make_reviewer: MakeReviewer, standin: Standin, status: int
) -> None:
    standin.set_script({"steps": [{"kind": "status", "status": status, "error_type": "auth"}]})
    with pytest.raises(LLMPermanentError) as caught:
        _review(make_reviewer, standin)
    error = caught.value
    for text in (str(error), repr(error), error.user_message):
        assert API_KEY not in text
    assert f"HTTP {status}" in error.detail


def test_a_server_that_rejects_json_schema_gets_json_mode_and_it_is_remembered(
    make_reviewer: MakeReviewer,
    standin: Standin,
) -> None:
    standin.set_script({"reject_response_format": ["json_schema"]})
    reviewer = make_reviewer(openai_settings(standin.base_url))
    first = reviewer.review(request_for(load(SAMPLE)))
    reviewer.review(request_for(load(SAMPLE)))
    formats = [c.body.get("response_format", {}).get("type") for c in standin.calls]
    assert formats == ["json_schema", "json_object", "json_object"]
    assert not first.review.ai_review_discarded


def test_a_server_without_any_response_format_gets_the_schema_in_the_prompt(
    make_reviewer: MakeReviewer,
    standin: Standin,
) -> None:
    feedback = _review(
        make_reviewer, standin, {"reject_response_format": ["json_schema", "json_object"]}
    )
    last = standin.calls[-1].body
    assert "response_format" not in last
    assert '"score_adjustments"' in last["messages"][1]["content"]
    assert not feedback.review.ai_review_discarded


def test_a_reasoning_model_that_rejects_max_tokens_and_temperature_still_gets_json_schema(
    make_reviewer: MakeReviewer, standin: Standin
) -> None:
    """gpt-5 and the o-series answer 400 to max_tokens and temperature=0: that is not a
    server rejecting response_format, and the structured-output mode must survive it."""
    standin.set_script({"reject_params": ["max_tokens", "temperature"]})
    reviewer = make_reviewer(openai_settings(standin.base_url, llm_model="gpt-5-mini"))
    first = reviewer.review(request_for(load(SAMPLE)))
    assert [c.step for c in standin.calls] == ["rejected", "rejected", "answer"]
    assert not first.review.ai_review_discarded
    assert any(f.source is Source.AI for f in first.findings)

    reviewer.review(request_for(load(SAMPLE)))  # what worked is remembered: one call
    bodies = [c.body for c in standin.calls]
    assert len(bodies) == 4
    assert {b["response_format"]["type"] for b in bodies} == {"json_schema"}
    for body in bodies[2:]:
        assert body["max_completion_tokens"] == 1024
        assert "max_tokens" not in body and "temperature" not in body


def test_a_400_that_names_no_response_format_is_permanent_and_keeps_the_mode(
    make_reviewer: MakeReviewer, standin: Standin
) -> None:
    bad = {"kind": "status", "status": 400, "message": "The model does not exist", "param": "model"}
    standin.set_script({"steps": [bad]})
    reviewer = make_reviewer(openai_settings(standin.base_url))
    with pytest.raises(LLMPermanentError):
        reviewer.review(request_for(load(SAMPLE)))
    assert len(standin.calls) == 1  # not asked again in a lesser mode
    reviewer.review(request_for(load(SAMPLE)))
    assert standin.calls[-1].body["response_format"]["type"] == "json_schema"


@pytest.mark.parametrize(
    ("base_url", "expected"),
    [
        ("https://api.openai.com/v1", "max_completion_tokens"),
        ("http://127.0.0.1:8080/v1", "max_tokens"),  # llama.cpp's server, our local provider
        ("http://localhost:11434/v1", "max_tokens"),  # Ollama
        ("https://openrouter.ai/api/v1", "max_tokens"),
    ],
)
def test_openai_itself_gets_max_completion_tokens_other_servers_max_tokens(
    base_url: str, expected: str
) -> None:
    assert token_limit_for(base_url) == expected


def test_a_fixed_json_mode_is_not_downgraded(make_reviewer: MakeReviewer, standin: Standin) -> None:
    standin.set_script({"reject_response_format": ["json_object"]})
    with pytest.raises(LLMPermanentError):
        _review(make_reviewer, standin, llm_structured_output="json_object")


def test_a_model_that_makes_things_up_shows_nothing_it_made_up(
    make_reviewer: MakeReviewer, standin: Standin
) -> None:
    request = request_for(load(SAMPLE))
    standin.set_script({"then": {"kind": "hallucinate"}})
    feedback = make_reviewer(openai_settings(standin.base_url)).review(request)
    assert not any(f.source is Source.AI for f in feedback.findings)
    assert not any(r.source is Source.AI for r in feedback.rewrites)
    assert "Google" not in feedback.verdict
    assert feedback.sub_scores == request.analysis.sub_scores  # the unverified move is ignored
    review = feedback.review
    assert review.dropped_quotes == 3 and review.dropped_rewrites == 2
    assert any("not found" in note for note in review.notes)
    _assert_grounded(feedback)


def test_the_reviewer_never_shows_the_api_key(make_reviewer: MakeReviewer) -> None:
    from tests.support.llm_standin import run_standin

    with run_standin() as standin:
        reviewer = make_reviewer(openai_settings(standin.base_url))
        assert API_KEY not in repr(reviewer) and API_KEY not in reviewer.identity
        assert API_KEY not in repr(openai_settings(standin.base_url))


def test_an_unknown_model_costs_what_the_settings_say_or_zero_without_telling_the_job_seeker(
    make_reviewer: MakeReviewer, standin: Standin
) -> None:
    priced = _review(
        make_reviewer,
        standin,
        llm_model="acme-finetune",
        llm_price_in_per_mtok=1.0,
        llm_price_out_per_mtok=2.0,
    )
    assert priced.review.cost_usd == pytest.approx(0.0014)  # 1000 in, 200 out
    assert not any("Cost unknown" in note for note in priced.review.notes)
    unpriced = _review(make_reviewer, standin, llm_model="acme-finetune")
    assert unpriced.review.cost_usd == 0.0
    assert not any("Cost" in note or "cost" in note for note in unpriced.review.notes)


def test_the_local_servers_client_sends_the_grammar_schema(standin: Standin) -> None:
    """The `local` provider is this client with grammar hints; other servers never see them."""
    sdk = make_openai_sdk(api_key=None, base_url=standin.base_url, timeout_s=10)
    limits = limits_for(512)
    messages = [Message(role="user", content="review")]
    try:
        for hints in (True, False):
            client = OpenAIChatClient(
                sdk,
                model="m",
                provider="local",
                max_output_tokens=512,
                temperature=0.0,
                grammar_hints=hints,
            )
            client.complete(messages, limits, timeout_s=10)
    finally:
        sdk.close()
    sent = [c.body["response_format"]["json_schema"]["schema"] for c in standin.calls]
    assert sent[0] == grammar_schema(limits)
    assert sent[1] == answer_json_schema(limits) and "x-guidance" not in sent[1]
