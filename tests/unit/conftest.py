"""Fixtures shared by the unit tests."""

from __future__ import annotations

import logging
from collections.abc import Iterator
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


@pytest.fixture(autouse=True)
def _logging_left_as_found() -> Iterator[None]:
    """An app's lifespan configures logging (a JSON handler on the root logger, bound to the
    stderr of that moment): take it off again, so no test writes into another's output."""
    root = logging.getLogger()
    handlers, level = list(root.handlers), root.level
    yield
    root.handlers, root.level = handlers, level
