"""After a delete on SQLite, the deleted rows' old page images stay in the write-ahead log
until a checkpoint copies the log into the database file (where secure_delete zeroes them) and
truncates it. A checkpoint that truncates must wait for every reader of an older snapshot (an
operator's session, a backup) to finish, and while it waits no one can write.

So each attempt waits at most CHECKPOINT_WAIT_MS for the lock and the readers: writers are held
up that long at worst, never the 30 s a statement may otherwise wait. A caller tries for a
while (`scrub(wait_s=…)`); if a reader still holds on, a background thread keeps trying, with
growing pauses, until the log is empty, and the caller learns that the scrub is not done yet
(the DELETE route answers 202 instead of 204). A process that stops first leaves the rest to
the next delete's checkpoint, or to SQLite's own when the last connection closes.
"""

from __future__ import annotations

import sqlite3
import threading
import time

import structlog
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from resumeroast.adapters.db.engine import BUSY_TIMEOUT_MS

log = structlog.get_logger(__name__)

#: Longest wait of one checkpoint attempt for the write lock and for older readers.
CHECKPOINT_WAIT_MS = 50
#: Pauses between background attempts: from FIRST_RETRY_S doubling up to MAX_RETRY_S.
FIRST_RETRY_S = 0.1
MAX_RETRY_S = 5.0


class JournalScrubber:
    def __init__(self, engine: Engine) -> None:
        self._engine = engine
        self._lock = threading.Lock()
        self._wanted = False  # a delete happened since the background thread's last checkpoint
        self._thread: threading.Thread | None = None

    @property
    def applies(self) -> bool:
        return self._engine.dialect.name == "sqlite"

    def scrub(self, *, wait_s: float) -> bool:
        """Truncate the log, trying for up to wait_s. True when it is empty; False when a reader
        still holds an older snapshot, and a background thread finishes the job."""
        if not self.applies:
            return True
        deadline = time.monotonic() + wait_s
        pause = FIRST_RETRY_S
        while not self._checkpoint():
            if time.monotonic() + pause > deadline:
                self._finish_in_background()
                return False
            time.sleep(pause)
        return True

    def wait_until_idle(self, timeout_s: float) -> bool:
        """For tests and shutdown: True once no background scrub is pending."""
        with self._lock:
            thread = self._thread
        if thread is not None:
            thread.join(timeout_s)
        return not (thread is not None and thread.is_alive())

    def _finish_in_background(self) -> None:
        with self._lock:
            self._wanted = True
            if self._thread is None:
                self._thread = threading.Thread(
                    target=self._until_done, name="journal-scrub", daemon=True
                )
                self._thread.start()
        log.warning("journal_scrub_deferred", reason="a reader holds an older snapshot")

    def _until_done(self) -> None:
        while True:
            with self._lock:
                if not self._wanted:
                    self._thread = None
                    return
                self._wanted = False
            pause = FIRST_RETRY_S
            while not self._checkpoint():
                time.sleep(pause)
                pause = min(pause * 2, MAX_RETRY_S)
            log.info("journal_scrubbed")

    def _checkpoint(self) -> bool:
        """One bounded attempt: True when every frame is in the database file and the log is
        truncated to nothing."""
        try:
            with self._engine.connect() as connection:
                raw = connection.connection.driver_connection
                assert raw is not None
                raw.execute(f"PRAGMA busy_timeout={CHECKPOINT_WAIT_MS}")
                try:
                    busy, _frames, _copied = raw.execute(
                        "PRAGMA wal_checkpoint(TRUNCATE)"
                    ).fetchone()
                finally:
                    raw.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
        except (SQLAlchemyError, sqlite3.Error) as exc:
            log.warning("journal_checkpoint_failed", error=type(exc).__name__)
            return False
        return int(busy) == 0
