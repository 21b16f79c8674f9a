"""POST /api/resumes/{job_id}/reroasts: the same upload roasted again, nothing sent again.

The owner's token only (a share link reads, it never starts work on the person's file). The
answer is a new job with its own tokens, exactly as an upload's.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, Response, status

from resumeroast.api.client_address import limit_key
from resumeroast.api.deps import OwnedJobIdDep, RuntimeDep
from resumeroast.api.queued_slots import queued_slot
from resumeroast.api.request_id import current_request_id
from resumeroast.api.schemas import JobCreated, ReroastRequest
from resumeroast.pipeline import reroast

router = APIRouter()


@router.post(
    "/api/resumes/{job_id}/reroasts",
    status_code=status.HTTP_202_ACCEPTED,
    response_model=JobCreated,
    tags=["resumes"],
    operation_id="reroastResume",
    summary="Roast the same upload again with another job description or level",
    responses={
        400: {"description": "The body is not JSON"},
        403: {"description": "A viewer's (share link's) token: it cannot re-roast"},
        404: {"description": "Unknown job, or no valid token for it"},
        422: {"description": "Job description too long or not plain text; upload gone"},
        429: {"description": "Too many of this client's jobs still queued or running"},
    },
)
async def reroast_upload(
    job_id: OwnedJobIdDep,
    body: ReroastRequest,
    rt: RuntimeDep,
    request: Request,
    response: Response,
) -> JobCreated:
    # A re-roast is a new job like an upload: it takes one of the client's slots.
    client = limit_key(request.client.host) if request.client else "unknown"
    async with queued_slot(request.app.state.queued_slots, client, rt.deps.jobs) as slot:
        job = await reroast(
            rt.deps,
            job_id,
            job_description=body.job_description,
            level=body.level,
            request_id=current_request_id(),
            behind_own_jobs=slot.behind_own_jobs,
        )
        slot.stored.append((job, True))
    created = JobCreated.issue(job, rt.secret)
    response.headers["Location"] = created.status_url
    return created
