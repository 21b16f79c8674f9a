"""Many workers, one Redis, one database: 300 jobs, each completed exactly once."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor

import httpx
import pytest

from tests.support.api import JobRef, get_job, submit
from tests.support.polling import wait_for
from tests.support.stack import Stack

#: db: three workers claiming 300 jobs at once from one database (run on PostgreSQL too).
pytestmark = [pytest.mark.integration, pytest.mark.db]

JOBS = 300
RESUMES = [
    "text/hrhelper__sample_resume.txt",
    "pdf/resumematcher__single-column.pdf",
    "docx/soupboss__02-Office Coordinator.docx",
    "text/tomasino__resume.markdown",
]


def test_three_workers_complete_300_jobs_exactly_once(stack: Stack, client: httpx.Client) -> None:
    for _ in range(3):
        stack.start_worker()
    with ThreadPoolExecutor(8) as pool:
        jobs: list[JobRef] = list(
            pool.map(lambda i: submit(client, RESUMES[i % len(RESUMES)]), range(JOBS))
        )
    assert len({job.id for job in jobs}) == JOBS

    def all_final() -> list[dict[str, object]] | None:
        with ThreadPoolExecutor(8) as pool:
            states = list(pool.map(lambda job: get_job(client, job), jobs))
        return states if all(s["status"] in ("complete", "failed") for s in states) else None

    states = wait_for(all_final, timeout_s=600, interval_s=2, what="300 jobs")
    assert [s["status"] for s in states] == ["complete"] * JOBS
    assert all(s["attempts"] == 1 and s["retries"] == 0 for s in states)  # claimed once each
    per_worker = [stack.log(f"worker{i}.log").count("succeeded in") for i in range(3)]
    assert all(n > 0 for n in per_worker), per_worker  # all three took jobs
