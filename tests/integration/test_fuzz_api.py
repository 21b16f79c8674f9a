"""Schemathesis against the OpenAPI schema, on a real stack, with a fixed budget per operation:
no 5xx, and no response that breaks the schema.

A job id and its token cannot be guessed, so on their own the job operations would only ever
answer 404. Each test therefore gets a finished job of its own, and every other generated case
of a job operation is sent for it, with its token: those answers (200, 204, the event stream)
are checked against the schema too.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from requests.structures import CaseInsensitiveDict
from schemathesis.specs.openapi.checks import positive_data_acceptance

from tests.support.api import JobRef, submit, wait_final
from tests.support.stack import Stack

pytestmark = pytest.mark.integration

SCHEMA = schemathesis.openapi.from_path(Path(__file__).parents[2] / "frontend" / "openapi.json")
RESUME = "text/hrhelper__sample_resume.txt"

#: The current test's real job, read when a case is generated.
LIVE_JOB: dict[str, JobRef] = {}


@SCHEMA.hook
def map_case(_ctx: schemathesis.HookContext, case: schemathesis.Case) -> schemathesis.Case:
    """Sends every other case of a job operation (chosen by its generated id) to the real job."""
    job = LIVE_JOB.get("job")
    guessed = case.path_parameters.get("job_id")
    if job is None or guessed is None or len(str(guessed)) % 2:
        return case
    case.path_parameters = {**case.path_parameters, "job_id": job.id}
    headers = CaseInsensitiveDict(case.headers or {})
    headers["X-Job-Token"] = job.token
    case.headers = headers
    return case


@pytest.fixture
def live_job(shared_client: httpx.Client) -> Iterator[JobRef]:
    job = submit(shared_client, RESUME)
    assert wait_final(shared_client, job)["status"] == "complete"
    LIVE_JOB["job"] = job
    yield job
    LIVE_JOB.clear()


@SCHEMA.parametrize()
@settings(max_examples=25, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
@pytest.mark.usefixtures("live_job")
def test_api_never_answers_5xx_or_off_schema(case: schemathesis.Case, shared_stack: Stack) -> None:
    # The schema cannot say "a real resume": an empty or random file is schema-valid and is
    # rightly refused (415/422), so that one check does not apply.
    case.call_and_validate(
        base_url=shared_stack.base_url, timeout=30, excluded_checks=[positive_data_acceptance]
    )


def test_a_real_job_reads_and_deletes_by_the_schema(live_job: JobRef, shared_stack: Stack) -> None:
    """The fixed cases the fuzzer above may or may not draw: read, delete, then gone."""
    path = "/api/resumes/{job_id}"
    token = {"X-Job-Token": live_job.token}

    def call(method: str) -> int:
        case = SCHEMA[path][method].Case(path_parameters={"job_id": live_job.id}, headers=token)
        response = case.call_and_validate(base_url=shared_stack.base_url, timeout=30)
        return int(response.status_code)

    assert call("GET") == 200
    assert call("DELETE") == 204
    assert call("GET") == 404
