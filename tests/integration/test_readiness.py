"""README.md: `/readyz` says whether the database and the broker are reachable, here with a
real redis-server that goes away and comes back (the database side: unit/api/test_readiness.py).
"""

from __future__ import annotations

import httpx
import pytest

from resumeroast.adapters.embedded_redis import EmbeddedRedis
from tests.support.polling import wait_for

pytestmark = pytest.mark.integration


def readiness(client: httpx.Client, status: int) -> dict[str, object] | None:
    answer = client.get("/readyz")
    return answer.json() if answer.status_code == status else None


def test_readyz_answers_503_while_redis_is_down_and_200_once_it_is_back(
    client: httpx.Client, redis_server: EmbeddedRedis
) -> None:
    """Catches a readiness check that ignores the broker (or answers 200 regardless): a load
    balancer would keep sending uploads to a process that cannot enqueue them."""
    assert readiness(client, 200) == {
        "status": "ready",
        "checks": {"database": True, "broker": True, "events": True},
    }
    redis_server.stop()
    down = wait_for(lambda: readiness(client, 503), timeout_s=30, what="/readyz to say 503")
    assert down["status"] == "unavailable"
    assert down["checks"] == {"database": True, "broker": False, "events": False}
    redis_server.start()  # same port
    wait_for(lambda: readiness(client, 200), timeout_s=30, what="/readyz to recover")
