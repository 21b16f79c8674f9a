"""SQLite's write-ahead log is copied into the database by a background thread, not by the
commit that crosses its size threshold."""

from __future__ import annotations

from pathlib import Path

from sqlalchemy import Engine

from resumeroast.adapters.db.engine import make_engine, migrate
from resumeroast.adapters.db.repository import SqlJobRepository
from resumeroast.core.documents import DocumentKind
from resumeroast.core.feedback import Level
from resumeroast.core.jobs import NewJob
from tests.support.polling import wait_for

BLOB = bytes(range(256)) * 4096  # 1 MiB, incompressible enough


def store_uploads(database: Path, *, checkpoint_in_background: bool) -> Engine:
    """Store 2 MiB of uploads: under SQLite's automatic checkpoint threshold (1000 pages)."""
    engine = make_engine(f"sqlite:///{database}", checkpoint_in_background=checkpoint_in_background)
    migrate(engine)
    jobs = SqlJobRepository(engine)
    jobs.create_jobs(
        [
            NewJob(
                data=BLOB,
                kind=DocumentKind.PDF,
                filename=f"r{n}.pdf",
                level=Level.HONEST,
                job_description=None,
                content_sha256=f"{n:064d}",
            )
            for n in range(2)
        ]
    )
    return engine


def test_the_background_checkpoint_copies_the_log_into_the_database(tmp_path: Path) -> None:
    database = tmp_path / "db.sqlite"
    engine = store_uploads(database, checkpoint_in_background=True)
    wait_for(
        lambda: database.stat().st_size >= 2 * len(BLOB),
        timeout_s=10,
        what="the uploads to reach the database file",
    )
    engine.dispose()


def test_without_it_a_small_log_stays_a_log(tmp_path: Path) -> None:
    """The control: below the threshold no commit copies the log into the database."""
    database = tmp_path / "db.sqlite"
    engine = store_uploads(database, checkpoint_in_background=False)
    assert database.stat().st_size < len(BLOB)
    assert database.with_name("db.sqlite-wal").stat().st_size >= 2 * len(BLOB)
    engine.dispose()
