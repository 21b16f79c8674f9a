"""The review task: claim, process, and on failure retry with backoff or dead-letter."""

from __future__ import annotations

import random
import traceback
from datetime import UTC, datetime, timedelta
from typing import Any

import structlog
from celery import Celery, Task
from celery.exceptions import SoftTimeLimitExceeded

from resumeroast.adapters.db.repository import new_owner_token
from resumeroast.adapters.processes import owner_is_dead, process_owner_id
from resumeroast.adapters.queue import REVIEW_TASK
from resumeroast.core.retry import backoff_delay_s
from resumeroast.errors import JobNotFound, ProviderPaused, TransientError
from resumeroast.pipeline import dead_letter, process_job, publish_job
from resumeroast.worker.runtime import runtime

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


def register_tasks(app: Celery) -> None:
    @app.task(name=REVIEW_TASK, bind=True, max_retries=None, acks_late=True)  # type: ignore[untyped-decorator]
    def review_job(self: Task, job_id: str) -> str:
        return run_review(self, job_id)


def run_review(task: Task, job_id: str) -> str:
    with structlog.contextvars.bound_contextvars(job_id=job_id, delivery=task.request.id):
        return review_once(task, job_id)


def review_once(task: Task, job_id: str) -> str:
    rt = runtime()
    owner = process_owner_id(new_owner_token(task.request.id))
    current_owner = rt.deps.jobs.lease_owner(job_id)
    dead = (current_owner,) if current_owner and owner_is_dead(current_owner) else ()
    log.info("review_started", job_id=job_id, delivery=task.request.id)
    try:
        return process_job(rt.deps, job_id, owner=owner, dead_owners=dead).value
    except JobNotFound:
        return "deleted"
    except ProviderPaused as exc:
        return wait_for_provider(task, job_id, owner, exc)
    except TransientError as exc:
        return retry_or_dead_letter(task, job_id, owner, exc)
    except SoftTimeLimitExceeded as exc:
        return retry_or_dead_letter(task, job_id, owner, TransientError(f"soft time limit: {exc}"))
    except Exception as exc:  # an unknown failure: retried like a transient one, then dead-lettered
        log.exception("review_crashed", job_id=job_id)
        return retry_or_dead_letter(
            task, job_id, owner, TransientError(f"{type(exc).__name__}: {exc}")
        )


def retry_or_dead_letter(task: Task, job_id: str, owner: str, exc: TransientError) -> str:
    rt = runtime()
    settings = rt.settings
    job = rt.deps.jobs.get_job(job_id)
    if job.retries >= settings.max_retries:
        dead_letter(
            rt.deps,
            job_id,
            task_name=REVIEW_TASK,
            task_args=[job_id],
            error=exc,
            trace=traceback.format_exc(),
            reason=EXHAUSTED_REASON.format(n=job.retries + 1),
            owner=owner,
        )
        return "dead_lettered"
    delay_s = backoff_delay_s(
        job.retries,
        base_s=settings.retry_base_s,
        cap_s=settings.retry_cap_s,
        retry_after_s=exc.retry_after_s,
    )
    retry_at = datetime.now(UTC) + timedelta(seconds=delay_s)
    rt.deps.metrics.retry_scheduled(exc.code)
    rt.deps.jobs.schedule_retry(
        job_id, owner=owner, error=f"{exc.code}: {exc.detail}"[:2000], retry_at=retry_at
    )
    publish_job(rt.deps, rt.deps.jobs.get_job(job_id))
    log.info("review_retry_scheduled", job_id=job_id, delay_s=round(delay_s, 2), error=exc.code)
    raise task.retry(countdown=delay_s, max_retries=None, exc=exc)


def wait_for_provider(task: Task, job_id: str, owner: str, exc: ProviderPaused) -> str:
    """Hand the job back without spending a retry and ask again after the cool-down; a job
    that has waited LLM_OUTAGE_MAX_WAIT_S since its first attempt goes to the dead letters."""
    rt = runtime()
    max_wait_s = rt.settings.llm_outage_max_wait_s
    started_at = rt.deps.jobs.get_job(job_id).started_at
    if started_at is not None and datetime.now(UTC) - started_at > timedelta(seconds=max_wait_s):
        dead_letter(
            rt.deps,
            job_id,
            task_name=REVIEW_TASK,
            task_args=[job_id],
            error=exc,
            trace=traceback.format_exc(),
            reason=PROVIDER_DOWN_REASON.format(duration=_in_minutes(max_wait_s)),
            code="provider_unavailable",
            owner=owner,
        )
        return "dead_lettered"
    delay_s = (exc.retry_after_s or 1.0) + random.uniform(0.0, 1.0)
    retry_at = datetime.now(UTC) + timedelta(seconds=delay_s)
    rt.deps.jobs.release_job(
        job_id, owner=owner, retry_at=retry_at, note=f"{exc.code}: {exc.detail}"
    )
    publish_job(rt.deps, rt.deps.jobs.get_job(job_id))
    log.info("review_waiting_for_provider", job_id=job_id, delay_s=round(delay_s, 2))
    raise task.retry(countdown=delay_s, max_retries=None, exc=exc)


def _in_minutes(seconds: float) -> str:
    minutes = max(1, round(seconds / 60))
    return "a minute" if minutes == 1 else f"{minutes} minutes"


def on_task_failure(
    exception: BaseException | None = None,
    task_id: str | None = None,
    args: Any = None,
    einfo: Any = None,
    **_: Any,
) -> None:
    """A hard time limit kills the child: record the job in the dead-letter queue.

    This runs in the worker's main process, which never learns the killed run's owner id: the
    job is failed only while a run of this delivery (task_id) still holds it.
    """
    from billiard.exceptions import TimeLimitExceeded

    if not isinstance(exception, TimeLimitExceeded) or not args or not task_id:
        return
    job_id = str(args[0])
    rt = runtime()
    dead_letter(
        rt.deps,
        job_id,
        task_name=REVIEW_TASK,
        task_args=[job_id],
        error=TransientError(f"hard time limit of {rt.settings.task_time_limit_s}s exceeded"),
        trace=str(einfo or ""),
        reason=TIME_LIMIT_REASON,
        code="time_limit",
        delivery=task_id,
    )
