"""The circuit breaker, shared through a real Redis by several callers."""

from __future__ import annotations

import pytest
import redis

from resumeroast.adapters.breaker import PREFIX, BreakerPolicy, RedisCircuitBreaker
from resumeroast.adapters.embedded_redis import EmbeddedRedis
from tests.support.polling import wait_for

# A real redis-server: integration (conftest's pytestmark does not reach this module), so
# `make test-quick` starts no process.
pytestmark = pytest.mark.integration

#: Long enough that no loaded machine outlasts it between two lines of a test; a test that
#: needs the cool-down over ends it itself (end_cooldown), so nothing races the wall clock.
COOLDOWN_S = 60.0


def breakers(server: EmbeddedRedis, count: int, policy: BreakerPolicy) -> list[RedisCircuitBreaker]:
    return [RedisCircuitBreaker(redis.Redis.from_url(server.url), policy) for _ in range(count)]


def end_cooldown(breaker: RedisCircuitBreaker, name: str) -> None:
    """Let Redis expire the cool-down now, as it would after COOLDOWN_S, and wait for it."""
    breaker.client.pexpire(PREFIX + name + ":open", 1)
    wait_for(lambda: not breaker.is_open(name), timeout_s=10, what="the cool-down to expire")


def test_failures_open_the_breaker_for_every_worker(redis_server: EmbeddedRedis) -> None:
    policy = BreakerPolicy(window=6, min_calls=4, failure_ratio=0.5, cooldown_s=COOLDOWN_S)
    first, second = breakers(redis_server, 2, policy)
    first.record("openai", ok=True)
    first.record("openai", ok=False)
    second.record("openai", ok=False)
    assert first.wait_s("openai") is None  # 2 of 3: too few calls for a verdict
    second.record("openai", ok=False)
    wait = first.wait_s("openai")
    assert wait is not None and 0 < wait <= COOLDOWN_S
    assert second.wait_s("openai") is not None  # shared: the other worker sees it too
    assert first.wait_s("anthropic") is None  # per provider


def test_failures_in_a_row_open_it_after_a_run_of_successes(redis_server: EmbeddedRedis) -> None:
    """An outage that starts after many successes: the ratio over the window stays low for a
    while, but the latest calls all failing is verdict enough."""
    policy = BreakerPolicy(window=10, min_calls=4, failure_ratio=0.5, cooldown_s=COOLDOWN_S)
    (breaker,) = breakers(redis_server, 1, policy)
    for name, outcomes in [("p", [False] * 3), ("q", [False, False, False, True, False])]:
        for ok in [True] * 10 + outcomes:
            breaker.record(name, ok=ok)
        assert not breaker.is_open(name)  # not 4 in a row, and under half of the last 10
    breaker.record("p", ok=False)
    assert breaker.is_open("p")  # 4 in a row, though only 4 of the last 10 failed
    assert not breaker.is_open("q")


def test_one_probe_after_cooldown_then_closes_on_success(redis_server: EmbeddedRedis) -> None:
    policy = BreakerPolicy(window=4, min_calls=2, failure_ratio=0.5, cooldown_s=COOLDOWN_S)
    first, second = breakers(redis_server, 2, policy)
    first.record("p", ok=False)
    first.record("p", ok=False)
    assert first.is_open("p")
    end_cooldown(first, "p")
    assert first.wait_s("p") is None  # the probe
    assert second.wait_s("p") is not None  # everyone else waits for the probe's outcome
    first.record("p", ok=True)
    assert second.wait_s("p") is None
    assert second.wait_s("p") is None


def test_failed_probe_opens_it_again(redis_server: EmbeddedRedis) -> None:
    policy = BreakerPolicy(window=4, min_calls=2, failure_ratio=0.5, cooldown_s=COOLDOWN_S)
    (breaker,) = breakers(redis_server, 1, policy)
    breaker.record("p", ok=False)
    breaker.record("p", ok=False)
    end_cooldown(breaker, "p")
    assert breaker.wait_s("p") is None
    breaker.record("p", ok=False)
    assert breaker.is_open("p")


def test_the_cooldown_ends_by_itself(redis_server: EmbeddedRedis) -> None:
    """The cool-down is a Redis expiry, not something a caller must clear."""
    policy = BreakerPolicy(window=4, min_calls=2, failure_ratio=0.5, cooldown_s=0.3)
    (breaker,) = breakers(redis_server, 1, policy)
    breaker.record("p", ok=False)
    breaker.record("p", ok=False)
    remaining_ms = int(breaker.client.pttl(PREFIX + "p:open"))  # -2 once it has expired
    assert remaining_ms <= 300
    wait_for(lambda: not breaker.is_open("p"), timeout_s=10, what="the cool-down")
    assert breaker.wait_s("p") is None  # the probe


def test_unreachable_redis_lets_calls_through() -> None:
    breaker = RedisCircuitBreaker(redis.Redis(port=1, socket_connect_timeout=0.2))
    assert breaker.wait_s("p") is None
    breaker.record("p", ok=False)
