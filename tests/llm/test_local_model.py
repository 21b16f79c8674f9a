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
from resumeroast.core.documents import Document
from resumeroast.core.feedback import Feedback, Source
from resumeroast.core.grounding import QuoteIndex, invented_facts
from resumeroast.core.injection import CODE
from resumeroast.core.llm_merge import SCORE_STEP
from resumeroast.core.prompts import PromptBudget, build_review_prompt
from resumeroast.ports import ReviewRequest
from tests.llm.conftest import local_settings
from tests.support.llm_resumes import (
    SAMPLE,
    load,
    request_for,
    with_hidden_injection,
    with_visible_injection,
)

pytestmark = pytest.mark.llm

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
    assert abs(feedback.overall_score - analysis.overall_score) <= SCORE_STEP
    for name in SUB_SCORES:
        assert abs(getattr(feedback.sub_scores, name) - getattr(analysis.sub_scores, name)) <= (
            SCORE_STEP
        )
    review = feedback.review
    if review.ai_review_discarded:
        assert any("AI review discarded" in note for note in review.notes)
        assert not any(f.source is Source.AI for f in feedback.findings)
    if review.dropped_quotes:
        assert any("not found" in note for note in review.notes)


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
        "review_v1",
    )
    assert review.tokens_in > 0 and review.tokens_out > 0 and review.latency_ms > 0
    assert review.cost_usd == 0.0
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
