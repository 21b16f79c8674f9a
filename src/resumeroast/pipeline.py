"""The use cases, top to bottom: submit a resume, process a job.

submit_resume: validate bytes (core) → store upload + job 'queued' (one transaction)
               → enqueue the job id; submit_batch does the same for many uploads at once
process_job:   claim (conditional update) → parse → analyze → review (cached by content)
               → save feedback + 'complete' (one transaction); every step is published.
"""

from __future__ import annotations

import hashlib
import time
from collections.abc import AsyncIterator, Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, replace
from datetime import UTC, datetime, timedelta
from enum import StrEnum
from typing import Any, Protocol

import structlog

from resumeroast.core.analysis import Analysis, analyze, no_text_feedback
from resumeroast.core.documents import Document, DocumentKind, LayoutFacts, sniff_kind
from resumeroast.core.feedback import Feedback, Level
from resumeroast.core.jobs import Job, LLMUsage, NewJob, Stage
from resumeroast.core.text_fields import require_plain_text
from resumeroast.errors import (
    BrokerUnavailable,
    FileTooLarge,
    InvalidRequest,
    JobNotFound,
    LLMTransientError,
    NoTextLayer,
    PermanentError,
    TransientError,
)
from resumeroast.ports import JobStore, Reviewer, ReviewRequest

log = structlog.get_logger(__name__)


class TaskQueue(Protocol):
    def enqueue_review(self, job_id: str, *, countdown_s: float | None = None) -> None: ...

    def enqueue_reviews(self, job_ids: Sequence[str]) -> None: ...

    def queue_depth(self) -> int | None: ...

    def ping(self) -> bool: ...


class EventPublisher(Protocol):
    def publish(self, job_id: str, payload: dict[str, Any]) -> None: ...

    def subscribe(self, job_id: str) -> AsyncIterator[dict[str, Any]]: ...

    def ping(self) -> bool: ...


class Breaker(Protocol):
    def wait_s(self, name: str) -> float | None: ...

    def record(self, name: str, *, ok: bool) -> None: ...

    def is_open(self, name: str) -> bool: ...


class ProviderPaused(TransientError):
    """The provider's circuit breaker is open: the job waits without spending a retry."""

    code = "provider_paused"
    user_message = "The AI reviewer is down; your job is waiting and will resume by itself."


class Metrics(Protocol):
    def stage_seconds(self, stage: Stage, seconds: float) -> None: ...

    def job_finished(self, status: str) -> None: ...

    def retry_scheduled(self, reason: str) -> None: ...

    def llm_usage(self, provider: str, usage: LLMUsage) -> None: ...

    def provider_error(self, provider: str, kind: str) -> None: ...


@dataclass(frozen=True)
class Limits:
    max_upload_bytes: int
    max_job_description_chars: int
    lease_s: float


@dataclass
class Deps:
    jobs: JobStore
    queue: TaskQueue
    events: EventPublisher
    reviewer: Reviewer
    parse: Callable[[bytes, DocumentKind], Document]
    limits: Limits
    breaker: Breaker
    metrics: Metrics


@dataclass(frozen=True)
class Upload:
    data: bytes
    filename: str
    level: Level = Level.HONEST
    job_description: str | None = None
    idempotency_key: str | None = None


class Outcome(StrEnum):
    COMPLETE = "complete"
    FAILED = "failed"
    SKIPPED = "skipped"  #: another run holds or finished the job


class DeadLetterNotFound(JobNotFound):
    code = "dead_letter_not_found"
    user_message = "No such dead-letter entry."


class LeaseLost(Exception):
    """Our lease ran out and another run took the job: stop without writing."""


# --- submit -------------------------------------------------------------------------------


def submit_resume(deps: Deps, upload: Upload) -> tuple[Job, bool]:
    """Store the upload and its job, then enqueue it. Returns (job, created)."""
    job, created = deps.jobs.create_job(prepare_submission(deps.limits, upload))
    if created:
        enqueue(deps, job.id)
    return job, created


