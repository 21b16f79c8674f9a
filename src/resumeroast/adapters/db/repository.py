"""Every read and write of jobs, uploads, feedback, cached reviews and dead letters.

State changes are conditional UPDATEs (compare-and-set) so that two deliveries of one task,
or two workers, can never both act on a job.
"""

from __future__ import annotations

import secrets
import uuid
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any, cast

from sqlalchemy import (
    ColumnElement,
    Connection,
    Engine,
    Table,
    delete,
    func,
    insert,
    or_,
    select,
    update,
)
from sqlalchemy.exc import IntegrityError, OperationalError
from sqlalchemy.orm import Session

from resumeroast.adapters.db.tables import (
    DeadLetterRow,
    FeedbackRow,
    JobRow,
    LeaseRow,
    ReviewCacheRow,
    UploadRow,
)
from resumeroast.core.documents import DocumentKind
from resumeroast.core.feedback import Feedback, Level
from resumeroast.core.jobs import DeadLetter, Job, JobStatus, LLMUsage, NewJob, Stage
from resumeroast.errors import IdempotencyKeyReused, JobNotFound, LeaseLost, TransientError

JOBS = cast(Table, JobRow.__table__)
UPLOADS = cast(Table, UploadRow.__table__)


def utcnow() -> datetime:
    return datetime.now(UTC)


