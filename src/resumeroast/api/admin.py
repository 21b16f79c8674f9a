"""Admin API behind the admin token: the dead-letter queue and the queue's health."""

from __future__ import annotations

import hmac
from datetime import datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Header
from pydantic import BaseModel

from resumeroast import pipeline
from resumeroast.api.deps import RuntimeDep
from resumeroast.bootstrap import Runtime
from resumeroast.errors import AdminAuthRequired


def require_admin(rt: RuntimeDep, authorization: Annotated[str | None, Header()] = None) -> Runtime:
    expected = rt.settings.admin_token
    given = (authorization or "").removeprefix("Bearer ").strip()
    if (
        expected is None
        or not given
        or not hmac.compare_digest(given.encode(), expected.get_secret_value().encode())
    ):
        raise AdminAuthRequired()
    return rt


AdminDep = Annotated[Runtime, Depends(require_admin)]
router = APIRouter(prefix="/api/admin", tags=["admin"])


class DeadLetterPublic(BaseModel):
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


class Replayed(BaseModel):
    job_id: str
    status: str = "queued"


class RecentFailure(BaseModel):
    job_id: str
    code: str | None
    reason: str | None
    finished_at: datetime | None


class QueueStats(BaseModel):
    jobs_by_status: dict[str, int]
    queue_depth: int | None
    dead_letters: int
    workers: list[str]  #: worker processes seen in the last few reconcile rounds (host:pid)
    recent_failures: list[RecentFailure]


@router.get(
    "/dlq",
    response_model=list[DeadLetterPublic],
    operation_id="listDeadLetters",
    responses={401: {"description": "No admin token"}},
)
def list_dead_letters(rt: AdminDep, limit: int = 100) -> list[DeadLetterPublic]:
    return [
        DeadLetterPublic(**vars(e))
        for e in pipeline.list_dead_letters(rt.deps, limit=min(limit, 1000))
    ]


@router.post(
    "/dlq/{entry_id}/replay",
    response_model=Replayed,
    operation_id="replayDeadLetter",
    responses={401: {}, 404: {}},
)
def replay_entry(entry_id: int, rt: AdminDep) -> Replayed:
    return Replayed(job_id=pipeline.replay_dead_letter(rt.deps, entry_id))


@router.get("/stats", response_model=QueueStats, operation_id="getQueueStats", responses={401: {}})
def get_queue_stats(rt: AdminDep) -> QueueStats:
    depth = rt.deps.queue.queue_depth()
    failures = [
        RecentFailure(
            job_id=job.id,
            code=job.failure_code,
            reason=job.failure_reason,
            finished_at=job.finished_at,
        )
        for job in rt.deps.jobs.recent_failures(limit=10)
    ]
    return QueueStats(
        jobs_by_status=rt.deps.jobs.count_by_status(),
        queue_depth=depth,
        dead_letters=rt.deps.dead_letters.count_dead_letters(),
        workers=rt.deps.leases.workers_seen(),
        recent_failures=failures,
    )
