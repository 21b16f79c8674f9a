"""The dead-letter queue: jobs that failed for good, with what a replay needs."""

from __future__ import annotations

from typing import Any

from sqlalchemy import delete, func, insert, select, update

from resumeroast.adapters.db.base import SqlStore, utcnow
from resumeroast.adapters.db.job_rows import fail_held, from_row, held_by
from resumeroast.adapters.db.tables import DeadLetterRow, JobRow
from resumeroast.core.jobs import DeadLetter, JobStatus


class SqlDeadLetters(SqlStore):
    def dead_letter_job(
        self,
        job_id: str,
        *,
        code: str,
        reason: str,
        task_name: str,
        task_args: list[Any],
        error_type: str,
        error_message: str,
        traceback: str,
        owner: str | None = None,
        delivery: str | None = None,
    ) -> bool:
        """Fail the job and record what replay needs, in one transaction, under the same
        lease rule as the job store's fail_job; False (and nothing written) when the run no
        longer holds it."""
        now = utcnow()
        with self._session() as session:
            job = session.get(JobRow, job_id)
            if job is None:
                return False
            attempts, first_attempt_at = job.attempts, job.started_at
            held = held_by(owner, delivery)
            if not fail_held(session, job_id, held, code, reason, error_message[:2000]):
                return False
            session.execute(delete(DeadLetterRow).where(DeadLetterRow.job_id == job_id))
            session.execute(
                insert(DeadLetterRow),
                [
                    {
                        "job_id": job_id,
                        "task_name": task_name,
                        "task_args": task_args,
                        "error_type": error_type,
                        "error_message": error_message[:4000],
                        "traceback": traceback[-20000:],
                        "attempts": attempts,
                        "first_attempt_at": first_attempt_at,
                        "failed_at": now,
                    }
                ],
            )
            return True

    def list_dead_letters(self, *, limit: int = 100) -> list[DeadLetter]:
        with self._session(read_only=True) as session:
            rows = session.scalars(select(DeadLetterRow).order_by(DeadLetterRow.id).limit(limit))
            return [_to_dead_letter(row) for row in rows]

    def get_dead_letter(self, entry_id: int) -> DeadLetter | None:
        with self._session(read_only=True) as session:
            row = session.get(DeadLetterRow, entry_id)
            return _to_dead_letter(row) if row is not None else None

    def count_dead_letters(self) -> int:
        with self._session(read_only=True) as session:
            return int(session.scalar(select(func.count()).select_from(DeadLetterRow)) or 0)

    def requeue_for_replay(self, job_id: str) -> None:
        """The job back in the queue for a fresh run (unless it completed meanwhile)."""
        now = utcnow()
        with self._session() as session:
            session.execute(
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.status != JobStatus.COMPLETE.value)
                .values(
                    status=JobStatus.QUEUED.value,
                    stage=None,
                    retries=0,
                    retry_at=None,
                    failure_code=None,
                    failure_reason=None,
                    started_at=None,  # a fresh run: its wait for a down provider starts anew
                    finished_at=None,
                    lease_owner=None,
                    lease_until=None,
                    enqueued_at=now,
                    updated_at=now,
                )
            )

    def delete_dead_letter(self, entry_id: int) -> None:
        with self._session() as session:
            session.execute(delete(DeadLetterRow).where(DeadLetterRow.id == entry_id))

    def purge_dead_letters(self) -> int:
        with self._session() as session:
            result = session.execute(delete(DeadLetterRow))
            return int(result.rowcount)  # type: ignore[attr-defined]


def _to_dead_letter(row: DeadLetterRow) -> DeadLetter:
    return from_row(DeadLetter, row, task_args=list(row.task_args))
