"""Secrets from files: NAME_FILE names a file whose content is the setting NAME."""

from __future__ import annotations

from pathlib import Path

import pytest

from resumeroast.settings import Settings

KEY = "k" * 40


def test_a_secret_is_read_from_the_file_its_name_file_points_at(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "secret_key").write_text(KEY + "\n")  # as `echo` or a Secret volume writes it
    (tmp_path / "database_url").write_text("postgresql://app:pw@db/resumeroast")
    monkeypatch.setenv("SECRET_KEY_FILE", str(tmp_path / "secret_key"))
    monkeypatch.setenv("DATABASE_URL_FILE", str(tmp_path / "database_url"))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    monkeypatch.delenv("DATABASE_URL", raising=False)
    settings = Settings(_env_file=None, environment="production")  # type: ignore[call-arg]
    assert settings.secret_key is not None and settings.secret_key.get_secret_value() == KEY
    assert settings.database_url == "postgresql://app:pw@db/resumeroast"


def test_the_environment_value_wins_over_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "admin_token").write_text("from-the-file")
    monkeypatch.setenv("ADMIN_TOKEN_FILE", str(tmp_path / "admin_token"))
    monkeypatch.setenv("ADMIN_TOKEN", "from-the-environment")
    settings = Settings(_env_file=None)  # type: ignore[call-arg]
    assert settings.admin_token is not None
    assert settings.admin_token.get_secret_value() == "from-the-environment"


def test_a_missing_file_stops_the_start(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("SECRET_KEY_FILE", str(tmp_path / "not-mounted"))
    monkeypatch.delenv("SECRET_KEY", raising=False)
    with pytest.raises(FileNotFoundError, match="not-mounted"):
        Settings(_env_file=None)  # type: ignore[call-arg]


def test_the_database_password_comes_from_its_own_file_not_from_the_url(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Catches a DATABASE_URL that must repeat the password by hand: the URL names the role and
    host, the password is the database's own secret file (any character, URL-escaped)."""
    from sqlalchemy.engine import make_url

    (tmp_path / "postgres_password").write_text("p@ss/w:rd%\n")
    monkeypatch.setenv("DATABASE_PASSWORD_FILE", str(tmp_path / "postgres_password"))
    monkeypatch.setenv("DATABASE_URL", "postgresql://app@db:5432/resumeroast")
    url = make_url(Settings(_env_file=None).effective_database_url)  # type: ignore[call-arg]
    assert (url.username, url.password, url.host, url.database) == (
        "app",
        "p@ss/w:rd%",
        "db",
        "resumeroast",
    )