def prepare_submission(limits: Limits, upload: Upload) -> NewJob:
    """Check what can be told from the bytes at once; raises the user's error."""
    if len(upload.data) > limits.max_upload_bytes:
        raise FileTooLarge(f"{len(upload.data)} bytes")
    require_plain_text("filename", upload.filename)
    require_plain_text("job_description", upload.job_description or "", multiline=True)
    kind = sniff_kind(upload.data, upload.filename)
    job_description = (upload.job_description or "").strip() or None
    if job_description and len(job_description) > limits.max_job_description_chars:
        raise InvalidRequest(
            "job description too long",
            user_message=(
                f"The job description is longer than {limits.max_job_description_chars} "
                "characters. Paste the requirements and responsibilities only."
            ),
        )
    return NewJob(
        data=upload.data,
        kind=kind,
        filename=upload.filename[-255:],
        level=upload.level,
        job_description=job_description,
        content_sha256=hashlib.sha256(upload.data).hexdigest(),
        idempotency_key=upload.idempotency_key,
    )


def submit_batch(deps: Deps, news: Sequence[NewJob]) -> list[Job]:
    """Group commit: many prepared uploads (no Idempotency-Key) stored in one transaction,
    then enqueued. A broker that fails leaves them 'queued' for the reconciler, as enqueue."""
    jobs = deps.jobs.create_jobs(news)
    try:
        deps.queue.enqueue_reviews([job.id for job in jobs])
    except BrokerUnavailable as exc:
        log.warning("enqueue_failed_reconciler_will_retry", jobs=len(jobs), error=str(exc))
    return jobs


def enqueue(deps: Deps, job_id: str) -> None:
    """Publish the job id; if the broker is down the job stays queued for the reconciler."""
    try:
        deps.queue.enqueue_review(job_id)
    except BrokerUnavailable as exc:
        log.warning("enqueue_failed_reconciler_will_retry", job_id=job_id, error=str(exc))


# --- process ------------------------------------------------------------------------------


def process_job(
    deps: Deps, job_id: str, *, owner: str, dead_owners: tuple[str, ...] = ()
) -> Outcome:
    job = deps.jobs.claim_job(
        job_id, owner=owner, lease_s=deps.limits.lease_s, dead_owners=dead_owners
    )
    if job is None:
        log.info("job_not_claimable", job_id=job_id)
        return Outcome.SKIPPED
    publish_job(deps, job)
    try:
        feedback = review_job(deps, job, owner=owner)
        with stage(deps, job, owner, Stage.SAVING):
            saved = deps.jobs.complete_job(job.id, owner=owner, feedback=feedback)
    except PermanentError as exc:
        failed = deps.jobs.fail_job(
            job.id, owner=owner, code=exc.code, reason=exc.user_message, error=exc.detail
        )
        if not failed:  # our lease ran out and another run has the job now
            return Outcome.SKIPPED
        publish_job(deps, deps.jobs.get_job(job.id))
        deps.metrics.job_finished("failed")
        log.info("job_failed_permanently", job_id=job.id, code=exc.code)
        return Outcome.FAILED
    except LeaseLost:
        return Outcome.SKIPPED
    publish_job(deps, deps.jobs.get_job(job.id))
    if saved:
        deps.metrics.job_finished("complete")
    return Outcome.COMPLETE if saved else Outcome.SKIPPED


def review_job(deps: Deps, job: Job, *, owner: str) -> Feedback:
    with stage(deps, job, owner, Stage.PARSING):
        data = deps.jobs.load_upload(job.id)
        try:
            document = deps.parse(data, job.kind)
        except NoTextLayer as exc:
            pages = getattr(exc, "pages", 1)
            layout = LayoutFacts(pages=pages if isinstance(pages, int) else 1)
            return no_text_feedback(layout, job.level)
    with stage(deps, job, owner, Stage.ANALYZING):
        # "Present" means the day the job was submitted: the same upload always scores the same.
        analysis = analyze(
            document, job_description=job.job_description, as_of=job.created_at.date()
        )
    with stage(deps, job, owner, Stage.REVIEWING):
        return review_document(
            deps, job, owner, ReviewRequest(document, analysis, job.job_description, job.level)
        )


