"""Ports: the small interfaces the pipeline needs; adapters implement them.

Implementations live in adapters/llm (builtin, openai-compatible, anthropic, local).
Contract:
- `identity` names everything that changes the answer (provider, model, prompt version);
  the pipeline caches reviews under (document hash, job description hash, level, identity).
- `review()` returns grounded Feedback. A bad model answer is NOT an error: the reviewer
  falls back to the analyzer's feedback with a visible note. Provider outages raise
  LLMTransientError (with retry_after_s when known); rejected requests LLMPermanentError.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from resumeroast.core.analysis import Analysis
from resumeroast.core.documents import Document
from resumeroast.core.feedback import Feedback, Level


@dataclass(frozen=True)
class ReviewRequest:
    document: Document
    analysis: Analysis
    job_description: str | None
    level: Level


class Reviewer(Protocol):
    @property
    def identity(self) -> str: ...

    @property
    def is_billable(self) -> bool:
        """True when review() calls a model (its result is worth caching)."""
        ...

    def review(self, request: ReviewRequest) -> Feedback: ...
