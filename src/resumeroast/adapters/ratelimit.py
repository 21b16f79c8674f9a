"""A per-client upload limit counted in Redis, so it holds across API processes.

Fixed one-minute windows: simple, one round trip (INCR + EXPIRE in a pipeline), and at most
twice the limit across a window boundary, which is good enough to stop a flood.
"""

from __future__ import annotations

import time

import redis
import redis.asyncio as aioredis

PREFIX = "resumeroast:ratelimit:"
WINDOW_S = 60


class RedisRateLimiter:
    def __init__(self, url: str | None, *, per_minute: int) -> None:
        """Without Redis (url None) there is no shared counter and no limit."""
        self.per_minute = per_minute if url else 0
        self._client = aioredis.Redis.from_url(url or "redis://", socket_timeout=2)

    async def retry_after_s(self, client_key: str) -> int | None:
        """None when the request may go ahead; else seconds until the window resets."""
        if self.per_minute <= 0:
            return None
        now = time.time()
        window = int(now // WINDOW_S)
        key = f"{PREFIX}{client_key}:{window}"
        try:
            async with self._client.pipeline(transaction=False) as pipe:
                pipe.incr(key)
                pipe.expire(key, WINDOW_S * 2)
                count, _ = await pipe.execute()
        except redis.RedisError:
            return None  # fail open: the limit protects us, it must not take the API down
        if int(count) <= self.per_minute:
            return None
        return max(1, int((window + 1) * WINDOW_S - now))
