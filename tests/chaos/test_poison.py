"""Poison documents fail at once with a clear reason: no retry, and the worker stays up."""

from __future__ import annotations

import httpx
import pytest

from tests.support.api import JobRef, submit, wait_final
from tests.support.hostile import slow_pdf, zip_bomb_docx
from tests.support.stack import FIXTURES, Stack

pytestmark = [pytest.mark.integration, pytest.mark.chaos]


@pytest.fixture
def fast_parse_limits(stack: Stack) -> Stack:
    stack.extra_env.update({"PARSE_TIMEOUT_S": "3", "PARSE_MEMORY_MB": "256"})
    return stack


def test_poison_documents_fail_permanently_and_worker_survives(
    fast_parse_limits: Stack, client: httpx.Client
) -> None:
    stack = fast_parse_limits
    worker = stack.start_worker()
    corrupt = (FIXTURES / "pdf/resumematcher__single-column.pdf").read_bytes()[:3000]
    poison = {
        "encrypted": (
            "locked.pdf",
            (FIXTURES / "hostile/pypdfsamples__libreoffice-writer-password.pdf").read_bytes(),
        ),
        "corrupt": ("cut.pdf", corrupt),
        "zip bomb": ("bomb.docx", zip_bomb_docx()),
        "hangs the parser": ("slow.pdf", slow_pdf()),
    }
    jobs = {
        name: submit(client, name, data=data, filename=filename)
        for name, (filename, data) in poison.items()
    }
    results = {name: wait_final(client, job, timeout_s=90) for name, job in jobs.items()}
    for name, result in results.items():
        assert result["status"] == "failed", (name, result)
        assert result["retries"] == 0 and result["attempts"] == 1, (name, result)
        assert len(result["failure"]["reason"]) > 40, name  # what was wrong and what to do
    assert results["encrypted"]["failure"]["code"] == "encrypted_document"
    assert results["zip bomb"]["failure"]["code"] == "document_too_complex"
    assert results["hangs the parser"]["failure"]["code"] == "document_too_complex"
    # The same worker process is alive and still reviews a good resume.
    assert worker.poll() is None
    good = submit(client, "text/hrhelper__sample_resume.txt")
    assert wait_final(client, good)["status"] == "complete"
    assert worker.poll() is None


def test_every_hostile_fixture_ends_in_a_result_or_a_clear_failure(
    fast_parse_limits: Stack, client: httpx.Client
) -> None:
    stack = fast_parse_limits
    worker = stack.start_worker()
    jobs = {}
    for path in sorted((FIXTURES / "hostile").glob("*.pdf")):
        answer = client.post("/api/resumes", files={"file": (path.name, path.read_bytes())})
        if answer.status_code == 202:
            body = answer.json()
            answer_job = JobRef(body["job_id"], body["access_token"])
            jobs[path.name] = answer_job
        else:  # refused at upload: it must say why
            assert answer.status_code in (415, 422), (path.name, answer.text)
            assert answer.json()["detail"]
    for name, job in jobs.items():
        result = wait_final(client, job, timeout_s=90)
        assert result["status"] in ("complete", "failed"), name
        if result["status"] == "failed":
            assert result["failure"]["reason"], name
            assert result["retries"] == 0, name
    assert worker.poll() is None
