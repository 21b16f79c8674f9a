"""The status event published on every change of a job."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from resumeroast.core.jobs import Job
from resumeroast.pipeline.deps import Deps


def job_event(job: Job) -> dict[str, Any]:
    """The small status document sent on every change (the feedback is fetched separately)."""
    return {
        "job_id": job.id,
        "status": job.status.value,
        "stage": job.stage.value if job.stage else None,
        "attempts": job.attempts,
        "retries": job.retries,
        "retry_at": _iso(job.retry_at),
        "failure_reason": job.failure_reason,
        "updated_at": _iso(job.updated_at),
    }


def publish_job(deps: Deps, job: Job) -> None:
    deps.events.publish(job.id, job_event(job))


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None
