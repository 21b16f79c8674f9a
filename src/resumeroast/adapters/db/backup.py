"""Back up the database and drill a restore of it.

SQLite: sqlite3's online backup API, one read transaction, consistent while the service writes.
PostgreSQL: pg_dump -Fc inside a snapshot exported from a REPEATABLE READ transaction in which
the manifest's counts are read, so the counts are exactly the dump's. The password goes to
pg_dump/pg_restore in a 0600 passfile, never on a command line or in a message.

The drill restores into a scratch database (a temporary SQLite file, or a database created on
the source's server and dropped after), runs the migrations, and compares what it holds with the
manifest written at backup time.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import sqlite3
import subprocess
import tempfile
import uuid
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, Engine, create_engine, func, select, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from resumeroast.adapters.db.engine import make_engine, migrate
from resumeroast.adapters.db.tables import JobRow
from resumeroast.core.backup import (
    Check,
    DatabaseKind,
    Manifest,
    Snapshot,
    backup_file_name,
    compare_snapshots,
    expired_backups,
    manifest_name,
    taken_at_from_name,
)

PG_TOOL_TIMEOUT_S = 6 * 3600


class BackupError(Exception):
    """Said to the operator as it is: no password, no personal data in it."""


def engine_name(database_url: str) -> DatabaseKind:
    return "sqlite" if database_url.startswith("sqlite") else "postgresql"


def safe_url(database_url: str) -> str:
    """The URL with its password masked, for messages."""
    return make_url(database_url).render_as_string(hide_password=True)


# --- backup -------------------------------------------------------------------------------------


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
    _create_private(partial)
    try:
        if engine == "sqlite":
            snapshot, revision = _backup_sqlite(database_url, partial)
        else:
            snapshot, revision = _backup_postgres(database_url, partial)
        _fsync(partial)
        manifest = Manifest(
            engine=engine,
            file=name,
            sha256=_sha256(partial),
            size_bytes=partial.stat().st_size,
            taken_at=taken_at,
            snapshot=snapshot,
            schema_revision=revision,
        )
        manifest_path = output_dir / manifest_name(name)
        _create_private(manifest_path)
        manifest_path.write_text(manifest.to_json() + "\n")
        _fsync(manifest_path)
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
            return read_snapshot(connection), _revision(connection)
    finally:
        engine.dispose()


def _backup_postgres(database_url: str, destination: Path) -> tuple[Snapshot, str | None]:
    pg_dump = _tool("pg_dump")
    engine = make_engine(database_url, pool_size=1)
    try:
        with engine.connect() as connection:
            connection = connection.execution_options(isolation_level="REPEATABLE READ")
            with connection.begin():
                connection.exec_driver_sql("SET TRANSACTION READ ONLY")
                snapshot_id = connection.scalar(text("SELECT pg_export_snapshot()"))
                snapshot, revision = read_snapshot(connection), _revision(connection)
                with _libpq(database_url) as (dsn, env):
                    _run(
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
        raise BackupError(f"cannot read {safe_url(database_url)}: {_first_line(error)}") from error
    finally:
        engine.dispose()


# --- the restore drill --------------------------------------------------------------------------


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
        digest = _sha256(backup)
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
            if target is None or engine_name(target) != "postgresql":
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
        _create_private(scratch)
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
                        read_snapshot(connection),
                        _revision(connection),
                    )
            finally:
                engine.dispose()
        except (sqlite3.Error, SQLAlchemyError) as error:
            raise BackupError(f"the backup does not restore: {_first_line(error)}") from error


def _drill_postgres(
    backup: Path, server_url: str, *, create: bool
) -> tuple[str, tuple[Snapshot, str | None]]:
    pg_restore = _tool("pg_restore")
    scratch_url = server_url
    if create:
        scratch_url = _create_scratch_database(server_url)
    shown = safe_url(scratch_url)
    try:
        with _libpq(scratch_url) as (dsn, env):
            _run(
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
                    read_snapshot(connection),
                    _revision(connection),
                )
        except SQLAlchemyError as error:
            raise BackupError(f"the restored database: {_first_line(error)}") from error
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
            f"cannot create a scratch database on {safe_url(server_url)} "
            f"({_first_line(error)}): give one with --scratch-url"
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
    if engine_name(source_url) == "sqlite":
        path = make_url(source_url).database
        if not path or not Path(path).is_file():
            return None, "no database file"
    engine: Engine = make_engine(source_url, pool_size=1)
    try:
        with engine.connect().execution_options(read_only=True) as connection:
            return read_snapshot(connection), None
    except SQLAlchemyError as error:
        return None, _first_line(error)
    finally:
        engine.dispose()


# --- helpers ------------------------------------------------------------------------------------


def read_snapshot(connection: Connection) -> Snapshot:
    jobs, newest = connection.execute(select(func.count(), func.max(JobRow.created_at))).one()
    return Snapshot(jobs=int(jobs), newest_created_at=newest)


def _revision(connection: Connection) -> str | None:
    revision: str | None = MigrationContext.configure(connection).get_current_revision()
    return revision


@contextmanager
def _libpq(database_url: str) -> Iterator[tuple[str, dict[str, str]]]:
    """A libpq connection string without the password, and an environment whose PGPASSFILE
    (0600, in a private temporary folder, deleted after) holds it."""
    url = make_url(database_url).set(drivername="postgresql")
    dsn = url.set(password=None).render_as_string(hide_password=False)
    env = {k: v for k, v in os.environ.items() if k != "PGPASSWORD"}
    if url.password is None:
        yield dsn, env
        return
    with tempfile.TemporaryDirectory(prefix="resumeroast-pg-") as folder:
        passfile = Path(folder) / "pgpass"
        _create_private(passfile)

        def field(value: str) -> str:
            return value.replace("\\", "\\\\").replace(":", "\\:")

        passfile.write_text(f"*:*:*:{field(url.username or '')}:{field(str(url.password))}\n")
        env["PGPASSFILE"] = str(passfile)
        yield dsn, env


def _run(command: list[str], *, env: dict[str, str], secret: str | None, what: str) -> None:
    try:
        done = subprocess.run(
            command, env=env, capture_output=True, text=True, timeout=PG_TOOL_TIMEOUT_S
        )
    except subprocess.TimeoutExpired as error:
        raise BackupError(f"{what} did not finish in {PG_TOOL_TIMEOUT_S} s") from error
    if done.returncode != 0:
        message = (done.stderr or done.stdout).strip()
        if secret:
            message = message.replace(secret, "***")
        lines = message.splitlines()
        raise BackupError(f"{what} failed (exit {done.returncode}): " + " / ".join(lines[:4]))


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not installed: install the PostgreSQL client of the server's major "
            "version (the image carries it)"
        )
    return found


def _first_line(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    return (str(original).strip().splitlines() or [type(original).__name__])[0]


def _create_private(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
