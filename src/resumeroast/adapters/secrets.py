"""The server's secret key: from SECRET_KEY, or made once and kept in the data folder; beside
it, the embedded Redis's password."""

from __future__ import annotations

import os
import secrets
from pathlib import Path

from resumeroast.settings import Settings


def secret_key(settings: Settings) -> bytes:
    if settings.secret_key is not None:
        return settings.secret_key.get_secret_value().encode()
    return _kept_secret(settings.data_dir / "secret.key").encode()


def embedded_redis_password(settings: Settings) -> str:
    """requirepass of the redis-server `up` starts: without it any local process could publish
    a fake event into a live stream or read the queue."""
    return _kept_secret(settings.data_dir / "redis.password")


def _kept_secret(path: Path) -> str:
    if not path.exists():
        path.parent.mkdir(parents=True, exist_ok=True)
        _write_private(path, secrets.token_urlsafe(48))
    return path.read_text().strip()


def _write_private(path: Path, value: str) -> None:
    """Create with mode 0600; if another process won the race, keep its key."""
    try:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    except FileExistsError:
        return
    with os.fdopen(fd, "w") as handle:
        handle.write(value)
