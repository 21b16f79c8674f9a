"""Upload → job id at once → real Celery worker on real Redis → parse → analyze → save."""

from __future__ import annotations

import threading
import uuid
from typing import Any

import httpx
import pytest

from tests.support.api import JobRef, get_job, post_resume, read_sse, submit, wait_final
from tests.support.stack import Stack

pytestmark = pytest.mark.integration

ONE_OF_EACH = [
    "pdf/resumematcher__single-column.pdf",
    "pdf/resumematcher__modern-two-column.pdf",
    "docx/soupboss__01-Accountant.docx",
    "text/hrhelper__sample_resume.txt",
    "text/resumematcher__german_resume_long.md",
]


@pytest.mark.db
def test_each_format_completes_with_true_facts(shared_client: httpx.Client) -> None:
    client = shared_client
    jobs = {path: submit(client, path) for path in ONE_OF_EACH}
    for path, job in jobs.items():
        result = wait_final(client, job)
        assert result["status"] == "complete", (path, result)
        feedback = result["feedback"]
        assert 0 <= feedback["overall_score"] <= 100
        assert feedback["facts"]["words"] > 50, path
        assert result["finished_at"] and result["attempts"] == 1


def test_feedback_reports_what_is_really_in_the_resume(shared_client: httpx.Client) -> None:
    client = shared_client
    resume = (
        b"Jane Roe\njane.roe@example.test | +1 415 555 0100\n\nEXPERIENCE\n"
        b"Engineer, Acme Corp, 2019 - 2023\n- Cut build times by 40% across 12 services\n"
        b"- Responsible for the deployment scripts\n\nEDUCATION\nBSc Computer Science, 2019\n"
    )
    job = submit(client, "upload.txt", data=resume, filename="jane.txt")
    feedback = wait_final(client, job)["feedback"]
    assert feedback["facts"]["contact"]["email"] is True
    assert feedback["facts"]["bullets"] == 2
    assert feedback["facts"]["quantified_bullets"] == 1
    quotes = [e["quote"] for f in feedback["findings"] for e in f["evidence"]]
    assert any("Responsible for the deployment scripts" in q for q in quotes)
    for quote in quotes:
        assert quote.lstrip("•-* ").strip()[:20] in resume.decode(), quote


def test_post_answers_at_once_and_job_waits_for_a_worker(
    stack: Stack, client: httpx.Client
) -> None:
    # "At once" is shown by the answer arriving while no worker exists (so it waited for no
    # processing); how fast it comes is bench/upload.py's to measure, not a wall-clock window.
    assert not stack.workers
    answer = post_resume(client, "pdf/resumematcher__single-column.pdf")
    assert answer.status_code == 202
    body = answer.json()
    assert answer.headers["location"] == body["status_url"] == f"/api/resumes/{body['job_id']}"
    assert body["events_url"] == f"{body['status_url']}/events"
    job = JobRef(body["job_id"], body["access_token"])
    assert body["web_url"] == f"/jobs/{job.id}#token={job.token}"
    assert get_job(client, job)["status"] == "queued"

    # The SSE stream starts with the current state, then follows every change to the end.
    events: list[dict[str, Any]] = []
    reader = threading.Thread(target=lambda: events.extend(read_sse(client, job)))
    reader.start()
    assert get_job(client, job)["status"] == "queued"  # still no worker
    stack.start_worker()
    reader.join(timeout=60)
    assert not reader.is_alive()
    assert events[0]["status"] == "queued"
    assert events[-1]["status"] == "complete"
    # Every stage, each first seen in the documented order (a stage may repeat in a row).
    stages = [e["stage"] for e in events if e["stage"]]
    assert list(dict.fromkeys(stages)) == ["parsing", "analyzing", "reviewing", "saving"], stages


def test_late_sse_client_gets_the_final_state_and_the_stream_ends(
    shared_client: httpx.Client,
) -> None:
    client = shared_client
    job = submit(client, "text/hrhelper__sample_resume.txt")
    wait_final(client, job)
    events = read_sse(client, job, timeout_s=10)
    assert [e["status"] for e in events] == ["complete"]


