"""Reconcile: the database is the record of accepted jobs; republish the ones not moving,
and delete what is past the retention period."""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime, timedelta

import structlog

from resumeroast.pipeline.deps import Deps
from resumeroast.pipeline.submit import enqueue, large_jobs

log = structlog.get_logger(__name__)


def reconcile(
    deps: Deps, *, stale_after_s: float, dead_owner: Callable[[str | None], bool]
) -> list[str]:
    """Re-enqueue accepted jobs that are not moving. Safe to repeat: the claim dedupes.

    The database is the record of accepted jobs, so even a broker that lost every message
    loses no job: stale 'queued' rows and 'processing' rows whose lease ran out (or whose
    owner process is gone) are published again. A backlog is not a loss, though: while the
    broker's queue holds at least as many messages as there are stale queued jobs, they are
    waiting their turn and publishing them again would only pile up duplicates each round.
    Each goes back to the queue its upload's size chose the first time.
    """
    queued = deps.jobs.find_stale_queued(stale_after_s=stale_after_s)
    depth = deps.queue.queue_depth() if queued else None
    if depth is not None and depth >= len(queued):
        log.info("reconciler_backlog_not_republished", stale=len(queued), queue_depth=depth)
        queued = []
    lease_lost = deps.jobs.find_lease_lost()
    orphaned = [job_id for job_id, owner in deps.jobs.processing_owners() if dead_owner(owner)]
    job_ids = list(dict.fromkeys(queued + lease_lost + orphaned))
    enqueue(
        deps.queue, job_ids, large=large_jobs(deps.jobs, job_ids, deps.limits.large_upload_bytes)
    )
    deps.jobs.mark_enqueued(job_ids)
    if job_ids:
        log.info("reconciler_reenqueued", count=len(job_ids))
    return job_ids


def purge_expired(deps: Deps, *, retention_days: float) -> int:
    """Delete everything about jobs older than the retention period."""
    cutoff = datetime.now(UTC) - timedelta(days=retention_days)
    deleted = 0
    while job_ids := deps.jobs.jobs_created_before(cutoff, limit=500):
        deleted += deps.jobs.delete_jobs(job_ids)
    if deleted:
        log.info("retention_purged", count=deleted)
    return deleted
