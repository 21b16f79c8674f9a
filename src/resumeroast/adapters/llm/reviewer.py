"""The LLM reviewer: one flow for every provider.

screen → score the clean resume → build the prompt → ask → (one repair) → ground → merge.
A bad answer is not an outage: it ends in the analyzer's feedback with a visible note.
Only the chat client raises (LLMTransientError / LLMPermanentError), for provider errors.
"""

from __future__ import annotations

import time
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from resumeroast.adapters.llm.cost import Price
from resumeroast.adapters.llm.screening import Prepared, flag_injection, prepare
from resumeroast.core.analysis import render_feedback
from resumeroast.core.feedback import Feedback, ReviewInfo
from resumeroast.core.grounding import QuoteIndex
from resumeroast.core.llm_answer import AnswerCheck, FinishReason, answer_json_schema, check_answer
from resumeroast.core.llm_merge import GroundingContext, ground_answer, grounding_notes, merge_answer
from resumeroast.core.prompts import (
    PROMPT_VERSION,
    Message,
    PromptBudget,
    PromptDoesNotFit,
    ReviewPrompt,
    build_repair_messages,
    build_review_prompt,
)
from resumeroast.errors import LLMPermanentError
from resumeroast.ports import ReviewRequest


@dataclass(frozen=True)
class ChatReply:
    text: str | None  #: the JSON text (a tool call's input, serialised, for Anthropic)
    finish: FinishReason
    tokens_in: int = 0
    tokens_out: int = 0


class ChatClient(Protocol):
    @property
    def model(self) -> str: ...

    def complete(self, messages: Sequence[Message], schema: Mapping[str, Any]) -> ChatReply: ...

    def close(self) -> None: ...


@dataclass
class Exchange:
    """Everything that happened between us and the model for one review."""

    check: AnswerCheck
    refused: bool = False
    repairs: int = 0
    tokens_in: int = 0
    tokens_out: int = 0
    latency_ms: int = 0


class LLMReviewer:
    def __init__(self, client: ChatClient, *, name: str, budget: PromptBudget, price: Price | None) -> None:
        self._client = client
        self._name = name
        self._budget = budget
        self._price = price

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
        prepared = prepare(request)
        base = render_feedback(prepared.analysis, request.level)
        try:
            prompt = build_review_prompt(
                prepared.screened.document,
                prepared.analysis,
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
        feedback = self._merge(base, prepared, request, prompt, exchange)
        return flag_injection(feedback, prepared.screened)

    # --- talking to the model ------------------------------------------------------------

    def _ask(self, messages: Sequence[Message], exchange: Exchange) -> ChatReply:
        started = time.monotonic()
        try:
            reply = self._client.complete(messages, answer_json_schema())
        finally:
            exchange.latency_ms += round((time.monotonic() - started) * 1000)
        exchange.tokens_in += reply.tokens_in
        exchange.tokens_out += reply.tokens_out
        return reply

    def _converse(self, prompt: ReviewPrompt) -> Exchange:
        exchange = Exchange(check=AnswerCheck(None, ()))
        reply = self._ask(prompt.messages, exchange)
        if reply.finish == "refusal":
            exchange.refused = True
            return exchange
        exchange.check = check_answer(reply.text, reply.finish)
        if exchange.check.ok:
            return exchange
        exchange.repairs = 1
        repair = build_repair_messages(prompt, reply.text or "", exchange.check.problems)
        reply = self._ask(repair, exchange)
        exchange.refused = reply.finish == "refusal"
        exchange.check = check_answer(reply.text, reply.finish) if not exchange.refused else exchange.check
        return exchange

    # --- turning the exchange into feedback ---------------------------------------------

    def _merge(
        self, base: Feedback, prepared: Prepared, request: ReviewRequest, prompt: ReviewPrompt, exchange: Exchange
    ) -> Feedback:
        info = self._info(prepared, exchange)
        notes: list[str] = []
        if prompt.omitted_lines:
            notes.append(
                f"{prompt.omitted_lines} less informative line(s) did not fit the model's context "
                "and were not shown to the AI (the analyzer read everything)."
            )
        answer = exchange.check.answer
        if answer is None:
            notes.append(_discard_note(exchange))
            review = info.model_copy(update={"ai_review_discarded": True, "notes": notes})
            return base.model_copy(update={"review": review})
        document = prepared.screened.document
        context = GroundingContext(
            index=QuoteIndex(document.lines),
            placeholders=prompt.placeholders,
            known_text=_known_text(base, document.text, request.job_description),
        )
        grounded = ground_answer(answer, context)
        review = info.model_copy(
            update={
                "dropped_quotes": grounded.dropped_quotes,
                "dropped_rewrites": grounded.dropped_rewrites,
                "verified_quotes": grounded.verified_quotes,
                "notes": [*notes, *grounding_notes(grounded)],
            }
        )
        return merge_answer(base, grounded).model_copy(update={"review": review})

    def _info(self, prepared: Prepared, exchange: Exchange) -> ReviewInfo:
        price = self._price
        return ReviewInfo(
            reviewer=self._name,
            model=self._client.model,
            prompt_version=PROMPT_VERSION,
            analyzer_version=prepared.analysis.version,
            repairs=exchange.repairs,
            tokens_in=exchange.tokens_in,
            tokens_out=exchange.tokens_out,
            cost_usd=price.cost_usd(exchange.tokens_in, exchange.tokens_out) if price else 0.0,
            latency_ms=exchange.latency_ms,
            notes=[] if price else [f"Cost unknown for model {self._client.model}: shown as 0."],
        )


def _discard_note(exchange: Exchange) -> str:
    if exchange.refused:
        return (
            "AI review discarded: the model declined to review this resume. "
            "This feedback comes from the deterministic analyzer alone."
        )
    reason = exchange.check.problems[0] if exchange.check.problems else "unusable answer"
    return (
        f"AI review discarded: the model's answer was unusable after one repair attempt "
        f"({reason}). This feedback comes from the deterministic analyzer alone."
    )


def _known_text(base: Feedback, resume: str, job_description: str | None) -> str:
    """Where a number in an AI remark may legitimately come from."""
    parts = [
        resume,
        base.facts.model_dump_json(),
        base.sub_scores.model_dump_json(),
        str(base.overall_score),
        *(f.message for f in base.findings),
        job_description or "",
    ]
    return "\n".join(parts)
