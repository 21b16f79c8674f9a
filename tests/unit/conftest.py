"""Fixtures shared by the unit tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from resumeroast.adapters.db.engine import make_engine, migrate
from resumeroast.adapters.db.job_store import SqlJobStore


@pytest.fixture
def jobs(tmp_path: Path) -> SqlJobStore:
    """The repository on a fresh, migrated SQLite database."""
    engine = make_engine(f"sqlite:///{tmp_path / 'db.sqlite'}")
    migrate(engine)
    return SqlJobStore(engine)
