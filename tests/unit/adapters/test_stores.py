"""The job store's and the dead letters' compare-and-set rules, on a real SQLite database."""

from __future__ import annotations

import sqlite3
import time
from datetime import UTC, datetime, timedelta
from typing import Any

from resumeroast.adapters.db import job_store
from resumeroast.adapters.db.base import utcnow
from resumeroast.adapters.db.dead_letters import SqlDeadLetters
from resumeroast.adapters.db.job_rows import new_owner_token
from resumeroast.adapters.db.job_store import SqlJobStore
from resumeroast.adapters.processes import process_owner_id
from resumeroast.core.documents import DocumentKind
from resumeroast.core.feedback import Feedback, Level, SubScores
from resumeroast.core.jobs import JobStatus, NewJob


def new_job(jobs: SqlJobStore) -> str:
    job, created = jobs.create_job(
        NewJob(
            data=b"resume",
            kind=DocumentKind.TXT,
            filename="r.txt",
            level=Level.HONEST,
            job_description=None,
            content_sha256="0" * 64,
        )
    )
    assert created
    return job.id


FEEDBACK = Feedback(
    overall_score=50,
    verdict="ok",
    sub_scores=SubScores(impact=50, clarity=50, ats=50, completeness=50),
)


def test_one_claim_at_a_time_and_feedback_saved_once(jobs: SqlJobStore) -> None:
    job_id = new_job(jobs)
    assert jobs.claim_job(job_id, owner="a", lease_s=60) is not None
    assert jobs.claim_job(job_id, owner="b", lease_s=60) is None  # a holds the lease
    assert jobs.complete_job(job_id, owner="b", feedback=FEEDBACK) is False  # not b's job
    assert jobs.get_feedback(job_id) is None  # and b's insert was rolled back
    assert jobs.complete_job(job_id, owner="a", feedback=FEEDBACK) is True
    assert jobs.complete_job(job_id, owner="a", feedback=FEEDBACK) is False  # never twice
    assert jobs.get_job(job_id).status is JobStatus.COMPLETE
    assert jobs.claim_job(job_id, owner="c", lease_s=60) is None  # finished jobs stay finished


def test_a_dead_owner_or_an_expired_lease_frees_the_job(jobs: SqlJobStore) -> None:
    job_id = new_job(jobs)
    assert jobs.claim_job(job_id, owner="a", lease_s=60) is not None
    assert jobs.claim_job(job_id, owner="b", lease_s=60, dead_owners=("a",)) is not None
    other = new_job(jobs)
    assert jobs.claim_job(other, owner="a", lease_s=-1) is not None  # already expired
    claimed = jobs.claim_job(other, owner="b", lease_s=60)
    assert claimed is not None and claimed.attempts == 2


def dead_letter(jobs: SqlJobStore, job_id: str, **holder: str) -> bool:
    return SqlDeadLetters(jobs.engine).dead_letter_job(
        job_id,
        code="retries_exhausted",
        reason="gave up",
        task_name="resumeroast.review_job",
        task_args=[job_id],
        error_type="LLMTransientError",
        error_message="503",
        traceback="Traceback ...",
        **holder,
    )


def test_a_run_whose_lease_ran_out_cannot_fail_the_job(jobs: SqlJobStore) -> None:
    job_id = new_job(jobs)
    assert jobs.claim_job(job_id, owner="a", lease_s=-1) is not None  # a's lease ran out
    assert jobs.claim_job(job_id, owner="b", lease_s=60) is not None  # b took the job
    assert jobs.fail_job(job_id, owner="a", code="llm_rejected", reason="no") is False
    assert dead_letter(jobs, job_id, owner="a") is False
    assert jobs.get_job(job_id).status is JobStatus.PROCESSING
    assert SqlDeadLetters(jobs.engine).list_dead_letters() == []  # nothing half-written either
    assert jobs.complete_job(job_id, owner="b", feedback=FEEDBACK) is True  # b finishes it


def test_the_holder_fails_and_dead_letters_in_one_step(jobs: SqlJobStore) -> None:
    job_id = new_job(jobs)
    assert jobs.claim_job(job_id, owner="a", lease_s=60) is not None
    assert dead_letter(jobs, job_id, owner="a") is True
    job = jobs.get_job(job_id)
    assert job.status is JobStatus.FAILED and job.failure_reason == "gave up"
    (entry,) = SqlDeadLetters(jobs.engine).list_dead_letters()
    assert entry.job_id == job_id and entry.attempts == 1 and entry.first_attempt_at is not None
    assert dead_letter(jobs, job_id, owner="a") is False  # failed jobs stay as they are


