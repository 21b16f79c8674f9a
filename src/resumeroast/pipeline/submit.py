"""Upload: validate bytes (core) → store upload + job 'queued' (one transaction) → enqueue.

Which queue: the ordinary one, or the bulk one (`reviews-large`) for an upload of
LARGE_UPLOAD_BYTES or more and for a client's extra jobs (the API tells: the client already
has one queued or running). Workers take the ordinary queue first (adapters/queue.py), so an
ordinary resume waits behind the jobs in progress and other clients' first jobs, never behind
one client's pile.

A broker that is down does not fail the upload: the job stays 'queued' and the reconciler
publishes it once the broker is back (`enqueue`, the one place that decides so).

Uploads that arrive together are stored and published together: the submissions port that
bootstrap builds groups them and writes each group with `store_and_publish`.
"""

from __future__ import annotations

import asyncio
import hashlib
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass

import structlog

from resumeroast.core.documents import sniff_kind
from resumeroast.core.feedback import Level
from resumeroast.core.jobs import Job, NewJob, is_large
from resumeroast.core.text_fields import require_plain_text
from resumeroast.errors import BrokerUnavailable, FileTooLarge, InvalidRequest, JobNotFound
from resumeroast.pipeline.deps import Deps, Limits
from resumeroast.ports import JobStore, TaskQueue

log = structlog.get_logger(__name__)


@dataclass(frozen=True)
class Upload:
    data: bytes
    filename: str
    level: Level = Level.HONEST
    job_description: str | None = None
    idempotency_key: str | None = None
    request_id: str | None = None  #: the HTTP request's id, carried to the worker's logs
    previous_job_id: str | None = None  #: the version it revises (its owner token checked)
    #: The client already has a job queued or running: this one goes to the bulk queue.
    behind_own_jobs: bool = False


async def submit_resume(deps: Deps, upload: Upload) -> tuple[Job, bool]:
    """Check the upload, store it with its job 'queued' and publish it. Returns (job, created):
    an Idempotency-Key the store already knows answers with that earlier request's job."""
    # In a thread: sniffing a DOCX reads its ZIP table of contents (60,000 entries take about
    # 300 ms), which would stall every other request on the event loop.
    new = await asyncio.to_thread(prepare_submission, deps.limits, upload)
    return await deps.submissions.submit(new)


def prepare_submission(limits: Limits, upload: Upload) -> NewJob:
    """Check what can be told from the bytes at once; raises the user's error."""
    if len(upload.data) > limits.max_upload_bytes:
        raise FileTooLarge(f"{len(upload.data)} bytes")
    require_plain_text("filename", upload.filename)
    kind = sniff_kind(upload.data, upload.filename)
    job_description = clean_job_description(limits, upload.job_description)
    return NewJob(
        data=upload.data,
        kind=kind,
        filename=upload.filename[-255:],
        level=upload.level,
        job_description=job_description,
        content_sha256=hashlib.sha256(upload.data).hexdigest(),
        idempotency_key=upload.idempotency_key,
        previous_job_id=upload.previous_job_id,
        request_id=upload.request_id,
        behind_own_jobs=upload.behind_own_jobs,
    )


def clean_job_description(limits: Limits, text: str | None) -> str | None:
    """The job description as stored (None when blank); raises the user's error."""
    require_plain_text("job_description", text or "", multiline=True)
    job_description = (text or "").strip() or None
    if job_description and len(job_description) > limits.max_job_description_chars:
        raise InvalidRequest(
            "job description too long",
            user_message=(
                f"The job description is longer than {limits.max_job_description_chars} "
                "characters. Paste the requirements and responsibilities only."
            ),
        )
    return job_description


def store_and_publish(
    jobs: JobStore,
    queue: TaskQueue,
    news: Sequence[NewJob],
    *,
    large_from_bytes: int | None = None,
) -> list[tuple[Job, bool]]:
    """Store a group of prepared uploads and publish the new jobs: (job, created) for each.

    Uploads without an Idempotency-Key are stored in one transaction (group commit); one with
    a key is written alone (the submissions port sends it so) and may answer with the job an
    earlier request made, which is not published again.
    """
    if len(news) == 1 and news[0].idempotency_key is not None:
        stored = [jobs.create_job(news[0])]
    else:
        stored = [(job, True) for job in jobs.create_jobs(news)]
    created = [(job, new) for (job, made), new in zip(stored, news, strict=True) if made]
    request_ids = {job.id: new.request_id for job, new in created if new.request_id}
    large = [
        job.id
        for job, new in created
        if new.behind_own_jobs or is_large(job.size_bytes, large_from_bytes)
    ]
    enqueue(queue, [job.id for job, _ in created], request_ids=request_ids, large=large)
    return stored


def large_jobs(jobs: JobStore, job_ids: Sequence[str], large_from_bytes: int | None) -> list[str]:
    """The ones among job_ids whose uploads go to the large documents' queue: a job published
    again (reconciler, replay, re-roast) goes where its upload went the first time."""
    if not large_from_bytes:
        return []
    large = []
    for job_id in job_ids:
        try:
            if is_large(jobs.get_job(job_id).size_bytes, large_from_bytes):
                large.append(job_id)
        except JobNotFound:
            continue
    return large


def finished_jobs(jobs: JobStore, job_ids: Sequence[str]) -> list[str]:
    """The ones among job_ids that are complete, failed or gone (deleted)."""
    finished = []
    for job_id in job_ids:
        try:
            if jobs.get_job(job_id).status.is_final:
                finished.append(job_id)
        except JobNotFound:
            finished.append(job_id)
    return finished


def enqueue(
    queue: TaskQueue,
    job_ids: Sequence[str],
    *,
    request_ids: Mapping[str, str] | None = None,
    large: Collection[str] = (),
) -> None:
    """Publish the job ids (each with the id of the request that uploaded it, when known; the
    `large` ones to the large documents' queue); if the broker is down they stay queued for
    the reconciler."""
    if not job_ids:
        return
    try:
        queue.enqueue_reviews(job_ids, request_ids=request_ids, large=large)
    except BrokerUnavailable as exc:
        log.warning("enqueue_failed_reconciler_will_retry", jobs=len(job_ids), error=str(exc))
