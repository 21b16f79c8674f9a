"""A resume is personal data: limits on uploads, and deletion that leaves nothing behind."""

from __future__ import annotations

import base64
import signal
import uuid
from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
import redis

from tests.support.aio import run_async
from tests.support.api import JobRef, post_resume, read_sse, submit, wait_final
from tests.support.polling import wait_for
from tests.support.stack import Stack, kill_process_group

pytestmark = pytest.mark.integration


def resume_with_marker(marker: str) -> bytes:
    return (
        f"Alex Marker\nalex.{marker}@example.test | +44 20 7946 0000\n\nEXPERIENCE\n"
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


@pytest.mark.db
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


@pytest.mark.db
def test_a_reroast_keeps_the_upload_until_the_last_job_reading_it_is_deleted(
    stack: Stack, client: httpx.Client
) -> None:
    stack.start_worker()
    marker = uuid.uuid4().hex
    first = submit(client, "alex.txt", data=resume_with_marker(marker), filename="alex.txt")
    assert wait_final(client, first)["status"] == "complete"
    answer = client.post(
        f"/api/resumes/{first.id}/reroasts",
        json={"job_description": "Analyst: SQL, Tableau, 3+ years."},
        headers=first.headers,
    )
    assert answer.status_code == 202, answer.text
    again = JobRef(answer.json()["job_id"], answer.json()["access_token"])
    assert wait_final(client, again)["status"] == "complete"

    # The first job goes: the re-roast still reads the file (it can be roasted again).
    assert client.delete(f"/api/resumes/{first.id}", headers=first.headers).status_code == 204
    assert "uploads" in database_rows_containing(stack, marker.encode())
    third = client.post(
        f"/api/resumes/{again.id}/reroasts", json={"level": "brutal"}, headers=again.headers
    )
    assert third.status_code == 202, third.text
    last = JobRef(third.json()["job_id"], third.json()["access_token"])
    assert wait_final(client, last)["status"] == "complete"

    # The last jobs reading it go: nothing of the resume is left anywhere.
    for job in (again, last):
        assert client.delete(f"/api/resumes/{job.id}", headers=job.headers).status_code == 204
    assert database_rows_containing(stack, marker.encode()) == []
    assert files_containing(stack.data_dir, marker.encode()) == []
    assert redis_keys_containing(stack.redis.url, marker.encode()) == []


@pytest.mark.db
def test_retention_deletes_old_jobs(stack: Stack, client: httpx.Client) -> None:
    # The job completes under the default retention; only then does a worker with an 8 s
    # retention start (a loaded machine may take longer than 8 s to finish the job). Both
    # purge every second: the purge lease one takes lasts one interval.
    stack.extra_env["RETENTION_INTERVAL_S"] = "1"
    first = stack.start_worker()
    marker = uuid.uuid4().hex
    job = submit(client, "old.txt", data=resume_with_marker(marker), filename="old.txt")
    assert wait_final(client, job)["status"] == "complete"
    kill_process_group(first, signal.SIGTERM)
    stack.workers.remove(first)
    stack.extra_env["RETENTION_DAYS"] = str(8 / 86400)
    stack.start_worker()
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


def test_a_rate_limited_upload_is_refused_before_its_body_is_read(
    tmp_path: Path, redis_server: object
) -> None:
    """The limit must cost a flooding client its upload, not cost us parsing it: the app runs
    in-process so the test sees how much of the request body it pulled."""
    from resumeroast.adapters.db.engine import make_engine, migrate
    from resumeroast.adapters.embedded_redis import EmbeddedRedis
    from resumeroast.api.app import create_app
    from resumeroast.settings import Settings

    assert isinstance(redis_server, EmbeddedRedis)
    settings = Settings(
        redis_url=redis_server.url, data_dir=tmp_path, upload_rate_limit_per_minute=1
    )
    migrate(make_engine(settings.effective_database_url))
    boundary = "rate-limit-test"
    pulled_bytes = 0

    async def five_megabytes() -> AsyncIterator[bytes]:
        nonlocal pulled_bytes
        chunks = [
            f'--{boundary}\r\nContent-Disposition: form-data; name="file"; '
            'filename="cv.txt"\r\n\r\n'.encode(),
            *([b"x" * 65536] * 80),
            f"\r\n--{boundary}--\r\n".encode(),
        ]
        for chunk in chunks:
            pulled_bytes += len(chunk)
            yield chunk

    async def upload_twice() -> tuple[httpx.Response, httpx.Response]:
        app = create_app(settings)
        async with (
            app.router.lifespan_context(app),
            httpx.AsyncClient(transport=httpx.ASGITransport(app), base_url="http://t") as http,
        ):
            first = await http.post(
                "/api/resumes", files={"file": ("cv.txt", resume_with_marker("limit"))}
            )
            second = await http.post(
                "/api/resumes",
                content=five_megabytes(),
                headers={"Content-Type": f"multipart/form-data; boundary={boundary}"},
            )
            return first, second

    first, refused = run_async(upload_twice())
    assert first.status_code == 202, first.text
    assert refused.status_code == 429
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["code"] == "rate_limited"
    assert 1 <= int(refused.headers["retry-after"]) <= 60
    assert pulled_bytes == 0, f"the server read {pulled_bytes} bytes of a refused upload"


@pytest.mark.db
def test_no_token_or_idempotency_key_anywhere_after_a_full_run(
    stack: Stack, client: httpx.Client, tmp_path: Path
) -> None:
    """docs/security.md: tokens are not stored at all, an Idempotency-Key only as an HMAC, and
    there is no access log. Catches either one written as given, into a table, a Redis key or
    value, a log, the AOF or any other file, by the API or the worker, across a whole run: upload
    (twice, with the key), the event stream (the token in its URL, as a browser sends it),
    status, the final result."""
    stack.start_worker()
    key = f"idem-{uuid.uuid4().hex}"
    data = resume_with_marker(uuid.uuid4().hex)
    first = submit(client, "alex.txt", data=data, filename="alex.txt",
                   headers={"Idempotency-Key": key})  # fmt: skip
    again = submit(client, "alex.txt", data=data, filename="alex.txt",
                   headers={"Idempotency-Key": key})  # fmt: skip
    assert again == first  # the key was kept, in some form
    assert [e["status"] for e in read_sse(client, first)][-1] == "complete"
    with client.stream("GET", f"/api/resumes/{first.id}/events?token={first.token}") as stream:
        assert stream.status_code == 200
    assert wait_final(client, first)["status"] == "complete"

    for secret in (first.token, key):
        needle = secret.encode()
        assert files_containing(tmp_path, needle) == [], secret  # logs, SQLite, AOF, RDB
        assert database_rows_containing(stack, needle) == [], secret
        assert stack.redis is not None
        assert redis_keys_containing(stack.redis.url, needle) == [], secret


@pytest.mark.db
def test_page_images_are_read_with_the_jobs_tokens_and_deleted_with_the_job(
    stack: Stack, client: httpx.Client
) -> None:
    stack.start_worker()
    job = submit(client, "pdf/resumematcher__single-column.pdf")
    body = wait_final(client, job)
    assert body["status"] == "complete"
    pages = body["feedback"]["resume"]["page_images"]
    assert pages >= 1
    assert any(mark["area"] for mark in body["feedback"]["marks"])  # boxes to draw on them
    url = f"/api/resumes/{job.id}/pages/1"
    owner = client.get(url, headers=job.headers)
    viewer = client.get(url, headers={"X-Job-Token": body["viewer_token"]})
    assert owner.status_code == viewer.status_code == 200
    assert owner.headers["content-type"] == "image/png"
    assert owner.content.startswith(b"\x89PNG") and viewer.content == owner.content
    assert client.get(url).status_code == 404  # no token, no page
    assert (
        client.get(f"/api/resumes/{job.id}/pages/{pages + 1}", headers=job.headers).status_code
        == 404
    )
    needle = owner.content[200:264]  # compressed pixels: found only where the image is kept
    assert database_rows_containing(stack, needle) == ["page_images"]
    # never in a log, as bytes or as base64 (a piece of the whole image's, 3-byte aligned)
    as_text = base64.b64encode(owner.content)[400:464]
    logs = list(stack.data_dir.glob("*.log"))
    assert logs, "the stack writes its processes' logs to the data folder"
    assert [p for p in logs if needle in p.read_bytes() or as_text in p.read_bytes()] == []

    assert client.delete(f"/api/resumes/{job.id}", headers=job.headers).status_code == 204
    assert client.get(url, headers=job.headers).status_code == 404
    assert database_rows_containing(stack, needle) == []
    assert files_containing(stack.data_dir, needle) == []
    assert redis_keys_containing(stack.redis.url, needle) == []
