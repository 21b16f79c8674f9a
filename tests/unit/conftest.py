"""Fixtures shared by the unit tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from resumeroast.adapters.db.engine import make_engine, migrate
from resumeroast.adapters.db.repository import SqlJobRepository


@pytest.fixture
def jobs(tmp_path: Path) -> SqlJobRepository:
    """The repository on a fresh, migrated SQLite database."""
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    migrate(engine)
    return SqlJobRepository(engine)
