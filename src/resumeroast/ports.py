"""Ports: the small interfaces the pipeline needs; adapters implement them.

The review itself is core (core/review: the builtin reviewer and the LLM reviewer); the LLM
reviewer reaches a model through the chat-client port, ChatClient, which the vendor clients in
adapters/llm implement (openai-compatible, anthropic, local). ChatClient, ChatReply and
ReviewRequest are defined in core/review, which may not import this module, and named here.
Reviewer contract:
- `identity` names everything that changes the answer (provider, model, prompt version);
  the pipeline caches reviews under (document hash, job description hash, level, identity).
- `review()` returns grounded Feedback. A bad model answer is NOT an error: the reviewer
  falls back to the analyzer's feedback with a visible note. Provider outages raise
  LLMTransientError (with retry_after_s when known); rejected requests LLMPermanentError.
- `close()` releases what the reviewer holds (a local model server); the runtime calls it.
"""

from __future__ import annotations

from collections.abc import AsyncGenerator, Callable, Collection, Mapping, Sequence
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Protocol

from resumeroast.core.documents import Document, PageImage
from resumeroast.core.feedback import Feedback, Level
from resumeroast.core.jobs import DeadLetter, Job, LLMUsage, NewJob, QueueWait, Stage
from resumeroast.core.review.chat import ChatClient as ChatClient
from resumeroast.core.review.chat import ChatReply as ChatReply
from resumeroast.core.review.request import ReviewRequest as ReviewRequest


class Reviewer(Protocol):
    @property
    def identity(self) -> str: ...

    @property
    def is_billable(self) -> bool:
        """True when review() calls a model (its result is worth caching)."""
        ...

    def review(self, request: ReviewRequest) -> Feedback: ...

    def close(self) -> None: ...


class Submissions(Protocol):
    """Stores prepared uploads with their 'queued' jobs and publishes them (how: the pipeline's
    store_and_publish); may group uploads that arrive together into one write."""

    async def submit(self, new: NewJob) -> tuple[Job, bool]: ...

    def close(self) -> None:
        """Write what still waits."""
        ...


class TaskQueue(Protocol):
    def enqueue_review(
        self, job_id: str, *, countdown_s: float | None = None, large: bool = False
    ) -> None: ...

    def enqueue_reviews(
        self,
        job_ids: Sequence[str],
        *,
        request_ids: Mapping[str, str] | None = None,
        large: Collection[str] = (),
    ) -> None:
        """Publish many; request_ids (by job id) go in the messages' `request_id` header; the
        `large` ones go to the large documents' queue."""

    def queue_depth(self) -> int | None: ...

    def ping(self) -> bool: ...


class EventPublisher(Protocol):
    def publish(self, job_id: str, payload: dict[str, Any]) -> None: ...

    def subscribe(self, job_id: str) -> AsyncGenerator[dict[str, Any], None]: ...

    def ping(self) -> bool: ...

    def close(self) -> None: ...


@dataclass(frozen=True)
class RedrivenMessage:
    """A message the broker's redrive policy moved to its own dead-letter queue."""

    message_id: str
    job_id: str | None
    task_name: str | None
    receive_count: int


class RedriveQueue(Protocol):
    """The broker's own dead-letter queue (SQS's redrive policy), next to the database's."""

    def peek(self, *, limit: int = 100) -> Sequence[RedrivenMessage]: ...

    def replay(
        self, wanted: Callable[[RedrivenMessage], bool], put_back: Callable[[str], None]
    ) -> Sequence[RedrivenMessage]: ...


class Breaker(Protocol):
    def wait_s(self, name: str) -> float | None: ...

    def record(self, name: str, *, ok: bool) -> None: ...

    def is_open(self, name: str) -> bool: ...


class ProviderQuota(Protocol):
    """Requests and tokens per minute, and today's spend, shared by all workers."""

    def reserve(self, name: str, tokens: int) -> float | None: ...

    def add_spend(self, cost_usd: float) -> None: ...

    def spent_today_usd(self) -> float: ...

    def spend_cap_reached(self) -> bool: ...


class ParsedDocuments(Protocol):
    """A job's parsed upload, kept while the job may be run again."""

    def get(self, job_id: str, upload: bytes) -> Document | None: ...

    def put(self, job_id: str, upload: bytes, document: Document) -> None: ...

    def delete(self, job_id: str) -> None: ...


class Metrics(Protocol):
    def stage_seconds(self, stage: Stage, seconds: float) -> None: ...

    def job_finished(self, status: str) -> None: ...

    def retry_scheduled(self, reason: str) -> None: ...

    def llm_usage(self, provider: str, usage: LLMUsage) -> None: ...

    def provider_error(self, provider: str, kind: str) -> None: ...


