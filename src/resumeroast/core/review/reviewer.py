"""The LLM reviewer: one flow for every provider, over the chat-client port (chat.py).

prompt (of the screened resume and its analysis, request.py) → ask → (one repair) → ground →
merge → flag injection. A bad answer is not an outage: it ends in the analyzer's feedback
with a visible note. Only the chat client raises (LLMTransientError / LLMPermanentError),
for provider errors.

Time: LLM_TIMEOUT_S bounds the whole review, not each call. The repair round trip gets
what the first call left; when that is under MIN_REPAIR_S the answer is discarded
instead, so a slow local model ends in a complete job with a note, not in a time-out.
The clock is given (time.monotonic in production): the review reads nothing itself.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from resumeroast.core.analysis import Analysis, render_feedback
from resumeroast.core.feedback import Feedback, ReviewInfo
from resumeroast.core.review.answer import AnswerCheck, check_answer
from resumeroast.core.review.chat import ChatClient, ChatReply
from resumeroast.core.review.cost import Price
from resumeroast.core.review.disputes import DisputeContext, claims, corrected_analysis
from resumeroast.core.review.injection import flag_injection
from resumeroast.core.review.merge import (
    GroundingContext,
    ground_answer,
    grounding_notes,
    merged_feedback,
)
from resumeroast.core.review.prompts import (
    PROMPT_VERSION,
    Message,
    PromptBudget,
    PromptDoesNotFit,
    ReviewPrompt,
    build_repair_messages,
    build_review_prompt,
)
from resumeroast.core.review.request import ReviewRequest
from resumeroast.errors import LLMPermanentError

Clock = Callable[[], float]  #: monotonic seconds


@dataclass
class Exchange:
    """Everything that happened between us and the model for one review."""

    check: AnswerCheck
    refused: bool = False
    repairs: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    latency_ms: int = 0


MIN_REPAIR_S = 5.0


class LLMReviewer:
    def __init__(
        self,
        client: ChatClient,
        *,
        name: str,
        budget: PromptBudget,
        price: Price | None,
        timeout_s: float,
        clock: Clock,
    ) -> None:
        self._client = client
        self._name = name
        self._budget = budget
        self._price = price
        self._timeout_s = timeout_s
        self._clock = clock

    def __repr__(self) -> str:
        return f"LLMReviewer(identity={self.identity!r})"

    @property
    def identity(self) -> str:
        return f"{self._name}:{self._client.model}:{PROMPT_VERSION}"

    @property
    def is_billable(self) -> bool:
        return True

    def close(self) -> None:
        self._client.close()

    def review(self, request: ReviewRequest) -> Feedback:
        try:
            prompt = build_review_prompt(
                request.screened.document,
                request.analysis,
                job_description=request.job_description,
                level=request.level,
                budget=self._budget,
            )
        except PromptDoesNotFit as exc:
            raise LLMPermanentError(
                str(exc),
                user_message="The AI reviewer's context is too small for a review: "
                "raise LLM_CONTEXT_TOKENS or lower LLM_MAX_OUTPUT_TOKENS.",
            ) from None
        exchange = self._converse(prompt)
        feedback = self._feedback(request, prompt, exchange)
        return flag_injection(feedback, request.screened)

    # --- talking to the model ------------------------------------------------------------

    def _ask(
        self,
        messages: Sequence[Message],
        prompt: ReviewPrompt,
        exchange: Exchange,
        timeout_s: float,
    ) -> ChatReply:
        started = self._clock()
        try:
            reply = self._client.complete(messages, prompt.limits, timeout_s=timeout_s)
        finally:
            exchange.latency_ms += round((self._clock() - started) * 1000)
        exchange.tokens_in += reply.tokens_in
        exchange.tokens_out += reply.tokens_out
        return reply

    def _converse(self, prompt: ReviewPrompt) -> Exchange:
        exchange = Exchange(check=AnswerCheck(None, ()))
        deadline = self._clock() + self._timeout_s
        reply = self._ask(prompt.messages, prompt, exchange, self._timeout_s)
        if reply.finish == "refusal":
            exchange.refused = True
            return exchange
        exchange.check = check_answer(reply.text, reply.finish, prompt.limits)
        left_s = deadline - self._clock()
        if exchange.check.ok or left_s < MIN_REPAIR_S:
            return exchange
        exchange.repairs = 1
        repair = build_repair_messages(prompt, reply.text or "", exchange.check.problems)
        reply = self._ask(repair, prompt, exchange, left_s)
        exchange.refused = reply.finish == "refusal"
        if not exchange.refused:
            exchange.check = check_answer(reply.text, reply.finish, prompt.limits)
        return exchange

    # --- turning the exchange into feedback ---------------------------------------------

    def _feedback(
        self, request: ReviewRequest, prompt: ReviewPrompt, exchange: Exchange
    ) -> Feedback:
        analysis, notes = request.analysis, self._notes(prompt)
        answer = exchange.check.answer
        if answer is None:
            feedback = render_feedback(analysis, request.level)
            info = self._info(analysis, exchange, ai_review_discarded=True)
            notes.append(_discard_note(exchange))
        else:
            document = request.screened.document
            context = GroundingContext.of(
                document.lines,
                analysis,
                placeholders=prompt.placeholders,
                known_text=_known_text(analysis, document.text, request.job_description),
                disputes=DisputeContext(
                    claims=claims(analysis.findings, analysis.facts),
                    sections=analysis.sections,
                    lines={line.number: line.text for line in document.lines},
                ),
            )
            grounded = ground_answer(answer, context)
            resolution = corrected_analysis(
                analysis, document, request.job_description, grounded.disputes, context.disputes
            )
            feedback = merged_feedback(analysis, request.level, grounded, resolution)
            info = self._info(
                analysis,
                exchange,
                dropped_quotes=grounded.dropped_quotes,
                dropped_rewrites=grounded.dropped_rewrites,
                verified_quotes=grounded.verified_quotes,
            )
            notes.extend(grounding_notes(grounded))
        return feedback.model_copy(update={"review": info.model_copy(update={"notes": notes})})

    def _notes(self, prompt: ReviewPrompt) -> list[str]:
        notes = []  # for the job seeker: an unknown price is the operator's (logged at start)
        if prompt.omitted_lines:
            notes.append(
                f"{prompt.omitted_lines} less informative line(s) did not fit the model's context "
                "and were not shown to the AI (the analyzer read everything)."
            )
        return notes

    def _info(self, analysis: Analysis, exchange: Exchange, **counts: Any) -> ReviewInfo:
        price = self._price
        return ReviewInfo(
            reviewer=self._name,
            model=self._client.model,
            prompt_version=PROMPT_VERSION,
            analyzer_version=analysis.version,
            repairs=exchange.repairs,
            tokens_in=exchange.tokens_in,
            tokens_out=exchange.tokens_out,
            cost_usd=price.cost_usd(exchange.tokens_in, exchange.tokens_out) if price else 0.0,
            latency_ms=exchange.latency_ms,
            **counts,
        )


def _discard_note(exchange: Exchange) -> str:
    if exchange.refused:
        return (
            "AI review discarded: the model declined to review this resume. "
            "This feedback comes from the deterministic analyzer alone."
        )
    reason = exchange.check.problems[0] if exchange.check.problems else "unusable answer"
    when = "after one repair attempt" if exchange.repairs else "and no time was left to repair it"
    return (
        f"AI review discarded: the model's answer was unusable {when} ({reason}). "
        "This feedback comes from the deterministic analyzer alone."
    )


def _known_text(analysis: Analysis, resume: str, job_description: str | None) -> str:
    """Where a number in an AI remark may legitimately come from. Not the scores: a remark
    or verdict that names a score ("100/100") would contradict the bounded score shown."""
    parts = [
        resume,
        analysis.facts.model_dump_json(),
        *(f.message for f in analysis.findings),
        job_description or "",
    ]
    return "\n".join(parts)
