"""Back up the database.

SQLite: sqlite3's online backup API, one read transaction, consistent while the service writes.
PostgreSQL: pg_dump -Fc inside a snapshot exported from a REPEATABLE READ transaction in which
the manifest's counts are read, so the counts are exactly the dump's. The password goes to
pg_dump/pg_restore in a 0600 passfile, never on a command line or in a message.

The restore drill is in restore_drill.py, what both share in backup_tools.py.
"""

from __future__ import annotations

import sqlite3
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import create_engine, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from resumeroast.adapters.db.backup_tools import (
    BackupError,
    create_private,
    engine_name,
    first_line,
    fsync_path,
    libpq,
    read_snapshot,
    run_tool,
    safe_url,
    schema_revision,
    sha256_of,
    tool_path,
)
from resumeroast.adapters.db.engine import make_engine
from resumeroast.core.backup import (
    Manifest,
    Snapshot,
    backup_file_name,
    expired_backups,
    manifest_name,
)


def take_backup(database_url: str, output_dir: Path, *, now: datetime | None = None) -> Manifest:
    """Write resumeroast-<UTC time>.db|.dump and its manifest into output_dir (0700, files 0600)."""
    taken_at = now or datetime.now(UTC)
    engine = engine_name(database_url)
    output_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    name = backup_file_name(engine, taken_at)
    final = output_dir / name
    if final.exists():
        raise BackupError(f"{final} exists already")
    partial = output_dir / f".{name}.partial"
    create_private(partial)
    try:
        if engine == "sqlite":
            snapshot, revision = _backup_sqlite(database_url, partial)
        else:
            snapshot, revision = _backup_postgres(database_url, partial)
        fsync_path(partial)
        manifest = Manifest(
            engine=engine,
            file=name,
            sha256=sha256_of(partial),
            size_bytes=partial.stat().st_size,
            taken_at=taken_at,
            snapshot=snapshot,
            schema_revision=revision,
        )
        manifest_path = output_dir / manifest_name(name)
        create_private(manifest_path)
        manifest_path.write_text(manifest.to_json() + "\n")
        fsync_path(manifest_path)
        partial.rename(final)  # the backup appears whole or not at all
        return manifest
    finally:
        partial.unlink(missing_ok=True)


def prune_backups(output_dir: Path, *, keep_days: float, now: datetime | None = None) -> list[str]:
    """Delete our backups (and manifests) older than keep_days, keeping the newest."""
    names = [p.name for p in output_dir.iterdir()] if output_dir.is_dir() else []
    gone = expired_backups(names, now=now or datetime.now(UTC), keep_days=keep_days)
    for name in gone:
        (output_dir / name).unlink(missing_ok=True)
        (output_dir / manifest_name(name)).unlink(missing_ok=True)
    return gone


def _backup_sqlite(database_url: str, destination: Path) -> tuple[Snapshot, str | None]:
    source_path = make_url(database_url).database
    if not source_path or not Path(source_path).is_file():
        raise BackupError(f"no SQLite database at {source_path}")
    source = sqlite3.connect(source_path, timeout=30)
    target = sqlite3.connect(destination)
    try:
        source.backup(target)  # one step: one read transaction, a consistent copy under WAL
        target.execute("PRAGMA journal_mode=DELETE")  # the backup is one self-contained file
    except sqlite3.Error as error:
        raise BackupError(f"SQLite backup failed: {error}") from error
    finally:
        target.close()
        source.close()
    return _read_sqlite_file(destination)


def _read_sqlite_file(path: Path) -> tuple[Snapshot, str | None]:
    engine = create_engine(f"sqlite:///{path}")
    try:
        with engine.connect() as connection:
            return read_snapshot(connection), schema_revision(connection)
    finally:
        engine.dispose()


def _backup_postgres(database_url: str, destination: Path) -> tuple[Snapshot, str | None]:
    pg_dump = tool_path("pg_dump")
    engine = make_engine(database_url, pool_size=1)
    try:
        with engine.connect() as connection:
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                connection.exec_driver_sql("SET TRANSACTION READ ONLY")
                snapshot_id = connection.scalar(text("SELECT pg_export_snapshot()"))
                snapshot, revision = read_snapshot(connection), schema_revision(connection)
                with libpq(database_url) as (dsn, env):
                    run_tool(
                        [
                            pg_dump,
                            "--format=custom",
                            "--no-password",
                            f"--snapshot={snapshot_id}",
                            f"--file={destination}",
                            f"--dbname={dsn}",
                        ],
                        env=env,
                        secret=make_url(database_url).password,
                        what="pg_dump",
                    )
        return snapshot, revision
    except SQLAlchemyError as error:
        raise BackupError(f"cannot read {safe_url(database_url)}: {first_line(error)}") from error
    finally:
        engine.dispose()
