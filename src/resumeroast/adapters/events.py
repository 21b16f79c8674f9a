"""Stage events: every status or stage change is published on a Redis channel per job.

Events are a push notification, not the record: the database holds the state, so a lost
event costs a client one refresh, never a job. Publishing never fails a job.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator, Callable
from typing import Any

import redis
import redis.asyncio as aioredis
import structlog

log = structlog.get_logger(__name__)

CHANNEL_PREFIX = "resumeroast:events:"


def channel_for(job_id: str) -> str:
    return CHANNEL_PREFIX + job_id


class RedisEventBus:
    def __init__(self, url: str) -> None:
        self.url = url
        self._client = redis.Redis.from_url(url, socket_timeout=2, socket_connect_timeout=2)

    def publish(self, job_id: str, payload: dict[str, Any]) -> None:
        try:
            self._client.publish(channel_for(job_id), json.dumps(payload, default=str))
        except redis.RedisError as exc:
            log.warning("event_publish_failed", job_id=job_id, error=type(exc).__name__)

    async def subscribe(self, job_id: str) -> AsyncIterator[dict[str, Any]]:
        """Yield events for one job until the caller stops iterating.

        The subscription is in place before the first yield, so a caller that reads the
        current state after starting iteration cannot miss a change.
        """
        client = aioredis.Redis.from_url(self.url)
        pubsub = client.pubsub(ignore_subscribe_messages=True)
        try:
            await pubsub.subscribe(channel_for(job_id))
            yield {"type": "subscribed"}
            async for message in pubsub.listen():
                if message.get("type") == "message":
                    yield json.loads(message["data"])
        finally:
            await pubsub.aclose()  # type: ignore[no-untyped-call]
            await client.aclose()

    def ping(self) -> bool:
        try:
            return bool(self._client.ping())
        except redis.RedisError:
            return False

    def close(self) -> None:
        self._client.close()


class DatabaseEventBus:
    """Events without Redis (e.g. with SQS as the only broker): publishing is the database
    write itself, and a subscriber re-reads the job's row every `interval_s` (half a second:
    a fallback for a deployment without pub/sub, not a busy loop)."""

    def __init__(
        self, read_event: Callable[[str], dict[str, Any]], *, interval_s: float = 0.5
    ) -> None:
        self.read_event = read_event
        self.interval_s = interval_s

    def publish(self, job_id: str, payload: dict[str, Any]) -> None:
        del job_id, payload  # the row already holds the change

    async def subscribe(self, job_id: str) -> AsyncIterator[dict[str, Any]]:
        yield {"type": "subscribed"}
        last: dict[str, Any] | None = None
        while True:
            current = await asyncio.to_thread(self.read_event, job_id)
            if current != last:
                last = current
                yield current
            await asyncio.sleep(self.interval_s)

    def ping(self) -> bool:
        return True

    def close(self) -> None:
        return None
