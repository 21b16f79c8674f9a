"""A request id from the edge to the worker: the upload's X-Request-ID (when well formed) comes
back in the response, is on the API's lines for that request, and rides in the job's Celery
message to the worker's lines for that job, a retry's included. Real API, relay, worker and
Redis; the model is the stand-in, failing once so the job is retried."""

from __future__ import annotations

import json
import secrets
from typing import Any

import httpx
import pytest

from tests.support.api import JobRef, post_resume, wait_final
from tests.support.llm_standin import Standin
from tests.support.polling import wait_for
from tests.support.stack import Stack

pytestmark = pytest.mark.integration


def json_lines(text: str) -> list[dict[str, Any]]:
    return [json.loads(line) for line in text.splitlines() if line.startswith("{")]


def test_the_upload_request_id_reaches_the_worker_lines_of_its_job(
    llm_stack: Stack, client: httpx.Client, standin: Standin
) -> None:
    # The reconciler must not publish the retried job again (without the header) first.
    llm_stack.extra_env["RECONCILE_STALE_AFTER_S"] = "60"
    standin.set_script({"steps": [{"kind": "status", "status": 500}]})  # then answers
    llm_stack.start_worker()
    request_id = f"edge-{secrets.token_hex(8)}"

    answer = post_resume(client, "pdf/altacv__sample.pdf", headers={"X-Request-ID": request_id})
    assert answer.status_code == 202, answer.text
    assert answer.headers["X-Request-ID"] == request_id
    job = JobRef(answer.json()["job_id"], answer.json()["access_token"])
    assert wait_final(client, job, timeout_s=120)["status"] == "complete"

    def api_upload_line() -> dict[str, Any] | None:
        for line in json_lines((llm_stack.data_dir / "api.log").read_text()):
            if line.get("logger") == "uvicorn.access" and line.get("path") == "/api/resumes":
                return line
        return None

    access = wait_for(api_upload_line, timeout_s=30, interval_s=0.1, what="the upload's line")
    assert access["request_id"] == request_id

    worker = [
        line
        for line in json_lines((llm_stack.data_dir / "worker0.log").read_text())
        if line.get("job_id") == job.id
    ]
    started = [line for line in worker if line["event"] == "review_started"]
    retried = [line for line in worker if line["event"] == "review_retry_scheduled"]
    assert len(started) >= 2 and retried, [line["event"] for line in worker]
    assert {line.get("request_id") for line in started + retried} == {request_id}


def test_a_malformed_request_id_is_replaced_not_repeated(client: httpx.Client) -> None:
    forged = 'x" "level": "error'  # would forge a field in a log line
    answer = client.get("/healthz", headers={"X-Request-ID": forged})
    given = answer.headers["X-Request-ID"]
    assert given != forged and len(given) == 32 and int(given, 16) >= 0
    other = client.get("/healthz").headers["X-Request-ID"]
    assert other != given  # one per request
