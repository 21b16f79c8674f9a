"""The job store's reconciler queries and retention: which jobs are not moving, and deleting
what is past its time. SqlJobStore (job_store.py) adds submit, reads and the state machine."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime, timedelta

from sqlalchemy import ColumnElement, Engine, delete, or_, select, update

from resumeroast.adapters.db.base import SqlStore, utcnow
from resumeroast.adapters.db.job_rows import to_job
from resumeroast.adapters.db.journal import JournalScrubber
from resumeroast.adapters.db.reroasts import hand_on_uploads
from resumeroast.adapters.db.tables import (
    DeadLetterRow,
    FeedbackRow,
    JobRow,
    PageImageRow,
    ReviewCacheRow,
    UploadRow,
)
from resumeroast.core.jobs import Job, JobStatus
from resumeroast.errors import JobNotFound

#: How long a DELETE request tries to empty SQLite's write-ahead log before it answers that
#: the rest happens in the background (202): each try holds writers up 50 ms at most.
DELETE_SCRUB_WAIT_S = 2.0


class SqlJobQueries(SqlStore):
    def __init__(self, engine: Engine) -> None:
        super().__init__(engine)
        self.journal = JournalScrubber(engine)

    # --- reconciler -------------------------------------------------------------------

    def find_stale_queued(self, *, stale_after_s: float, limit: int = 500) -> list[str]:
        """Jobs accepted but not moving: queued, not published for a while, no retry pending."""
        cutoff = utcnow() - timedelta(seconds=stale_after_s)
        stale = (
            (JobRow.status == JobStatus.QUEUED.value)
            & or_(JobRow.enqueued_at.is_(None), JobRow.enqueued_at < cutoff)
            & or_(JobRow.retry_at.is_(None), JobRow.retry_at < cutoff)
        )
        return self._job_ids(stale, limit)

    def find_lease_lost(self, *, limit: int = 500) -> list[str]:
        """Jobs processing past their lease: the run holding them is gone or stuck."""
        lost = (JobRow.status == JobStatus.PROCESSING.value) & (JobRow.lease_until < utcnow())
        return self._job_ids(lost, limit)

    def _job_ids(self, where: ColumnElement[bool], limit: int) -> list[str]:
        with self._session(read_only=True) as session:
            ids = session.scalars(
                select(JobRow.id).where(where).order_by(JobRow.created_at).limit(limit)
            )
            return list(ids)

    def processing_owners(self) -> list[tuple[str, str | None]]:
        with self._session(read_only=True) as session:
            rows = session.execute(
                select(JobRow.id, JobRow.lease_owner).where(
                    JobRow.status == JobStatus.PROCESSING.value
                )
            )
            return [(job_id, owner) for job_id, owner in rows]

    def mark_enqueued(self, job_ids: Sequence[str]) -> None:
        if not job_ids:
            return
        with self._session() as session:
            session.execute(
                update(JobRow).where(JobRow.id.in_(list(job_ids))).values(enqueued_at=utcnow())
            )

    def recent_failures(self, *, limit: int = 10) -> list[Job]:
        with self._session(read_only=True) as session:
            rows = session.scalars(
                select(JobRow)
                .where(JobRow.status == JobStatus.FAILED.value)
                .order_by(JobRow.finished_at.desc())
                .limit(limit)
            )
            return [to_job(row) for row in rows]

    # --- deletion ---------------------------------------------------------------------

    def delete_job(self, job_id: str) -> bool:
        """Remove the job, its upload, page images, feedback, dead letters and reviews cached
        from it. True once no file holds them any more; False when a reader of an older
        snapshot keeps them in SQLite's write-ahead log, from which a background thread
        removes them as soon as it can (journal.py)."""
        if not self._delete_rows([job_id]):
            raise JobNotFound(job_id)
        return self.journal.scrub(wait_s=DELETE_SCRUB_WAIT_S)

    def delete_jobs(self, job_ids: Sequence[str]) -> int:
        """The retention purge: rows now, the write-ahead log at once or in the background."""
        count = self._delete_rows(job_ids)
        self.journal.scrub(wait_s=0)
        return count

    def _delete_rows(self, job_ids: Sequence[str]) -> int:
        with self._session() as session:
            ids = list(job_ids)
            hand_on_uploads(session, ids)  # a re-roast that stays keeps the file it reads
            # A later version stays, no longer linked to the one deleted.
            session.execute(
                update(JobRow).where(JobRow.previous_job_id.in_(ids)).values(previous_job_id=None)
            )
            session.execute(delete(ReviewCacheRow).where(ReviewCacheRow.source_job_id.in_(ids)))
            for table in (FeedbackRow, UploadRow, PageImageRow, DeadLetterRow):
                session.execute(delete(table).where(table.job_id.in_(ids)))
            count = session.execute(delete(JobRow).where(JobRow.id.in_(ids))).rowcount  # type: ignore[attr-defined]
        return int(count)

    def jobs_created_before(self, moment: datetime, *, limit: int = 1000) -> list[str]:
        with self._session(read_only=True) as session:
            rows = session.scalars(select(JobRow.id).where(JobRow.created_at < moment).limit(limit))
            return list(rows)
