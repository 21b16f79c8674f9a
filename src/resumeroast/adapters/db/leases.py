"""Named leases: one process at a time does a periodic chore; workers' heartbeats."""

from __future__ import annotations

from datetime import timedelta

from sqlalchemy import insert, or_, select, update

from resumeroast.adapters.db.base import SqlStore, utcnow
from resumeroast.adapters.db.tables import LeaseRow


class SqlLeases(SqlStore):
    def try_lease(self, name: str, *, owner: str, duration_s: float) -> bool:
        """Hold a named lease (one process at a time does a periodic chore)."""
        now = utcnow()
        until = now + timedelta(seconds=duration_s)
        with self._session() as session:
            taken = session.execute(
                update(LeaseRow)
                .where(LeaseRow.name == name, or_(LeaseRow.until < now, LeaseRow.owner == owner))
                .values(owner=owner, until=until)
            )
            if taken.rowcount == 1:  # type: ignore[attr-defined]
                return True
            if session.get(LeaseRow, name) is not None:
                return False
            session.execute(insert(LeaseRow), [{"name": name, "owner": owner, "until": until}])
            return True

    def workers_seen(self, *, prefix: str = "worker:") -> list[str]:
        """Workers whose heartbeat lease is still running."""
        with self._session(read_only=True) as session:
            names = session.scalars(
                select(LeaseRow.name).where(
                    LeaseRow.name.startswith(prefix), LeaseRow.until > utcnow()
                )
            )
            return sorted(name.removeprefix(prefix) for name in names)
