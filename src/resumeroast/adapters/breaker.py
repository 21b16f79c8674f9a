"""A circuit breaker per LLM provider, shared by every worker process through Redis.

When most of the recent calls failed, or the latest few in a row, the breaker opens for a
cool-down: workers stop calling the provider and jobs wait (they are handed back without
spending a retry) instead of burning through their retries into the dead-letter queue. After
the cool-down one probe call is let through; its success closes the breaker, its failure opens
it again. The failure that opens it and a failed probe spend no retry either (see
pipeline.call_reviewer).
If Redis itself is unreachable the breaker lets calls through (fail open).
"""

from __future__ import annotations

from dataclasses import dataclass

import redis

PREFIX = "resumeroast:breaker:"


@dataclass(frozen=True)
class BreakerPolicy:
    window: int = 10  #: outcomes remembered
    min_calls: int = 4  #: no verdict on fewer calls
    failure_ratio: float = 0.5  #: open when at least this share of the window failed
    cooldown_s: float = 30.0
    probe_timeout_s: float = 120.0  #: a probe that never reports frees the slot after this


class RedisCircuitBreaker:
    def __init__(self, client: redis.Redis, policy: BreakerPolicy | None = None) -> None:
        self.client = client
        self.policy = policy or BreakerPolicy()

    def wait_s(self, name: str) -> float | None:
        """None when a call may go ahead now, else seconds to wait before asking again."""
        try:
            remaining_ms = int(self.client.pttl(PREFIX + name + ":open"))
            if remaining_ms > 0:
                return remaining_ms / 1000
            if not self.client.exists(PREFIX + name + ":half_open"):
                return None
            # Half-open: exactly one caller (across all workers) probes the provider.
            probe = self.client.set(
                PREFIX + name + ":probe", "1", nx=True, px=int(self.policy.probe_timeout_s * 1000)
            )
            return None if probe else 1.0
        except redis.RedisError:
            return None

    def record(self, name: str, *, ok: bool) -> None:
        key = PREFIX + name
        try:
            if ok:
                with self.client.pipeline() as pipe:
                    pipe.lpush(key + ":outcomes", 0)
                    pipe.ltrim(key + ":outcomes", 0, self.policy.window - 1)
                    pipe.delete(key + ":half_open", key + ":probe")
                    pipe.execute()
                return
            with self.client.pipeline() as pipe:
                pipe.lpush(key + ":outcomes", 1)
                pipe.ltrim(key + ":outcomes", 0, self.policy.window - 1)
                pipe.lrange(key + ":outcomes", 0, -1)
                pipe.exists(key + ":half_open")
                *_, outcomes, half_open = pipe.execute()
            failures = sum(int(o) for o in outcomes)
            # The newest min_calls all failed: an outage that began after a run of successes
            # (which would keep the ratio down for a while, long enough for one job to burn
            # every retry against it).
            latest_failed = len(outcomes) >= self.policy.min_calls and all(
                int(o) for o in outcomes[: self.policy.min_calls]
            )
            if (
                half_open
                or latest_failed
                or (
                    len(outcomes) >= self.policy.min_calls
                    and failures / len(outcomes) >= self.policy.failure_ratio
                )
            ):
                self._open(key)
        except redis.RedisError:
            return

    def _open(self, key: str) -> None:
        cooldown_ms = int(self.policy.cooldown_s * 1000)
        with self.client.pipeline() as pipe:
            pipe.set(key + ":open", "1", px=cooldown_ms)
            pipe.set(key + ":half_open", "1")
            pipe.delete(key + ":outcomes", key + ":probe")
            pipe.execute()

    def is_open(self, name: str) -> bool:
        try:
            return bool(self.client.exists(PREFIX + name + ":open"))
        except redis.RedisError:
            return False


class NoBreaker:
    """For reviewers that call nothing."""

    def wait_s(self, name: str) -> float | None:
        del name
        return None

    def record(self, name: str, *, ok: bool) -> None:
        del name, ok

    def is_open(self, name: str) -> bool:
        del name
        return False
