"""The upload rate limit against a client that rotates X-Forwarded-For, on a real API process:
believed only from TRUSTED_PROXIES (none by default), and a garbage value never gets a
budget of its own."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from resumeroast.adapters.embedded_redis import EmbeddedRedis
from tests.support.api import post_resume
from tests.support.stack import Stack

pytestmark = pytest.mark.integration

RESUME = "text/hrhelper__sample_resume.txt"
LIMIT = 2
#: A fixed one-minute window may reset once during a test: twice the limit can pass, no more.
MOST_ACCEPTED_IN_TWO_WINDOWS = 2 * LIMIT


def _api(tmp_path: Path, redis: EmbeddedRedis, **env: str) -> Iterator[httpx.Client]:
    stack = Stack(
        data_dir=tmp_path,
        redis=redis,
        extra_env={"UPLOAD_RATE_LIMIT_PER_MINUTE": str(LIMIT), **env},
    )
    try:
        stack.start_api()
        with httpx.Client(base_url=stack.base_url, timeout=30) as client:
            yield client
    finally:
        stack.stop()


@pytest.fixture
def default_api(tmp_path: Path, redis_server: EmbeddedRedis) -> Iterator[httpx.Client]:
    yield from _api(tmp_path, redis_server)


@pytest.fixture
def proxied_api(tmp_path: Path, redis_server: EmbeddedRedis) -> Iterator[httpx.Client]:
    yield from _api(tmp_path, redis_server, TRUSTED_PROXIES='["127.0.0.1"]')


def _statuses(client: httpx.Client, forwarded: list[str]) -> list[int]:
    return [
        post_resume(client, RESUME, headers={"X-Forwarded-For": value}).status_code
        for value in forwarded
    ]


def test_rotating_forwarded_for_does_not_escape_the_limit_by_default(
    default_api: httpx.Client,
) -> None:
    statuses = _statuses(default_api, [f"203.0.113.{n}" for n in range(1, 8)])
    assert statuses.count(202) <= MOST_ACCEPTED_IN_TWO_WINDOWS, statuses
    assert 429 in statuses


def test_behind_a_trusted_proxy_each_client_has_its_own_limit_and_garbage_none(
    proxied_api: httpx.Client,
) -> None:
    # Two real clients behind the proxy: each gets the full budget.
    for client in ("203.0.113.1", "203.0.113.2"):
        assert _statuses(proxied_api, [client] * LIMIT) == [202] * LIMIT
    # Values that are not addresses count against the proxy's own bucket, all of them together.
    garbage = ["x", "not-an-ip", "1.2.3.4:5", "<script>", "::g", "999.9.9.9", "a,b"]
    statuses = _statuses(proxied_api, garbage)
    assert statuses.count(202) <= MOST_ACCEPTED_IN_TWO_WINDOWS, statuses
    assert 429 in statuses
