"""The API contract, separate from tables and core values."""

from __future__ import annotations

from datetime import datetime

from pydantic import BaseModel, Field

from resumeroast.core.access import Access, job_token, viewer_token
from resumeroast.core.feedback import Feedback, Level
from resumeroast.core.jobs import Job, JobStatus, Stage
from resumeroast.core.top_fixes import TopFix, top_fixes
from resumeroast.core.vocabulary import ScoreBand, band_for
from resumeroast.errors import permanent_failure_codes

_PERMANENT = permanent_failure_codes()


class JobCreated(BaseModel):
    job_id: str
    status: JobStatus
    #: The job's secret: send it as the X-Job-Token header (or ?token= for EventSource).
    #: Returned only here; without it the job answers 404 like an unknown one.
    access_token: str
    status_url: str
    events_url: str
    #: The web page for this job, with the token in the fragment (never sent to a server).
    web_url: str
    #: The read-only token for sharing: it reads the job, never deletes or re-roasts it.
    viewer_token: str
    #: The web page to share: the viewer's token in the fragment (`#view=`).
    share_url: str

    @classmethod
    def issue(cls, job: Job, secret: bytes) -> JobCreated:
        """The answer for a new job: its URLs and both its tokens."""
        status_url = f"/api/resumes/{job.id}"
        token = job_token(secret, job.id)
        viewer = viewer_token(secret, job.id)
        return cls(
            job_id=job.id,
            status=job.status,
            access_token=token,
            status_url=status_url,
            events_url=f"{status_url}/events",
            web_url=f"/jobs/{job.id}#token={token}",
            viewer_token=viewer,
            share_url=f"/jobs/{job.id}#view={viewer}",
        )


class ReroastRequest(BaseModel):
    """Roast the same upload again: another job description (None or blank: none) or level."""

    job_description: str | None = Field(default=None, description="The job ad to match")
    #: How harsh the wording is; None keeps the earlier roast's level.
    level: Level | None = None


class Failure(BaseModel):
    code: str | None
    reason: str
    #: False when another try cannot succeed (a damaged, encrypted or image-only file, not a
    #: resume): the reason says what to upload instead. True for what passes (an outage).
    retryable: bool = True


class Usage(BaseModel):
    tokens_in: int
    tokens_out: int
    cost_usd: float
    latency_ms: int


class JobPublic(BaseModel):
    job_id: str
    status: JobStatus
    stage: Stage | None
    level: Level
    filename: str
    attempts: int
    retries: int
    retry_at: datetime | None
    last_error: str | None
    created_at: datetime
    updated_at: datetime
    started_at: datetime | None
    finished_at: datetime | None
    failure: Failure | None = None
    usage: Usage
    feedback: Feedback | None = None
    #: The overall score's band (the words the verdict uses), once there is feedback.
    score_band: ScoreBand | None = None
    #: What the token that read this allows: "owner" (delete, re-roast) or "viewer" (read).
    access: Access = Access.OWNER
    #: The read-only token for a share link; only the owner is given it.
    viewer_token: str | None = None
    #: What to fix first: the (up to) three fixes that would raise the score most, best first.
    top_fixes: list[TopFix] = []
    #: While queued: seconds until done, from the jobs ahead and recent runs (None: no idea yet).
    queue_estimate_s: float | None = None
    #: The job description it was roasted against (the owner's only: a share link omits it).
    job_description: str | None = None
    #: The earlier version of the same resume this one revises (the owner only is told).
    previous_job_id: str | None = None

    @classmethod
    def from_job(
        cls,
        job: Job,
        feedback: Feedback | None,
        *,
        access: Access = Access.OWNER,
        viewer_token: str | None = None,
        queue_estimate_s: float | None = None,
    ) -> JobPublic:
        failure = (
            Failure(
                code=job.failure_code,
                reason=job.failure_reason,
                retryable=job.failure_code not in _PERMANENT,
            )
            if job.status is JobStatus.FAILED and job.failure_reason
            else None
        )
        return cls(
            job_id=job.id,
            status=job.status,
            stage=job.stage,
            level=job.level,
            filename=job.filename,
            attempts=job.attempts,
            retries=job.retries,
            retry_at=job.retry_at if job.status is JobStatus.QUEUED else None,
            last_error=_public_error(job.last_error),
            created_at=job.created_at,
            updated_at=job.updated_at,
            started_at=job.started_at,
            finished_at=job.finished_at,
            failure=failure,
            usage=Usage(
                tokens_in=job.usage.tokens_in,
                tokens_out=job.usage.tokens_out,
                cost_usd=job.usage.cost_usd,
                latency_ms=job.usage.latency_ms,
            ),
            feedback=feedback,
            score_band=band_for(feedback.overall_score) if feedback else None,
            top_fixes=top_fixes(feedback) if feedback else [],
            access=access,
            viewer_token=viewer_token if access is Access.OWNER else None,
            queue_estimate_s=queue_estimate_s if job.status is JobStatus.QUEUED else None,
            job_description=job.job_description if access is Access.OWNER else None,
            previous_job_id=job.previous_job_id if access is Access.OWNER else None,
        )


def _public_error(error: str | None) -> str | None:
    """Only the error's code (e.g. 'llm_unavailable'), never internal detail."""
    return error.split(":", 1)[0] if error else None


class Health(BaseModel):
    status: str
    checks: dict[str, bool] = {}


class DeletionPending(BaseModel):
    """DELETE answered before every copy was gone: the rows are deleted (the job answers 404
    from now on), and the server is still removing their last copies from its files."""

    status: str = "scrubbing"
    detail: str = (
        "Deleted from the database. A long-running reader of the database still holds an "
        "older snapshot, so the last copies in the write-ahead log are removed in the "
        "background as soon as it finishes."
    )
