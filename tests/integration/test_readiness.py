"""README.md: `/readyz` says whether this replica can take uploads, here with a real
redis-server that goes away and comes back (the database side: unit/api/test_readiness.py).
"""

from __future__ import annotations

import httpx
import pytest

from resumeroast.adapters.embedded_redis import EmbeddedRedis
from tests.support.api import post_resume
from tests.support.polling import wait_for

pytestmark = pytest.mark.integration


def readiness(client: httpx.Client, status: str) -> dict[str, object] | None:
    answer = client.get("/readyz")
    if answer.status_code != 200:
        return None
    body: dict[str, object] = answer.json()
    return body if body["status"] == status else None


def test_readyz_stays_200_degraded_while_redis_is_down_and_uploads_still_succeed(
    client: httpx.Client, redis_server: EmbeddedRedis
) -> None:
    """Catches a readiness check that answers 503 on a Redis blip (the load balancer would
    take every replica out while uploads still work) or that ignores Redis (no "degraded")."""
    assert readiness(client, "ready") == {
        "status": "ready",
        "checks": {"database": True, "broker": True, "events": True},
    }
    redis_server.stop()
    down = wait_for(lambda: readiness(client, "degraded"), timeout_s=30, what="degraded")
    assert down["checks"] == {"database": True, "broker": False, "events": False}
    assert post_resume(client, "text/hrhelper__sample_resume.txt").status_code == 202
    redis_server.start()  # same port
    wait_for(lambda: readiness(client, "ready"), timeout_s=30, what="/readyz to recover")
