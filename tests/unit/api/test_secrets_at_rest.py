"""docs/security.md: job access tokens are not stored at all, an Idempotency-Key is stored only
as an HMAC, and there is no access log, so neither is in any file, table or log line.

In-process app on real SQLite; the broker is a recording queue (no process starts). The full
run through real Redis and a real worker is tests/integration/test_privacy.py.
"""

from __future__ import annotations

import secrets
import sys
from collections.abc import Collection, Mapping, Sequence
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import MetaData, select

from resumeroast.api.app import create_app
from resumeroast.settings import Settings
from tests.unit.pipeline.fakes import runtime_with_queue

RESUME = b"Alex Doe\nalex@example.test\n\nEXPERIENCE\nAnalyst, Acme, 2019 - 2024\n- Cut costs 20%\n"


class RecordingQueue:
    def __init__(self) -> None:
        self.enqueued: list[str] = []

    def enqueue_review(
        self, job_id: str, *, countdown_s: float | None = None, large: bool = False
    ) -> None:
        del countdown_s
        self.enqueued.append(job_id)

    def enqueue_reviews(
        self,
        job_ids: Sequence[str],
        *,
        request_ids: Mapping[str, str] | None = None,
        large: Collection[str] = (),
    ) -> None:
        del request_ids
        self.enqueued.extend(job_ids)

    def queue_depth(self) -> int | None:
        return len(self.enqueued)

    def ping(self) -> bool:
        return True


def places_holding(secret: str, data_dir: Path, rt_engine: object, logs: str) -> list[str]:
    found = [f"log line: {line[:80]}" for line in logs.splitlines() if secret in line]
    found += [
        f"file {path.name}"
        for path in data_dir.rglob("*")
        if path.is_file() and secret.encode() in path.read_bytes()
    ]
    metadata = MetaData()
    metadata.reflect(rt_engine)  # type: ignore[arg-type]
    with rt_engine.connect() as connection:  # type: ignore[attr-defined]
        for table in metadata.sorted_tables:
            if any(secret in str(tuple(row)) for row in connection.execute(select(table))):
                found.append(f"table {table.name}")
    return found


class LogTap:
    """Stands in for stderr while the app configures its logging. Never closed: loggers that
    structlog caches keep writing to it after the test (a closed capture file would make them
    fail in whichever later test logs first)."""

    def __init__(self) -> None:
        self.lines: list[str] = []

    def write(self, text: str) -> int:
        self.lines.append(text)
        return len(text)

    def flush(self) -> None:
        return None


def test_no_token_or_idempotency_key_is_kept(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Catches a token or an Idempotency-Key written as it was given (a column, a log line, a
    file): a leaked database or log would then open every job."""
    tap = LogTap()
    monkeypatch.setattr(sys, "stderr", tap)  # the app's logs go where configure_logging says
    settings = Settings(
        redis_url="redis://127.0.0.1:1/0",
        data_dir=tmp_path / "data",
        upload_rate_limit_per_minute=0,
    )
    queue = RecordingQueue()
    rt = runtime_with_queue(settings, queue)
    key = f"idem-{secrets.token_hex(16)}"

    with TestClient(create_app(settings, runtime=rt)) as client:
        form = {"file": ("alex.txt", RESUME, "text/plain")}
        created = client.post("/api/resumes", files=form, headers={"Idempotency-Key": key})
        assert created.status_code == 202, created.text
        job_id, token = created.json()["job_id"], created.json()["access_token"]
        again = client.post("/api/resumes", files=form, headers={"Idempotency-Key": key})
        assert again.json()["job_id"] == job_id  # the key was kept in some form
        status = client.get(f"/api/resumes/{job_id}", headers={"X-Job-Token": token})
        assert status.status_code == 200
    assert queue.enqueued == [job_id]

    logs = "".join(tap.lines)
    # The search does see what is stored (the job id is in its table and SQLite's file) ...
    assert {"table jobs", "file resumeroast.db"} <= set(
        places_holding(job_id, settings.data_dir, rt.engine, logs)
    )
    # ... and finds neither secret anywhere.
    assert places_holding(token, settings.data_dir, rt.engine, logs) == []
    assert places_holding(key, settings.data_dir, rt.engine, logs) == []
    rt.engine.dispose()
