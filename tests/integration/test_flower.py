"""Flower, run as the compose `flower` service runs it, shows what an operator opens it for:
our worker, the `reviews` queue backing up while no worker runs, and each review task's outcome.

All parts are real: redis-server, `resumeroast api` and `resumeroast worker` (tests/support/
stack.py) and `celery flower` from the virtualenv, at the version of the compose image. Flower
gets the compose service's command and environment (CELERY_CONFIG_MODULE=flowerconfig from
deploy/flower, FLOWER_BASIC_AUTH); only the port and the listen address differ. Everything it
shows goes through our broker's "resumeroast:" key prefix: with another prefix it sees no
worker, no event and an empty queue.
"""

from __future__ import annotations

import signal
import subprocess
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx
import pytest
from celery.utils.nodenames import host_format

from resumeroast.adapters.embedded_redis import free_port
from resumeroast.adapters.queue import QUEUE_NAME, REVIEW_TASK
from tests.support.api import JobRef, submit, wait_final
from tests.support.polling import wait_for
from tests.support.stack import Stack, kill_process_group
from tests.unit.deploy.deploy_files import DEPLOY, compose_services

pytestmark = pytest.mark.integration

VENV_BIN = Path(sys.executable).parent
RESUME = "text/hrhelper__sample_resume.txt"
AUTH = ("user", "secret")


@dataclass
class Flower:
    process: subprocess.Popen[bytes]
    url: str
    log_path: Path

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")[-4000:]


def flower_command(port: int) -> list[str]:
    """The compose service's command on 127.0.0.1:port (the container listens on all
    addresses; the host publishes it on loopback only)."""
    command = [str(word) for word in compose_services()["flower"]["command"]]
    assert command[:2] == ["celery", "flower"] and "--port=5555" in command, command
    flags = [f"--port={port}" if word == "--port=5555" else word for word in command[2:]]
    return [str(VENV_BIN / "celery"), "flower", *flags, "--address=127.0.0.1"]


@pytest.fixture
def flower(stack: Stack) -> Iterator[Flower]:
    compose_env = compose_services()["flower"]["environment"]
    env = stack.env | {
        "CELERY_CONFIG_MODULE": compose_env["CELERY_CONFIG_MODULE"],
        "PYTHONPATH": str(DEPLOY / "flower"),  # the compose volume mounts it on PYTHONPATH
        "FLOWER_BASIC_AUTH": ":".join(AUTH),
    }
    port = free_port()
    log_path = stack.data_dir / "flower.log"
    with log_path.open("ab") as log:
        process = subprocess.Popen(
            flower_command(port),
            env=env,
            cwd=stack.data_dir,  # whatever Flower writes stays in the test's folder
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,  # its own process group, killed whole below
        )
    running = Flower(process, f"http://127.0.0.1:{port}", log_path)
    try:
        wait_for(lambda: healthy(running), timeout_s=30, interval_s=0.1, what="Flower to start")
        yield running
    finally:
        if process.poll() is None:
            try:
                kill_process_group(process, signal.SIGTERM)  # Flower stops on SIGTERM
            except subprocess.TimeoutExpired:
                kill_process_group(process)


def healthy(flower: Flower) -> bool:
    if flower.process.poll() is not None:
        raise AssertionError(f"Flower exited: {flower.log()}")
    try:
        return httpx.get(f"{flower.url}/healthcheck", timeout=1).status_code == 200
    except httpx.HTTPError:
        return False


def queue_lengths(admin: httpx.Client) -> dict[str, int]:
    answer = admin.get("/api/queues/length")
    assert answer.status_code == 200, answer.text
    return {queue["name"]: queue["messages"] for queue in answer.json()["active_queues"]}


def succeeded_review(admin: httpx.Client, job: JobRef) -> dict[str, Any] | None:
    """The review task Flower shows succeeded for this job (its only argument is the job id)."""
    answer = admin.get("/api/tasks", params={"taskname": REVIEW_TASK, "state": "SUCCESS"})
    assert answer.status_code == 200, answer.text
    tasks: dict[str, dict[str, Any]] = answer.json()
    return next((t for t in tasks.values() if job.id in (t.get("args") or "")), None)


def test_flower_shows_our_worker_queue_and_tasks(
    stack: Stack, client: httpx.Client, flower: Flower
) -> None:
    with (
        httpx.Client(base_url=flower.url, timeout=10) as anonymous,
        httpx.Client(base_url=flower.url, timeout=10, auth=AUTH) as admin,
    ):
        # The compose health check's URL; it needs no credentials.
        health = anonymous.get("/healthcheck")
        assert (health.status_code, health.text) == (200, "OK")

        # Flower can revoke tasks and shut workers down: basic auth alone guards its API.
        assert anonymous.get("/api/workers").status_code == 401
        assert admin.get("/api/workers", auth=("user", "wrong")).status_code == 401

        # No worker runs yet: an upload waits in the queue, and Flower counts it there.
        waiting = submit(client, RESUME)
        wait_for(
            lambda: queue_lengths(admin).get(QUEUE_NAME) == 1,
            timeout_s=10,
            what=f"Flower to count the waiting job in {QUEUE_NAME!r}",
        )

        # A worker starts. Flower lists it by its node name, from a remote-control inspect
        # (refresh=1 asks again) and as alive from its heartbeat events.
        stack.start_worker()
        node = host_format("w0@%h")  # Stack names its first worker w0@%h
        wait_for(
            lambda: node in admin.get("/api/workers", params={"refresh": 1}).json(),
            timeout_s=30,
            interval_s=0.2,
            what=f"Flower to list worker {node}",
        )
        wait_for(
            lambda: admin.get("/api/workers", params={"status": 1}).json().get(node) is True,
            timeout_s=30,
            interval_s=0.2,
            what=f"Flower to see {node}'s heartbeat events",
        )

        # Flower receives this worker's events now, so a job submitted from here on is seen
        # from received to succeeded (one that ran before Flower listened would be missing).
        job = submit(client, RESUME)
        for each in (waiting, job):
            assert wait_final(client, each, timeout_s=30)["status"] == "complete"
        task = wait_for(
            lambda: succeeded_review(admin, job),
            timeout_s=15,
            what=f"Flower to show job {job.id}'s review task succeeded",
        )
        assert task["name"] == REVIEW_TASK
        assert task["worker"] == node
        assert task["received"] <= task["started"] <= task["succeeded"]

        # The worker took both jobs: the queue Flower shows is empty again.
        wait_for(
            lambda: queue_lengths(admin).get(QUEUE_NAME) == 0,
            timeout_s=10,
            what=f"Flower to count {QUEUE_NAME!r} empty",
        )
