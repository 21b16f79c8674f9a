"""The LLM provider misbehaves: workers die mid-review, outages come and go, replay recovers.

The provider is a real local HTTP server speaking the OpenAI chat-completions protocol
(tests/support/llm_standin.py); the workers reach it through the production openai code.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from typing import Any

import httpx
import pytest

from tests.chaos.leaks import places_holding
from tests.support.api import JobRef, get_job, submit, wait_final
from tests.support.llm_standin import Standin
from tests.support.polling import wait_for
from tests.support.stack import ADMIN_TOKEN, FIXTURES, Stack, kill_process_group

pytestmark = [pytest.mark.integration, pytest.mark.chaos]

MAX_RETRIES = 3  #: the default, which the test stacks keep


def chat_calls(standin: Standin) -> int:
    return sum(1 for call in standin.calls if call.path == "/v1/chat/completions")


def submit_many(client: httpx.Client, count: int) -> list[JobRef]:
    """Distinct resumes, so the review cache cannot hide a call."""
    base = (FIXTURES / "text/hrhelper__sample_resume.txt").read_bytes()
    return [
        submit(
            client,
            f"r{i}.txt",
            data=f"Candidate number {i}\n".encode() + base,
            filename=f"r{i}.txt",
        )
        for i in range(count)
    ]


def dead_letters(client: httpx.Client) -> list[dict[str, Any]]:
    answer = client.get("/api/admin/dlq", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    assert answer.status_code == 200, answer.text
    entries: list[dict[str, Any]] = answer.json()
    return entries


@pytest.mark.db
def test_worker_sigkilled_during_review_completes_once(
    llm_stack: Stack, client: httpx.Client, standin: Standin
) -> None:
    """The killed worker's call finishes in the relay; its successor gets that paid answer."""
    standin.set_script({"steps": [{"kind": "hang", "seconds": 6}]})  # a slow model
    worker = llm_stack.start_worker()
    job = submit(client, "pdf/resumematcher__single-column.pdf")
    wait_for(
        lambda: chat_calls(standin) == 1 and get_job(client, job)["stage"] == "reviewing",
        timeout_s=60,
        what="the review call to be in flight",
    )
    kill_process_group(worker)  # the whole worker, main process and pool child
    llm_stack.start_worker()
    result = wait_final(client, job, timeout_s=90)
    assert result["status"] == "complete"
    assert result["attempts"] == 2 and result["retries"] == 0
    assert result["feedback"]["review"]["reviewer"] == "openai"
    assert result["usage"]["tokens_out"] == 200  # the stand-in's count: the answer was read
    assert chat_calls(standin) == 1  # one call, paid once, though its first reader died
    assert standin.calls[0].delivered


def test_without_the_relay_a_killed_workers_call_is_paid_twice(
    stack: Stack, client: httpx.Client, standin: Standin
) -> None:
    """Why the relay exists: straight to the provider, the killed call is billed and lost."""
    stack.extra_env.update(standin.provider_env())
    standin.set_script({"steps": [{"kind": "hang", "seconds": 3}]})
    worker = stack.start_worker()
    job = submit(client, "pdf/resumematcher__single-column.pdf")
    wait_for(lambda: chat_calls(standin) == 1, timeout_s=60, what="the review call in flight")
    kill_process_group(worker)
    stack.start_worker()
    assert wait_final(client, job, timeout_s=90)["status"] == "complete"
    assert chat_calls(standin) == 2
    assert not standin.calls[0].delivered  # answered to nobody


def test_outage_then_recovery_completes_every_job_within_the_retry_budget(
    llm_stack: Stack, client: httpx.Client, standin: Standin
) -> None:
    standin.set_script(
        {
            "steps": [
                {"kind": "status", "status": 500, "times": 3},
                {"kind": "status", "status": 429, "retry_after": 1, "times": 2},
                {"kind": "status", "status": 503, "times": 1},
            ]
        }
    )
    llm_stack.start_worker()
    jobs = submit_many(client, 6)
    results = [wait_final(client, job, timeout_s=120) for job in jobs]
    assert [r["status"] for r in results] == ["complete"] * len(jobs)
    assert dead_letters(client) == []
    # Each job may call at most 1 + MAX_RETRIES times; successes are exactly one per job.
    assert chat_calls(standin) == len(jobs) + 6  # 6 scripted failures, then one answer per job


