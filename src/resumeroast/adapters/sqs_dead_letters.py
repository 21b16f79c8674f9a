"""The SQS dead-letter queue: messages SQS's redrive policy moved there after too many receives
(a job that kept killing its worker). `resumeroast dlq` lists and replays them next to the
database's own dead-letter entries.
"""

from __future__ import annotations

import base64
import json
from dataclasses import dataclass
from typing import Any

from celery import Celery


@dataclass(frozen=True)
class SqsDeadLetter:
    message_id: str
    job_id: str | None
    task_name: str | None
    receive_count: int
    receipt_handle: str


class SqsDeadLetterQueue:
    def __init__(self, app: Celery, queue_name: str) -> None:
        self.app = app
        self.queue_name = queue_name

    def _client_and_url(self) -> tuple[Any, str]:
        connection = self.app.connection_for_read()
        client = connection.default_channel.sqs()
        url = client.get_queue_url(QueueName=self.queue_name)["QueueUrl"]
        return client, url

    def list(self, *, limit: int = 100) -> list[SqsDeadLetter]:
        """Peek: messages are received with a short visibility timeout, not deleted."""
        client, url = self._client_and_url()
        seen: dict[str, SqsDeadLetter] = {}
        while len(seen) < limit:
            answer = client.receive_message(
                QueueUrl=url,
                MaxNumberOfMessages=10,
                VisibilityTimeout=5,
                WaitTimeSeconds=0,
                AttributeNames=["ApproximateReceiveCount"],
            )
            fresh = [m for m in answer.get("Messages", []) if m["MessageId"] not in seen]
            if not fresh:
                break
            for message in fresh:
                seen[message["MessageId"]] = _to_dead_letter(message)
        return list(seen.values())

    def delete(self, entry: SqsDeadLetter) -> None:
        client, url = self._client_and_url()
        client.delete_message(QueueUrl=url, ReceiptHandle=entry.receipt_handle)


def _to_dead_letter(message: dict[str, Any]) -> SqsDeadLetter:
    task_name, job_id = _task_of(message.get("Body", ""))
    return SqsDeadLetter(
        message_id=message["MessageId"],
        job_id=job_id,
        task_name=task_name,
        receive_count=int(message.get("Attributes", {}).get("ApproximateReceiveCount", 0)),
        receipt_handle=message["ReceiptHandle"],
    )


def _task_of(body: str) -> tuple[str | None, str | None]:
    """kombu's envelope (base64 JSON) around Celery's message: [args, kwargs, embed]."""
    try:
        envelope = json.loads(base64.b64decode(body))
        payload = envelope["body"]
        if envelope.get("properties", {}).get("body_encoding") == "base64":
            payload = base64.b64decode(payload)
        args = json.loads(payload)[0]
        return envelope.get("headers", {}).get("task"), str(args[0]) if args else None
    except (ValueError, KeyError, IndexError, TypeError):
        return None, None
