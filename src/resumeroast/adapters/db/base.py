"""What every store shares: one engine, transactions, and a database fault as a transient error."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime

from sqlalchemy import Connection, Engine, text
from sqlalchemy.exc import OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session

from resumeroast.errors import TransientError


def utcnow() -> datetime:
    return datetime.now(UTC)


class SqlStore:
    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        # Reads need no write lock: on SQLite they begin DEFERRED (see engine.py), so the API's
        # and the worker's reads never queue behind, or hold up, a writer.
        self._reader = engine.execution_options(read_only=True)

    def ping(self) -> bool:
        """The database answers a query."""
        try:
            with self.engine.connect() as connection:
                connection.execute(text("SELECT 1"))
        except SQLAlchemyError:
            return False
        return True

    @contextmanager
    def _session(self, *, read_only: bool = False) -> Iterator[Session]:
        bind = self._reader if read_only else self.engine
        try:
            with Session(bind, expire_on_commit=False) as session, session.begin():
                yield session
        except OperationalError as exc:  # locked database, lost connection: try again later
            raise TransientError(f"database unavailable: {exc.orig}") from exc

    @contextmanager
    def _connection(self) -> Iterator[Connection]:
        try:
            with self.engine.begin() as connection:
                yield connection
        except OperationalError as exc:
            raise TransientError(f"database unavailable: {exc.orig}") from exc
