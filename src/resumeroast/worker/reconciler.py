"""A loop in each worker's main process that re-enqueues stuck jobs.

One worker at a time does it (a lease row in the database, so it works on any broker).
"""

from __future__ import annotations

import threading

import structlog

from resumeroast.adapters.db.job_rows import new_owner_token
from resumeroast.adapters.processes import owner_is_dead, process_owner_id
from resumeroast.errors import TransientError
from resumeroast.pipeline import purge_expired, reconcile
from resumeroast.worker.runtime import runtime

log = structlog.get_logger(__name__)

LEASE_NAME = "reconciler"
#: Held for a whole retention interval by whoever purged, so the purge runs once per interval.
RETENTION_LEASE = "retention"


class Reconciler:
    def __init__(self) -> None:
        self._stop = threading.Event()
        self._owner = process_owner_id(new_owner_token())
        self._thread = threading.Thread(target=self._run, name="reconciler", daemon=True)

    def start(self) -> None:
        self.heartbeat()
        self._thread.start()

    def stop(self) -> None:
        self._stop.set()

    def _run(self) -> None:
        interval_s = runtime().settings.reconcile_interval_s
        while not self._stop.wait(interval_s):
            try:
                self.heartbeat()
                self.run_once()
                self.purge_if_due()
            except TransientError as exc:
                log.warning("reconciler_skipped", error=str(exc))
            except Exception:  # keep the loop alive; the next round tries again
                log.exception("reconciler_failed")

    def heartbeat(self) -> None:
        """A lease per worker process, renewed each round: the admin page lists live workers."""
        rt = runtime()
        interval_s = rt.settings.reconcile_interval_s
        rt.deps.leases.try_lease(
            f"worker:{self._owner.rsplit(':', 1)[0]}", owner=self._owner, duration_s=interval_s * 3
        )

    def purge_if_due(self) -> int:
        rt = runtime()
        interval_s = rt.settings.retention_interval_s
        if not rt.deps.leases.try_lease(RETENTION_LEASE, owner=self._owner, duration_s=interval_s):
            return 0
        return purge_expired(rt.deps, retention_days=rt.settings.retention_days)

    def run_once(self) -> list[str]:
        rt = runtime()
        if not rt.deps.leases.try_lease(
            LEASE_NAME, owner=self._owner, duration_s=rt.settings.reconcile_interval_s * 2
        ):
            return []
        return reconcile(
            rt.deps, stale_after_s=rt.settings.reconcile_stale_after_s, dead_owner=owner_is_dead
        )