def review_document(deps: Deps, job: Job, owner: str, request: ReviewRequest) -> Feedback:
    """The builtin reviewer directly; a model through the cache, the breaker and the meter."""
    if not deps.reviewer.is_billable:
        return deps.reviewer.review(request)
    document = request.document
    # Hidden text is part of the key: the same visible text with an injection hidden in it must
    # not be served the clean document's cached review (which lacks the red flag).
    hidden = "\n".join(h.text for h in document.layout.hidden_text)
    key = review_cache_key(
        document.text + "\x00" + hidden,
        job.job_description,
        job.level,
        deps.reviewer.identity,
        analysis_fingerprint(request.analysis),
    )
    cached = deps.jobs.get_cached_review(key)
    if cached is not None:
        review = cached.review.model_copy(update={"cached": True})
        return cached.model_copy(update={"review": review})
    feedback = call_reviewer(deps, request)
    deps.jobs.put_cached_review(key, feedback, source_job_id=job.id)
    review = feedback.review
    usage = LLMUsage(review.tokens_in, review.tokens_out, review.cost_usd, review.latency_ms)
    deps.jobs.record_usage(job.id, owner=owner, usage=usage)
    deps.metrics.llm_usage(review.reviewer, usage)
    return feedback


def call_reviewer(deps: Deps, request: ReviewRequest) -> Feedback:
    """One billable call, guarded by the provider's shared circuit breaker."""
    name = deps.reviewer.identity.split(":", 1)[0]
    wait_s = deps.breaker.wait_s(name)
    if wait_s is not None:
        raise ProviderPaused(f"{name} breaker open", retry_after_s=wait_s)
    try:
        feedback = deps.reviewer.review(request)
    except LLMTransientError as exc:
        deps.breaker.record(name, ok=False)
        deps.metrics.provider_error(name, exc.code)
        # A failure that leaves the breaker open (it tripped it, or it was the half-open probe)
        # is the outage, not this job's bad luck: the job waits instead of spending a retry.
        if deps.breaker.is_open(name):
            raise ProviderPaused(f"{name} breaker opened: {exc.detail}") from exc
        raise
    deps.breaker.record(name, ok=True)
    return feedback


