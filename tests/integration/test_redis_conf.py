"""deploy/redis.conf run by a real redis-server: it asks for the password from the secret it
includes, and at its memory cap it refuses writes instead of evicting queued messages."""

from __future__ import annotations

import re
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

from resumeroast.adapters.embedded_redis import find_redis_server, free_port
from tests.support.polling import wait_for
from tests.unit.deploy.deploy_files import DEPLOY

pytestmark = pytest.mark.integration
PASSWORD = "a-test-password-for-redis-conf"


def local_copy(tmp_path: Path, port: int) -> Path:
    """The file as shipped, with only where it lives changed: port, folder, secret, loopback."""
    text = (DEPLOY / "redis.conf").read_text()
    secret = tmp_path / "redis-password.conf"
    secret.write_text(f"requirepass {PASSWORD}\n")
    (tmp_path / "data").mkdir()
    replacements = {
        r"^bind .*$": "bind 127.0.0.1",
        r"^port .*$": f"port {port}",
        r"^dir .*$": f"dir {tmp_path / 'data'}",
        r"^include /run/secrets/redis-password.conf$": f"include {secret}",
    }
    for pattern, value in replacements.items():
        text, count = re.subn(pattern, value, text, flags=re.M)
        assert count == 1, pattern
    conf = tmp_path / "redis.conf"
    conf.write_text(text)
    return conf


@pytest.fixture
def port(tmp_path: Path) -> Iterator[int]:
    port = free_port()
    server = subprocess.Popen(
        [find_redis_server(), str(local_copy(tmp_path, port))],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        yield port
    finally:
        server.terminate()
        server.wait(timeout=10)


def answers(client: redis.Redis) -> bool:
    try:
        return bool(client.ping())
    except redis.ConnectionError:
        return False


def test_the_password_is_required_and_full_memory_refuses_writes(port: int) -> None:
    client = redis.Redis(port=port, password=PASSWORD)
    wait_for(lambda: answers(client), timeout_s=15, what="redis-server")
    with pytest.raises(redis.AuthenticationError):
        redis.Redis(port=port).ping()
    with pytest.raises(redis.AuthenticationError):
        redis.Redis(port=port, password="wrong").ping()

    assert client.config_get("maxmemory")["maxmemory"] == str(256 * 2**20)
    assert client.config_get("protected-mode")["protected-mode"] == "yes"
    client.config_set("maxmemory", str(2 * 2**20))  # the same policy, reached in a moment
    client.rpush("resumeroast:reviews", "the first queued message")
    with pytest.raises(redis.ResponseError, match="maxmemory"):  # OOM, not an eviction
        for i in range(10_000):
            client.set(f"filler:{i}", "x" * 1024)
    assert client.lrange("resumeroast:reviews", 0, -1) == [b"the first queued message"]
    client.close()
