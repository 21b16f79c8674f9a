"""Routes: parse HTTP, call one pipeline function, shape the answer."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from typing import Annotated, Any

from fastapi import (
    APIRouter,
    File,
    Form,
    Header,
    Request,
    Response,
    UploadFile,
    status,
)
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse
from sse_starlette import EventSourceResponse, ServerSentEvent

from resumeroast.adapters.metrics import StateCollector, render
from resumeroast.api.client_address import limit_key
from resumeroast.api.compare import require_owned_version
from resumeroast.api.connection_guard import StreamLimit
from resumeroast.api.deps import AccessDep, JobIdDep, OwnedJobIdDep, RuntimeDep
from resumeroast.api.queued_slots import queued_slot
from resumeroast.api.request_id import current_request_id
from resumeroast.api.schemas import DeletionPending, Health, JobCreated, JobPublic
from resumeroast.bootstrap import Runtime
from resumeroast.core.access import idempotency_digest, viewer_token
from resumeroast.core.feedback import Level
from resumeroast.core.jobs import JobStatus
from resumeroast.core.text_fields import require_plain_text
from resumeroast.errors import FileTooLarge, TooManyStreams
from resumeroast.pipeline import Upload, job_event, submit_resume

router = APIRouter()

#: Every kind an upload may be (core.documents.DocumentKind), as the API's docs name them.
ACCEPTED_KINDS = "PDF, DOCX, TXT, Markdown, AsciiDoc, JSON Resume or RenderCV YAML"


@router.post(
    "/api/resumes",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=JobCreated,
    tags=["resumes"],
    operation_id="submitResume",
    summary="Upload a resume; answers at once with the job id",
    responses={
        413: {"description": "File too large"},
        429: {
            "description": (
                "Too many uploads from this client in a minute, or too many of its jobs "
                "still queued or running (MAX_QUEUED_PER_CLIENT)"
            )
        },
        415: {"description": f"Not {ACCEPTED_KINDS}"},
        422: {
            "description": (
                "Empty or unreadable file, or an Idempotency-Key already used for another upload"
            )
        },
        403: {"description": "previous_job_id with a viewer's (share link's) token"},
        404: {"description": "previous_job_id unknown, deleted, or without its owner token"},
    },
)
async def upload_resume(
    request: Request,
    response: Response,
    rt: RuntimeDep,
    file: Annotated[UploadFile, File(description=f"{ACCEPTED_KINDS}, up to the size limit")],
    job_description: Annotated[
        str | None, Form(description="The job ad, to match keywords")
    ] = None,
    level: Annotated[Level, Form(description="How harsh the wording is")] = Level.HONEST,
    idempotency_key: Annotated[str | None, Header(max_length=255)] = None,
    previous_job_id: Annotated[
        str | None,
        Form(max_length=36, description="The earlier version of this resume it revises"),
    ] = None,
    x_previous_job_token: Annotated[
        str | None, Header(description="The earlier version's owner token")
    ] = None,
) -> JobCreated:
    if idempotency_key is not None:
        require_plain_text("Idempotency-Key", idempotency_key)
    limit = rt.settings.max_upload_bytes
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise FileTooLarge(f"over {limit} bytes")
    if previous_job_id is not None:
        await run_in_threadpool(require_owned_version, rt, previous_job_id, x_previous_job_token)
    client = limit_key(request.client.host) if request.client else "unknown"
    async with queued_slot(request.app.state.queued_slots, client, rt.deps.jobs) as slot:
        upload = Upload(
            data=data,
            filename=file.filename or "resume",
            level=level,
            job_description=job_description,
            idempotency_key=(
                idempotency_digest(rt.secret, idempotency_key)
                if idempotency_key is not None
                else None
            ),
            request_id=current_request_id(),
            previous_job_id=previous_job_id,
            behind_own_jobs=slot.behind_own_jobs,
        )
        slot.stored.append(await submit_resume(rt.deps, upload))  # a known key: the earlier job
    job = slot.stored[0][0]
    created = JobCreated.issue(job, rt.secret)
    response.headers["Location"] = created.status_url
    return created


@router.get(
    "/api/resumes/{job_id}",
    response_model=JobPublic,
    tags=["resumes"],
    operation_id="getJob",
    summary="Read a job: its status, and its feedback once complete",
    responses={404: {"description": "Unknown job"}},
)
def read_job_status(job_id: JobIdDep, access: AccessDep, rt: RuntimeDep) -> JobPublic:
    job = rt.deps.jobs.get_job(job_id)
    feedback = rt.deps.jobs.get_feedback(job_id) if job.status is JobStatus.COMPLETE else None
    wait = rt.deps.jobs.queue_wait(job) if job.status is JobStatus.QUEUED else None
    return JobPublic.from_job(
        job,
        feedback,
        access=access,
        viewer_token=viewer_token(rt.secret, job_id),
        queue_estimate_s=wait.estimate_s() if wait else None,
    )


@router.delete(
    "/api/resumes/{job_id}",
    status_code=204,
    tags=["resumes"],
    operation_id="deleteJob",
    summary="Delete a job with its upload and feedback (the owner's token only)",
    description=(
        "204: deleted, and no file of the server holds any of it any more. 202: the rows are "
        "deleted (the job answers 404 from now on), but a long-running reader of the SQLite "
        "database holds an older snapshot, so the last copies in its write-ahead log are "
        "removed in the background as soon as that reader finishes (tried for 2 s first)."
    ),
    responses={
        202: {"model": DeletionPending, "description": "Deleted; last copies being removed"},
        403: {"description": "A viewer's (share link's) token: it cannot delete"},
        404: {"description": "Unknown job"},
    },
)
def delete_job_and_data(job_id: OwnedJobIdDep, rt: RuntimeDep) -> Response:
    # A plain (not async) route: the delete and its checkpoint run in the thread pool.
    if rt.deps.jobs.delete_job(job_id):
        return Response(status_code=204)
    return JSONResponse(DeletionPending().model_dump(), status_code=202)


@router.get(
    "/api/resumes/{job_id}/events",
    tags=["resumes"],
    operation_id="streamJobEvents",
    summary="Follow a job's status as Server-Sent Events",
    responses={200: {"content": {"text/event-stream": {}}}, 404: {"description": "Unknown job"}},
)
async def stream_job_events(
    job_id: JobIdDep, rt: RuntimeDep, request: Request
) -> EventSourceResponse:
    """Server-Sent Events: the current state first, then every change, ending with the final one.
    One client follows at most EVENT_STREAMS_PER_CLIENT at once in each API process (429)."""
    await run_in_threadpool(rt.deps.jobs.get_job, job_id)  # 404 before the stream starts
    streams: StreamLimit = request.app.state.stream_limit
    client = request.client.host if request.client else "unknown"
    if not streams.try_open(client):
        raise TooManyStreams(retry_after_s=5)
    return EventSourceResponse(_job_events(rt, job_id, lambda: streams.close(client)), ping=15)


async def _job_events(
    rt: Runtime, job_id: str, on_end: Callable[[], None]
) -> AsyncIterator[ServerSentEvent]:
    subscription = rt.deps.events.subscribe(job_id)
    try:
        await anext(subscription)  # subscribed: no change can slip between here and the read
        current = job_event(await run_in_threadpool(rt.deps.jobs.get_job, job_id))
        yield _sse(current)
        if JobStatus(current["status"]).is_final:
            return
        async for event in subscription:
            yield _sse(event)
            if JobStatus(event["status"]).is_final:
                return
    finally:
        on_end()
        await asyncio.shield(subscription.aclose())


def _sse(event: dict[str, Any]) -> ServerSentEvent:
    return ServerSentEvent(data=json.dumps(event), event="status")


@router.get("/metrics", tags=["health"], include_in_schema=False)
def metrics(rt: RuntimeDep) -> Response:
    """Prometheus text format: counters from every process, levels from the database."""
    body, content_type = render(state_collector(rt))
    return Response(body, media_type=content_type)


def state_collector(rt: Runtime) -> StateCollector:
    deps = rt.deps
    provider = deps.reviewer.identity.split(":", 1)[0]
    return StateCollector(
        jobs_by_status=deps.jobs.count_by_status,
        queue_depth=deps.queue.queue_depth,
        dead_letters=deps.dead_letters.count_dead_letters,
        breaker_open=lambda: {provider: deps.breaker.is_open(provider)},
        oldest_queued_age_s=deps.jobs.oldest_queued_age_s,
        spend_today=lambda: (
            None
            if deps.quota is None
            else (deps.quota.spent_today_usd(), deps.quota.spend_cap_reached())
        ),
    )


@router.get("/healthz", response_model=Health, tags=["health"], operation_id="getHealth")
def healthz() -> Health:
    return Health(status="ok")


@router.get(
    "/readyz",
    response_model=Health,
    tags=["health"],
    operation_id="getReadiness",
    responses={503: {"model": Health}},
)
def readyz(rt: RuntimeDep, response: Response) -> Health:
    # Whether this replica can take uploads. They need only the database (which also holds
    # the files): with Redis down they are still accepted and the reconciler enqueues and
    # publishes them later, so a Redis blip answers 200 "degraded" rather than taking every
    # replica out of the load balancer at once.
    checks = {
        "database": rt.deps.jobs.ping(),
        "broker": rt.deps.queue.ping(),
        "events": rt.deps.events.ping(),
    }
    if not checks["database"]:
        response.status_code = 503
        return Health(status="unavailable", checks=checks)
    return Health(status="ready" if all(checks.values()) else "degraded", checks=checks)
