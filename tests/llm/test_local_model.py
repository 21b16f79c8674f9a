"""End to end with a real model: the embedded llama.cpp server and Gemma 3 270M.

This model writes nonsense, which is the point: whatever it says, the stored feedback must
be true — no unverified quote shown, no invented fact in a rewrite, scores within the
analyzer's bounds, and a clear note when its answer was discarded.
"""

from __future__ import annotations

import httpx
import pytest

from resumeroast.adapters.llm import build_reviewer
from resumeroast.adapters.llm.local import LocalModelServer, LocalReviewer, LocalServerConfig
from resumeroast.core.analysis import render_feedback
from resumeroast.core.documents import Document
from resumeroast.core.feedback import Feedback, Source
from resumeroast.core.review.adjustments import MEASURE_BOUND, OVERALL_BOUND
from resumeroast.core.review.grounding import QuoteIndex, invented_facts
from resumeroast.core.review.injection import CODE
from resumeroast.core.review.prompts import PromptBudget, build_review_prompt
from resumeroast.ports import ReviewRequest
from tests.llm.conftest import TEST_TIMEOUT_S, local_settings
from tests.support.llm_resumes import (
    SAMPLE,
    load,
    request_for,
    with_hidden_injection,
    with_visible_injection,
)

#: Two reviews in a module fixture, each bounded by TEST_TIMEOUT_S, plus the server start:
#: more than pytest's default 300 s on a busy machine.
pytestmark = [pytest.mark.llm, pytest.mark.timeout(2 * TEST_TIMEOUT_S + 120)]

SUB_SCORES = ("impact", "clarity", "ats", "completeness")


def assert_true_to_the_resume(feedback: Feedback, request: ReviewRequest) -> None:
    index = QuoteIndex(request.document.lines)
    for finding in feedback.findings:
        if finding.source is Source.AI:
            for evidence in finding.evidence:
                located = index.locate(evidence.quote)
                assert located is not None, evidence.quote
                assert located.line == evidence.line
    for rewrite in feedback.rewrites:
        if rewrite.source is Source.AI:
            assert index.locate(rewrite.original) is not None, rewrite.original
            assert invented_facts(rewrite.original, rewrite.improved) == []
    analysis = request.analysis
    # A finding the model disputed is withdrawn only with a quote from the resume.
    for checked in feedback.checked:
        assert index.locate(checked.evidence.quote) is not None, checked.evidence.quote
    if not feedback.checked:  # no dispute: scores move within the adjustments' bounds
        assert abs(feedback.overall_score - analysis.overall_score) <= OVERALL_BOUND
        for name in SUB_SCORES:
            moved = getattr(feedback.sub_scores, name) - getattr(analysis.sub_scores, name)
            assert abs(moved) <= MEASURE_BOUND[name]
    # The analyzer's findings are all there, whatever the model said, but the disputed ones.
    analyzer = render_feedback(analysis, request.level)
    shown = [f.code for f in feedback.findings if f.source is Source.ANALYZER]
    withdrawn = {c.code for c in feedback.checked}
    expected = [f.code for f in analyzer.findings if f.code not in withdrawn]
    assert [c for c in shown if c != CODE and c not in withdrawn] == expected
    assert_answer_accounted_for(feedback, analyzer)


def assert_answer_accounted_for(feedback: Feedback, analyzer: Feedback) -> None:
    """The model's answer was either used, leaving a trace that the notes explain, or
    discarded with a note and nothing of it shown. A reviewer that never asked the model, or
    ignored its answer silently, fails here."""
    review = feedback.review
    assert review.tokens_out > 0  # the model answered
    ai_findings = [f for f in feedback.findings if f.source is Source.AI]
    ai_rewrites = [r for r in feedback.rewrites if r.source is Source.AI]
    ai_notes = [n for n in feedback.section_notes if n.source is Source.AI]
    if review.ai_review_discarded:
        assert any("AI review discarded" in note for note in review.notes), review.notes
        assert not (ai_findings or ai_rewrites or ai_notes)
        assert (feedback.overall_score, feedback.sub_scores) == (
            analyzer.overall_score,
            analyzer.sub_scores,
        )
        return
    # Used: every quote the model gave was either verified or dropped and counted, and
    # Gemma 270M always gives some (quotes are what it copies back most readily).
    assert review.verified_quotes + review.dropped_quotes > 0, review
    shown_quotes = sum(len(f.evidence) for f in ai_findings) + len(ai_rewrites)
    assert shown_quotes <= review.verified_quotes
    if review.dropped_quotes:
        assert any(f"{review.dropped_quotes} quote(s)" in n for n in review.notes), review.notes
    if review.dropped_rewrites:
        assert any(f"{review.dropped_rewrites} AI rewrite(s)" in n for n in review.notes)