def review_cache_key(
    text: str, job_description: str | None, level: Level, identity: str, analysis: str
) -> str:
    """The cache holds the merged feedback, the analyzer's part included, so the analysis
    (its fingerprint) is part of the key next to what the model saw."""
    parts = [
        hashlib.sha256(text.encode()).hexdigest(),
        hashlib.sha256((job_description or "").encode()).hexdigest(),
        level.value,
        identity,
        analysis,
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


def analysis_fingerprint(analysis: Analysis) -> str:
    """A hash of what the analyzer concluded: its version, facts, scores and findings.

    A new analyzer, or a later "Present" that changes durations and gaps, changes it; the same
    conclusions on another day keep it (and the cached review stays valid).
    """
    parts = [
        analysis.version,
        analysis.facts.model_dump_json(),
        analysis.sub_scores.model_dump_json(),
        str(analysis.overall_score),
        analysis.keywords.model_dump_json() if analysis.keywords else "",
        *(finding.model_dump_json() for finding in analysis.findings),
    ]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()


@contextmanager
def stage(deps: Deps, job: Job, owner: str, name: Stage) -> Iterator[None]:
    """Record and publish the stage, and time it."""
    if not deps.jobs.set_stage(job.id, owner=owner, stage=name):
        raise LeaseLost(job.id)
    publish_job(deps, replace(job, stage=name))
    started = time.perf_counter()
    yield
    deps.metrics.stage_seconds(name, time.perf_counter() - started)


# --- status -------------------------------------------------------------------------------


def job_event(job: Job) -> dict[str, Any]:
    """The small status document sent on every change (the feedback is fetched separately)."""
    return {
        "job_id": job.id,
        "status": job.status.value,
        "stage": job.stage.value if job.stage else None,
        "attempts": job.attempts,
        "retries": job.retries,
        "retry_at": _iso(job.retry_at),
        "failure_reason": job.failure_reason,
        "updated_at": _iso(job.updated_at),
    }


def publish_job(deps: Deps, job: Job) -> None:
    deps.events.publish(job.id, job_event(job))


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def dead_letter(
    deps: Deps,
    job_id: str,
    *,
    task_name: str,
    task_args: list[Any],
    error: Exception,
    trace: str,
    reason: str,
    code: str = "retries_exhausted",
    owner: str | None = None,
    delivery: str | None = None,
) -> bool:
    """Record what replay needs and mark the job failed with a reason a person understands, in
    one transaction, if the run (owner, or any run of the task delivery) still holds the job."""
    recorded = deps.jobs.dead_letter_job(
        job_id,
        code=code,
        reason=reason,
        task_name=task_name,
        task_args=task_args,
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


def reconcile(
    deps: Deps, *, stale_after_s: float, dead_owner: Callable[[str | None], bool]
) -> list[str]:
    """Re-enqueue accepted jobs that are not moving. Safe to repeat: the claim dedupes.

    The database is the record of accepted jobs, so even a broker that lost every message
    loses no job: stale 'queued' rows and 'processing' rows whose lease ran out (or whose
    owner process is gone) are published again. A backlog is not a loss, though: while the
    broker's queue holds at least as many messages as there are stale queued jobs, they are
    waiting their turn and publishing them again would only pile up duplicates each round.
    """
    queued = deps.jobs.find_stale_queued(stale_after_s=stale_after_s)
    depth = deps.queue.queue_depth() if queued else None
    if depth is not None and depth >= len(queued):
        log.info("reconciler_backlog_not_republished", stale=len(queued), queue_depth=depth)
        queued = []
    lease_lost = deps.jobs.find_lease_lost()
    orphaned = [job_id for job_id, owner in deps.jobs.processing_owners() if dead_owner(owner)]
    job_ids = list(dict.fromkeys(queued + lease_lost + orphaned))
    for job_id in job_ids:
        enqueue(deps, job_id)
    deps.jobs.mark_enqueued(job_ids)
    if job_ids:
        log.info("reconciler_reenqueued", count=len(job_ids))
    return job_ids


def replay_dead_letter(deps: Deps, entry_id: int) -> str:
    """Reset the job to queued, re-enqueue it, and only then remove the entry."""
    entry = deps.jobs.get_dead_letter(entry_id)
    if entry is None:
        raise DeadLetterNotFound(str(entry_id))
    replay_job(deps, entry.job_id)  # raises BrokerUnavailable: the entry stays
    deps.jobs.delete_dead_letter(entry_id)
    return entry.job_id


def replay_job(deps: Deps, job_id: str) -> None:
    """Back to 'queued' (a complete job stays complete) and onto the queue."""
    if not deps.queue.ping():  # do not touch the job when it could not be published
        raise BrokerUnavailable("the broker does not answer")
    deps.jobs.requeue_for_replay(job_id)
    deps.queue.enqueue_review(job_id)
    publish_job(deps, deps.jobs.get_job(job_id))


def purge_expired(deps: Deps, *, retention_days: float) -> int:
    """Delete everything about jobs older than the retention period."""
    cutoff = datetime.now(UTC) - timedelta(days=retention_days)
    deleted = 0
    while job_ids := deps.jobs.jobs_created_before(cutoff, limit=500):
        deleted += deps.jobs.delete_jobs(job_ids)
    if deleted:
        log.info("retention_purged", count=deleted)
    return deleted
