"""A review job as the core sees it: status, stage and what happened to it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum

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
