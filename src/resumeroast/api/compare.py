"""GET /api/resumes/{job_id}/compare/{earlier_id}: a revised version against an earlier one.

The owner's tokens only, of both jobs (the browser keeps them in its history): a share link
reads one roast, never the person's other versions.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header

from resumeroast.api.deps import OwnedJobIdDep, RuntimeDep
from resumeroast.core.access import Access, access_for
from resumeroast.core.compare import Comparison, compare
from resumeroast.errors import InvalidRequest, JobNotFound, OwnerOnly

router = APIRouter()


@router.get(
    "/api/resumes/{job_id}/compare/{earlier_id}",
    response_model=Comparison,
    tags=["resumes"],
    operation_id="compareJobs",
    summary="Compare a revised version with an earlier one (the owner's tokens of both)",
    responses={
        400: {"description": "One of the two roasts is not complete"},
        403: {"description": "A viewer's (share link's) token for either job"},
        404: {"description": "Unknown job, or no valid token for it"},
    },
)
def compare_versions(
    job_id: OwnedJobIdDep,
    earlier_id: str,
    rt: RuntimeDep,
    x_earlier_token: Annotated[
        str | None, Header(description="The earlier job's owner token")
    ] = None,
) -> Comparison:
    access = access_for(rt.secret, earlier_id, x_earlier_token)
    if access is None:
        raise JobNotFound(earlier_id)
    if access is not Access.OWNER:
        raise OwnerOnly(earlier_id)
    rt.deps.jobs.get_job(earlier_id)  # 404 once deleted
    before = rt.deps.jobs.get_feedback(earlier_id)
    after = rt.deps.jobs.get_feedback(job_id)
    if before is None or after is None:
        raise InvalidRequest(
            "not complete", user_message="Both versions must finish their roast to compare."
        )
    return compare(before, after)
