"""The failure policy (docs/operations.md, "Retries, the breaker and the reconciler" and "The
dead-letter queue"): what a failed run turns into, and what the job's row and the user show."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from resumeroast.adapters.db.job_store import SqlJobStore
from resumeroast.core.jobs import JobStatus, Stage
from resumeroast.errors import (
    JobNotFound,
    LLMTransientError,
    ParserFailed,
    ProviderPaused,
    SoftTimeLimit,
    TransientError,
)
from resumeroast.pipeline import (
    DeadLettered,
    FailedAtOnce,
    FailedRun,
    JobGone,
    Paused,
    RetryIn,
    RetryPolicy,
    Upload,
    dead_letter_timed_out,
    handle_failure,
)
from tests.unit.pipeline.fakes import RESUME, World, submit, world

TASK = "resumeroast.review_job"
OWNER = "host:4242:delivery-1/abcd"  #: a run of delivery-1 (see new_owner_token)
FAST = RetryPolicy(max_retries=3, base_s=0.001, cap_s=60.0, outage_max_wait_s=1800.0)


def claimed(w: World, owner: str = OWNER) -> str:
    """A job a run has claimed: the state a failure finds it in."""
    job, _ = submit(w.deps, Upload(RESUME, "resume.txt"))
    assert w.deps.jobs.claim_job(job.id, owner=owner, lease_s=60) is not None
    return job.id


def run_of(job_id: str, owner: str = OWNER) -> FailedRun:
    return FailedRun(job_id=job_id, owner=owner, task_name=TASK, trace="Traceback: boom")


def test_a_transient_failure_is_retried_after_a_jittered_delay(jobs: SqlJobStore) -> None:
    w = world(jobs)
    job_id = claimed(w)
    before = datetime.now(UTC)
    decision = handle_failure(w.deps, run_of(job_id), LLMTransientError("HTTP 503"))
    assert isinstance(decision, RetryIn)
    assert 0.0 <= decision.delay_s <= 1.0  # the first retry: up to RETRY_BASE_S × 2⁰
    job = jobs.get_job(job_id)
    assert (job.status, job.retries) == (JobStatus.QUEUED, 1)
    assert job.last_error == "llm_unavailable: HTTP 503"
    assert job.retry_at is not None and job.retry_at >= before
    assert w.events.last()["status"] == "queued" and w.events.last()["retries"] == 1
    assert w.metrics.retries == ["llm_unavailable"]


def test_a_retry_waits_at_least_the_providers_retry_after(jobs: SqlJobStore) -> None:
    w = world(jobs)
    decision = handle_failure(
        w.deps, run_of(claimed(w)), LLMTransientError("HTTP 429", retry_after_s=20.0)
    )
    assert isinstance(decision, RetryIn) and 20.0 <= decision.delay_s <= 60.0


def test_an_unknown_crash_is_retried_like_a_transient_failure(jobs: SqlJobStore) -> None:
    w = world(jobs)
    job_id = claimed(w)
    error = ParserFailed("the parse child exited with -9")
    assert isinstance(handle_failure(w.deps, run_of(job_id), error), RetryIn)
    assert "ParserFailed: the parse child exited with -9" in (jobs.get_job(job_id).last_error or "")


def test_spent_retries_send_the_job_to_the_dead_letters(jobs: SqlJobStore) -> None:
    w = world(jobs, retry=FAST)
    job_id = claimed(w)
    decisions = [handle_failure(w.deps, run_of(job_id), TransientError("boom"))]
    for attempt in range(2, 5):  # each retry's run claims the job (due within the second)
        owner = f"host:4242:delivery-{attempt}/abcd"
        assert jobs.claim_job(job_id, owner=owner, lease_s=60) is not None
        decisions.append(handle_failure(w.deps, run_of(job_id, owner), TransientError("boom")))
    assert [type(d) for d in decisions] == [RetryIn, RetryIn, RetryIn, DeadLettered]
    dead = decisions[-1]
    assert isinstance(dead, DeadLettered) and dead.recorded
    assert dead.code == "retries_exhausted" and "after 4 attempts" in dead.reason
    job = jobs.get_job(job_id)
    assert (job.status, job.failure_code, job.failure_reason) == (
        JobStatus.FAILED,
        "retries_exhausted",
        dead.reason,
    )
    [entry] = w.deps.dead_letters.list_dead_letters()
    assert (entry.job_id, entry.task_name, entry.task_args) == (job_id, TASK, [job_id])
    assert (entry.error_type, entry.traceback, entry.attempts) == (
        "TransientError",
        "Traceback: boom",
        4,
    )
    assert w.events.last()["status"] == "failed"
    assert w.metrics.finished == ["failed"]


def test_a_paused_provider_hands_the_job_back_without_spending_a_retry(
    jobs: SqlJobStore,
) -> None:
    w = world(jobs)
    job_id = claimed(w)
    decision = handle_failure(
        w.deps, run_of(job_id), ProviderPaused("breaker open", retry_after_s=30.0)
    )
    assert isinstance(decision, Paused) and 30.0 <= decision.wait_s <= 31.0
    job = jobs.get_job(job_id)
    assert (job.status, job.retries, job.attempts) == (JobStatus.QUEUED, 0, 0)
    assert job.retry_at is not None and job.retry_at > datetime.now(UTC) + timedelta(seconds=25)
    assert w.metrics.retries == []
    assert w.events.last()["status"] == "queued"


def test_a_provider_down_too_long_sends_the_job_to_the_dead_letters(
    jobs: SqlJobStore,
) -> None:
    w = world(jobs, retry=RetryPolicy(3, 1.0, 60.0, outage_max_wait_s=0.0))
    job_id = claimed(w)
    decision = handle_failure(w.deps, run_of(job_id), ProviderPaused("breaker open"))
    assert isinstance(decision, DeadLettered) and decision.recorded
    assert decision.code == "provider_unavailable"
    assert "unavailable for over a minute" in decision.reason
    assert jobs.get_job(job_id).failure_code == "provider_unavailable"
    entries = w.deps.dead_letters.list_dead_letters()
    assert [entry.error_type for entry in entries] == ["ProviderPaused"]


def test_a_job_deleted_while_it_ran_is_left_alone(jobs: SqlJobStore) -> None:
    w = world(jobs)
    job_id = claimed(w)
    jobs.delete_job(job_id)
    assert handle_failure(w.deps, run_of(job_id), JobNotFound(job_id)) == JobGone()
    assert w.events.published == []


def test_a_run_that_lost_its_lease_writes_no_dead_letter(jobs: SqlJobStore) -> None:
    w = world(jobs, retry=RetryPolicy(0, 1.0, 60.0, 1800.0))  # no retries: straight to DLQ
    job_id = claimed(w)
    assert jobs.claim_job(job_id, owner="host:1:delivery-2/y", lease_s=60, dead_owners=[OWNER])
    decision = handle_failure(w.deps, run_of(job_id), TransientError("boom"))
    assert isinstance(decision, DeadLettered) and not decision.recorded
    assert jobs.get_job(job_id).status is JobStatus.PROCESSING
    assert w.deps.dead_letters.list_dead_letters() == []


def test_a_hard_time_limit_dead_letters_the_run_of_that_delivery_only(
    jobs: SqlJobStore,
) -> None:
    w = world(jobs)
    job_id = claimed(w)
    other = dead_letter_timed_out(
        w.deps, job_id, task_name=TASK, delivery="delivery-9", limit_s=120, trace=""
    )
    assert not other.recorded and jobs.get_job(job_id).status is JobStatus.PROCESSING
    decision = dead_letter_timed_out(
        w.deps, job_id, task_name=TASK, delivery="delivery-1", limit_s=120, trace="killed"
    )
    assert decision.recorded and decision.code == "time_limit"
    job = jobs.get_job(job_id)
    assert (job.status, job.failure_reason) == (JobStatus.FAILED, decision.reason)
    [entry] = w.deps.dead_letters.list_dead_letters()
    assert entry.error_message == "hard time limit of 120s exceeded"


def test_a_soft_time_limit_in_the_analysis_fails_the_job_at_once(jobs: SqlJobStore) -> None:
    # issue 17: the analysis depends only on the document; a retry would overrun again and hold
    # a worker each time
    w = world(jobs)
    job_id = claimed(w)
    assert jobs.set_stage(job_id, owner=OWNER, stage=Stage.ANALYZING)

    decision = handle_failure(w.deps, run_of(job_id), SoftTimeLimit("soft time limit: 100 s"))

    assert decision == FailedAtOnce("document_too_complex")
    job = jobs.get_job(job_id)
    assert (job.status, job.retries) == (JobStatus.FAILED, 0)
    assert job.failure_code == "document_too_complex"
    assert w.events.last()["status"] == "failed"


def test_a_soft_time_limit_in_the_review_is_retried(jobs: SqlJobStore) -> None:
    w = world(jobs)
    job_id = claimed(w)
    assert jobs.set_stage(job_id, owner=OWNER, stage=Stage.REVIEWING)

    decision = handle_failure(w.deps, run_of(job_id), SoftTimeLimit("soft time limit: 100 s"))

    assert isinstance(decision, RetryIn)
    assert jobs.get_job(job_id).status == JobStatus.QUEUED
