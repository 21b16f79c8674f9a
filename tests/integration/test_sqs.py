"""BROKER_URL=sqs://… against a real local SQS endpoint (moto in server mode), no Redis at all:
the same task code, job state and stage events from the database, redelivery after the
visibility timeout, and SQS's own redrive to a dead-letter queue that `resumeroast dlq` replays.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import boto3
import httpx
import pytest

from resumeroast.adapters.embedded_redis import free_port
from tests.support.api import get_job, read_sse, submit, wait_final
from tests.support.llm_standin import Standin
from tests.support.polling import wait_for
from tests.support.stack import Stack, kill_process_group

pytestmark = pytest.mark.integration

QUEUE = "resumeroast-reviews"
DEAD = "resumeroast-reviews-dead"
VISIBILITY_S = 4


@pytest.fixture
def sqs_endpoint() -> Iterator[str]:
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "moto.server", "-H", "127.0.0.1", "-p", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"

    def up() -> bool:
        try:
            return httpx.get(url, timeout=1).status_code < 500
        except httpx.HTTPError:
            return False

    wait_for(up, timeout_s=30, what="moto")
    yield url
    server.terminate()
    server.wait(timeout=10)


def sqs_client(endpoint: str) -> Any:
    return boto3.client(
        "sqs",
        endpoint_url=endpoint,
        region_name="us-east-1",
        aws_access_key_id="test",
        aws_secret_access_key="test",
    )


def create_queues(endpoint: str, *, max_receives: int) -> None:
    """The operator's queues: a short visibility timeout and a redrive policy."""
    client = sqs_client(endpoint)
    dead_url = client.create_queue(QueueName=DEAD)["QueueUrl"]
    dead_arn = client.get_queue_attributes(QueueUrl=dead_url, AttributeNames=["QueueArn"])[
        "Attributes"
    ]["QueueArn"]
    client.create_queue(
        QueueName=QUEUE,
        Attributes={
            "VisibilityTimeout": str(VISIBILITY_S),
            "RedrivePolicy": json.dumps(
                {"deadLetterTargetArn": dead_arn, "maxReceiveCount": str(max_receives)}
            ),
        },
    )


@pytest.fixture
def sqs_stack(tmp_path: Path, sqs_endpoint: str, standin: Standin) -> Iterator[Stack]:
    port = sqs_endpoint.rsplit(":", 1)[1]
    the_stack = Stack(
        data_dir=tmp_path,
        redis=None,
        extra_env={
            "BROKER_URL": f"sqs://test:test@127.0.0.1:{port}",
            "SQS_DEAD_LETTER_QUEUE": DEAD,
            "SQS_WAIT_TIME_S": "1",
            "LLM_PROVIDER": "openai",
            "LLM_BASE_URL": standin.base_url,
            "LLM_MODEL": "standin",
            "LLM_API_KEY": "sk-test",
            "LLM_TIMEOUT_S": "60",
            "RECONCILE_INTERVAL_S": "3600",  # here only SQS itself redelivers
        },
    )
    yield the_stack
    the_stack.stop()


@pytest.mark.db
def test_sqs_pipeline_with_events_and_no_redis(
    sqs_stack: Stack, sqs_endpoint: str, standin: Standin
) -> None:
    create_queues(sqs_endpoint, max_receives=5)
    # A model that takes 1.5 s: without pub/sub the stream re-reads the row twice a second, so
    # it can skip a stage of a few milliseconds but not this one.
    standin.set_script({"steps": [{"kind": "hang", "seconds": 1.5}]})
    sqs_stack.start_api()
    with httpx.Client(base_url=sqs_stack.base_url, timeout=30) as client:
        job = submit(client, "pdf/resumematcher__single-column.pdf")
        events: list[dict[str, Any]] = []
        reader = threading.Thread(target=lambda: events.extend(read_sse(client, job, timeout_s=90)))
        reader.start()
        sqs_stack.start_worker()
        reader.join(timeout=120)
        result = wait_final(client, job, timeout_s=90)
    assert result["status"] == "complete"
    assert result["feedback"]["review"]["reviewer"] == "openai"
    assert events[0]["status"] == "queued" and events[-1]["status"] == "complete"
    assert "reviewing" in {e["stage"] for e in events}, events


def test_sqs_redelivers_after_the_visibility_timeout(
    sqs_stack: Stack, sqs_endpoint: str, standin: Standin
) -> None:
    create_queues(sqs_endpoint, max_receives=5)
    standin.set_script({"steps": [{"kind": "hang", "seconds": 300}]})
    sqs_stack.start_api()
    worker = sqs_stack.start_worker()
    with httpx.Client(base_url=sqs_stack.base_url, timeout=30) as client:
        job = submit(client, "text/hrhelper__sample_resume.txt")
        wait_for(lambda: len(standin.calls) == 1, timeout_s=60, what="the review call in flight")
        kill_process_group(worker)
        sqs_stack.start_worker()
        result = wait_final(client, job, timeout_s=90)
    assert result["status"] == "complete", [c.step for c in standin.calls]
    assert result["attempts"] == 2, [(c.step, c.path) for c in standin.calls]


def test_sqs_redrive_moves_a_poison_message_to_the_dead_letter_queue(
    sqs_stack: Stack, sqs_endpoint: str, standin: Standin
) -> None:
    create_queues(sqs_endpoint, max_receives=2)
    standin.set_script({"steps": [], "then": {"kind": "hang", "seconds": 300}})
    sqs_stack.start_api()
    with httpx.Client(base_url=sqs_stack.base_url, timeout=30) as client:
        job = submit(client, "text/hrhelper__sample_resume.txt")
        for receive in (1, 2):  # the job kills its worker twice
            worker = sqs_stack.start_worker()
            wait_for(
                lambda n=receive: len(standin.calls) == n,  # type: ignore[misc]
                timeout_s=60,
                what="the review",
            )
            kill_process_group(worker)
        sqs_stack.start_worker()  # its next receive finds the message over the limit

        def redriven() -> list[dict[str, Any]] | None:
            return [
                row for row in dlq(sqs_stack, "list", "--json") if row["id"].startswith("sqs:")
            ] or None

        rows = wait_for(redriven, timeout_s=60, interval_s=1, what="the redrive")
        assert [row["job_id"] for row in rows] == [job.id]
        assert get_job(client, job)["status"] == "processing"  # nothing finished it

        standin.set_script({"steps": []})  # fixed: the model answers again
        # Right after the list above: looking at the dead-letter queue must not hide its messages.
        assert job.id in dlq(sqs_stack, "replay", "--all")
        result = wait_final(client, job, timeout_s=120)
    assert result["status"] == "complete"
    assert dlq(sqs_stack, "list", "--json") == []


def dlq(stack: Stack, *args: str) -> Any:
    """`resumeroast dlq …` as an operator runs it; the parsed JSON when --json is given."""
    done = subprocess.run(
        [sys.executable, "-m", "resumeroast", "dlq", *args],
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout) if "--json" in args else done.stdout