@pytest.fixture(scope="module")
def sample_reviews(local_reviewer: LocalReviewer) -> tuple[ReviewRequest, Feedback, Feedback]:
    request = request_for(load(SAMPLE))
    return request, local_reviewer.review(request), local_reviewer.review(request)


def test_a_real_model_review_is_true_whatever_the_model_says(
    sample_reviews: tuple[ReviewRequest, Feedback, Feedback],
) -> None:
    request, feedback, _ = sample_reviews
    assert_true_to_the_resume(feedback, request)
    review = feedback.review
    assert (review.reviewer, review.model, review.prompt_version) == (
        "local",
        "gemma-3-270m-q4_k_m",
        "review_v3",
    )
    assert review.tokens_in > 0 and review.tokens_out > 0 and review.latency_ms > 0
    assert review.cost_usd == 0.0
    # The sample fits the default context whole: every word of it was sent.
    assert not any("did not fit" in note for note in review.notes)
    assert review.tokens_in >= len(request.document.text.split())
    if review.repairs == 0:  # the prompt estimate is pessimistic: the real count is lower
        budget = PromptBudget(8192, 512)
        prompt = build_review_prompt(
            request.document,
            request.analysis,
            job_description=None,
            level=request.level,
            budget=budget,
        )
        assert review.tokens_in <= prompt.estimated_tokens


def test_the_same_resume_gets_the_same_feedback_on_every_run(
    sample_reviews: tuple[ReviewRequest, Feedback, Feedback],
) -> None:
    _, first, second = sample_reviews
    assert first.model_dump(exclude={"review"}) == second.model_dump(exclude={"review"})


@pytest.mark.parametrize("inject", [with_visible_injection, with_hidden_injection])
def test_an_injected_instruction_changes_no_score_and_is_flagged(
    local_reviewer: LocalReviewer,
    sample_reviews: tuple[ReviewRequest, Feedback, Feedback],
    inject: object,
) -> None:
    _, clean, _ = sample_reviews
    attacked_document: Document = inject(load(SAMPLE))  # type: ignore[operator]
    request = request_for(attacked_document)
    attacked = local_reviewer.review(request)
    assert (attacked.overall_score, attacked.sub_scores) == (clean.overall_score, clean.sub_scores)
    assert attacked.findings[0].code == CODE and attacked.review.injection_detected


def test_a_long_resume_fits_a_small_context_and_is_reviewed() -> None:
    reviewer = build_reviewer(local_settings(llm_context_tokens=4096))
    try:
        request = request_for(load("pdf/ampledata__greg_albrecht_resume.pdf"))
        feedback = reviewer.review(request)
    finally:
        reviewer.close()
    assert feedback.review.tokens_in < 4096
    assert any("did not fit" in note for note in feedback.review.notes)
    assert_true_to_the_resume(feedback, request)


def test_the_embedded_server_starts_healthy_and_stops() -> None:
    server = LocalModelServer(
        LocalServerConfig(None, context_tokens=2048, threads=2, chat_template="gemma")
    )
    base_url = server.start()
    assert server.start() == base_url  # idempotent
    root = base_url.removesuffix("/v1")
    assert httpx.get(f"{root}/health").json() == {"status": "ok"}
    server.stop()
    with pytest.raises(httpx.TransportError):
        httpx.get(f"{root}/health", timeout=2)