def test_a_killed_run_is_named_by_its_delivery(jobs: SqlJobStore) -> None:
    """The worker's main process fails the job of a child it killed (hard time limit) by the
    task delivery, never a job that a run of another delivery holds."""
    job_id = new_job(jobs)
    owner = process_owner_id(new_owner_token("delivery-1"))
    assert jobs.claim_job(job_id, owner=owner, lease_s=60) is not None
    assert dead_letter(jobs, job_id, delivery="delivery-2") is False
    assert dead_letter(jobs, job_id, delivery="delivery") is False  # a prefix is not a match
    assert dead_letter(jobs, job_id, delivery="delivery-1") is True
    assert jobs.get_job(job_id).status is JobStatus.FAILED


def test_replay_gives_the_job_a_fresh_start(jobs: SqlJobStore) -> None:
    job_id = new_job(jobs)
    assert jobs.claim_job(job_id, owner="a", lease_s=60) is not None
    assert jobs.fail_job(job_id, owner="a", code="llm_rejected", reason="no") is True
    SqlDeadLetters(jobs.engine).requeue_for_replay(job_id)
    job = jobs.get_job(job_id)
    assert job.status is JobStatus.QUEUED and job.failure_code is None
    assert job.started_at is None  # its wait for a provider that is down starts again


def test_waiting_for_the_provider_is_not_an_attempt(jobs: SqlJobStore) -> None:
    job_id = new_job(jobs)
    for owner in ("a", "b", "c"):  # three runs find the provider's breaker open
        assert jobs.claim_job(job_id, owner=owner, lease_s=60) is not None
        jobs.release_job(job_id, owner=owner, retry_at=datetime.now(UTC), note="provider_paused")
    job = jobs.get_job(job_id)
    assert (job.status, job.attempts, job.retries) == (JobStatus.QUEUED, 0, 0)
    assert job.last_error == "provider_paused"
    claimed = jobs.claim_job(job_id, owner="d", lease_s=60)
    assert claimed is not None and claimed.attempts == 1


def test_reads_go_ahead_while_another_process_writes(jobs: SqlJobStore) -> None:
    job_id = new_job(jobs)
    database = jobs.engine.url.database
    assert database is not None
    writer = sqlite3.connect(database, isolation_level=None, timeout=0)
    writer.execute("BEGIN IMMEDIATE")  # holds the write lock, as a worker's transaction does
    try:
        started = time.monotonic()
        assert jobs.get_job(job_id).status is JobStatus.QUEUED
        assert jobs.load_upload(job_id) == b"resume"
        assert jobs.lease_owner(job_id) is None
        # Without the read-only begin each read waits for the lock (busy timeout: 30 s).
        assert time.monotonic() - started < 5
    finally:
        writer.execute("ROLLBACK")
        writer.close()


def test_queue_age_is_the_oldest_queued_jobs(jobs: SqlJobStore, monkeypatch: Any) -> None:
    assert jobs.oldest_queued_age_s() == 0.0  # nothing waits
    first = new_job(jobs)
    later = utcnow()
    monkeypatch.setattr(job_store, "utcnow", lambda: later + timedelta(seconds=90))
    new_job(jobs)  # accepted 90 s after the first
    monkeypatch.setattr(job_store, "utcnow", lambda: later + timedelta(seconds=120))
    assert 119 <= jobs.oldest_queued_age_s() <= 121  # the first has waited about 2 minutes
    assert jobs.claim_job(first, owner="a", lease_s=60) is not None
    assert 29 <= jobs.oldest_queued_age_s() <= 31  # a job being processed is not waiting


def test_a_queued_job_is_told_how_long_from_the_jobs_ahead_and_recent_runs(
    jobs: SqlJobStore, monkeypatch: Any
) -> None:
    start = utcnow()
    monkeypatch.setattr(job_store, "utcnow", lambda: start)
    done = new_job(jobs)
    assert jobs.queue_wait(jobs.get_job(done)).estimate_s() is None  # nothing to go on yet
    assert jobs.claim_job(done, owner="a", lease_s=60) is not None
    monkeypatch.setattr(job_store, "utcnow", lambda: start + timedelta(seconds=4))
    assert jobs.complete_job(done, owner="a", feedback=FEEDBACK)
    waiting = []
    for offset in (5, 6, 7):
        monkeypatch.setattr(job_store, "utcnow", lambda o=offset: start + timedelta(seconds=o))
        waiting.append(new_job(jobs))
    wait = jobs.queue_wait(jobs.get_job(waiting[2]))
    assert (wait.ahead, wait.typical_run_s) == (2, 4.0)
    assert wait.estimate_s() == 12.0  # two ahead and itself, 4 s each
    assert jobs.queue_wait(jobs.get_job(waiting[0])).ahead == 0