class JobStore(Protocol):
    """Jobs, their uploads and feedback: the record of truth. Submit, read, the state machine
    under a run's lease, the reconciler's queries and retention.

    State changes are compare-and-set: two runs of one job can never both act on it.
    """

    def create_job(self, new: NewJob) -> tuple[Job, bool]: ...

    def create_jobs(self, news: Sequence[NewJob]) -> list[Job]: ...

    def get_job(self, job_id: str) -> Job: ...

    def get_feedback(self, job_id: str) -> Feedback | None: ...

    def create_reroast(
        self, source_id: str, *, level: Level, job_description: str | None
    ) -> Job: ...

    def load_upload(self, job_id: str) -> bytes: ...

    def count_by_status(self) -> dict[str, int]: ...

    def oldest_queued_age_s(self) -> float: ...

    def queue_wait(self, job: Job, *, recent: int = 20) -> QueueWait: ...

    def recent_failures(self, *, limit: int = 10) -> list[Job]: ...

    def claim_job(
        self, job_id: str, *, owner: str, lease_s: float, dead_owners: Sequence[str] = ()
    ) -> Job | None: ...

    def lease_owner(self, job_id: str) -> str | None: ...

    def set_stage(self, job_id: str, *, owner: str, stage: Stage) -> bool: ...

    def record_usage(self, job_id: str, *, owner: str, usage: LLMUsage) -> bool: ...

    def complete_job(self, job_id: str, *, owner: str, feedback: Feedback) -> bool: ...

    def fail_job(
        self,
        job_id: str,
        *,
        code: str,
        reason: str,
        error: str | None = None,
        owner: str | None = None,
        delivery: str | None = None,
    ) -> bool: ...

    def schedule_retry(self, job_id: str, *, owner: str, error: str, retry_at: datetime) -> int: ...

    def release_job(self, job_id: str, *, owner: str, retry_at: datetime, note: str) -> None: ...

    def find_stale_queued(self, *, stale_after_s: float, limit: int = 500) -> list[str]: ...

    def find_lease_lost(self, *, limit: int = 500) -> list[str]: ...

    def processing_owners(self) -> list[tuple[str, str | None]]: ...

    def mark_enqueued(self, job_ids: Sequence[str]) -> None: ...

    def delete_job(self, job_id: str) -> bool:
        """Delete the job and everything of it: True once no file holds it any more, False
        while a background scrub still removes its last copies (SQLite's journal)."""
        ...

    def delete_jobs(self, job_ids: Sequence[str]) -> int: ...

    def jobs_created_before(self, moment: datetime, *, limit: int = 1000) -> list[str]: ...

    def ping(self) -> bool:
        """The store answers (readiness)."""
        ...


class PageImageStore(Protocol):
    """A PDF upload's first pages as images, kept with the job and deleted with it."""

    def save_page_images(self, job_id: str, images: Sequence[PageImage]) -> None: ...

    def load_page_image(self, job_id: str, page: int) -> PageImage | None: ...


class ReviewCache(Protocol):
    """Billable reviews by content key (see process.review_cache_key); a job's deletion
    removes the reviews cached from it."""

    def get_cached_review(self, key: str) -> Feedback | None: ...

    def put_cached_review(self, key: str, feedback: Feedback, *, source_job_id: str) -> None: ...


class DeadLetterStore(Protocol):
    """Jobs that failed for good, with what a replay needs."""

    def dead_letter_job(
        self,
        job_id: str,
        *,
        code: str,
        reason: str,
        task_name: str,
        task_args: list[Any],
        error_type: str,
        error_message: str,
        traceback: str,
        owner: str | None = None,
        delivery: str | None = None,
    ) -> bool:
        """Fail the job and record the entry at once, only while the run holds the job."""
        ...

    def list_dead_letters(self, *, limit: int = 100) -> list[DeadLetter]: ...

    def get_dead_letter(self, entry_id: int) -> DeadLetter | None: ...

    def count_dead_letters(self) -> int: ...

    def requeue_for_replay(self, job_id: str) -> None: ...

    def delete_dead_letter(self, entry_id: int) -> None: ...

    def purge_dead_letters(self) -> int: ...


class Leases(Protocol):
    """Named leases: one process at a time does a periodic chore; workers' heartbeats."""

    def try_lease(self, name: str, *, owner: str, duration_s: float) -> bool: ...

    def workers_seen(self, *, prefix: str = "worker:") -> list[str]: ...


#: The job a model call is made for, while the pipeline reviews it (None otherwise). Hosted
#: providers' clients send it to the LLM relay, which shares a kept reply only within one job:
#: a redelivered task gets the reply its predecessor paid for, while another job (the same
#: resume resubmitted after an unusable answer) asks the model again. Never sent upstream.
LLM_CALL_SCOPE: ContextVar[str | None] = ContextVar("llm_call_scope", default=None)
#: The header that carries LLM_CALL_SCOPE from a worker to the relay.
LLM_SCOPE_HEADER = "x-resumeroast-scope"


def llm_scope_headers() -> dict[str, str]:
    """The relay scope header for the call being made, if any."""
    scope = LLM_CALL_SCOPE.get()
    return {LLM_SCOPE_HEADER: scope} if scope else {}
