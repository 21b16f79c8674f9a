"""Small helpers to talk to a running API the way a client would."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from tests.support.polling import wait_for
from tests.support.stack import FIXTURES


def post_resume(
    client: httpx.Client,
    path: Path | str,
    *,
    level: str = "honest",
    job_description: str | None = None,
    headers: dict[str, str] | None = None,
    data: bytes | None = None,
    filename: str | None = None,
) -> httpx.Response:
    path = Path(path)
    if not path.is_absolute():
        path = FIXTURES / path
    body = data if data is not None else path.read_bytes()
    form = {"level": level}
    if job_description is not None:
        form["job_description"] = job_description
    return client.post(
        "/api/resumes",
        files={"file": (filename or path.name, body)},
        data=form,
        headers=headers or {},
    )


@dataclass(frozen=True)
class JobRef:
    """A submitted job and the token that proves the right to read it."""

    id: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"X-Job-Token": self.token}


def submit(client: httpx.Client, path: Path | str, **kwargs: Any) -> JobRef:
    answer = post_resume(client, path, **kwargs)
    assert answer.status_code == 202, answer.text
    body = answer.json()
    return JobRef(str(body["job_id"]), str(body["access_token"]))


def get_job(client: httpx.Client, job: JobRef) -> dict[str, Any]:
    answer = client.get(f"/api/resumes/{job.id}", headers=job.headers)
    assert answer.status_code == 200, answer.text
    body: dict[str, Any] = answer.json()
    return body


def wait_final(client: httpx.Client, job: JobRef, *, timeout_s: float = 60) -> dict[str, Any]:
    def final() -> dict[str, Any] | None:
        body = get_job(client, job)
        return body if body["status"] in ("complete", "failed") else None

    return wait_for(final, timeout_s=timeout_s, interval_s=0.1, what=f"job {job.id} to finish")


def read_sse(client: httpx.Client, job: JobRef, *, timeout_s: float = 60) -> list[dict[str, Any]]:
    """Follow the event stream to its end; returns every status event."""
    events: list[dict[str, Any]] = []
    with client.stream(
        "GET",
        f"/api/resumes/{job.id}/events",
        headers=job.headers,
        timeout=httpx.Timeout(5, read=timeout_s),
    ) as stream:
        assert stream.status_code == 200
        for line in stream.iter_lines():
            if line.startswith("data:"):
                events.append(json.loads(line[5:].strip()))
    return events
