"""Engines and migrations: SQLite (WAL) by default, PostgreSQL when DATABASE_URL says so."""

from __future__ import annotations

import contextlib
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event

_MIGRATIONS = Path(__file__).with_name("migrations")


def make_engine(url: str, *, pool_size: int = 5, checkpoint_in_background: bool = False) -> Engine:
    """checkpoint_in_background (SQLite, long-lived processes): a thread copies the WAL into
    the database, not the commit that happens to cross the WAL's size threshold; that commit
    would otherwise copy megabytes and fsync while every upload in its batch waits."""
    if url.startswith("sqlite"):
        path = _ensure_sqlite_folder(url)
        engine = create_engine(url, connect_args={"timeout": 30, "check_same_thread": False})
        event.listen(engine, "connect", _sqlite_pragmas)
        # pysqlite's own transaction handling defers BEGIN; take the write lock at BEGIN so
        # that a read-then-write (claim, lease) cannot deadlock with another writer.
        event.listen(engine, "begin", _sqlite_begin_immediate)
        if checkpoint_in_background and path is not None:
            event.listen(engine, "connect", _no_autocheckpoint)
            WalCheckpointer(path).start()
        return engine
    url = url.replace("postgresql://", "postgresql+psycopg://", 1)
    return create_engine(url, pool_size=pool_size, max_overflow=pool_size, pool_pre_ping=True)


def _ensure_sqlite_folder(url: str) -> Path | None:
    """The database file's path (its folder made), or None for an in-memory database."""
    path = url.split("///", 1)[-1]
    if not path or path == ":memory:":
        return None
    Path(path).parent.mkdir(parents=True, exist_ok=True)
    return Path(path)


class WalCheckpointer(threading.Thread):
    """PASSIVE checkpoints every INTERVAL_S on a connection of its own: they never wait for a
    lock nor hold up a writer, and SQLite releases the GIL while they copy."""

    INTERVAL_S = 0.5

    def __init__(self, path: Path) -> None:
        super().__init__(name="sqlite-wal-checkpoint", daemon=True)
        self.path = path

    def run(self) -> None:
        connection = None
        while connection is None:  # the engine makes the file at its first connection
            time.sleep(self.INTERVAL_S)
            with contextlib.suppress(sqlite3.Error):
                # mode=rw: never create a database, e.g. one a test deleted with its folder
                connection = sqlite3.connect(f"file:{self.path}?mode=rw", uri=True, timeout=0)
        with contextlib.closing(connection):
            while True:
                try:
                    connection.execute("PRAGMA wal_checkpoint(PASSIVE)").fetchall()
                except sqlite3.OperationalError:
                    pass  # busy: another process is checkpointing
                except sqlite3.Error:
                    return
                time.sleep(self.INTERVAL_S)


def _sqlite_pragmas(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.isolation_level = None  # autocommit at the driver; SQLAlchemy sends BEGIN
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA busy_timeout=30000")
    # Deleted rows are overwritten with zeros, not left in free pages: a deleted resume is gone.
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


def _no_autocheckpoint(dbapi_connection: Any, _record: Any) -> None:
    dbapi_connection.execute("PRAGMA wal_autocheckpoint=0")


def _sqlite_begin_immediate(connection: Any) -> None:
    connection.exec_driver_sql("BEGIN IMMEDIATE")


def migrate(engine: Engine) -> None:
    """Bring the schema to the newest revision (idempotent)."""
    config = Config()
    config.set_main_option("script_location", str(_MIGRATIONS))
    with engine.begin() as connection:
        if connection.dialect.name == "postgresql":
            # Several processes may start at once: one migrates, the others wait.
            connection.exec_driver_sql("SELECT pg_advisory_xact_lock(727172)")
        config.attributes["connection"] = connection
        command.upgrade(config, "head")