def test_resubmitting_the_same_resume_costs_no_llm_call(
    llm_stack: Stack, client: httpx.Client, standin: Standin
) -> None:
    llm_stack.start_worker()
    first = wait_final(client, submit(client, "pdf/resumematcher__single-column.pdf"))
    second = wait_final(client, submit(client, "pdf/resumematcher__single-column.pdf"))
    assert first["status"] == second["status"] == "complete"
    assert chat_calls(standin) == 1
    assert second["feedback"]["review"]["cached"] is True
    assert second["feedback"]["overall_score"] == first["feedback"]["overall_score"]


def test_an_outage_longer_than_the_retry_budget_makes_jobs_wait(
    llm_stack: Stack, client: httpx.Client, standin: Standin
) -> None:
    """The breaker opens: jobs wait for the provider, failed probes spend no retry."""
    standin.set_script({"steps": [], "then": {"kind": "status", "status": 503}})
    llm_stack.start_worker()
    jobs = submit_many(client, 3)
    budget = len(jobs) * (1 + MAX_RETRIES)  # failed calls that would dead-letter every job
    wait_for(
        lambda: chat_calls(standin) > budget,
        timeout_s=120,
        what="an outage longer than every job's retry budget",
    )
    assert all(get_job(client, job)["status"] in ("queued", "processing") for job in jobs)
    assert dead_letters(client) == []
    standin.set_script({"steps": []})  # the provider recovers
    results = [wait_final(client, job, timeout_s=120) for job in jobs]
    assert [r["status"] for r in results] == ["complete"] * len(jobs)
    assert dead_letters(client) == []
    assert all(r["retries"] < MAX_RETRIES for r in results), [r["retries"] for r in results]
    assert chat_calls(standin) == len(jobs)  # after recovery: one answer per job


@pytest.mark.db
def test_permanent_outage_dead_letters_then_replay_completes(
    llm_stack: Stack, client: httpx.Client, standin: Standin
) -> None:
    llm_stack.extra_env["LLM_OUTAGE_MAX_WAIT_S"] = "5"
    standin.set_script({"steps": [], "then": {"kind": "status", "status": 500}})
    llm_stack.start_worker()
    jobs = submit_many(client, 3)
    results = [wait_final(client, job, timeout_s=120) for job in jobs]
    assert [r["status"] for r in results] == ["failed"] * 3
    for result in results:
        assert result["failure"]["code"] == "provider_unavailable"
        assert "upload the file again" in result["failure"]["reason"]
        assert result["retries"] <= MAX_RETRIES
    entries = dead_letters(client)
    assert sorted(e["job_id"] for e in entries) == sorted(job.id for job in jobs)
    assert all(e["task_name"] == "resumeroast.review_job" and e["traceback"] for e in entries)
    assert chat_calls(standin) <= 3 * (1 + MAX_RETRIES)  # never more than the retry policy
    stats = client.get(
        "/api/admin/stats", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"}
    ).json()
    assert stats["dead_letters"] == 3 and stats["jobs_by_status"]["failed"] == 3
    assert {f["job_id"] for f in stats["recent_failures"]} == {job.id for job in jobs}
    assert len(stats["workers"]) == 1  # the one worker process, seen by its heartbeat
    key = llm_stack.env["LLM_API_KEY"]
    assert places_holding(key, llm_stack, client, jobs) == []  # failed runs, dead letters

    standin.set_script({"steps": []})  # the provider recovers
    replay = subprocess.run(
        [sys.executable, "-m", "resumeroast", "dlq", "replay", "--all"],
        env=llm_stack.env,
        capture_output=True,
        text=True,
        timeout=180,  # a hung command's deadline: over 60 s was seen at load 12
    )
    assert replay.returncode == 0, replay.stderr
    results = [wait_final(client, job, timeout_s=120) for job in jobs]
    assert [r["status"] for r in results] == ["complete"] * 3
    assert dead_letters(client) == []
    assert places_holding(key, llm_stack, client, jobs) == []  # and the succeeding runs


def test_sigterm_lets_the_in_flight_review_finish(
    llm_stack: Stack, client: httpx.Client, standin: Standin
) -> None:
    standin.set_script({"steps": [{"kind": "hang", "seconds": 3}]})
    worker = llm_stack.start_worker()
    job = submit(client, "text/hrhelper__sample_resume.txt")
    wait_for(lambda: chat_calls(standin) == 1, timeout_s=60, what="the review call")
    worker.send_signal(signal.SIGTERM)  # to the main process, as Docker or systemd would
    worker.wait(timeout=60)
    result = get_job(client, job)
    assert result["status"] == "complete"
    assert result["attempts"] == 1
