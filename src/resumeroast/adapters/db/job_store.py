"""Jobs, their uploads and feedback: submit, read, the state machine under a run's lease;
the reconciler's queries and retention come from job_queries.py (one store, one port).

State changes are conditional UPDATEs (compare-and-set) so that two deliveries of one task,
or two workers, can never both act on a job.
"""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import Table, func, insert, or_, select, update
from sqlalchemy.exc import IntegrityError

from resumeroast.adapters.db.base import utcnow
from resumeroast.adapters.db.job_queries import SqlJobQueries
from resumeroast.adapters.db.job_rows import fail_held, finished, held_by, new_job_row, to_job
from resumeroast.adapters.db.reroasts import SqlReroasts
from resumeroast.adapters.db.tables import FeedbackRow, JobRow, UploadRow
from resumeroast.adapters.db.usage import add_review_usage
from resumeroast.core.feedback import Feedback
from resumeroast.core.jobs import Job, JobStatus, LLMUsage, NewJob, QueueWait, Stage
from resumeroast.errors import IdempotencyKeyReused, JobNotFound, LeaseLost

JOBS = cast(Table, JobRow.__table__)
UPLOADS = cast(Table, UploadRow.__table__)


class SqlJobStore(SqlReroasts, SqlJobQueries):
    # --- submit -----------------------------------------------------------------------

    def create_job(self, new: NewJob) -> tuple[Job, bool]:
        """Store the upload and its job in one transaction. Returns (job, created)."""
        if new.idempotency_key is not None:
            existing = self._find_by_idempotency_key(new)
            if existing is not None:
                return existing, False
        try:
            return self._insert_jobs([new])[0], True
        except IntegrityError:
            # Two requests raced with the same Idempotency-Key: the other one won.
            if new.idempotency_key is None:
                raise
            existing = self._find_by_idempotency_key(new)
            if existing is None:
                raise
            return existing, False

    def create_jobs(self, news: Sequence[NewJob]) -> list[Job]:
        """Store many uploads and their jobs in one transaction (group commit). Uploads with an
        Idempotency-Key go through create_job, which can answer with an existing job."""
        if any(new.idempotency_key is not None for new in news):
            raise ValueError("create_jobs takes uploads without an Idempotency-Key")
        return self._insert_jobs(news)

    def _insert_jobs(self, news: Sequence[NewJob]) -> list[Job]:
        now = utcnow()
        rows = [new_job_row(str(uuid.uuid4()), new, now) for new in news]
        # Core statements, not the ORM unit of work: this is the upload hot path.
        with self._connection() as connection:
            connection.execute(insert(JOBS), rows)
            connection.execute(
                insert(UPLOADS),
                [
                    {"job_id": row["id"], "data": new.data}
                    for row, new in zip(rows, news, strict=True)
                ],
            )
        return [to_job(JobRow(**row)) for row in rows]

    def _find_by_idempotency_key(self, new: NewJob) -> Job | None:
        """The job made by an earlier request with this key; refused unless the request is the
        same one (its job id and token are not for whoever merely knows the key)."""
        with self._session(read_only=True) as session:
            row = session.scalars(
                select(JobRow).where(JobRow.idempotency_key == new.idempotency_key)
            ).first()
            if row is None:
                return None
            same_request = (
                row.content_sha256 == new.content_sha256
                and row.level == new.level.value
                and row.job_description == new.job_description
            )
            if not same_request:
                raise IdempotencyKeyReused(f"key reused for job {row.id}")
            return to_job(row)

    # --- reads ------------------------------------------------------------------------

    def get_job(self, job_id: str) -> Job:
        with self._session(read_only=True) as session:
            row = session.get(JobRow, job_id)
            if row is None:
                raise JobNotFound(job_id)
            return to_job(row)

    def get_feedback(self, job_id: str) -> Feedback | None:
        with self._session(read_only=True) as session:
            row = session.get(FeedbackRow, job_id)
            return Feedback.model_validate(row.data) if row is not None else None

    def count_by_status(self) -> dict[str, int]:
        with self._session(read_only=True) as session:
            rows = session.execute(select(JobRow.status, func.count()).group_by(JobRow.status))
            return dict(rows.tuples().all())

    def oldest_queued_age_s(self) -> float:
        """Seconds since the oldest queued job was accepted (0 when none waits): queue age."""
        with self._session(read_only=True) as session:
            oldest = session.scalar(
                select(func.min(JobRow.created_at)).where(JobRow.status == JobStatus.QUEUED.value)
            )
        if oldest is None:
            return 0.0
        if oldest.tzinfo is None:  # SQLite returns the aggregate without our column type
            oldest = oldest.replace(tzinfo=UTC)
        return max((utcnow() - oldest).total_seconds(), 0.0)

    def queue_wait(self, job: Job, *, recent: int = 20) -> QueueWait:
        """What a queued job waits for: the queued jobs accepted before it, and the median run
        (start to finish) of the latest complete jobs (None before any)."""
        with self._session(read_only=True) as session:
            ahead = session.scalar(
                select(func.count())
                .select_from(JobRow)
                .where(JobRow.status == JobStatus.QUEUED.value, JobRow.created_at < job.created_at)
            )
            runs = session.execute(
                select(JobRow.started_at, JobRow.finished_at)
                .where(
                    JobRow.status == JobStatus.COMPLETE.value,
                    JobRow.started_at.is_not(None),
                    JobRow.finished_at.is_not(None),
                )
                .order_by(JobRow.finished_at.desc())
                .limit(recent)
            ).all()
        durations = sorted((end - start).total_seconds() for start, end in runs if start and end)
        typical = durations[len(durations) // 2] if durations else None
        return QueueWait(ahead=int(ahead or 0), typical_run_s=typical)

    # --- the worker's lease -----------------------------------------------------------

    def claim_job(
        self, job_id: str, *, owner: str, lease_s: float, dead_owners: Sequence[str] = ()
    ) -> Job | None:
        """Take the job for one run; None when another run holds it or it is finished.

        A job is claimable when queued (and its retry is due), or processing under a lease
        that ran out or whose owner is known dead.
        """
        now = utcnow()
        claimable = or_(
            (JobRow.status == JobStatus.QUEUED.value)
            & or_(JobRow.retry_at.is_(None), JobRow.retry_at <= now + timedelta(seconds=1)),
            (JobRow.status == JobStatus.PROCESSING.value)
            & or_(JobRow.lease_until < now, JobRow.lease_owner.in_(list(dead_owners))),
        )
        with self._session() as session:
            result = session.execute(
                update(JobRow)
                .where(JobRow.id == job_id, claimable)
                .values(
                    status=JobStatus.PROCESSING.value,
                    attempts=JobRow.attempts + 1,
                    lease_owner=owner,
                    lease_until=now + timedelta(seconds=lease_s),
                    started_at=func.coalesce(JobRow.started_at, now),
                    retry_at=None,
                    updated_at=now,
                )
            )
            if result.rowcount != 1:  # type: ignore[attr-defined]
                return None
            row = session.get(JobRow, job_id)
            assert row is not None
            return to_job(row)

    def lease_owner(self, job_id: str) -> str | None:
        with self._session(read_only=True) as session:
            return session.scalar(select(JobRow.lease_owner).where(JobRow.id == job_id))

    def set_stage(self, job_id: str, *, owner: str, stage: Stage) -> bool:
        return self._update_owned(job_id, owner, stage=stage.value)

    def record_usage(self, job_id: str, *, owner: str, usage: LLMUsage) -> bool:
        return self._update_owned(
            job_id,
            owner,
            tokens_in=usage.tokens_in,
            tokens_out=usage.tokens_out,
            cost_usd=usage.cost_usd,
            latency_ms=usage.latency_ms,
        )

    def _update_owned(self, job_id: str, owner: str, **values: Any) -> bool:
        with self._session() as session:
            result = session.execute(
                update(JobRow)
                .where(
                    JobRow.id == job_id,
                    JobRow.lease_owner == owner,
                    JobRow.status == JobStatus.PROCESSING.value,
                )
                .values(updated_at=utcnow(), **values)
            )
            return bool(result.rowcount == 1)  # type: ignore[attr-defined]

    def complete_job(self, job_id: str, *, owner: str, feedback: Feedback) -> bool:
        """Save the feedback and mark the job complete in one transaction, once.

        The feedback table's primary key is the job id: a second save is impossible.
        """
        now = utcnow()
        try:
            with self._session() as session:
                session.execute(
                    insert(FeedbackRow),
                    [
                        {
                            "job_id": job_id,
                            "data": feedback.model_dump(mode="json"),
                            "created_at": now,
                        }
                    ],
                )
                result = session.execute(
                    update(JobRow)
                    .where(JobRow.id == job_id, JobRow.lease_owner == owner)
                    .values(
                        **finished(JobStatus.COMPLETE, now), failure_code=None, failure_reason=None
                    )
                )
                if result.rowcount != 1:  # type: ignore[attr-defined]
                    raise LeaseLost(job_id)  # someone else owns the job now: roll the insert back
                add_review_usage(session, feedback, now)
        except IntegrityError:
            return False  # already saved by an earlier run
        except LeaseLost:
            return False
        return True

    def fail_job(
        self,
        job_id: str,
        *,
        code: str,
        reason: str,
        error: str | None = None,
        owner: str | None = None,
        delivery: str | None = None,
    ) -> bool:
        """Mark the job failed, only while the failing run holds its lease (see job_rows.held_by):
        a run whose lease ran out must not fail a job another run has taken since."""
        with self._session() as session:
            return fail_held(session, job_id, held_by(owner, delivery), code, reason, error)

    def schedule_retry(self, job_id: str, *, owner: str, error: str, retry_at: datetime) -> int:
        """Hand the job back as queued with a due time; returns the retries so far."""
        with self._session() as session:
            session.execute(
                update(JobRow)
                .where(JobRow.id == job_id, JobRow.lease_owner == owner)
                .values(
                    status=JobStatus.QUEUED.value,
                    retries=JobRow.retries + 1,
                    last_error=error,
                    retry_at=retry_at,
                    enqueued_at=utcnow(),
                    lease_owner=None,
                    lease_until=None,
                    updated_at=utcnow(),
                )
            )
            return int(session.scalar(select(JobRow.retries).where(JobRow.id == job_id)) or 0)

    def release_job(self, job_id: str, *, owner: str, retry_at: datetime, note: str) -> None:
        """Give the job back without counting a retry or an attempt (e.g. the provider's
        breaker is open): waiting for a provider is not working on the job."""
        self._update_owned(
            job_id,
            owner,
            attempts=JobRow.attempts - 1,
            status=JobStatus.QUEUED.value,
            retry_at=retry_at,
            last_error=note,
            lease_owner=None,
            lease_until=None,
            enqueued_at=utcnow(),
        )
