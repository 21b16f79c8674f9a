"""/metrics in Prometheus format, merged from the API and the worker processes."""

from __future__ import annotations

import re

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.support.api import submit, wait_final
from tests.support.polling import wait_for
from tests.support.stack import Stack

#: db: the job counts and the oldest job's age are SQL (timestamps) (run on PostgreSQL too).
pytestmark = [pytest.mark.integration, pytest.mark.db]


def samples(client: httpx.Client) -> dict[str, float]:
    answer = client.get("/metrics")
    assert answer.status_code == 200
    values: dict[str, float] = {}
    for family in text_string_to_metric_families(answer.text):
        for sample in family.samples:
            labels = ",".join(f"{k}={v}" for k, v in sorted(sample.labels.items()))
            values[f"{sample.name}{{{labels}}}"] = sample.value
    return values


def test_metrics_count_jobs_stages_and_queue(stack: Stack, client: httpx.Client) -> None:
    before = samples(client)
    assert before["resumeroast_jobs{status=queued}"] == 0
    job = submit(client, "text/hrhelper__sample_resume.txt")
    assert samples(client)["resumeroast_jobs{status=queued}"] == 1
    waiting = wait_for(
        lambda: samples(client)["resumeroast_oldest_queued_job_age_seconds{}"] or None,
        timeout_s=5,
        what="the queued job to age",
    )
    assert 0 < waiting < 60
    assert samples(client)["resumeroast_queue_depth{}"] >= 1
    stack.start_worker()
    assert wait_final(client, job)["status"] == "complete"

    def worker_metrics_arrived() -> dict[str, float] | None:
        now = samples(client)
        return now if now.get("resumeroast_jobs_finished_total{status=complete}", 0) >= 1 else None

    now = wait_for(worker_metrics_arrived, timeout_s=15, what="the worker's counters")
    assert now["resumeroast_jobs{status=complete}"] == 1
    assert now["resumeroast_dead_letters{}"] == 0
    assert now["resumeroast_oldest_queued_job_age_seconds{}"] == 0  # nothing waits any more
    for stage in ("parsing", "analyzing", "reviewing", "saving"):
        assert now[f"resumeroast_stage_duration_seconds_count{{stage={stage}}}"] == 1
    text = client.get("/metrics").text
    assert not re.search(r"hrhelper|@example", text)  # no personal data in metrics
