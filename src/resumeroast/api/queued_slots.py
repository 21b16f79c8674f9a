"""The cap on one client's unfinished jobs (MAX_QUEUED_PER_CLIENT), around an upload: a slot
is taken before the upload is stored (429 when there is none), becomes the job's once it is,
and is given back if the upload fails."""

from __future__ import annotations

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi.concurrency import run_in_threadpool

from resumeroast.adapters.queued_slots import RedisQueuedSlots
from resumeroast.core.jobs import Job
from resumeroast.errors import TooManyQueued
from resumeroast.pipeline import finished_jobs
from resumeroast.ports import JobStore

#: What a client at the cap is told to wait: about one ordinary review.
RETRY_AFTER_S = 30


@asynccontextmanager
async def queued_slot(
    slots: RedisQueuedSlots, client_key: str, jobs: JobStore
) -> AsyncIterator[list[tuple[Job, bool]]]:
    """Hold a slot while the body runs; the body appends the (job, created) it stored.

    Raises TooManyQueued when the client's slots are all held by jobs still queued or running.
    A cancelled request keeps its reservation (its job may be stored all the same) until the
    reservation's grace period ends."""
    if not slots.enabled:
        yield []
        return
    token = await _reserve(slots, client_key, jobs)
    stored: list[tuple[Job, bool]] = []
    try:
        yield stored
    except Exception:
        await slots.release(client_key, [token])
        raise
    if stored and stored[0][1]:
        await slots.bind(client_key, token, stored[0][0].id)
    else:  # an Idempotency-Key's earlier job: it already held its own slot
        await slots.release(client_key, [token])


async def _reserve(slots: RedisQueuedSlots, client_key: str, jobs: JobStore) -> str:
    token = await slots.reserve(client_key)
    if token is None:
        # At the cap: free the slots of jobs that have finished (or were deleted) since.
        held = await slots.job_ids(client_key)
        finished = await run_in_threadpool(finished_jobs, jobs, held)
        if finished:
            await slots.release(client_key, finished)
            token = await slots.reserve(client_key)
    if token is None:
        raise TooManyQueued(slots.per_client, retry_after_s=RETRY_AFTER_S)
    return token
