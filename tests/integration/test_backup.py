"""`resumeroast backup` and `resumeroast restore-drill` against a running service's database: a
real SQLite file, or a fresh PostgreSQL database when TEST_DATABASE_URL is set (pg_dump and
pg_restore do the work there)."""

from __future__ import annotations

import hashlib
import json
import subprocess
import sys
import threading
from pathlib import Path

import httpx
import pytest
from sqlalchemy.engine import make_url

from tests.support.api import post_resume, submit, wait_final
from tests.support.stack import Stack

pytestmark = pytest.mark.integration

RESUMES = ["pdf/altacv__sample.pdf", "pdf/awesomecv__resume.pdf", "pdf/altacv__sample.pdf"]


def cli(stack: Stack, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "resumeroast", *args],
        env=stack.env,
        capture_output=True,
        text=True,
        timeout=300,
    )


def back_up(stack: Stack, folder: Path) -> tuple[Path, dict[str, object]]:
    done = cli(stack, "backup", "--output-dir", str(folder))
    assert done.returncode == 0, done.stderr
    assert_no_password(stack, done)
    (backup,) = [p for p in folder.iterdir() if p.suffix in (".db", ".dump")]
    manifest = json.loads(backup.with_name(backup.name + ".manifest.json").read_text())
    return backup, manifest


def assert_no_password(stack: Stack, done: subprocess.CompletedProcess[str]) -> None:
    password = make_url(stack.database_url).password if stack.database_url else None
    if password:
        assert f":{password}@" not in done.stdout + done.stderr


def test_a_backup_taken_while_uploads_arrive_passes_the_restore_drill(
    stack: Stack, client: httpx.Client, tmp_path: Path
) -> None:
    stack.start_worker()
    jobs = [submit(client, resume) for resume in RESUMES]
    for job in jobs:
        assert wait_final(client, job, timeout_s=120)["status"] == "complete"

    # uploads keep arriving while the backup runs: it must still be one consistent snapshot
    stop = threading.Event()
    accepted: list[int] = []

    def keep_uploading() -> None:
        with httpx.Client(base_url=stack.base_url, timeout=30) as uploader:
            while not stop.is_set():
                accepted.append(post_resume(uploader, RESUMES[0]).status_code)

    uploader = threading.Thread(target=keep_uploading)
    uploader.start()
    try:
        backup, manifest = back_up(stack, tmp_path / "backups")
    finally:
        stop.set()
        uploader.join(timeout=60)
    assert accepted and set(accepted) == {202}
    assert backup.stat().st_mode & 0o077 == 0  # it holds resumes: readable by its owner only
    assert len(RESUMES) <= int(str(manifest["jobs"])) <= len(RESUMES) + len(accepted)

    drill = cli(stack, "restore-drill", str(backup.parent))  # its folder: the newest in it
    assert drill.returncode == 0, drill.stdout + drill.stderr
    assert_no_password(stack, drill)
    assert drill.stdout.strip().endswith("PASS: the backup restores and holds what was backed up")
    assert f"jobs: expected {manifest['jobs']}, found {manifest['jobs']}  ok" in drill.stdout
    # the source kept every upload, the backup those before it began
    assert f"source now: {len(RESUMES) + len(accepted)} jobs" in drill.stdout


def test_a_truncated_or_damaged_backup_fails_the_drill(
    stack: Stack, client: httpx.Client, tmp_path: Path
) -> None:
    for resume in RESUMES:
        submit(client, resume)
    backup, manifest = back_up(stack, tmp_path / "backups")

    whole = backup.read_bytes()
    backup.write_bytes(whole[: len(whole) // 2])
    drill = cli(stack, "restore-drill", str(backup))
    assert drill.returncode == 1
    assert "truncated or corrupted" in drill.stdout
    assert drill.stdout.strip().endswith("FAIL: this backup cannot be relied on")

    # damaged, with a manifest that agrees with the damage: the restore itself must refuse it
    damaged = tmp_path / "damaged" / backup.name
    damaged.parent.mkdir()
    damaged.write_bytes(whole[: len(whole) // 2])

    manifest |= {"sha256": hashlib.sha256(damaged.read_bytes()).hexdigest()}
    damaged.with_name(damaged.name + ".manifest.json").write_text(json.dumps(manifest))
    drill = cli(stack, "restore-drill", str(damaged))
    assert drill.returncode == 1, drill.stdout
    assert "checksum: expected" in drill.stdout and "  ok" in drill.stdout
    assert "error: " in drill.stdout
    assert drill.stdout.strip().endswith("FAIL: this backup cannot be relied on")


def test_backups_are_kept_no_longer_than_the_retention(tmp_path: Path) -> None:
    """SQLite is enough here: retention is about the files, whatever the database."""
    stack = Stack(data_dir=tmp_path / "data", redis=None, database_url=None)
    stack.extra_env["RETENTION_DAYS"] = "7"
    folder = tmp_path / "backups"
    refused = cli(stack, "backup", "--output-dir", str(folder), "--keep-days", "30")
    assert refused.returncode == 2
    assert "longer than RETENTION_DAYS" in refused.stderr
    assert not folder.exists()

    assert cli(stack, "migrate").returncode == 0
    folder.mkdir()
    old, recent, other = (
        "resumeroast-20200101T000000Z.db",
        "resumeroast-29990101T000000Z.db",
        "x.db",
    )
    for name in (old, old + ".manifest.json", recent, recent + ".manifest.json", other):
        (folder / name).write_text("")
    done = cli(stack, "backup", "--output-dir", str(folder))
    assert done.returncode == 0, done.stderr
    assert f"deleted (older than 7 days): {old}" in done.stdout
    left = sorted(p.name for p in folder.iterdir())
    assert old not in left and old + ".manifest.json" not in left
    (today,) = [n for n in left if n.endswith(".db") and n not in (recent, other)]
    assert left == sorted(
        [recent, recent + ".manifest.json", other, today, today + ".manifest.json"]
    )
