"""Bytes per job in the database and in a backup, and the storage they size.

    .venv/bin/python bench/backup_size.py [--rounds 3] [--per-day 20000] [--retention-days 30]
                                          [--keep-days 7]

Starts its own stack (embedded Redis, API, one worker; DATABASE_URL if set, else SQLite in a
temporary folder), submits every fixture resume (PDF, DOCX, text; not the hostile ones) --rounds
times, waits for each job to finish, then runs `resumeroast backup`. Prints the mean upload, the
database's growth per job (SQLite: the file after a checkpoint; PostgreSQL: pg_database_size),
the backup's bytes per job, and the storage for --per-day jobs kept --retention-days, with
daily full backups kept --keep-days.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import time
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from local_stack import FIXTURES, RESUMEROAST, LocalStack, local_stack

KINDS = ("pdf", "docx", "text")


def database_bytes(database_url: str | None, data_dir: Path) -> int:
    if database_url is None:
        import sqlite3

        path = data_dir / "resumeroast.db"
        connection = sqlite3.connect(path)
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        connection.close()
        return path.stat().st_size
    import psycopg

    with psycopg.connect(database_url) as connection:
        row = connection.execute("SELECT pg_database_size(current_database())").fetchone()
        assert row is not None
        return int(row[0])


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--per-day", type=int, default=20_000)
    parser.add_argument("--retention-days", type=float, default=30)
    parser.add_argument("--keep-days", type=float, default=7)
    args = parser.parse_args()
    files = sorted(p for kind in KINDS for p in (FIXTURES / kind).iterdir() if p.is_file())
    database_url = os.environ.get("DATABASE_URL")
    sizes: dict[str, int] = {}

    def migrate_and_measure(stack: LocalStack) -> None:
        subprocess.run([*RESUMEROAST, "migrate"], env=stack.env, check=True, capture_output=True)
        sizes["before"] = database_bytes(database_url, stack.data_dir)

    worker = ["worker", "--concurrency", "2"]
    with local_stack(worker=worker, before_start=migrate_and_measure, ready_s=120) as stack:
        measure(stack, args, files, database_url, sizes["before"])


def measure(
    stack: LocalStack,
    args: argparse.Namespace,
    files: list[Path],
    database_url: str | None,
    before: int,
) -> None:
    url, env, data_dir = stack.url, stack.env, stack.data_dir
    jobs: list[tuple[str, str]] = []
    uploaded = 0
    with httpx.Client(base_url=url, timeout=60) as client:
        for _ in range(args.rounds):
            for path in files:
                body = path.read_bytes()
                answer = client.post("/api/resumes", files={"file": (path.name, body)})
                if answer.status_code != 202:
                    continue  # a fixture the service refuses is not stored
                uploaded += len(body)
                created = answer.json()
                jobs.append((created["job_id"], created["access_token"]))
        deadline = time.monotonic() + 1800
        for job_id, token in jobs:
            while time.monotonic() < deadline:
                status = client.get(
                    f"/api/resumes/{job_id}", headers={"X-Job-Token": token}
                ).json()["status"]
                if status in ("complete", "failed"):
                    break
                time.sleep(0.2)
    after = database_bytes(database_url, data_dir)
    done = subprocess.run(
        [*RESUMEROAST, "backup", "--output-dir", str(data_dir / "backups")],
        env=env,
        check=True,
        capture_output=True,
        text=True,
    )
    (backup,) = [p for p in (data_dir / "backups").iterdir() if p.suffix in (".db", ".dump")]
    n = len(jobs)
    per_job_db = (after - before) / n
    per_job_backup = backup.stat().st_size / n
    stored_jobs = args.per_day * args.retention_days
    database_gb = per_job_db * stored_jobs / 1e9
    one_backup_gb = per_job_backup * stored_jobs / 1e9
    print(done.stdout.splitlines()[0])
    print(
        f"database: {'PostgreSQL' if database_url else 'SQLite'}; {n} jobs of "
        f"{len(files)} fixtures x {args.rounds}"
    )
    print(f"upload mean:          {uploaded / n / 1024:8.1f} KB")
    print(f"database per job:     {per_job_db / 1024:8.1f} KB")
    print(f"backup per job:       {per_job_backup / 1024:8.1f} KB")
    print(
        f"at {args.per_day:,}/day kept {args.retention_days:g} days "
        f"({stored_jobs:,.0f} jobs): database {database_gb:.1f} GB, one full backup "
        f"{one_backup_gb:.1f} GB, {args.keep_days:g} daily backups "
        f"{one_backup_gb * (args.keep_days + 1):.1f} GB (one more while the next is "
        "written)"
    )


if __name__ == "__main__":
    main()
