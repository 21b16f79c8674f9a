"""The review task: process the job; on failure ask the pipeline what to do and carry it out
(a Celery retry with the given countdown, or an ack)."""

from __future__ import annotations

import traceback
from typing import Any

import structlog
from celery import Celery, Task
from celery.exceptions import SoftTimeLimitExceeded

from resumeroast.adapters.db.job_rows import new_owner_token
from resumeroast.adapters.processes import owner_is_dead, process_owner_id
from resumeroast.adapters.queue import REVIEW_TASK
from resumeroast.errors import SoftTimeLimit
from resumeroast.pipeline import (
    DeadLettered,
    Decision,
    FailedAtOnce,
    FailedRun,
    Paused,
    RetryIn,
    dead_letter_timed_out,
    handle_failure,
    process_job,
)
from resumeroast.worker.runtime import runtime

log = structlog.get_logger(__name__)


def register_tasks(app: Celery) -> None:
    @app.task(name=REVIEW_TASK, bind=True, max_retries=None, acks_late=True)  # type: ignore[untyped-decorator]
    def review_job(self: Task, job_id: str) -> str:
        return run_review(self, job_id)


def run_review(task: Task, job_id: str) -> str:
    """The job's lines carry its id, the delivery, and the id of the upload request when its
    message has one (the `request_id` header the API sets; a retry keeps it)."""
    context: dict[str, Any] = {"job_id": job_id, "delivery": task.request.id}
    request_id = task.request.get("request_id") or (task.request.headers or {}).get("request_id")
    if isinstance(request_id, str):
        context["request_id"] = request_id
    with structlog.contextvars.bound_contextvars(**context):
        return review_once(task, job_id)


def review_once(task: Task, job_id: str) -> str:
    rt = runtime()
    owner = process_owner_id(new_owner_token(task.request.id))
    current_owner = rt.deps.jobs.lease_owner(job_id)
    dead = (current_owner,) if current_owner and owner_is_dead(current_owner) else ()
    log.info("review_started", job_id=job_id, delivery=task.request.id)
    error: Exception
    try:
        return process_job(rt.deps, job_id, owner=owner, dead_owners=dead).value
    except SoftTimeLimitExceeded as exc:
        error, trace = SoftTimeLimit(f"soft time limit: {exc}"), traceback.format_exc()
    except Exception as exc:  # the pipeline decides; unknown failures are retried too
        error, trace = exc, traceback.format_exc()
    run = FailedRun(job_id=job_id, owner=owner, task_name=REVIEW_TASK, trace=trace)
    return carry_out(task, handle_failure(rt.deps, run, error), error)


def carry_out(task: Task, decision: Decision, error: Exception) -> str:
    """A retry publishes a new message with the countdown and acks this one."""
    if isinstance(decision, RetryIn):
        raise task.retry(countdown=decision.delay_s, max_retries=None, exc=error)
    if isinstance(decision, Paused):
        raise task.retry(countdown=decision.wait_s, max_retries=None, exc=error)
    if isinstance(decision, FailedAtOnce):
        return "failed"
    return "dead_lettered" if isinstance(decision, DeadLettered) else "deleted"


def on_task_failure(
    exception: BaseException | None = None,
    task_id: str | None = None,
    args: Any = None,
    einfo: Any = None,
    **_: Any,
) -> None:
    """A hard time limit kills the child: record the job in the dead-letter queue.

    This runs in the worker's main process, which never learns the killed run's owner id.
    """
    from billiard.exceptions import TimeLimitExceeded

    if not isinstance(exception, TimeLimitExceeded) or not args or not task_id:
        return
    rt = runtime()
    dead_letter_timed_out(
        rt.deps,
        str(args[0]),
        task_name=REVIEW_TASK,
        delivery=task_id,
        limit_s=rt.settings.task_time_limit_s,
        trace=str(einfo or ""),
    )
