"""Redis redelivery on its own brings back the job of a worker that was SIGKILLed.

The other tests run the reconciler every second with jobs stale after 3 s, so it would cover up
a redelivery that never came. Here it waits an hour: only the broker's visibility timeout (short
for this test, and still longer than the hard time limit plus the longest retry countdown, as
Settings insists) can hand the unacknowledged message to the next worker.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from resumeroast.adapters.embedded_redis import EmbeddedRedis
from resumeroast.settings import Settings
from tests.support.api import get_job, submit, wait_final
from tests.support.llm_standin import Standin
from tests.support.polling import wait_for
from tests.support.stack import Stack, kill_process_group

pytestmark = [pytest.mark.integration, pytest.mark.chaos]

SLOW_RECONCILER = {"RECONCILE_INTERVAL_S": "3600", "RECONCILE_STALE_AFTER_S": "3600"}
#: 15 s > 10 s hard limit + 2 s longest countdown; kombu sweeps for expired messages every 10 s.
SHORT_VISIBILITY = {
    "VISIBILITY_TIMEOUT_S": "15",
    "TASK_SOFT_TIME_LIMIT_S": "8",
    "TASK_TIME_LIMIT_S": "10",
    "RETRY_CAP_S": "2",
}


@pytest.fixture
def slow_reconciler_stack(
    tmp_path: Path, redis_server: EmbeddedRedis, standin: Standin
) -> Iterator[Stack]:
    env = standin.provider_env() | SLOW_RECONCILER | SHORT_VISIBILITY
    Settings(**{name.lower(): value for name, value in env.items()})  # the invariants hold
    stack = Stack(data_dir=tmp_path, redis=redis_server, extra_env=env)
    stack.start_api()
    yield stack
    stack.stop()


def test_redis_redelivers_a_killed_workers_job_without_the_reconciler(
    slow_reconciler_stack: Stack, standin: Standin
) -> None:
    """Catches task_acks_late off (the message is gone with the worker), or a visibility
    timeout that does not reach the transport (kombu's hour would apply): either way the job
    stays 'processing' for the reconciler's hour and this test times out."""
    stack = slow_reconciler_stack
    standin.set_script({"steps": [{"kind": "hold"}]})  # the first call never answers
    worker = stack.start_worker()
    with httpx.Client(base_url=stack.base_url, timeout=30) as client:
        job = submit(client, "text/hrhelper__sample_resume.txt")
        wait_for(
            lambda: len(standin.calls) == 1 and get_job(client, job)["stage"] == "reviewing",
            timeout_s=60,
            what="the review call to be in flight",
        )
        kill_process_group(worker)  # main process and pool child: nobody rejects the task
        stack.start_worker()
        result = wait_final(client, job, timeout_s=120)

    assert result["status"] == "complete"
    assert result["attempts"] == 2 and result["retries"] == 0
    assert len(standin.calls) == 2  # the held call, then the redelivered task's own
    logs = "".join(stack.log(f"worker{n}.log") for n in range(2))
    assert "reconciler_reenqueued" not in logs
