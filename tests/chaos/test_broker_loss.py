"""Redis dies: with AOF, or with all its data gone, every accepted job still completes."""

from __future__ import annotations

import shutil

import httpx
import pytest

from resumeroast.adapters.embedded_redis import EmbeddedRedis
from tests.support.api import JobRef, submit, wait_final
from tests.support.stack import Stack

pytestmark = [pytest.mark.integration, pytest.mark.chaos]

RESUMES = [
    "text/hrhelper__sample_resume.txt",
    "pdf/resumematcher__single-column.pdf",
    "docx/soupboss__02-Office Coordinator.docx",
]


def submit_batch(client: httpx.Client, count: int) -> list[JobRef]:
    return [submit(client, RESUMES[i % len(RESUMES)]) for i in range(count)]


def test_redis_sigkill_with_jobs_queued_loses_nothing(
    stack: Stack, client: httpx.Client, redis_server: EmbeddedRedis
) -> None:
    job_ids = submit_batch(client, 12)
    redis_server.kill()
    redis_server.start()  # same port, same folder: the AOF is replayed
    stack.start_worker()
    results = [wait_final(client, job_id, timeout_s=90) for job_id in job_ids]
    assert [r["status"] for r in results] == ["complete"] * len(job_ids)


@pytest.mark.db
def test_redis_restarted_empty_reconciler_requeues_every_job(
    stack: Stack, client: httpx.Client, redis_server: EmbeddedRedis
) -> None:
    job_ids = submit_batch(client, 8)
    redis_server.stop()
    shutil.rmtree(redis_server.directory)  # every queued message is gone
    redis_server.start()
    stack.start_worker()
    results = [wait_final(client, job_id, timeout_s=90) for job_id in job_ids]
    assert [r["status"] for r in results] == ["complete"] * len(job_ids)
    # The reconciler put them back (Redis had nothing left to deliver), and each job ran once:
    # a job claimed twice would show attempts 2.
    assert "reconciler_reenqueued" in (stack.data_dir / "worker0.log").read_text(errors="replace")
    assert [r["attempts"] for r in results] == [1] * len(job_ids)
