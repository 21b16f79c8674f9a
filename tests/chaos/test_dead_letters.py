"""How jobs reach the dead-letter queue, or do not, and who may touch it.

A hard time limit dead-letters the job; a rejected request (401) fails it at once, with no
retry and nothing to replay; the admin API stays closed without the right token.
"""

from __future__ import annotations

from pathlib import Path

import httpx
import pytest

from resumeroast.adapters.embedded_redis import EmbeddedRedis
from tests.chaos.leaks import places_holding
from tests.support.api import submit, wait_final
from tests.support.llm_standin import Standin
from tests.support.stack import ADMIN_TOKEN, Stack

pytestmark = [pytest.mark.integration, pytest.mark.chaos]

ADMIN = {"Authorization": f"Bearer {ADMIN_TOKEN}"}
HARD_LIMIT_S = 20


def chat_calls(standin: Standin) -> int:
    return sum(1 for call in standin.calls if call.path == "/v1/chat/completions")


@pytest.mark.db
def test_a_review_past_its_hard_time_limit_is_dead_lettered(
    llm_stack: Stack, client: httpx.Client, standin: Standin
) -> None:
    # No soft limit, so nothing interrupts the call politely: only the hard limit stops it.
    # The limit also bounds everything before the call and the whole next job, in a pool
    # child forked after the kill (its first analysis loads the word lists and the tagger):
    # 3 s was outlasted on a loaded machine (the next job was killed too), so 20 s, still far
    # under the model's 120 s hang.
    llm_stack.extra_env.update(
        {"TASK_SOFT_TIME_LIMIT_S": "0", "TASK_TIME_LIMIT_S": str(HARD_LIMIT_S)}
    )
    standin.set_script({"steps": [], "then": {"kind": "hang", "seconds": 120}})
    worker = llm_stack.start_worker()
    job = submit(client, "text/hrhelper__sample_resume.txt")
    result = wait_final(client, job, timeout_s=180)
    assert result["status"] == "failed"
    assert result["failure"]["code"] == "time_limit"
    assert "time limit" in result["failure"]["reason"]
    assert result["retries"] == 0 and chat_calls(standin) == 1  # stopped, not retried
    (entry,) = client.get("/api/admin/dlq", headers=ADMIN).json()
    assert entry["job_id"] == job.id
    assert entry["task_name"] == "resumeroast.review_job" and entry["task_args"] == [job.id]
    assert entry["error_type"] == "TransientError"
    assert f"hard time limit of {HARD_LIMIT_S}s" in entry["error_message"]
    assert "TimeLimitExceeded" in entry["traceback"]
    assert entry["attempts"] == 1 and entry["first_attempt_at"] and entry["failed_at"]
    assert worker.poll() is None  # the worker lives on and takes the next job
    standin.set_script({"steps": []})
    nxt = wait_final(client, submit(client, "pdf/resumematcher__single-column.pdf"), timeout_s=120)
    assert nxt["status"] == "complete"


@pytest.mark.db
def test_a_rejected_llm_request_fails_at_once_and_never_leaks_the_key(
    llm_stack: Stack, client: httpx.Client, standin: Standin
) -> None:
    standin.set_script(
        {"steps": [], "then": {"kind": "status", "status": 401, "error_type": "invalid_api_key"}}
    )
    llm_stack.start_worker()
    rejected = submit(client, "text/hrhelper__sample_resume.txt")
    result = wait_final(client, rejected, timeout_s=60)
    assert result["status"] == "failed"
    assert result["failure"]["code"] == "llm_rejected"
    assert "provider settings" in result["failure"]["reason"]
    assert result["retries"] == 0 and result["attempts"] == 1
    assert chat_calls(standin) == 1
    assert client.get("/api/admin/dlq", headers=ADMIN).json() == []  # nothing to replay

    standin.set_script({"steps": []})  # a key that works: a succeeding run too
    reviewed = submit(client, "pdf/resumematcher__single-column.pdf")
    assert wait_final(client, reviewed)["status"] == "complete"
    key = llm_stack.env["LLM_API_KEY"]
    assert places_holding(key, llm_stack, client, [rejected, reviewed]) == []


class StackWithoutAdminToken(Stack):
    @property
    def env(self) -> dict[str, str]:
        return {k: v for k, v in super().env.items() if k != "ADMIN_TOKEN"}


ADMIN_CALLS = [("GET", "/api/admin/dlq"), ("POST", "/api/admin/dlq/1/replay")]


@pytest.mark.db  # the one test that looks a dead letter up by its id (a 404 here)
def test_the_admin_api_needs_the_admin_token(
    client: httpx.Client, redis_server: EmbeddedRedis, tmp_path: Path
) -> None:
    for method, path in ADMIN_CALLS:
        for headers in ({}, {"Authorization": "Bearer wrong-token"}):
            answer = client.request(method, path, headers=headers)
            assert answer.status_code == 401, (method, path, headers)
        assert client.request(method, path, headers=ADMIN).status_code in (200, 404)

    unset = StackWithoutAdminToken(data_dir=tmp_path / "no-admin", redis=redis_server)
    unset.data_dir.mkdir()
    unset.start_api()
    try:
        with httpx.Client(base_url=unset.base_url, timeout=30) as other:
            for method, path in ADMIN_CALLS:
                for headers in ({}, ADMIN, {"Authorization": "Bearer"}):
                    answer = other.request(method, path, headers=headers)
                    assert answer.status_code == 401, (method, path, headers, answer.text)
    finally:
        unset.stop()
