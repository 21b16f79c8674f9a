"""What backing up and drilling share: the operator-facing error, the libpq passfile, running the
PostgreSQL client tools, and the file helpers (0600 files, fsync, checksums)."""

from __future__ import annotations

import hashlib
import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from alembic.runtime.migration import MigrationContext
from sqlalchemy import Connection, func, select
from sqlalchemy.engine import make_url

from resumeroast.adapters.db.tables import JobRow
from resumeroast.core.backup import DatabaseKind, Snapshot

PG_TOOL_TIMEOUT_S = 6 * 3600


class BackupError(Exception):
    """Said to the operator as it is: no password, no personal data in it."""


def engine_name(database_url: str) -> DatabaseKind:
    return "sqlite" if database_url.startswith("sqlite") else "postgresql"


def safe_url(database_url: str) -> str:
    """The URL with its password masked, for messages."""
    return make_url(database_url).render_as_string(hide_password=True)


def read_snapshot(connection: Connection) -> Snapshot:
    jobs, newest = connection.execute(select(func.count(), func.max(JobRow.created_at))).one()
    return Snapshot(jobs=int(jobs), newest_created_at=newest)


def schema_revision(connection: Connection) -> str | None:
    revision: str | None = MigrationContext.configure(connection).get_current_revision()
    return revision


@contextmanager
def libpq(database_url: str) -> Iterator[tuple[str, dict[str, str]]]:
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
        create_private(passfile)

        def field(value: str) -> str:
            return value.replace("\\", "\\\\").replace(":", "\\:")

        passfile.write_text(f"*:*:*:{field(url.username or '')}:{field(str(url.password))}\n")
        env["PGPASSFILE"] = str(passfile)
        yield dsn, env


def run_tool(command: list[str], *, env: dict[str, str], secret: str | None, what: str) -> None:
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


def tool_path(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise BackupError(
            f"{name} is not installed: install the PostgreSQL client of the server's major "
            "version (the image carries it)"
        )
    return found


def first_line(error: BaseException) -> str:
    original = getattr(error, "orig", None) or error
    return (str(original).strip().splitlines() or [type(original).__name__])[0]


def create_private(path: Path) -> None:
    path.unlink(missing_ok=True)
    os.close(os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600))


def fsync_path(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


def sha256_of(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()
