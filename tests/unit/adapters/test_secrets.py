"""Secrets made for a local stack are kept private and stable."""

from __future__ import annotations

import stat
from pathlib import Path

from resumeroast.adapters.secrets import embedded_redis_password, secret_key
from resumeroast.settings import Settings


def test_the_redis_password_is_kept_private_beside_the_secret_key(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "data", _env_file=None)  # type: ignore[call-arg]
    password = embedded_redis_password(settings)
    assert len(password) >= 32
    assert embedded_redis_password(settings) == password  # the same on every start
    assert secret_key(settings).decode() != password
    for name in ("redis.password", "secret.key"):
        assert stat.S_IMODE((settings.data_dir / name).stat().st_mode) == 0o600