@pytest.mark.parametrize(
    ("filename", "data", "status", "code"),
    [
        ("empty.pdf", b"", 422, "empty_document"),
        ("blank.txt", b"   \n\n  ", 422, "empty_document"),
        ("photo.pdf", b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 8, 415, "unsupported_file_type"),
        ("resume.docx", b"PK\x03\x04" + b"\x00" * 64, 422, "unreadable_document"),
    ],
)
def test_bad_uploads_get_a_clear_problem(
    shared_client: httpx.Client, filename: str, data: bytes, status: int, code: str
) -> None:
    answer = post_resume(shared_client, filename, data=data, filename=filename)
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/problem+json")
    problem = answer.json()
    assert problem["status"] == status and problem["code"] == code
    assert len(problem["detail"]) > 20  # says what was wrong and what to do


def test_rtf_is_judged_by_its_bytes_not_its_name(shared_client: httpx.Client) -> None:
    answer = post_resume(shared_client, "docx/tomasino__resume.rtf", filename="resume.pdf")
    assert answer.status_code == 415


def test_file_over_the_limit_is_refused_with_413(shared_client: httpx.Client) -> None:
    big = b"%PDF-1.4\n" + b"0" * (5 * 1024 * 1024 + 10)
    answer = post_resume(shared_client, "big.pdf", data=big, filename="big.pdf")
    assert answer.status_code == 413
    assert answer.json()["code"] == "file_too_large"


def test_unknown_job_is_404_problem(shared_client: httpx.Client) -> None:
    for path in (
        "/api/resumes/00000000-0000-4000-8000-000000000000",
        "/api/resumes/00000000-0000-4000-8000-000000000000/events",
    ):
        answer = shared_client.get(path)
        assert answer.status_code == 404
        assert answer.json()["code"] == "job_not_found"


@pytest.mark.db
def test_idempotency_key_returns_the_same_job(shared_client: httpx.Client) -> None:
    headers = {"Idempotency-Key": "upload-7f3a"}
    first = post_resume(shared_client, "text/hrhelper__sample_resume.txt", headers=headers)
    second = post_resume(shared_client, "text/hrhelper__sample_resume.txt", headers=headers)
    assert first.status_code == second.status_code == 202
    assert first.json()["job_id"] == second.json()["job_id"]
    assert first.json()["access_token"] == second.json()["access_token"]


@pytest.mark.db
def test_an_idempotency_key_is_no_way_into_another_upload(shared_client: httpx.Client) -> None:
    headers = {"Idempotency-Key": f"victim-{uuid.uuid4()}"}
    victim = post_resume(shared_client, "text/hrhelper__sample_resume.txt", headers=headers)
    assert victim.status_code == 202
    for other in (
        post_resume(shared_client, "text/rendercv__sample_cv_text.txt", headers=headers),
        post_resume(
            shared_client, "text/hrhelper__sample_resume.txt", headers=headers, level="brutal"
        ),
    ):
        assert other.status_code == 422
        assert other.json()["code"] == "idempotency_key_reused"
        assert victim.json()["job_id"] not in other.text
        assert victim.json()["access_token"] not in other.text


def test_health_and_readiness(shared_client: httpx.Client) -> None:
    assert shared_client.get("/healthz").json()["status"] == "ok"
    ready = shared_client.get("/readyz").json()
    assert ready["status"] == "ready" and all(ready["checks"].values())


def test_knowing_the_job_id_is_not_enough(shared_client: httpx.Client) -> None:
    job = submit(shared_client, "text/hrhelper__sample_resume.txt")
    for path in (f"/api/resumes/{job.id}", f"/api/resumes/{job.id}/events"):
        for headers in ({}, {"X-Job-Token": "not-the-token"}, {"X-Job-Token": job.token[:-1]}):
            answer = shared_client.get(path, headers=headers)
            assert answer.status_code == 404, (path, headers)
            assert answer.json()["code"] == "job_not_found"
    assert shared_client.delete(f"/api/resumes/{job.id}").status_code == 404
    assert (
        shared_client.get(f"/api/resumes/{job.id}", params={"token": job.token}).status_code == 200
    )
