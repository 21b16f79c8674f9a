"""Backup manifests, the drill's comparison, and which backups retention deletes."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from resumeroast.core.backup import (
    Manifest,
    Snapshot,
    backup_file_name,
    compare_snapshots,
    expired_backups,
    taken_at_from_name,
)

NOW = datetime(2026, 12, 5, 6, 0, tzinfo=UTC)


def test_a_manifest_reads_back_as_written() -> None:
    manifest = Manifest(
        engine="postgresql",
        file=backup_file_name("postgresql", NOW),
        sha256="ab" * 32,
        size_bytes=1234,
        taken_at=NOW,
        snapshot=Snapshot(jobs=7, newest_created_at=NOW - timedelta(seconds=3)),
        schema_revision="0001",
    )
    assert Manifest.from_json(manifest.to_json()) == manifest
    assert manifest.file == "resumeroast-20261205T060000Z.dump"


@pytest.mark.parametrize("text", ["{}", "[]", '{"format": 2}', "not json"])
def test_anything_else_is_not_a_manifest(text: str) -> None:
    with pytest.raises(ValueError):
        Manifest.from_json(text)


def test_the_drill_passes_only_on_the_same_jobs_and_newest_time() -> None:
    backed_up = Snapshot(jobs=3, newest_created_at=NOW)
    assert compare_snapshots(backed_up, Snapshot(3, NOW)).passed
    assert not compare_snapshots(backed_up, Snapshot(2, NOW)).passed
    assert not compare_snapshots(backed_up, Snapshot(3, NOW - timedelta(microseconds=1))).passed
    assert compare_snapshots(Snapshot(0, None), Snapshot(0, None)).passed


def test_retention_deletes_old_backups_but_never_the_newest() -> None:
    names = [backup_file_name("sqlite", NOW - timedelta(days=d)) for d in (40, 31, 29, 1)]
    names += ["notes.txt", names[0] + ".manifest.json"]
    assert expired_backups(names, now=NOW, keep_days=30) == names[:2]
    only_old = [backup_file_name("sqlite", NOW - timedelta(days=90))]
    assert expired_backups(only_old, now=NOW, keep_days=30) == []
    assert taken_at_from_name(names[3]) == (NOW - timedelta(days=1)).replace(microsecond=0)
    assert taken_at_from_name("notes.txt") is None
