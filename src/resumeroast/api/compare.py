"""Versions of one resume: linking a revised upload to the earlier one, and comparing them.

GET /api/resumes/{job_id}/compare/{earlier_id} takes the owner's tokens only: a share link
reads one roast, never the person's other versions. The earlier job's token may be left out
when the server linked the two at upload, which took that token then. The changed lines come
from the lines each result keeps of its resume (the texts themselves are not stored).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Header

from resumeroast.api.deps import OwnedJobIdDep, RuntimeDep
from resumeroast.bootstrap import Runtime
from resumeroast.core.access import Access, access_for
from resumeroast.core.compare import Comparison, compare
from resumeroast.core.feedback import Feedback
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
        str | None,
        Header(description="The earlier job's owner token; not needed for the version it revises"),
    ] = None,
) -> Comparison:
    linked = rt.deps.jobs.get_job(job_id).previous_job_id == earlier_id
    if linked and x_earlier_token is None:
        rt.deps.jobs.get_job(earlier_id)  # 404 once deleted
    else:
        require_owned_version(rt, earlier_id, x_earlier_token)
    before = rt.deps.jobs.get_feedback(earlier_id)
    after = rt.deps.jobs.get_feedback(job_id)
    if before is None or after is None:
        raise InvalidRequest(
            "not complete", user_message="Both versions must finish their roast to compare."
        )
    before_text, after_text = _text(before), _text(after)
    if before_text is None or after_text is None:  # no changed lines rather than all of them
        return compare(before, after)
    return compare(before, after, before_text=before_text, after_text=after_text)


def _text(feedback: Feedback) -> str | None:
    """The resume as the result kept it; None for a result from before lines were kept."""
    lines = feedback.resume.lines
    return "\n".join(line.text for line in lines) if lines else None


def require_owned_version(rt: Runtime, job_id: str, token: str | None) -> None:
    """The earlier version exists and the token is its owner's: 404 without a valid token or
    once deleted, 403 for a share link's (a viewer cannot file versions under another's)."""
    access = access_for(rt.secret, job_id, token)
    if access is None:
        raise JobNotFound(job_id)
    if access is not Access.OWNER:
        raise OwnerOnly(job_id)
    rt.deps.jobs.get_job(job_id)
