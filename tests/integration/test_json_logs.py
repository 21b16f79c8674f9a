"""One JSON log format in the running processes: the API's request log (uvicorn's access log)
and the worker's Celery lines are JSON, and no line carries a job token from a query string."""

from __future__ import annotations

import json
from typing import Any

import httpx
import pytest

from tests.support.api import read_sse, submit, wait_final
from tests.support.polling import wait_for
from tests.support.stack import Stack

pytestmark = pytest.mark.integration


def json_lines(text: str) -> list[dict[str, Any]]:
    found = []
    for line in text.splitlines():
        if line.startswith("{"):
            found.append(json.loads(line))
    return found


def test_request_and_worker_logs_are_json_without_tokens(
    stack: Stack, client: httpx.Client
) -> None:
    stack.start_worker()
    job = submit(client, "pdf/altacv__sample.pdf")
    assert wait_final(client, job, timeout_s=120)["status"] == "complete"
    # EventSource cannot send headers: the token rides in the query string
    events = client.get(f"/api/resumes/{job.id}/events?token={job.token}")
    assert events.status_code == 200
    assert read_sse(client, job)  # and once with the header

    def access_line() -> dict[str, Any] | None:
        for line in json_lines((stack.data_dir / "api.log").read_text()):
            if line.get("logger") == "uvicorn.access" and line.get("path", "").endswith("/events"):
                return line
        return None

    line = wait_for(access_line, timeout_s=30, interval_s=0.1, what="the access line")
    assert line["path"] == f"/api/resumes/{job.id}/events"
    assert line["status"] == 200 and line["level"] == "info" and line["timestamp"]
    api_log = (stack.data_dir / "api.log").read_text()
    assert job.token not in api_log

    worker_lines = json_lines((stack.data_dir / "worker0.log").read_text())
    celery = [w for w in worker_lines if str(w.get("logger", "")).startswith("celery")]
    assert celery, "no Celery line came out as JSON"
    assert all({"level", "timestamp", "event"} <= set(w) for w in celery)
    assert job.token not in (stack.data_dir / "worker0.log").read_text()
