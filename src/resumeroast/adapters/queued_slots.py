"""Per-client slots for jobs not yet finished, counted in Redis so the cap holds across API
processes and under a burst.

Each client has a sorted set of its unfinished jobs (scored by when they were accepted). An
upload first takes a slot with a Lua script, atomically: count, compare with the cap, add a
reservation. Once its job is stored the reservation becomes the job id; if it fails, the slot is
given back. Nothing tells Redis when a job ends: when a client is at the cap, the API asks the
database which of its jobs have finished (or were deleted) and frees those slots
(api/queued_slots.py). A reservation whose upload never came back (its process died) frees
itself after RESERVATION_GRACE_S.
"""

from __future__ import annotations

import time
import uuid
from collections.abc import Awaitable, Sequence
from typing import Any

import redis
import redis.asyncio as aioredis
import structlog

log = structlog.get_logger(__name__)

PREFIX = "resumeroast:unfinished:"
RESERVATION = "r:"
#: A reservation not turned into a job by then is from an upload that died mid-way.
RESERVATION_GRACE_S = 120
#: A client that uploads nothing for a day has no jobs left queued (retention aside).
IDLE_TTL_S = 24 * 3600

_RESERVE = """
local key, now, cap = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2])
for _, member in ipairs(redis.call('ZRANGEBYSCORE', key, '-inf', now - tonumber(ARGV[4]))) do
  if string.sub(member, 1, 2) == 'r:' then redis.call('ZREM', key, member) end
end
if redis.call('ZCARD', key) >= cap then return 0 end
redis.call('ZADD', key, now, ARGV[3])
redis.call('EXPIRE', key, tonumber(ARGV[5]))
return 1
"""


def is_reservation(member: str) -> bool:
    return member.startswith(RESERVATION)


class RedisQueuedSlots:
    def __init__(self, url: str | None, *, per_client: int) -> None:
        """Without Redis (url None) or with per_client 0 there is no cap."""
        self.per_client = per_client if url else 0
        self._client = aioredis.Redis.from_url(url or "redis://", socket_timeout=2)
        self._reserve = self._client.register_script(_RESERVE)

    @property
    def enabled(self) -> bool:
        return self.per_client > 0

    async def reserve(self, client_key: str) -> str | None:
        """A reservation token, or None when the client holds per_client slots already.
        Redis unreachable: a token that binds to nothing (fail open, like the rate limit)."""
        token = RESERVATION + uuid.uuid4().hex
        try:
            taken = await self._reserve(
                keys=[PREFIX + client_key],
                args=[time.time(), self.per_client, token, RESERVATION_GRACE_S, IDLE_TTL_S],
            )
        except redis.RedisError as exc:
            log.warning("queued_slots_unavailable", error=type(exc).__name__)
            return token
        return token if int(taken) else None

    async def bind(self, client_key: str, token: str, job_id: str) -> None:
        """The reservation becomes the stored job's slot."""
        await self._quietly(self._bind(client_key, token, job_id))

    async def _bind(self, client_key: str, token: str, job_id: str) -> None:
        async with self._client.pipeline(transaction=True) as pipe:
            pipe.zrem(PREFIX + client_key, token)
            pipe.zadd(PREFIX + client_key, {job_id: time.time()})
            await pipe.execute()

    async def release(self, client_key: str, members: Sequence[str]) -> None:
        """Give slots back: a reservation whose upload failed, or finished jobs."""
        if members:
            await self._quietly(self._client.zrem(PREFIX + client_key, *members))

    async def job_ids(self, client_key: str) -> list[str]:
        """The client's jobs holding slots (reservations left out)."""
        return [name for name in await self._members(client_key) if not is_reservation(name)]

    async def held_besides(self, client_key: str, token: str) -> tuple[list[str], int]:
        """What else the client holds than `token`: its jobs' ids, and how many other uploads
        are in flight (reservations not yet turned into jobs)."""
        others = [name for name in await self._members(client_key) if name != token]
        reservations = sum(1 for name in others if is_reservation(name))
        return [name for name in others if not is_reservation(name)], reservations

    async def _members(self, client_key: str) -> list[str]:
        try:
            members = await self._client.zrange(PREFIX + client_key, 0, -1)
        except redis.RedisError:
            return []
        return [m.decode() if isinstance(m, bytes) else str(m) for m in members]

    async def _quietly(self, call: Awaitable[Any]) -> None:
        try:
            await call
        except redis.RedisError as exc:
            log.warning("queued_slots_unavailable", error=type(exc).__name__)

    async def aclose(self) -> None:
        await self._client.aclose()
