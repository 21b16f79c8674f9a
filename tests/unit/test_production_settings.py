"""docs/security.md: in production SECRET_KEY (which signs every job's access token) is set and
at least 32 characters long, and the database is a real server."""

from __future__ import annotations

import pytest

from resumeroast.settings import Settings

DATABASE = "postgresql://resumeroast:pw@db.internal:5432/resumeroast"
MIN_SECRET_CHARS = 32  #: docs/security.md


def production(**overrides: object) -> Settings:
    values: dict[str, object] = {"environment": "production", "database_url": DATABASE}
    return Settings(**(values | overrides))  # type: ignore[arg-type]


@pytest.mark.parametrize("length", [0, 1, 16, 24, MIN_SECRET_CHARS - 1])
def test_a_short_secret_key_is_refused_in_production(length: int) -> None:
    """Catches the length check weakened or removed: a short key makes every job token
    guessable offline from a single leaked one."""
    with pytest.raises(ValueError, match="SECRET_KEY"):
        production(secret_key="k" * length)


def test_a_missing_secret_key_is_refused_in_production() -> None:
    """Catches production falling back to a generated per-machine key (tokens that break
    between API machines, and a key on disk)."""
    with pytest.raises(ValueError, match="SECRET_KEY"):
        production()


def test_a_long_enough_secret_key_is_accepted() -> None:
    settings = production(secret_key="k" * MIN_SECRET_CHARS)
    assert settings.secret_key is not None
    assert len(settings.secret_key.get_secret_value()) == MIN_SECRET_CHARS


def test_development_needs_no_secret_key() -> None:
    assert Settings(environment="development").secret_key is None


def test_production_refuses_sqlite() -> None:
    with pytest.raises(ValueError, match="DATABASE_URL"):
        Settings(environment="production", secret_key="k" * MIN_SECRET_CHARS)
