"""Stage events: every status or stage change is published on a Redis channel per job.

Events are a push notification, not the record: the database holds the state, so a lost
event costs a client one refresh, never a job. Publishing never fails a job.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncGenerator, AsyncIterator, Callable
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
        self._shared: SharedSubscription | None = None

    def publish(self, job_id: str, payload: dict[str, Any]) -> None:
        try:
            self._client.publish(channel_for(job_id), json.dumps(payload, default=str))
        except redis.RedisError as exc:
            log.warning("event_publish_failed", job_id=job_id, error=type(exc).__name__)

    async def subscribe(self, job_id: str) -> AsyncGenerator[dict[str, Any], None]:
        """Yield events for one job until the caller stops iterating.

        The subscription is in place before the first yield, so a caller that reads the
        current state after starting iteration cannot miss a change. Every stream of this
        process shares one Redis connection (see SharedSubscription).
        """
        loop = asyncio.get_running_loop()
        if self._shared is None or self._shared.loop is not loop:
            self._shared = SharedSubscription(self.url, loop)
        async for event in self._shared.events(job_id):
            yield event

    def ping(self) -> bool:
        try:
            return bool(self._client.ping())
        except redis.RedisError:
            return False

    def close(self) -> None:
        self._client.close()


class _Lost:
    """Put in every listener's queue when the shared connection fails: its stream ends, and the
    client's EventSource reconnects and reads the current state again."""


_LOST = _Lost()
#: Events a slow stream may have waiting; beyond that they are dropped (events are hints: the
#: database has the state, and the last event of a job is also its final state).
_QUEUE_EVENTS = 100


class SharedSubscription:
    """One Redis connection per process, subscribed to every job's channel by pattern, that
    hands each event to the streams of its job. One connection per stream cost a Redis client
    and ~70 KB of process memory each: 2,000 streams, 2,000 connections."""

    def __init__(self, url: str, loop: asyncio.AbstractEventLoop) -> None:
        self.url = url
        self.loop = loop
        self._listeners: dict[str, set[asyncio.Queue[dict[str, Any] | _Lost]]] = {}
        self._ready: asyncio.Future[None] | None = None

    async def events(self, job_id: str) -> AsyncIterator[dict[str, Any]]:
        await self._started()
        queue: asyncio.Queue[dict[str, Any] | _Lost] = asyncio.Queue(_QUEUE_EVENTS)
        channel = channel_for(job_id)
        self._listeners.setdefault(channel, set()).add(queue)
        try:
            yield {"type": "subscribed"}
            while True:
                event = await queue.get()
                if isinstance(event, _Lost):
                    raise redis.ConnectionError("the event subscription was lost")
                yield event
        finally:
            listeners = self._listeners.get(channel, set())
            listeners.discard(queue)
            if not listeners:
                self._listeners.pop(channel, None)

    async def _started(self) -> None:
        if self._ready is None:
            self._ready = self.loop.create_future()
            self._task = asyncio.create_task(self._run(self._ready))
        await asyncio.shield(self._ready)

    async def _run(self, ready: asyncio.Future[None]) -> None:
        client = aioredis.Redis.from_url(self.url)
        pubsub = client.pubsub()
        try:
            await pubsub.psubscribe(CHANNEL_PREFIX + "*")
            while True:
                message = await pubsub.get_message(timeout=None)
                if message is None:
                    continue
                if message["type"] == "psubscribe" and not ready.done():
                    ready.set_result(None)
                elif message["type"] == "pmessage":
                    self._dispatch(message["channel"], message["data"])
        except Exception as exc:  # Redis went away: end every stream, start anew next time
            log.warning("event_subscription_lost", error=type(exc).__name__)
            if not ready.done():
                ready.set_exception(exc)
        finally:
            self._ready = None
            for listeners in self._listeners.values():
                for queue in listeners:
                    _offer(queue, _LOST, force=True)
            await pubsub.aclose()  # type: ignore[no-untyped-call]
            await client.aclose()

    def _dispatch(self, channel: bytes | str, data: bytes | str) -> None:
        name = channel.decode() if isinstance(channel, bytes) else channel
        listeners = self._listeners.get(name)
        if not listeners:
            return
        try:
            event = json.loads(data)
        except ValueError:
            return
        for queue in listeners:
            _offer(queue, event)


def _offer(
    queue: asyncio.Queue[dict[str, Any] | _Lost],
    item: dict[str, Any] | _Lost,
    *,
    force: bool = False,
) -> None:
    if force and queue.full():
        queue.get_nowait()  # room for the end of the stream
    try:
        queue.put_nowait(item)
    except asyncio.QueueFull:
        log.info("event_dropped_slow_stream")


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

    async def subscribe(self, job_id: str) -> AsyncGenerator[dict[str, Any], None]:
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
