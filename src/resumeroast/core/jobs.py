"""A review job as the core sees it: status, stage and what happened to it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Any

from resumeroast.core.documents import DocumentKind
from resumeroast.core.feedback import Level


class JobStatus(StrEnum):
    QUEUED = "queued"  #: accepted and stored; waiting for a worker (or for a retry)
    PROCESSING = "processing"  #: a worker holds the lease and is working on it
    COMPLETE = "complete"  #: feedback saved
    FAILED = "failed"  #: permanently failed or retries exhausted; failure_reason says why

    @property
    def is_final(self) -> bool:
        return self in (JobStatus.COMPLETE, JobStatus.FAILED)


class Stage(StrEnum):
    PARSING = "parsing"
    ANALYZING = "analyzing"
    REVIEWING = "reviewing"
    SAVING = "saving"


@dataclass(frozen=True)
class LLMUsage:
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float = 0.0
    latency_ms: int = 0


@dataclass(frozen=True)
class Job:
    id: str
    status: JobStatus
    stage: Stage | None
    level: Level
    kind: DocumentKind
    filename: str
    size_bytes: int
    job_description: str | None
    attempts: int  #: times a worker started it
    retries: int  #: transient failures so far
    failure_code: str | None
    failure_reason: str | None
    last_error: str | None
    retry_at: datetime | None
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    usage: LLMUsage
    #: A re-roast reads the upload of this job (None: the job's own upload).
    upload_of: str | None = None
    #: The earlier version of the same resume this one revises; None once that is deleted.
    previous_job_id: str | None = None


def is_large(size_bytes: int, large_from_bytes: int | None) -> bool:
    """Whether a job's upload goes to the bulk queue by its size (None or 0: by size, never).
    The upload's size is what is known before a worker has read it."""
    return bool(large_from_bytes) and size_bytes >= (large_from_bytes or 0)


@dataclass(frozen=True)
class QueueWait:
    """What a queued job waits for, to estimate when it starts."""

    ahead: int  #: queued jobs accepted before it
    typical_run_s: float | None  #: the median run of recent complete jobs; None before any

    def estimate_s(self) -> float | None:
        """Seconds until it is done, if each job ahead takes the typical run (one at a time:
        an upper bound with more workers); None with nothing to go on."""
        if self.typical_run_s is None:
            return None
        return round((self.ahead + 1) * self.typical_run_s, 1)


@dataclass(frozen=True)
class NewJob:
    data: bytes
    kind: DocumentKind
    filename: str
    level: Level
    job_description: str | None
    content_sha256: str
    idempotency_key: str | None = None
    #: The owner's earlier version of this resume (checked against its owner token by the API).
    previous_job_id: str | None = None
    #: The upload request's id, for the job's task message (logs only; never stored).
    request_id: str | None = None
    #: One of a client's extra jobs (it has another queued or running): published to the
    #: bulk queue whatever its size (never stored; see pipeline/submit.py).
    behind_own_jobs: bool = False


@dataclass(frozen=True)
class DeadLetter:
    id: int
    job_id: str
    task_name: str
    task_args: list[Any]
    error_type: str
    error_message: str
    traceback: str
    attempts: int
    first_attempt_at: datetime | None
    failed_at: datetime
