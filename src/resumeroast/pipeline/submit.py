"""Upload: validate bytes (core) → store upload + job 'queued' (one transaction) → enqueue.

A broker that is down does not fail the upload: the job stays 'queued' and the reconciler
publishes it once the broker is back.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

import structlog

from resumeroast.core.documents import sniff_kind
from resumeroast.core.feedback import Level
from resumeroast.core.jobs import Job, NewJob
from resumeroast.core.text_fields import require_plain_text
from resumeroast.errors import BrokerUnavailable, FileTooLarge, InvalidRequest
from resumeroast.pipeline.deps import Deps, Limits

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Upload:
    data: bytes
    filename: str
    level: Level = Level.HONEST
    job_description: str | None = None
    idempotency_key: str | None = None


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
