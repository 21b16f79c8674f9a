"""Fail: a run that did not finish asks handle_failure what happens next.

    transient failure → RetryIn(delay_s): backoff with jitter, one retry spent
                      → DeadLettered once the retries are spent
    provider paused   → Paused(wait_s): the job is handed back, no retry spent
                      → DeadLettered once it has waited LLM_OUTAGE_MAX_WAIT_S
    unknown failure   → retried like a transient one
    soft time limit   → retried, unless it stopped the analysis: FailedAtOnce, since the same
                        document overruns every time (parsing has its own limit, in the sandbox)
    job deleted       → JobGone
    hard time limit   → dead_letter_timed_out: DeadLettered

Each decision is recorded and published here; the task queue only carries it out (a retry
with the given countdown, or an ack). A permanent failure never gets here: process_job
fails the job itself.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

import structlog

from resumeroast.core.jobs import Stage
from resumeroast.core.retry import backoff_delay_s
from resumeroast.errors import (
    DocumentTooComplex,
    JobNotFound,
    ProviderPaused,
    SoftTimeLimit,
    TransientError,
)
from resumeroast.pipeline.deps import Deps
from resumeroast.pipeline.status import publish_job

log = structlog.get_logger(__name__)

EXHAUSTED_REASON = (
    "We could not finish your review: a service we depend on kept failing after {n} attempts. "
    "Your upload is kept and our team can run the review again once the service is back; "
    "you can also upload the file again later."
)
PROVIDER_DOWN_REASON = (
    "We could not finish your review: the AI reviewer has been unavailable for over "
    "{duration}. Your upload is kept and our team can run the review again once it is "
    "back; you can also upload the file again later."
)
TIME_LIMIT_REASON = (
    "Your review took longer than our time limit and was stopped. A simpler file (fewer "
    "pages) usually helps; your upload is kept and our team can run the review again."
)


@dataclass(frozen=True)
class RetryIn:
    """Run the job again in delay_s; a retry is spent."""

    delay_s: float


@dataclass(frozen=True)
class Paused:
    """The provider is down: ask again in wait_s, without spending a retry."""

    wait_s: float


@dataclass(frozen=True)
class DeadLettered:
    """No more tries: the job failed with a reason and waits in the dead letters for replay."""

    code: str
    reason: str
    recorded: bool  #: False when another run held the job, so nothing was written


@dataclass(frozen=True)
class JobGone:
    """The job was deleted while it ran: nothing left to do."""


@dataclass(frozen=True)
class FailedAtOnce:
    """A permanent cause: the job failed with its reason, no retry and no dead letter."""

    code: str


Decision = RetryIn | Paused | DeadLettered | JobGone | FailedAtOnce


@dataclass(frozen=True)
class FailedRun:
    """What the task queue knows of a run that did not finish."""

    job_id: str
    owner: str  #: the run's lease owner: only a run that still holds the job writes
    task_name: str  #: kept with a dead letter, for replay
    trace: str  #: the traceback, kept with a dead letter


def handle_failure(deps: Deps, run: FailedRun, error: Exception) -> Decision:
    """Decide what happens to a job whose run raised, record it and publish it."""
    if isinstance(error, JobNotFound):
        return JobGone()
    if isinstance(error, ProviderPaused):
        return wait_for_provider(deps, run, error)
    if isinstance(error, SoftTimeLimit) and deps.jobs.get_job(run.job_id).stage == Stage.ANALYZING:
        return fail_overrun(deps, run, error)
    if not isinstance(error, TransientError):  # unknown: retried like a transient failure
        log.error("review_crashed", job_id=run.job_id, exc_info=error)
        error = TransientError(f"{type(error).__name__}: {error}")
    return retry_or_dead_letter(deps, run, error)


def fail_overrun(deps: Deps, run: FailedRun, error: SoftTimeLimit) -> Decision:
    """The analysis depends only on the document (and the job description): a run it made
    overrun would overrun on every retry, holding a worker each time (issue 17)."""
    cause = DocumentTooComplex(f"the analysis overran: {error.detail}")
    if not deps.jobs.fail_job(
        run.job_id, owner=run.owner, code=cause.code, reason=cause.user_message, error=cause.detail
    ):
        return JobGone()  # our lease ran out and another run has the job now
    deps.metrics.job_finished("failed")
    publish_job(deps, deps.jobs.get_job(run.job_id))
    log.warning("job_failed_analysis_overran", job_id=run.job_id)
    return FailedAtOnce(cause.code)


def retry_or_dead_letter(deps: Deps, run: FailedRun, error: TransientError) -> Decision:
    policy = deps.retry
    job = deps.jobs.get_job(run.job_id)
    if job.retries >= policy.max_retries:
        reason = EXHAUSTED_REASON.format(n=job.retries + 1)
        return dead_letter(deps, run, error, code="retries_exhausted", reason=reason)
    delay_s = backoff_delay_s(
        job.retries, base_s=policy.base_s, cap_s=policy.cap_s, retry_after_s=error.retry_after_s
    )
    deps.metrics.retry_scheduled(error.code)
    deps.jobs.schedule_retry(
        run.job_id,
        owner=run.owner,
        error=f"{error.code}: {error.detail}"[:2000],
        retry_at=datetime.now(UTC) + timedelta(seconds=delay_s),
    )
    publish_job(deps, deps.jobs.get_job(run.job_id))
    log.info(
        "review_retry_scheduled", job_id=run.job_id, delay_s=round(delay_s, 2), error=error.code
    )
    return RetryIn(delay_s)


def wait_for_provider(deps: Deps, run: FailedRun, error: ProviderPaused) -> Decision:
    """Hand the job back without spending a retry and ask again after the cool-down; a job
    that has waited the outage limit since its first attempt goes to the dead letters."""
    max_wait_s = deps.retry.outage_max_wait_s
    started_at = deps.jobs.get_job(run.job_id).started_at
    if started_at is not None and datetime.now(UTC) - started_at > timedelta(seconds=max_wait_s):
        reason = PROVIDER_DOWN_REASON.format(duration=_in_minutes(max_wait_s))
        return dead_letter(deps, run, error, code="provider_unavailable", reason=reason)
    # At most BREAKER_COOLDOWN_S + 1 s: Settings checks that it fits in the visibility timeout.
    wait_s = (error.retry_after_s or 1.0) + random.uniform(0.0, 1.0)
    deps.jobs.release_job(
        run.job_id,
        owner=run.owner,
        retry_at=datetime.now(UTC) + timedelta(seconds=wait_s),
        note=f"{error.code}: {error.detail}",
    )
    publish_job(deps, deps.jobs.get_job(run.job_id))
    log.info("review_waiting_for_provider", job_id=run.job_id, delay_s=round(wait_s, 2))
    return Paused(wait_s)


def dead_letter_timed_out(
    deps: Deps, job_id: str, *, task_name: str, delivery: str, limit_s: float, trace: str
) -> DeadLettered:
    """The hard time limit killed the run, whose owner id is lost with it: the job is failed
    only while a run of this delivery still holds it."""
    error = TransientError(f"hard time limit of {limit_s:g}s exceeded")
    recorded = record_dead_letter(
        deps,
        job_id,
        error,
        code="time_limit",
        reason=TIME_LIMIT_REASON,
        task_name=task_name,
        trace=trace,
        delivery=delivery,
    )
    return DeadLettered("time_limit", TIME_LIMIT_REASON, recorded)


def dead_letter(
    deps: Deps, run: FailedRun, error: Exception, *, code: str, reason: str
) -> DeadLettered:
    recorded = record_dead_letter(
        deps,
        run.job_id,
        error,
        code=code,
        reason=reason,
        task_name=run.task_name,
        trace=run.trace,
        owner=run.owner,
    )
    return DeadLettered(code, reason, recorded)


def record_dead_letter(
    deps: Deps,
    job_id: str,
    error: Exception,
    *,
    code: str,
    reason: str,
    task_name: str,
    trace: str,
    owner: str | None = None,
    delivery: str | None = None,
) -> bool:
    """Record what replay needs and mark the job failed with a reason a person understands, in
    one transaction, if the run (owner, or any run of the task delivery) still holds the job."""
    recorded = deps.dead_letters.dead_letter_job(
        job_id,
        code=code,
        reason=reason,
        task_name=task_name,
        task_args=[job_id],
        error_type=type(error).__name__,
        error_message=str(error),
        traceback=trace,
        owner=owner,
        delivery=delivery,
    )
    if not recorded:
        log.info("dead_letter_skipped_not_our_job", job_id=job_id)
        return False
    deps.metrics.job_finished("failed")
    publish_job(deps, deps.jobs.get_job(job_id))
    log.warning("job_dead_lettered", job_id=job_id, error_type=type(error).__name__)
    return True


def _in_minutes(seconds: float) -> str:
    minutes = max(1, round(seconds / 60))
    return "a minute" if minutes == 1 else f"{minutes} minutes"
