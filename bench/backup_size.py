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
import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures" / "resumes"
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


def wait_ready(url: str, deadline_s: float = 120) -> None:
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError("the API did not come up")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--per-day", type=int, default=20_000)
    parser.add_argument("--retention-days", type=float, default=30)
    parser.add_argument("--keep-days", type=float, default=7)
    args = parser.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    from resumeroast.adapters.embedded_redis import EmbeddedRedis, free_port

    files = sorted(p for kind in KINDS for p in (FIXTURES / kind).iterdir() if p.is_file())
    data_dir = Path(tempfile.mkdtemp(prefix="rr-backup-size-"))
    redis_server = EmbeddedRedis(data_dir / "redis").start()
    port = free_port()
    database_url = os.environ.get("DATABASE_URL")
    env = dict(
        os.environ,
        DATA_DIR=str(data_dir),
        REDIS_URL=redis_server.url,
        UPLOAD_RATE_LIMIT_PER_MINUTE="0",
    )
    resumeroast = [sys.executable, "-m", "resumeroast"]
    subprocess.run([*resumeroast, "migrate"], env=env, check=True, capture_output=True)
    before = database_bytes(database_url, data_dir)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    api = subprocess.Popen([*resumeroast, "api", "--port", str(port)], env=env, **quiet)
    worker = subprocess.Popen([*resumeroast, "worker", "--concurrency", "2"], env=env, **quiet)
    url = f"http://127.0.0.1:{port}"
    try:
        wait_ready(url)
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
            [*resumeroast, "backup", "--output-dir", str(data_dir / "backups")],
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
    finally:
        for process in (api, worker):
            process.terminate()
            process.wait(timeout=60)
        redis_server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)


if __name__ == "__main__":
    main()
