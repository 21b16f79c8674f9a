"""A resume is personal data: limits on uploads, and deletion that leaves nothing behind."""

from __future__ import annotations

import uuid
from pathlib import Path

import httpx
import pytest
import redis

from tests.support.api import post_resume, submit, wait_final
from tests.support.polling import wait_for
from tests.support.stack import Stack

pytestmark = pytest.mark.integration


def resume_with_marker(marker: str) -> bytes:
    return (
        f"Alex Marker\nalex.{marker}@example.org | +44 20 7946 0000\n\nEXPERIENCE\n"
        f"Analyst, Northwind {marker}, 2018 - 2024\n- Reduced reporting time by 30% for {marker}\n"
        "\nEDUCATION\nBA Economics, 2018\n"
    ).encode()


def files_containing(folder: Path, needle: bytes) -> list[Path]:
    return [p for p in folder.rglob("*") if p.is_file() and needle in p.read_bytes()]


def database_rows_containing(stack: Stack, needle: bytes) -> list[str]:
    """Every row of every table, read back through SQL (SQLite or PostgreSQL)."""
    from sqlalchemy import create_engine, inspect, text

    url = stack.database_url or f"sqlite:///{stack.data_dir / 'resumeroast.db'}"
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    found = []
    with engine.connect() as connection:
        for table in inspect(connection).get_table_names():
            for row in connection.execute(text(f'SELECT * FROM "{table}"')):
                blob = b"".join(v if isinstance(v, bytes) else str(v).encode() for v in row)
                if needle in blob:
                    found.append(table)
    engine.dispose()
    return found


def redis_keys_containing(url: str, needle: bytes) -> list[bytes]:
    client = redis.Redis.from_url(url)
    found = []
    for key in client.scan_iter(count=1000):
        dumped = client.dump(key) or b""
        if needle in key or needle in dumped:
            found.append(key)
    return found


@pytest.mark.parametrize("reviewer", ["builtin", "llm"])
def test_delete_leaves_nothing_in_database_redis_or_data_folder(
    reviewer: str, request: pytest.FixtureRequest, stack: Stack, client: httpx.Client
) -> None:
    if reviewer == "llm":  # a model's review is also cached, under its own key
        request.getfixturevalue("llm_stack")
    stack.start_worker()
    marker = uuid.uuid4().hex
    job = submit(client, "alex.txt", data=resume_with_marker(marker), filename="alex.txt")
    assert wait_final(client, job)["status"] == "complete"
    stored = database_rows_containing(stack, marker.encode())  # it was really stored
    assert "uploads" in stored
    assert ("review_cache" in stored) == (reviewer == "llm")

    answer = client.delete(f"/api/resumes/{job.id}", headers=job.headers)
    assert answer.status_code == 204
    assert client.get(f"/api/resumes/{job.id}", headers=job.headers).status_code == 404
    assert database_rows_containing(stack, marker.encode()) == []
    assert files_containing(stack.data_dir, marker.encode()) == []  # SQLite's files, logs, AOF
    assert redis_keys_containing(stack.redis.url, marker.encode()) == []


def test_retention_deletes_old_jobs(stack: Stack, client: httpx.Client) -> None:
    stack.extra_env.update({"RETENTION_DAYS": str(8 / 86400), "RETENTION_INTERVAL_S": "1"})
    stack.start_worker()
    marker = uuid.uuid4().hex
    job = submit(client, "old.txt", data=resume_with_marker(marker), filename="old.txt")
    assert wait_final(client, job)["status"] == "complete"
    wait_for(
        lambda: client.get(f"/api/resumes/{job.id}", headers=job.headers).status_code == 404,
        timeout_s=30,
        what="the retention purge",
    )
    assert database_rows_containing(stack, marker.encode()) == []
    assert files_containing(stack.data_dir, marker.encode()) == []


def test_upload_rate_limit_answers_429_with_retry_after(
    tmp_path: Path, redis_server: object
) -> None:
    from resumeroast.adapters.embedded_redis import EmbeddedRedis

    assert isinstance(redis_server, EmbeddedRedis)
    limited = Stack(
        data_dir=tmp_path, redis=redis_server, extra_env={"UPLOAD_RATE_LIMIT_PER_MINUTE": "3"}
    )
    limited.start_api()
    try:
        with httpx.Client(base_url=limited.base_url, timeout=30) as http:
            codes = [
                post_resume(http, "text/hrhelper__sample_resume.txt").status_code for _ in range(3)
            ]
            assert codes == [202, 202, 202]
            refused = post_resume(http, "text/hrhelper__sample_resume.txt")
            assert refused.status_code == 429
            assert 1 <= int(refused.headers["retry-after"]) <= 60
            assert refused.json()["code"] == "rate_limited"
    finally:
        limited.stop()
