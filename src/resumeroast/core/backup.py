"""Backups and the restore drill, as data: what a backup's manifest says, what a drill checks,
which backups retention lets go. No I/O here (adapters/db/backup.py and restore_drill.py do it)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import Any, Literal

DatabaseKind = Literal["sqlite", "postgresql"]
MANIFEST_FORMAT = 1
MANIFEST_SUFFIX = ".manifest.json"
_SUFFIX = {"sqlite": ".db", "postgresql": ".dump"}
_STAMP = "%Y%m%dT%H%M%SZ"
_NAME = re.compile(r"^resumeroast-(\d{8}T\d{6}Z)\.(db|dump)$")


@dataclass(frozen=True)
class Snapshot:
    """What the drill compares: the jobs a database holds and the newest one's creation."""

    jobs: int
    newest_created_at: datetime | None


@dataclass(frozen=True)
class Manifest:
    """Written beside each backup; names no person (counts, times, a checksum)."""

    engine: DatabaseKind
    file: str
    sha256: str
    size_bytes: int
    taken_at: datetime
    snapshot: Snapshot
    schema_revision: str | None

    def to_json(self) -> str:
        newest = self.snapshot.newest_created_at
        return json.dumps(
            {
                "format": MANIFEST_FORMAT,
                "engine": self.engine,
                "file": self.file,
                "sha256": self.sha256,
                "size_bytes": self.size_bytes,
                "taken_at": self.taken_at.isoformat(),
                "jobs": self.snapshot.jobs,
                "newest_created_at": newest.isoformat() if newest else None,
                "schema_revision": self.schema_revision,
            },
            indent=2,
        )

    @classmethod
    def from_json(cls, text: str) -> Manifest:
        """ValueError (with what is wrong) for anything that is not a manifest we wrote."""
        try:
            data: dict[str, Any] = json.loads(text)
            if not isinstance(data, dict):
                raise ValueError("not a JSON object")
            if data.get("format") != MANIFEST_FORMAT:
                raise ValueError(f"unknown manifest format {data.get('format')!r}")
            if data["engine"] not in _SUFFIX:
                raise ValueError(f"unknown engine {data['engine']!r}")
            newest = data["newest_created_at"]
            return cls(
                engine=data["engine"],
                file=str(data["file"]),
                sha256=str(data["sha256"]),
                size_bytes=int(data["size_bytes"]),
                taken_at=_aware(datetime.fromisoformat(data["taken_at"])),
                snapshot=Snapshot(
                    jobs=int(data["jobs"]),
                    newest_created_at=_aware(datetime.fromisoformat(newest)) if newest else None,
                ),
                schema_revision=data.get("schema_revision"),
            )
        except (KeyError, TypeError, json.JSONDecodeError) as error:
            raise ValueError(f"not a backup manifest: {error}") from error


def _aware(moment: datetime) -> datetime:
    return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)


def backup_file_name(engine: DatabaseKind, taken_at: datetime) -> str:
    return f"resumeroast-{taken_at.astimezone(UTC).strftime(_STAMP)}{_SUFFIX[engine]}"


def manifest_name(backup_name: str) -> str:
    return backup_name + MANIFEST_SUFFIX


def taken_at_from_name(name: str) -> datetime | None:
    """The time in a name backup_file_name made; None for any other file."""
    match = _NAME.match(name)
    if not match:
        return None
    return datetime.strptime(match.group(1), _STAMP).replace(tzinfo=UTC)


def expired_backups(names: list[str], *, now: datetime, keep_days: float) -> list[str]:
    """Our backups older than keep_days (personal data is kept no longer than RETENTION_DAYS);
    the newest is always kept, so a long outage of the schedule never leaves none."""
    ours = sorted((t, n) for n in names if (t := taken_at_from_name(n)) is not None)
    cutoff = now - timedelta(days=keep_days)
    return [name for taken, name in ours[:-1] if taken < cutoff]


@dataclass(frozen=True)
class Check:
    what: str
    expected: str
    found: str
    ok: bool


@dataclass(frozen=True)
class DrillResult:
    checks: list[Check]

    @property
    def passed(self) -> bool:
        return bool(self.checks) and all(c.ok for c in self.checks)


def _moment(value: datetime | None) -> str:
    return value.astimezone(UTC).isoformat(timespec="microseconds") if value else "none"


def compare_snapshots(backed_up: Snapshot, restored: Snapshot) -> DrillResult:
    """The restored database must hold exactly what the source held when the backup was taken:
    the same number of jobs and the same newest creation time."""
    return DrillResult(
        checks=[
            Check(
                "jobs",
                str(backed_up.jobs),
                str(restored.jobs),
                backed_up.jobs == restored.jobs,
            ),
            Check(
                "newest created_at",
                _moment(backed_up.newest_created_at),
                _moment(restored.newest_created_at),
                backed_up.newest_created_at == restored.newest_created_at,
            ),
        ]
    )
