"""The use cases' job store: the real one on SQLite, migrated once and copied per test (a
migration per test would take most of the run)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from resumeroast.adapters.db.engine import make_engine, migrate
from resumeroast.adapters.db.job_store import SqlJobStore


@pytest.fixture(scope="session")
def migrated_database(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("template") / "db.sqlite"
    engine = make_engine(f"sqlite:///{path}")
    migrate(engine)
    engine.dispose()
    return path


@pytest.fixture
def jobs(tmp_path: Path, migrated_database: Path) -> SqlJobStore:
    """A fresh, migrated database of the test's own."""
    path = tmp_path / "db.sqlite"
    shutil.copy(migrated_database, path)
    return SqlJobStore(make_engine(f"sqlite:///{path}"))
