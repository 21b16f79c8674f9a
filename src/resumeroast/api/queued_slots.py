"""The cap on one client's unfinished jobs (MAX_QUEUED_PER_CLIENT), around an upload: a slot
is taken before the upload is stored (429 when there is none), becomes the job's once it is,
and is given back if the upload fails.

The same bookkeeping tells whether the client already has a job queued or running: such an
upload is one of its extra jobs, and goes to the bulk queue (pipeline/submit.py), so a client
with many uploads has one at a time on the ordinary queue, like everyone else."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field

from fastapi.concurrency import run_in_threadpool

from resumeroast.adapters.queued_slots import RedisQueuedSlots
from resumeroast.core.jobs import Job
from resumeroast.errors import TooManyQueued
from resumeroast.pipeline import finished_jobs
from resumeroast.ports import JobStore

#: What a client at the cap is told to wait: about one ordinary review.
RETRY_AFTER_S = 30


@dataclass
class Slot:
    #: The body appends the (job, created) it stored.
    stored: list[tuple[Job, bool]] = field(default_factory=list)
    #: The client has another job queued or running, or another upload in flight.
    behind_own_jobs: bool = False


@asynccontextmanager
async def queued_slot(
    slots: RedisQueuedSlots, client_key: str, jobs: JobStore
) -> AsyncIterator[Slot]:
    """Hold a slot while the body runs.

    Raises TooManyQueued when the client's slots are all held by jobs still queued or running.
    A cancelled request keeps its reservation (its job may be stored all the same) until the
    reservation's grace period ends. Without the cap (MAX_QUEUED_PER_CLIENT=0) nothing is
    counted, and no upload is told apart as an extra one."""
    if not slots.enabled:
        yield Slot()
        return
    token = await _reserve(slots, client_key, jobs)
    slot = Slot(behind_own_jobs=await _holds_others(slots, client_key, token, jobs))
    try:
        yield slot
    except Exception:
        await slots.release(client_key, [token])
        raise
    if slot.stored and slot.stored[0][1]:
        await slots.bind(client_key, token, slot.stored[0][0].id)
    else:  # an Idempotency-Key's earlier job: it already held its own slot
        await slots.release(client_key, [token])


async def _reserve(slots: RedisQueuedSlots, client_key: str, jobs: JobStore) -> str:
    token = await slots.reserve(client_key)
    if token is None:
        # At the cap: free the slots of jobs that have finished (or were deleted) since.
        await _release_finished(slots, client_key, await slots.job_ids(client_key), jobs)
        token = await slots.reserve(client_key)
    if token is None:
        raise TooManyQueued(slots.per_client, retry_after_s=RETRY_AFTER_S)
    return token


async def _holds_others(
    slots: RedisQueuedSlots, client_key: str, token: str, jobs: JobStore
) -> bool:
    """Whether the client has another job still unfinished or another upload in flight. Its
    earlier jobs that have finished give their slots back on the way (one database read, only
    for a client that holds some)."""
    job_ids, in_flight = await slots.held_besides(client_key, token)
    unfinished = len(job_ids) - await _release_finished(slots, client_key, job_ids, jobs)
    return unfinished + in_flight > 0


async def _release_finished(
    slots: RedisQueuedSlots, client_key: str, job_ids: list[str], jobs: JobStore
) -> int:
    if not job_ids:
        return 0
    finished = await run_in_threadpool(finished_jobs, jobs, job_ids)
    await slots.release(client_key, finished)
    return len(finished)
