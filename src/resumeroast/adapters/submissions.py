"""The submissions port with group commit: uploads that arrive while a group is being written
are stored in the next group, in one transaction, and published in one Redis round trip.

What a group write does (store, publish, a broker that is down) is the pipeline's
(`submit.store_and_publish`, given by bootstrap); this module only groups the uploads.

Under load each upload would otherwise pay for its own transaction, its own commit and its own
thread-pool hop. The first upload schedules a flush for the end of the loop's turn, so uploads
read in the same turn join it and a lone upload goes out at once. Nothing waits on a timer.

Groups are written by one thread of their own, never on the event loop: a write can wait on a
lock (SQLite's writer lock behind a checkpoint, a PostgreSQL row lock, a pool slot), on the
network or on a disk, and on the loop that wait froze every request of the process (/healthz
took 14.6 s behind a DELETE's checkpoint). While one group is written the next one gathers,
so a slower write makes bigger groups rather than a queue of small ones. An upload with an
Idempotency-Key is written alone, in the shared thread pool: it may answer with the job an
earlier request made.

One upload the database refuses must not fail the others of its group: a batch that fails for
any reason but a passing one (a locked or unreachable database fails them all alike) is written
again one upload at a time, so only the refused one answers with its error.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

import structlog

from resumeroast.core.jobs import Job, NewJob
from resumeroast.errors import TransientError

log = structlog.get_logger(__name__)

#: Rows per transaction: bounds a batch's memory (uploads are up to the size limit each).
MAX_BATCH = 32


#: Stores a group of prepared uploads and publishes the new jobs: (job, created) for each.
WriteGroup = Callable[[Sequence[NewJob]], list[tuple[Job, bool]]]
#: Each upload's answer: its (job, created), or the error it fails with.
Outcome = tuple[Job, bool] | BaseException


@dataclass
class _Pending:
    new: NewJob
    future: asyncio.Future[tuple[Job, bool]]


class GroupCommitSubmissions:
    def __init__(self, write: WriteGroup, *, max_batch: int = MAX_BATCH) -> None:
        self._write_group = write
        self._max_batch = max_batch
        self._pending: list[_Pending] = []
        self._busy = False  # a flush is scheduled or a group is being written
        self._closed = False
        self._writer = ThreadPoolExecutor(max_workers=1, thread_name_prefix="group-commit")

    def close(self) -> None:
        """Let the group being written finish, then store what is still waiting."""
        self._closed = True
        self._writer.shutdown(wait=True)
        pending, self._pending = self._pending, []
        for start in range(0, len(pending), self._max_batch):
            batch = pending[start : start + self._max_batch]
            _settle(batch, self._write([p.new for p in batch]))

    async def submit(self, new: NewJob) -> tuple[Job, bool]:
        """Store and publish one prepared upload: (job, created)."""
        if new.idempotency_key is not None:  # alone: it may find an earlier request's job
            [stored] = await asyncio.to_thread(self._write_group, [new])
            return stored
        loop = asyncio.get_running_loop()
        future: asyncio.Future[tuple[Job, bool]] = loop.create_future()
        self._pending.append(_Pending(new, future))
        if not self._busy:
            self._busy = True
            loop.call_soon(self._flush, loop)
        return await future

    def _flush(self, loop: asyncio.AbstractEventLoop) -> None:
        """Hand the next group to the writer thread; called again when it is written."""
        if self._closed:  # close() stores what is left
            return
        batch = self._pending[: self._max_batch]
        del self._pending[: self._max_batch]
        if not batch:
            self._busy = False
            return
        written = self._writer.submit(self._write, [p.new for p in batch])

        def settle(done: Future[list[Outcome]]) -> None:
            _settle(batch, done.result())
            self._flush(loop)

        written.add_done_callback(lambda done: loop.call_soon_threadsafe(settle, done))

    def _write(self, news: Sequence[NewJob]) -> list[Outcome]:
        """In the writer thread: one answer per upload, never an exception."""
        try:
            return list(self._write_group(news))
        except Exception as exc:
            log.warning("submission_batch_failed", uploads=len(news), error=type(exc).__name__)
            if len(news) > 1 and not isinstance(exc, TransientError):
                # Find the refused upload; the others are stored.
                return [outcome for new in news for outcome in self._write([new])]
            return [exc] * len(news)  # every waiting request answers with the error


def _settle(batch: Sequence[_Pending], outcomes: Sequence[Outcome]) -> None:
    for pending, outcome in zip(batch, outcomes, strict=True):
        if pending.future.cancelled():  # the client went away; its job is stored all the same
            continue
        if isinstance(outcome, BaseException):
            pending.future.set_exception(outcome)
        else:
            pending.future.set_result(outcome)
