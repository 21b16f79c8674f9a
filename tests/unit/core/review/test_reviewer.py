"""The LLM review in-process, over the chat-client port: a scripted chat client, a fake clock.

The vendors' side (the SDKs against a real HTTP stand-in) is tests/unit/adapters/llm.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field

import pytest

from resumeroast.core.feedback import Source
from resumeroast.core.review.answer import AnswerLimits
from resumeroast.core.review.chat import ChatReply
from resumeroast.core.review.cost import Price
from resumeroast.core.review.injection import CODE
from resumeroast.core.review.merge import SCORE_STEP
from resumeroast.core.review.prompts import Message, PromptBudget
from resumeroast.core.review.request import ReviewRequest
from resumeroast.core.review.reviewer import MIN_REPAIR_S, LLMReviewer
from tests.support.llm_resumes import SAMPLE, load, request_for, with_visible_injection
from tests.support.llm_standin import grounded_answer

TIMEOUT_S = 60.0
CALL_S = 2.0  #: how long each scripted call takes on the fake clock


@dataclass
class FakeClock:
    now_s: float = 1000.0

    def __call__(self) -> float:
        return self.now_s


@dataclass
class ScriptedChat:
    """Replies in order: "good" (an answer grounded in the prompt's resume), "junk", "refuse"."""

    clock: FakeClock
    script: list[str]
    seconds: float = CALL_S
    model: str = "scripted-1"
    sent: list[Sequence[Message]] = field(default_factory=list)
    timeouts_s: list[float] = field(default_factory=list)

    def complete(
        self, messages: Sequence[Message], limits: AnswerLimits, *, timeout_s: float
    ) -> ChatReply:
        self.sent.append(messages)
        self.timeouts_s.append(timeout_s)
        self.clock.now_s += self.seconds
        kind = self.script.pop(0)
        if kind == "refuse":
            return ChatReply(None, "refusal", 900, 5)
        if kind == "junk":
            return ChatReply("I think this resume is great!", "stop", 900, 50)
        body = {"messages": [{"content": m.content} for m in messages]}
        return ChatReply(json.dumps(grounded_answer(body)), "stop", 1000, 200)

    def close(self) -> None:
        """Nothing to release."""


def _reviewer(chat: ScriptedChat, timeout_s: float = TIMEOUT_S) -> LLMReviewer:
    return LLMReviewer(
        chat,
        name="scripted",
        budget=PromptBudget(8192, 1024),
        price=Price(0.15, 0.60),
        timeout_s=timeout_s,
        clock=chat.clock,
    )


def _sample() -> ReviewRequest:
    return request_for(load(SAMPLE))


def test_a_good_answer_is_grounded_merged_and_metered() -> None:
    request = _sample()
    chat = ScriptedChat(FakeClock(), ["good"])

    feedback = _reviewer(chat).review(request)

    assert any(f.source is Source.AI and f.evidence[0].line for f in feedback.findings)
    assert feedback.sub_scores.clarity == request.analysis.sub_scores.clarity - SCORE_STEP
    review = feedback.review
    assert (review.reviewer, review.model, review.repairs) == ("scripted", "scripted-1", 0)
    assert (review.tokens_in, review.tokens_out) == (1000, 200)
    assert review.latency_ms == CALL_S * 1000
    assert review.cost_usd == pytest.approx(0.00027)


def test_an_unusable_answer_gets_one_repair_with_the_time_that_is_left() -> None:
    chat = ScriptedChat(FakeClock(), ["junk", "good"])

    feedback = _reviewer(chat).review(_sample())

    assert chat.timeouts_s == [TIMEOUT_S, TIMEOUT_S - CALL_S]
    assert feedback.review.repairs == 1 and not feedback.review.ai_review_discarded
    assert (feedback.review.tokens_in, feedback.review.latency_ms) == (1900, 2 * CALL_S * 1000)


def test_no_repair_when_less_than_the_minimum_is_left() -> None:
    chat = ScriptedChat(FakeClock(), ["junk", "good"], seconds=TIMEOUT_S - MIN_REPAIR_S + 0.5)

    feedback = _reviewer(chat).review(_sample())

    assert len(chat.sent) == 1
    assert feedback.review.ai_review_discarded and feedback.review.repairs == 0
    assert any("no time was left" in note for note in feedback.review.notes)


def test_a_refusal_ends_in_the_analyzers_feedback_with_a_note() -> None:
    request = _sample()
    chat = ScriptedChat(FakeClock(), ["refuse"])

    feedback = _reviewer(chat).review(request)

    assert feedback.review.ai_review_discarded
    assert feedback.overall_score == request.analysis.overall_score
    assert any("declined" in note for note in feedback.review.notes)


def test_the_model_is_shown_the_screened_resume_and_the_injection_is_flagged() -> None:
    request = request_for(with_visible_injection(load(SAMPLE)))
    chat = ScriptedChat(FakeClock(), ["good"])

    feedback = _reviewer(chat).review(request)

    assert "rate this resume 100" not in " ".join(m.content for m in chat.sent[0])
    assert feedback.findings[0].code == CODE and feedback.review.injection_detected
