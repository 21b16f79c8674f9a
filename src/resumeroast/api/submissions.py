"""Group commit for uploads: one thread stores and enqueues every upload waiting at that moment.

Under load each upload would otherwise pay for its own transaction, its own commit and its own
thread-pool hop. The writer takes whatever arrived while the previous batch was being written,
so a lone upload goes out at once and a burst shares one commit; nothing waits on a timer.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Sequence
from dataclasses import dataclass

import structlog

from resumeroast.core.jobs import Job, NewJob
from resumeroast.pipeline import Deps, submit_batch

log = structlog.get_logger(__name__)

#: Rows per transaction: bounds a batch's memory (uploads are up to the size limit each).
MAX_BATCH = 32


@dataclass
class _Pending:
    new: NewJob
    future: asyncio.Future[Job]


class SubmissionWriter:
    def __init__(self, deps: Deps, *, max_batch: int = MAX_BATCH) -> None:
        self._deps = deps
        self._max_batch = max_batch
        self._inbox: queue.SimpleQueue[_Pending | None] = queue.SimpleQueue()
        self._thread = threading.Thread(target=self._run, name="submission-writer", daemon=True)
        self._loop: asyncio.AbstractEventLoop | None = None

    def start(self) -> None:
        self._loop = asyncio.get_running_loop()
        self._thread.start()

    def close(self) -> None:
        """Finish what is queued, then stop."""
        self._inbox.put(None)
        self._thread.join(timeout=30)

    async def submit(self, new: NewJob) -> Job:
        """Store and enqueue one prepared upload (no Idempotency-Key); the stored job."""
        future: asyncio.Future[Job] = asyncio.get_running_loop().create_future()
        self._inbox.put(_Pending(new, future))
        return await future

    def _run(self) -> None:
        stopping = False
        while not stopping:
            first = self._inbox.get()
            if first is None:
                return
            batch = [first]
            while len(batch) < self._max_batch:
                try:
                    item = self._inbox.get_nowait()
                except queue.Empty:
                    break
                if item is None:
                    stopping = True
                    break
                batch.append(item)
            self._write(batch)

    def _write(self, batch: Sequence[_Pending]) -> None:
        assert self._loop is not None
        try:
            jobs: list[Job] | BaseException = submit_batch(self._deps, [p.new for p in batch])
        except Exception as exc:  # every waiting request answers with the error
            log.warning("submission_batch_failed", uploads=len(batch), error=type(exc).__name__)
            jobs = exc
        self._loop.call_soon_threadsafe(_settle, batch, jobs)


def _settle(batch: Sequence[_Pending], jobs: list[Job] | BaseException) -> None:
    for index, pending in enumerate(batch):
        if pending.future.cancelled():  # the client went away; its job is stored all the same
            continue
        if isinstance(jobs, BaseException):
            pending.future.set_exception(jobs)
        else:
            pending.future.set_result(jobs[index])
