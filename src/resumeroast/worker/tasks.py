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
from resumeroast.errors import JobNotFound, TransientError
from resumeroast.pipeline import ProviderPaused, dead_letter, process_job, publish_job
from resumeroast.worker.runtime import runtime

log = structlog.get_logger(__name__)

EXHAUSTED_REASON = (
    "We could not finish your review: a service we depend on kept failing after {n} attempts. "
    "Nothing is lost: your upload is kept and the job will be replayed; you can also "
    "upload again later."
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
    owner = process_owner_id(new_owner_token())
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
    """Hand the job back without spending a retry and ask again after the cool-down."""
    rt = runtime()
    delay_s = (exc.retry_after_s or 1.0) + random.uniform(0.0, 1.0)
    retry_at = datetime.now(UTC) + timedelta(seconds=delay_s)
    rt.deps.jobs.release_job(
        job_id, owner=owner, retry_at=retry_at, note=f"{exc.code}: {exc.detail}"
    )
    publish_job(rt.deps, rt.deps.jobs.get_job(job_id))
    log.info("review_waiting_for_provider", job_id=job_id, delay_s=round(delay_s, 2))
    raise task.retry(countdown=delay_s, max_retries=None, exc=exc)


def on_task_failure(
    exception: BaseException | None = None,
    args: Any = None,
    einfo: Any = None,
    **_: Any,
) -> None:
    """A hard time limit kills the child: record the job in the dead-letter queue."""
    from billiard.exceptions import TimeLimitExceeded

    if not isinstance(exception, TimeLimitExceeded) or not args:
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
        reason=(
            "Your review took longer than our time limit and was stopped. The job is kept in "
            "our dead-letter queue for replay; a simpler file (fewer pages) usually helps."
        ),
    )
