"""Drill a restore of a backup.

The drill restores into a scratch database (a temporary SQLite file, or a database created on
the source's server and dropped after), runs the migrations, and compares what it holds with the
manifest written at backup time.
"""

from __future__ import annotations

import shutil
import sqlite3
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import Connection, Engine
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from resumeroast.adapters.db import backup_tools as tools
from resumeroast.adapters.db.backup_tools import BackupError
from resumeroast.adapters.db.engine import make_engine, migrate
from resumeroast.core.backup import (
    Check,
    Manifest,
    Snapshot,
    compare_snapshots,
    manifest_name,
    taken_at_from_name,
)


@dataclass(frozen=True)
class DrillReport:
    backup: Path
    manifest: Manifest | None
    checks: list[Check]
    error: str | None  #: why the drill could not restore or compare
    restored_into: str | None
    restored_revision: str | None
    source_now: Snapshot | None
    source_error: str | None

    @property
    def passed(self) -> bool:
        return self.error is None and bool(self.checks) and all(c.ok for c in self.checks)


def restore_drill(
    backup: Path, *, source_url: str | None, scratch_url: str | None = None
) -> DrillReport:
    """Restore backup into a scratch database, migrate it, and compare with its manifest."""
    manifest: Manifest | None = None
    checks: list[Check] = []
    error: str | None = None
    restored_into = restored_revision = None
    try:
        if backup.is_dir():
            backup = newest_backup(backup)
        manifest = _load_manifest(backup)
        digest = tools.sha256_of(backup)
        checks.append(
            Check("checksum", manifest.sha256[:16], digest[:16], digest == manifest.sha256)
        )
        if digest != manifest.sha256:
            raise BackupError(
                f"the file does not match its manifest's checksum ({backup.stat().st_size} bytes, "
                f"{manifest.size_bytes} written): truncated or corrupted"
            )
        if manifest.engine == "sqlite":
            restored_into, (restored, restored_revision) = _drill_sqlite(backup)
        else:
            target = scratch_url or source_url
            if target is None or tools.engine_name(target) != "postgresql":
                raise BackupError(
                    "a PostgreSQL backup needs a PostgreSQL server to restore into: "
                    "DATABASE_URL, or --scratch-url"
                )
            restored_into, (restored, restored_revision) = _drill_postgres(
                backup, target, create=scratch_url is None
            )
        checks += compare_snapshots(manifest.snapshot, restored).checks
    except BackupError as failure:
        error = str(failure)
    source_now, source_error = _source_snapshot(source_url)
    return DrillReport(
        backup=backup,
        manifest=manifest,
        checks=checks,
        error=error,
        restored_into=restored_into,
        restored_revision=restored_revision,
        source_now=source_now,
        source_error=source_error,
    )


def newest_backup(folder: Path) -> Path:
    """The newest backup `take_backup` wrote into folder."""
    ours = [(t, p) for p in folder.iterdir() if (t := taken_at_from_name(p.name)) is not None]
    if not ours:
        raise BackupError(f"no backup in {folder}")
    return max(ours)[1]


def _load_manifest(backup: Path) -> Manifest:
    if not backup.is_file():
        raise BackupError(f"no backup at {backup}")
    path = backup.with_name(manifest_name(backup.name))
    if not path.is_file():
        raise BackupError(
            f"no manifest beside the backup ({path.name}): take backups with `resumeroast backup`"
        )
    try:
        manifest = Manifest.from_json(path.read_text())
    except ValueError as error:
        raise BackupError(f"{path.name}: {error}") from error
    if manifest.file != backup.name and taken_at_from_name(backup.name) is not None:
        raise BackupError(f"{path.name} describes {manifest.file}, not {backup.name}")
    return manifest


def _drill_sqlite(backup: Path) -> tuple[str, tuple[Snapshot, str | None]]:
    with tempfile.TemporaryDirectory(prefix="resumeroast-drill-") as folder:
        scratch = Path(folder) / "scratch.db"
        tools.create_private(scratch)
        shutil.copyfile(backup, scratch)
        try:
            check = sqlite3.connect(scratch)
            try:
                verdict = check.execute("PRAGMA integrity_check").fetchone()
            finally:
                check.close()
            if verdict is None or verdict[0] != "ok":
                raise BackupError(f"the restored SQLite file is damaged: {verdict}")
            engine = make_engine(f"sqlite:///{scratch}")
            try:
                migrate(engine)
                with engine.connect().execution_options(read_only=True) as connection:
                    return "a scratch SQLite file", (
                        tools.read_snapshot(connection),
                        tools.schema_revision(connection),
                    )
            finally:
                engine.dispose()
        except (sqlite3.Error, SQLAlchemyError) as error:
            raise BackupError(f"the backup does not restore: {tools.first_line(error)}") from error


def _drill_postgres(
    backup: Path, server_url: str, *, create: bool
) -> tuple[str, tuple[Snapshot, str | None]]:
    pg_restore = tools.tool_path("pg_restore")
    scratch_url = server_url
    if create:
        scratch_url = _create_scratch_database(server_url)
    shown = tools.safe_url(scratch_url)
    try:
        with tools.libpq(scratch_url) as (dsn, env):
            tools.run_tool(
                [
                    pg_restore,
                    "--no-owner",
                    "--no-privileges",
                    "--exit-on-error",
                    "--no-password",
                    f"--dbname={dsn}",
                    str(backup),
                ],
                env=env,
                secret=make_url(scratch_url).password,
                what="pg_restore",
            )
        engine = make_engine(scratch_url, pool_size=1)
        try:
            migrate(engine)
            with engine.connect() as connection:
                return f"the scratch database {shown}", (
                    tools.read_snapshot(connection),
                    tools.schema_revision(connection),
                )
        except SQLAlchemyError as error:
            raise BackupError(f"the restored database: {tools.first_line(error)}") from error
        finally:
            engine.dispose()
    finally:
        if create:
            _drop_database(server_url, make_url(scratch_url).database or "")


def _create_scratch_database(server_url: str) -> str:
    url = make_url(server_url)
    name = f"{(url.database or 'resumeroast')[:40]}_drill_{uuid.uuid4().hex[:10]}"
    try:
        with _autocommit(server_url) as connection:
            connection.exec_driver_sql(f'CREATE DATABASE "{name}"')
    except SQLAlchemyError as error:
        raise BackupError(
            f"cannot create a scratch database on {tools.safe_url(server_url)} "
            f"({tools.first_line(error)}): give one with --scratch-url"
        ) from error
    return url.set(database=name).render_as_string(hide_password=False)


def _drop_database(server_url: str, name: str) -> None:
    with _autocommit(server_url) as connection:
        connection.exec_driver_sql(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextmanager
def _autocommit(server_url: str) -> Iterator[Connection]:
    engine = make_engine(server_url, pool_size=1)
    try:
        with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as connection:
            yield connection
    finally:
        engine.dispose()


def _source_snapshot(source_url: str | None) -> tuple[Snapshot | None, str | None]:
    if source_url is None:
        return None, None
    if tools.engine_name(source_url) == "sqlite":
        path = make_url(source_url).database
        if not path or not Path(path).is_file():
            return None, "no database file"
    engine: Engine = make_engine(source_url, pool_size=1)
    try:
        with engine.connect().execution_options(read_only=True) as connection:
            return tools.read_snapshot(connection), None
    except SQLAlchemyError as error:
        return None, tools.first_line(error)
    finally:
        engine.dispose()
