"""Group commit of uploads: many at once are each stored and enqueued once; a failure answers
every waiting upload and loses nothing that was stored. Real SQLite, a recording queue, the
pipeline's store_and_publish as the group write (as bootstrap wires it)."""

from __future__ import annotations

import asyncio
import threading
import time
from collections.abc import Collection, Mapping, Sequence
from functools import partial
from pathlib import Path
from typing import Any

import pytest

from resumeroast.adapters.db.job_store import SqlJobStore
from resumeroast.adapters.submissions import GroupCommitSubmissions
from resumeroast.bootstrap import group_commit
from resumeroast.core.documents import DocumentKind
from resumeroast.core.feedback import Level
from resumeroast.core.jobs import JobStatus, NewJob
from resumeroast.errors import BrokerUnavailable, TransientError
from resumeroast.pipeline import store_and_publish
from tests.support.aio import run_async


class RecordingQueue:
    def __init__(self, *, fail: bool = False) -> None:
        self.enqueued: list[str] = []
        self.batches: list[int] = []
        self.fail = fail

    def enqueue_reviews(
        self,
        job_ids: Sequence[str],
        *,
        request_ids: Mapping[str, str] | None = None,
        large: Collection[str] = (),
    ) -> None:
        del request_ids
        if self.fail:
            raise BrokerUnavailable("broker down")
        self.enqueued.extend(job_ids)
        self.batches.append(len(job_ids))


def upload(n: int) -> NewJob:
    return NewJob(
        data=f"resume {n}".encode(),
        kind=DocumentKind.TXT,
        filename=f"r{n}.txt",
        level=Level.HONEST,
        job_description=None,
        content_sha256=f"{n:064d}",
    )


def submit_all(writer: GroupCommitSubmissions, count: int) -> list[Any]:
    """count uploads at once, as concurrent requests: each stored job, or the error."""

    async def all_at_once() -> list[Any]:
        try:
            return await asyncio.gather(
                *(writer.submit(upload(n)) for n in range(count)), return_exceptions=True
            )
        finally:
            writer.close()

    return [
        answer if isinstance(answer, BaseException) else answer[0]
        for answer in run_async(all_at_once())
    ]


def test_a_burst_of_uploads_is_stored_and_enqueued_once_each(jobs: SqlJobStore) -> None:
    queue = RecordingQueue()
    writer = GroupCommitSubmissions(partial(store_and_publish, jobs, queue), max_batch=8)
    stored = submit_all(writer, 50)
    ids = [job.id for job in stored]
    assert len(set(ids)) == 50
    assert sorted(queue.enqueued) == sorted(ids)
    # Arrived in one turn of the loop: stored in transactions of up to 8, not one by one.
    assert queue.batches == [8, 8, 8, 8, 8, 8, 2]
    for n, job in enumerate(stored):  # each answer is its own upload's job
        assert job.filename == f"r{n}.txt"
        assert jobs.load_upload(job.id) == f"resume {n}".encode()
        assert jobs.get_job(job.id).status is JobStatus.QUEUED


def test_a_broker_outage_keeps_the_jobs_queued_for_the_reconciler(
    jobs: SqlJobStore,
) -> None:
    stored = submit_all(group_commit(jobs, RecordingQueue(fail=True)), 5)
    assert all(jobs.get_job(job.id).status is JobStatus.QUEUED for job in stored)


def test_a_database_outage_answers_every_waiting_upload(jobs: SqlJobStore) -> None:
    jobs.engine.dispose()
    Path(str(jobs.engine.url.database)).unlink()
    Path(str(jobs.engine.url.database)).mkdir()  # unopenable: every write fails
    queue = RecordingQueue()
    answers = submit_all(group_commit(jobs, queue), 5)
    assert all(isinstance(answer, TransientError) for answer in answers), answers
    assert queue.enqueued == []


def test_create_jobs_refuses_idempotency_keys(jobs: SqlJobStore) -> None:
    keyed = NewJob(**{**upload(1).__dict__, "idempotency_key": "k"})
    with pytest.raises(ValueError, match="Idempotency-Key"):
        jobs.create_jobs([upload(0), keyed])


def test_a_write_that_waits_on_the_database_does_not_stop_the_event_loop(
    jobs: SqlJobStore,
) -> None:
    """A group write blocked on a lock (say SQLite's writer lock behind a checkpoint) must not
    freeze the other requests of the process: the loop keeps turning, and the upload is
    stored once the lock is free."""
    released = threading.Event()
    store = partial(store_and_publish, jobs, RecordingQueue())

    def write_behind_a_lock(news: Sequence[NewJob]) -> list[Any]:
        assert released.wait(timeout=5), "the test never released the lock"
        return store(news)

    async def upload_and_keep_serving() -> tuple[int, Any]:
        writer = GroupCommitSubmissions(write_behind_a_lock)
        try:
            waiting = asyncio.ensure_future(writer.submit(upload(1)))
            turns = 0
            deadline = time.monotonic() + 5
            while turns < 50 and time.monotonic() < deadline:  # other requests being served
                await asyncio.sleep(0.001)
                turns += 1
            released.set()
            return turns, await asyncio.wait_for(waiting, timeout=10)
        finally:
            released.set()
            writer.close()

    turns, (job, created) = run_async(upload_and_keep_serving())
    assert turns == 50
    assert created and jobs.get_job(job.id).status is JobStatus.QUEUED
