"""The SQS dead-letter queue: messages SQS's redrive policy moved there after too many receives
(a job that kept killing its worker). The pipeline's dead-letter use cases list and replay
them next to the database's own entries (the RedriveQueue port).
"""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from celery import Celery

from resumeroast.ports import RedrivenMessage

#: Seconds a listed or replayed message stays hidden from other readers while we hold it.
HOLD_S = 60


@dataclass(frozen=True)
class _Held:
    """A received message, hidden from other readers until released or deleted."""

    message: RedrivenMessage
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

    def peek(self, *, limit: int = 100) -> list[RedrivenMessage]:
        """Peek: SQS can only look at a message by receiving it, which hides it; every message
        looked at is made visible again at once, so a replay right after a list finds it."""
        client, url = self._client_and_url()
        held = self._receive(client, url, limit=limit)
        self._release(client, url, held)
        return [h.message for h in held]

    def replay(
        self, wanted: Callable[[RedrivenMessage], bool], put_back: Callable[[str], None]
    ) -> list[RedrivenMessage]:
        """Hand the job of every wanted message to put_back, then delete the message; the
        others are released. A put_back that raises leaves its message in the queue."""
        client, url = self._client_and_url()
        held = self._receive(client, url, limit=100_000)
        replayed: list[_Held] = []
        try:
            for entry in held:
                job_id = entry.message.job_id
                if job_id and wanted(entry.message):
                    put_back(job_id)
                    client.delete_message(QueueUrl=url, ReceiptHandle=entry.receipt_handle)
                    replayed.append(entry)
        finally:
            self._release(client, url, [e for e in held if e not in replayed])
        return [h.message for h in replayed]

    @staticmethod
    def _receive(client: Any, url: str, *, limit: int) -> list[_Held]:
        # Received messages stay hidden for HOLD_S, long enough to page through the queue.
        seen: dict[str, _Held] = {}
        while len(seen) < limit:
            answer = client.receive_message(
                QueueUrl=url,
                MaxNumberOfMessages=10,
                VisibilityTimeout=HOLD_S,
                WaitTimeSeconds=0,
                AttributeNames=["ApproximateReceiveCount"],
            )
            fresh = [m for m in answer.get("Messages", []) if m["MessageId"] not in seen]
            if not fresh:
                break
            for message in fresh:
                seen[message["MessageId"]] = _to_dead_letter(message)
        return list(seen.values())

    @staticmethod
    def _release(client: Any, url: str, entries: list[_Held]) -> None:
        for start in range(0, len(entries), 10):  # SQS's batch limit
            client.change_message_visibility_batch(
                QueueUrl=url,
                Entries=[
                    {"Id": str(i), "ReceiptHandle": e.receipt_handle, "VisibilityTimeout": 0}
                    for i, e in enumerate(entries[start : start + 10])
                ],
            )


def _to_dead_letter(message: dict[str, Any]) -> _Held:
    task_name, job_id = _task_of(message.get("Body", ""))
    redriven = RedrivenMessage(
        message_id=message["MessageId"],
        job_id=job_id,
        task_name=task_name,
        receive_count=int(message.get("Attributes", {}).get("ApproximateReceiveCount", 0)),
    )
    return _Held(redriven, message["ReceiptHandle"])


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
