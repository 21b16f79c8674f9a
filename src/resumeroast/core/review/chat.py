"""The chat-client port: one model behind one vendor's API.

The review (reviewer.py) talks to a model only through this protocol; the vendor clients in
adapters/llm implement it and translate their SDK's errors at the edge: a provider outage
raises LLMTransientError (with retry_after_s when known), a rejected request
LLMPermanentError. A bad answer is not an error: it is a reply the review judges.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from resumeroast.core.review.answer import AnswerLimits, FinishReason
from resumeroast.core.review.prompts import Message


@dataclass(frozen=True)
class ChatReply:
    text: str | None  #: the JSON text (a tool call's input, serialised, for Anthropic)
    finish: FinishReason
    tokens_in: int = 0
    tokens_out: int = 0


class ChatClient(Protocol):
    """One model behind one vendor's API; raises LLMTransientError / LLMPermanentError."""

    @property
    def model(self) -> str: ...

    def complete(
        self, messages: Sequence[Message], limits: AnswerLimits, *, timeout_s: float
    ) -> ChatReply: ...

    def close(self) -> None: ...
