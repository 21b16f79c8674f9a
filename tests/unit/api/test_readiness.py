"""README.md: `/readyz` answers whether the replica can take uploads: 503 (out of rotation)
only when the database is unusable, 200 "degraded" when only Redis is down.

In-process app, real SQLite; Redis is a closed port when it is to be down, and a dependency
that is to be up is a port that answers its ping (integration/test_readiness.py does it all
with a real redis-server).
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import create_engine

from resumeroast.adapters.db.engine import migrate
from resumeroast.adapters.db.job_store import SqlJobStore
from resumeroast.api.app import create_app
from resumeroast.bootstrap import Runtime, build_runtime
from resumeroast.settings import Settings

CLOSED_REDIS = "redis://127.0.0.1:1/0"


class Reachable:
    """A broker or event bus that answers its ping."""

    def ping(self) -> bool:
        return True

    def close(self) -> None:
        """The runtime closes its ports when the app shuts down."""


def runtime(tmp_path: Path, *, redis_up: bool, database_up: bool) -> Runtime:
    settings = Settings(redis_url=CLOSED_REDIS, data_dir=tmp_path / "data")
    built = build_runtime(settings)
    migrate(built.engine)
    deps = built.deps
    if redis_up:
        deps = dataclasses.replace(deps, queue=Reachable(), events=Reachable())  # type: ignore[arg-type]
    if not database_up:  # a database that cannot be opened: its folder is a plain file
        (tmp_path / "not-a-folder").write_text("")
        engine = create_engine(f"sqlite:///{tmp_path / 'not-a-folder' / 'db.sqlite'}")
        deps = dataclasses.replace(deps, jobs=SqlJobStore(engine))
    return dataclasses.replace(built, deps=deps)


@pytest.fixture
def readyz(tmp_path: Path) -> Iterator[Any]:
    clients: list[TestClient] = []

    def ask(*, redis_up: bool, database_up: bool) -> tuple[int, dict[str, Any]]:
        rt = runtime(tmp_path, redis_up=redis_up, database_up=database_up)
        client = TestClient(create_app(rt.settings, runtime=rt)).__enter__()
        clients.append(client)
        answer = client.get("/readyz")
        return answer.status_code, answer.json()

    yield ask
    for client in clients:
        client.__exit__(None, None, None)


def test_ready_when_database_and_broker_answer(readyz: Any) -> None:
    status, body = readyz(redis_up=True, database_up=True)
    assert status == 200
    assert body["status"] == "ready"
    assert body["checks"] == {"database": True, "broker": True, "events": True}


def test_redis_down_answers_200_degraded_naming_the_parts_down(readyz: Any) -> None:
    """Catches a readiness check that fails on a Redis blip: uploads still succeed then (the
    reconciler enqueues them later), and a 503 would take every API replica out at once."""
    status, body = readyz(redis_up=False, database_up=True)
    assert status == 200
    assert body["status"] == "degraded"
    assert body["checks"] == {"database": True, "broker": False, "events": False}


def test_database_down_answers_503(readyz: Any) -> None:
    """Catches a readiness check that ignores the database (or always answers 200)."""
    status, body = readyz(redis_up=True, database_up=False)
    assert status == 503
    assert body["status"] == "unavailable"
    assert body["checks"]["database"] is False and body["checks"]["broker"] is True
