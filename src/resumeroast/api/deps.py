"""Typed FastAPI dependencies."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Header, Query, Request

from resumeroast.bootstrap import Runtime
from resumeroast.core.access import token_matches
from resumeroast.errors import JobNotFound

# Dependencies are `async def` though they never wait: FastAPI runs a plain `def` dependency in
# its thread pool, a thread hop (and a GIL hand-off) on every request for nothing.


async def get_runtime(request: Request) -> Runtime:
    runtime: Runtime = request.app.state.runtime
    return runtime


RuntimeDep = Annotated[Runtime, Depends(get_runtime)]


async def authorized_job_id(
    job_id: str,
    rt: RuntimeDep,
    x_job_token: Annotated[str | None, Header(description="The job's access token")] = None,
    token: Annotated[str | None, Query(description="The access token, for EventSource")] = None,
) -> str:
    """The job id, once its token is proved; otherwise 404, exactly as for an unknown job."""
    if not token_matches(rt.secret, job_id, x_job_token or token):
        raise JobNotFound(job_id)
    return job_id


JobIdDep = Annotated[str, Depends(authorized_job_id)]
