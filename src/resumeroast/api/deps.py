"""Typed FastAPI dependencies."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Query, Request

from resumeroast.bootstrap import Runtime
from resumeroast.core.access import Access, access_for
from resumeroast.errors import JobNotFound, OwnerOnly

# Dependencies are `async def` though they never wait: FastAPI runs a plain `def` dependency in
# its thread pool, a thread hop (and a GIL hand-off) on every request for nothing.


async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def job_access(
    job_id: str,
    rt: RuntimeDep,
    x_job_token: Annotated[
        str | None, Header(description="The job's access token (owner's or viewer's)")
    ] = None,
    token: Annotated[str | None, Query(description="The access token, for EventSource")] = None,
) -> Access:
    """What the token allows; without a valid one 404, exactly as for an unknown job."""
    access = access_for(rt.secret, job_id, x_job_token or token)
    if access is None:
        raise JobNotFound(job_id)
    return access


AccessDep = Annotated[Access, Depends(job_access)]


async def authorized_job_id(job_id: str, _access: AccessDep) -> str:
    """The job id, for the owner's token or a viewer's (reading)."""
    return job_id


async def owned_job_id(job_id: str, access: AccessDep) -> str:
    """The job id, for the owner's token only (deleting, re-roasting); a viewer's gets 403."""
    if access is not Access.OWNER:
        raise OwnerOnly(job_id)
    return job_id


JobIdDep = Annotated[str, Depends(authorized_job_id)]
OwnedJobIdDep = Annotated[str, Depends(owned_job_id)]
