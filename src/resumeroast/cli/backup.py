"""`resumeroast backup` and `resumeroast restore-drill`: what they print (adapters/db/backup.py and
restore_drill.py do the work)."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import typer

from resumeroast.adapters.db.backup import prune_backups, take_backup
from resumeroast.adapters.db.backup_tools import BackupError, engine_name
from resumeroast.adapters.db.restore_drill import DrillReport, restore_drill
from resumeroast.settings import get_settings


def _human(size: int) -> str:
    value = float(size)
    for unit in ("B", "KB", "MB", "GB"):
        if value < 1024 or unit == "GB":
            return f"{value:.0f} {unit}" if unit == "B" else f"{value:.1f} {unit}"
        value /= 1024
    return f"{size} B"


def run_backup(output_dir: Path | None, keep_days: float | None) -> int:
    settings = get_settings()
    folder = output_dir or settings.data_dir / "backups"
    keep = settings.retention_days if keep_days is None else keep_days
    if keep > settings.retention_days:
        typer.echo(
            f"--keep-days {keep:g} is longer than RETENTION_DAYS ({settings.retention_days:g}): "
            "backups hold resumes and are kept no longer than the service keeps them",
            err=True,
        )
        return 2
    url = settings.effective_database_url
    try:
        manifest = take_backup(url, folder)
    except BackupError as error:
        typer.echo(f"backup failed: {error}", err=True)
        return 1
    newest = manifest.snapshot.newest_created_at
    typer.echo(
        f"backup: {folder / manifest.file} ({_human(manifest.size_bytes)}, "
        f"{engine_name(url)}, {manifest.snapshot.jobs} jobs, newest created "
        f"{newest.isoformat(timespec='seconds') if newest else 'none'})"
    )
    typer.echo("it holds resumes: personal data; keep it encrypted at rest and private")
    for name in prune_backups(folder, keep_days=keep):
        typer.echo(f"deleted (older than {keep:g} days): {name}")
    return 0


def run_restore_drill(backup: Path, scratch_url: str | None) -> int:
    settings = get_settings()
    report = restore_drill(
        backup, source_url=settings.effective_database_url, scratch_url=scratch_url
    )
    for line in render_drill(report):
        typer.echo(line)
    return 0 if report.passed else 1


def render_drill(report: DrillReport, *, now: datetime | None = None) -> list[str]:
    lines = [f"restore drill: {report.backup}"]
    manifest = report.manifest
    if manifest is not None:
        lines.append(
            f"  taken {manifest.taken_at.isoformat(timespec='seconds')}, "
            f"{_human(manifest.size_bytes)}, {manifest.engine}, "
            f"schema {manifest.schema_revision or 'none'}"
        )
    if report.restored_into:
        lines.append(
            f"  restored into {report.restored_into}, migrated to "
            f"{report.restored_revision or 'none'}"
        )
    for check in report.checks:
        mark = "ok" if check.ok else "MISMATCH"
        lines.append(f"  {check.what}: expected {check.expected}, found {check.found}  {mark}")
    if report.error:
        lines.append(f"  error: {report.error}")
    if report.source_now is not None:
        newest = report.source_now.newest_created_at
        age = ""
        if manifest is not None:
            minutes = ((now or datetime.now(UTC)) - manifest.taken_at).total_seconds() / 60
            age = f"; the backup is {minutes:.0f} min old"
        lines.append(
            f"  source now: {report.source_now.jobs} jobs, newest created "
            f"{newest.isoformat(timespec='seconds') if newest else 'none'}{age}"
        )
    elif report.source_error:
        lines.append(f"  source now: unreadable ({report.source_error})")
    lines.append(
        "PASS: the backup restores and holds what was backed up"
        if report.passed
        else "FAIL: this backup cannot be relied on"
    )
    return lines
