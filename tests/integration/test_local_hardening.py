"""What another local user or process can do to a running stack: nothing with its Redis
without the password, and nothing with its files (database, WAL, AOF, secrets: 0600)."""

from __future__ import annotations

import stat
from pathlib import Path

import httpx
import pytest
import redis

from resumeroast.adapters.embedded_redis import EmbeddedRedis
from tests.support.api import submit, wait_final
from tests.support.stack import Stack

pytestmark = pytest.mark.integration


def test_the_embedded_redis_refuses_a_client_without_its_password(
    redis_server: EmbeddedRedis,
) -> None:
    stranger = redis.Redis(host="127.0.0.1", port=redis_server.port, socket_timeout=5)
    fake_failure = '{"status": "failed", "reason": "Log in again at https://phish.example"}'
    with pytest.raises(redis.AuthenticationError):
        stranger.publish("resumeroast:events:any-job", fake_failure)
    with pytest.raises(redis.AuthenticationError):
        stranger.keys("*")
    stranger.close()
    assert redis.Redis.from_url(redis_server.url).ping()  # the stack's own URL carries it


def _loose_files(root: Path) -> list[str]:
    """Files under root that a group or other users can read or write."""
    return [
        f"{path.relative_to(root)} {stat.filemode(path.stat().st_mode)}"
        for path in root.rglob("*")
        if path.is_file()
        and path.stat().st_mode & 0o077
        # our processes' output and Prometheus counters: no personal data, no secret
        and not path.name.endswith(".log")
        and path.relative_to(root).parts[0] != "metrics"
    ]


def test_data_files_are_readable_by_their_owner_only(stack: Stack, client: httpx.Client) -> None:
    stack.start_worker()
    job = submit(client, "text/hrhelper__sample_resume.txt")
    assert wait_final(client, job)["status"] == "complete"
    assert stack.redis is not None
    redis.Redis.from_url(stack.redis.url).bgrewriteaof()  # the AOF as Redis rewrites it too
    names = {path.name for path in stack.data_dir.rglob("*")}
    if stack.database_url is None:  # SQLite: the database and its WAL exist and are private
        assert {"resumeroast.db", "resumeroast.db-wal"} <= names, names
    assert any(name.startswith("appendonly.aof") for name in names), names
    assert _loose_files(stack.data_dir) == []
