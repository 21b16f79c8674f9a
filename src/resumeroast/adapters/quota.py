"""The provider's quota (requests and tokens per minute) and today's spend, shared by every
worker process through Redis.

A sliding log per provider: each granted call is a member of a sorted set scored by Redis's
own clock (one clock for all workers), carrying the tokens it reserved. One Lua script drops
what left the window, and grants the call only if both the request and the token count stay
within the quota; else it answers how long until the oldest call leaves the window. A job told
to wait is handed back without spending a retry (pipeline.call_reviewer).
If Redis is unreachable the quota lets calls through (fail open), like the breaker.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, datetime

import redis

PREFIX = "resumeroast:quota:"
SPEND_PREFIX = "resumeroast:spend:"

# KEYS[1] the log; ARGV: window_ms, rpm, tpm, tokens, member id. Returns 0 or ms to wait.
_RESERVE = """
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local window, rpm, tpm = tonumber(ARGV[1]), tonumber(ARGV[2]), tonumber(ARGV[3])
local tokens = tonumber(ARGV[4])
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', now - window)
local entries = redis.call('ZRANGE', KEYS[1], 0, -1, 'WITHSCORES')
local count, used = #entries / 2, 0
for i = 1, #entries, 2 do
  used = used + tonumber(string.match(entries[i], ':(%d+)$'))
end
local over_rpm = rpm > 0 and count + 1 > rpm
local over_tpm = tpm > 0 and count > 0 and used + tokens > tpm
if over_rpm or over_tpm then
  return math.max(1, tonumber(entries[2]) + window - now)
end
redis.call('ZADD', KEYS[1], now, ARGV[5] .. ':' .. tokens)
redis.call('PEXPIRE', KEYS[1], window * 2)
return 0
"""


@dataclass(frozen=True)
class QuotaPolicy:
    requests_per_minute: int = 0  #: 0: no request limit
    tokens_per_minute: int = 0  #: 0: no token limit
    daily_spend_cap_usd: float = 0.0  #: 0: no cap
    window_s: float = 60.0  #: a test shortens it; the quota is per this window


class RedisProviderQuota:
    def __init__(self, client: redis.Redis, policy: QuotaPolicy) -> None:
        self.client = client
        self.policy = policy
        self._reserve = client.register_script(_RESERVE)

    def reserve(self, name: str, tokens: int) -> float | None:
        """None when the call may go ahead now (its slot is taken), else seconds to wait."""
        policy = self.policy
        if policy.requests_per_minute <= 0 and policy.tokens_per_minute <= 0:
            return None
        args: list[str | int] = [
            int(policy.window_s * 1000),
            policy.requests_per_minute,
            policy.tokens_per_minute,
            max(0, int(tokens)),
            uuid.uuid4().hex,
        ]
        try:
            wait_ms = int(self._reserve(keys=[PREFIX + name], args=args))
        except redis.RedisError:
            return None
        return wait_ms / 1000 if wait_ms > 0 else None

    def spent_today_usd(self) -> float:
        try:
            value = self.client.get(SPEND_PREFIX + _today())
        except redis.RedisError:
            return 0.0
        return float(value) if value else 0.0

    def add_spend(self, cost_usd: float) -> None:
        if cost_usd <= 0:
            return
        key = SPEND_PREFIX + _today()
        try:
            with self.client.pipeline(transaction=False) as pipe:
                pipe.incrbyfloat(key, cost_usd)
                pipe.expire(key, 3 * 86400)
                pipe.execute()
        except redis.RedisError:
            pass  # the cap is a guard; losing one increment must not fail the review

    def spend_cap_reached(self) -> bool:
        cap = self.policy.daily_spend_cap_usd
        return cap > 0 and self.spent_today_usd() >= cap


def _today() -> str:
    return datetime.now(UTC).date().isoformat()
