"""A job's row: to and from core's Job, who holds its lease, and failing it under that lease.

Shared by the job store and the dead letters (which fail the job and record the entry in one
transaction); `from_row` is the one row → core record mapper both use.
"""

from __future__ import annotations

import dataclasses
import secrets
from collections.abc import Callable
from datetime import datetime
from typing import Any, TypeVar

from sqlalchemy import ColumnElement, update
from sqlalchemy.orm import Session

from resumeroast.adapters.db.base import utcnow
from resumeroast.adapters.db.tables import JobRow
from resumeroast.core.documents import DocumentKind
from resumeroast.core.feedback import Level
from resumeroast.core.jobs import Job, JobStatus, LLMUsage, NewJob, Stage

Record = TypeVar("Record")


def new_owner_token(delivery: str | None = None) -> str:
    """The random part of a lease owner's id. Naming the task delivery in it lets the worker's
    main process fail the job of a run it stopped (hard time limit) without knowing the run's
    own id: see held_by."""
    token = secrets.token_hex(4)
    return f"{delivery}/{token}" if delivery else token


def held_by(owner: str | None, delivery: str | None) -> ColumnElement[bool]:
    """The job is processing under this run's lease: the run's owner id, or any run of this
    task delivery (owner ids end in ":{delivery}/{random}", see new_owner_token)."""
    if owner is not None:
        holder = JobRow.lease_owner == owner
    elif delivery is not None:
        holder = JobRow.lease_owner.contains(f":{delivery}/", autoescape=True)
    else:
        raise ValueError("say which run holds the job: owner or delivery")
    return (JobRow.status == JobStatus.PROCESSING.value) & holder


def fail_held(
    session: Session,
    job_id: str,
    held: ColumnElement[bool],
    code: str,
    reason: str,
    error: str | None,
) -> bool:
    """Mark the job failed if `held` still holds; False (nothing written) otherwise."""
    now = utcnow()
    result = session.execute(
        update(JobRow)
        .where(JobRow.id == job_id, held)
        .values(
            **finished(JobStatus.FAILED, now),
            failure_code=code,
            failure_reason=reason,
            last_error=error,
        )
    )
    return bool(result.rowcount == 1)  # type: ignore[attr-defined]


def finished(status: JobStatus, now: datetime) -> dict[str, Any]:
    """The columns every end of a job writes: its final status, no stage, no lease."""
    return {
        "status": status.value,
        "stage": None,
        "finished_at": now,
        "updated_at": now,
        "lease_owner": None,
        "lease_until": None,
    }


def new_job_row(job_id: str, new: NewJob, now: datetime) -> dict[str, Any]:
    return {
        "id": job_id,
        "status": JobStatus.QUEUED.value,
        "level": new.level.value,
        "kind": new.kind.value,
        "filename": new.filename,
        "size_bytes": len(new.data),
        "content_sha256": new.content_sha256,
        "job_description": new.job_description,
        "idempotency_key": new.idempotency_key,
        "previous_job_id": new.previous_job_id,
        "attempts": 0,
        "retries": 0,
        "tokens_in": 0,
        "tokens_out": 0,
        "cost_usd": 0.0,
        "latency_ms": 0,
        "created_at": now,
        "updated_at": now,
        "enqueued_at": now,
    }


def from_row(record: Callable[..., Record], row: object, **converted: object) -> Record:
    """A core record (a dataclass) from a row: each field from the column of the same name,
    unless `converted` gives it (enums, value objects, copies of mutable columns)."""
    names = [field.name for field in dataclasses.fields(record)]  # type: ignore[arg-type]
    return record(**{n: converted[n] if n in converted else getattr(row, n) for n in names})


def to_job(row: JobRow) -> Job:
    return from_row(
        Job,
        row,
        status=JobStatus(row.status),
        stage=Stage(row.stage) if row.stage else None,
        level=Level(row.level),
        kind=DocumentKind(row.kind),
        usage=LLMUsage(row.tokens_in, row.tokens_out, row.cost_usd, row.latency_ms),
    )