class SqlJobRepository:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # Reads need no write lock: on SQLite they begin DEFERRED (see engine.py), so the API's
        # and the worker's reads never queue behind, or hold up, a writer.
        self._reader = engine.execution_options(read_only=True)

    @contextmanager
    def _session(self, *, read_only: bool = False) -> Iterator[Session]:
        bind = self._reader if read_only else self.engine
        try:
            with Session(bind, expire_on_commit=False) as session, session.begin():
                yield session
        except OperationalError as exc:  # locked database, lost connection: try again later
            raise TransientError(f"database unavailable: {exc.orig}") from exc

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as connection:
                yield connection
        except OperationalError as exc:
            raise TransientError(f"database unavailable: {exc.orig}") from exc

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
        rows = [_new_job_row(str(uuid.uuid4()), new, now) for new in news]
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
        return [_to_job(JobRow(**row)) for row in rows]

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
            return _to_job(row)

    # --- reads ------------------------------------------------------------------------

    def get_job(self, job_id: str) -> Job:
        with self._session(read_only=True) as session:
            row = session.get(JobRow, job_id)
            if row is None:
                raise JobNotFound(job_id)
            return _to_job(row)

    def get_feedback(self, job_id: str) -> Feedback | None:
        with self._session(read_only=True) as session:
            row = session.get(FeedbackRow, job_id)
            return Feedback.model_validate(row.data) if row is not None else None

    def load_upload(self, job_id: str) -> bytes:
        with self._session(read_only=True) as session:
            row = session.get(UploadRow, job_id)
            if row is None:
                raise JobNotFound(job_id)
            return row.data

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
            return _to_job(row)

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
                        status=JobStatus.COMPLETE.value,
                        stage=None,
                        finished_at=now,
                        updated_at=now,
                        lease_owner=None,
                        lease_until=None,
                        failure_code=None,
                        failure_reason=None,
                    )
                )
                if result.rowcount != 1:  # type: ignore[attr-defined]
                    raise LeaseLost(job_id)  # someone else owns the job now: roll the insert back
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
        """Mark the job failed, only while the failing run holds its lease (see _held_by):
        a run whose lease ran out must not fail a job another run has taken since."""
        with self._session() as session:
            return self._fail(session, job_id, _held_by(owner, delivery), code, reason, error)

    def _fail(
        self,
        session: Session,
        job_id: str,
        held: ColumnElement[bool],
        code: str,
        reason: str,
        error: str | None,
    ) -> bool:
        now = utcnow()
        result = session.execute(
            update(JobRow)
            .where(JobRow.id == job_id, held)
            .values(
                status=JobStatus.FAILED.value,
                stage=None,
                failure_code=code,
                failure_reason=reason,
                last_error=error,
                finished_at=now,
                updated_at=now,
                lease_owner=None,
                lease_until=None,
            )
        )
        return bool(result.rowcount == 1)  # type: ignore[attr-defined]

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

    def try_lease(self, name: str, *, owner: str, duration_s: float) -> bool:
        """Hold a named lease (one process at a time does a periodic chore)."""
        now = utcnow()
        until = now + timedelta(seconds=duration_s)
        with self._session() as session:
            taken = session.execute(
                update(LeaseRow)
                .where(LeaseRow.name == name, or_(LeaseRow.until < now, LeaseRow.owner == owner))
                .values(owner=owner, until=until)
            )
            if taken.rowcount == 1:  # type: ignore[attr-defined]
                return True
            if session.get(LeaseRow, name) is not None:
                return False
            session.execute(insert(LeaseRow), [{"name": name, "owner": owner, "until": until}])
            return True

    def workers_seen(self, *, prefix: str = "worker:") -> list[str]:
        """Workers whose heartbeat lease is still running."""
        with self._session(read_only=True) as session:
            names = session.scalars(
                select(LeaseRow.name).where(
                    LeaseRow.name.startswith(prefix), LeaseRow.until > utcnow()
                )
            )
            return sorted(name.removeprefix(prefix) for name in names)

    def recent_failures(self, *, limit: int = 10) -> list[Job]:
        with self._session(read_only=True) as session:
            rows = session.scalars(
                select(JobRow)
                .where(JobRow.status == JobStatus.FAILED.value)
                .order_by(JobRow.finished_at.desc())
                .limit(limit)
            )
            return [_to_job(row) for row in rows]

    # --- review cache -----------------------------------------------------------------

    def get_cached_review(self, key: str) -> Feedback | None:
        with self._session(read_only=True) as session:
            row = session.get(ReviewCacheRow, key)
            return Feedback.model_validate(row.data) if row is not None else None

    def put_cached_review(self, key: str, feedback: Feedback, *, source_job_id: str) -> None:
        try:
            with self._session() as session:
                session.execute(
                    insert(ReviewCacheRow),
                    [
                        {
                            "key": key,
                            "source_job_id": source_job_id,
                            "data": feedback.model_dump(mode="json"),
                            "created_at": utcnow(),
                        }
                    ],
                )
        except IntegrityError:
            pass  # the same review is already cached

    # --- dead-letter queue ------------------------------------------------------------

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
        lease rule as fail_job; False (and nothing written) when the run no longer holds it."""
        now = utcnow()
        with self._session() as session:
            job = session.get(JobRow, job_id)
            if job is None:
                return False
            attempts, first_attempt_at = job.attempts, job.started_at
            held = _held_by(owner, delivery)
            if not self._fail(session, job_id, held, code, reason, error_message[:2000]):
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

    # --- deletion ---------------------------------------------------------------------

    def delete_job(self, job_id: str) -> None:
        """Remove the job, its upload, feedback, dead letters and reviews cached from it."""
        if not self.delete_jobs([job_id]):
            raise JobNotFound(job_id)

    def delete_jobs(self, job_ids: Sequence[str]) -> int:
        with self._session() as session:
            ids = list(job_ids)
            session.execute(delete(ReviewCacheRow).where(ReviewCacheRow.source_job_id.in_(ids)))
            for table in (FeedbackRow, UploadRow, DeadLetterRow):
                session.execute(delete(table).where(table.job_id.in_(ids)))
            count = session.execute(delete(JobRow).where(JobRow.id.in_(ids))).rowcount  # type: ignore[attr-defined]
        self._scrub_journal()
        return int(count)

    def jobs_created_before(self, moment: datetime, *, limit: int = 1000) -> list[str]:
        with self._session(read_only=True) as session:
            rows = session.scalars(select(JobRow.id).where(JobRow.created_at < moment).limit(limit))
            return list(rows)

    def _scrub_journal(self) -> None:
        """SQLite keeps old page images in its write-ahead log: truncate it after a delete."""
        if self.engine.dialect.name == "sqlite":
            with self.engine.connect() as connection:
                raw = connection.connection.driver_connection
                assert raw is not None
                raw.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def new_owner_token(delivery: str | None = None) -> str:
    """The random part of a lease owner's id. Naming the task delivery in it lets the worker's
    main process fail the job of a run it stopped (hard time limit) without knowing the run's
    own id: see _held_by."""
    token = secrets.token_hex(4)
    return f"{delivery}/{token}" if delivery else token


def _held_by(owner: str | None, delivery: str | None) -> ColumnElement[bool]:
    """The job is processing under this run's lease: the run's owner id, or any run of this
    task delivery (owner ids end in ":{delivery}/{random}", see new_owner_token)."""
    if owner is not None:
        holder = JobRow.lease_owner == owner
    elif delivery is not None:
        holder = JobRow.lease_owner.contains(f":{delivery}/", autoescape=True)
    else:
        raise ValueError("say which run holds the job: owner or delivery")
    return (JobRow.status == JobStatus.PROCESSING.value) & holder


def _new_job_row(job_id: str, new: NewJob, now: datetime) -> dict[str, Any]:
    return {
        "id": job_id,
        "status": JobStatus.QUEUED.value,
        "level": new.level.value,
        "kind": new.kind.value,
        "filename": new.filename,
        "size_bytes": len(new.data),
        "content_sha256": new.content_sha256,
        "job_description": new.job_description,
        "idempotency_key": new.idempotency_key,
        "attempts": 0,
        "retries": 0,
        "tokens_in": 0,
        "tokens_out": 0,
        "cost_usd": 0.0,
        "latency_ms": 0,
        "created_at": now,
        "updated_at": now,
        "enqueued_at": now,
    }


def _to_job(row: JobRow) -> Job:
    return Job(
        id=row.id,
        status=JobStatus(row.status),
        stage=Stage(row.stage) if row.stage else None,
        level=Level(row.level),
        kind=DocumentKind(row.kind),
        filename=row.filename,
        size_bytes=row.size_bytes,
        job_description=row.job_description,
        attempts=row.attempts,
        retries=row.retries,
        failure_code=row.failure_code,
        failure_reason=row.failure_reason,
        last_error=row.last_error,
        retry_at=row.retry_at,
        created_at=row.created_at,
        updated_at=row.updated_at,
        started_at=row.started_at,
        finished_at=row.finished_at,
        usage=LLMUsage(row.tokens_in, row.tokens_out, row.cost_usd, row.latency_ms),
    )


def _to_dead_letter(row: DeadLetterRow) -> DeadLetter:
    return DeadLetter(
        id=row.id,
        job_id=row.job_id,
        task_name=row.task_name,
        task_args=list(row.task_args),
        error_type=row.error_type,
        error_message=row.error_message,
        traceback=row.traceback,
        attempts=row.attempts,
        first_attempt_at=row.first_attempt_at,
        failed_at=row.failed_at,
    )
