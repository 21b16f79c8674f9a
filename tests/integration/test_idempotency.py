"""A job delivered many times, to several worker processes at once, is reviewed once."""

from __future__ import annotations

import httpx
import pytest
from celery import Celery

from resumeroast.adapters.queue import REVIEW_TASK, make_celery
from resumeroast.settings import Settings
from tests.support.api import submit, wait_final
from tests.support.polling import wait_for
from tests.support.stack import Stack

#: db: concurrent claims and the Idempotency-Key's unique row (run on PostgreSQL too).
pytestmark = [pytest.mark.integration, pytest.mark.db]


def broker(stack: Stack) -> Celery:
    return make_celery(Settings(redis_url=stack.redis.url, data_dir=stack.data_dir))


def test_duplicate_deliveries_save_one_feedback(stack: Stack, client: httpx.Client) -> None:
    job = submit(client, "pdf/resumematcher__single-column.pdf")
    celery = broker(stack)
    for _ in range(5):  # redeliveries, replays, a reconciler: all the same job id
        celery.send_task(REVIEW_TASK, args=[job.id])
    stack.start_worker(concurrency=2)
    stack.start_worker(concurrency=1)
    result = wait_final(client, job)
    assert result["status"] == "complete"
    # Six deliveries ran; exactly one claimed the job and saved its feedback.
    logs = lambda: stack.log("worker0.log") + stack.log("worker1.log")  # noqa: E731
    wait_for(lambda: logs().count("succeeded in") >= 6, timeout_s=120, what="all deliveries")
    assert result["attempts"] == 1
    assert logs().count('"event": "job_not_claimable"') == 5


def test_same_idempotency_key_under_concurrency_makes_one_job(client: httpx.Client) -> None:
    from concurrent.futures import ThreadPoolExecutor

    from tests.support.api import post_resume

    def post() -> str:
        answer = post_resume(
            client, "text/hrhelper__sample_resume.txt", headers={"Idempotency-Key": "race-1"}
        )
        assert answer.status_code == 202
        return str(answer.json()["job_id"])

    with ThreadPoolExecutor(8) as pool:
        ids = set(pool.map(lambda _: post(), range(16)))
    assert len(ids) == 1
