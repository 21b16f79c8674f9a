"""DELETE while a long reader (an operator's session, a backup) holds the SQLite database: the
API keeps answering, uploads keep being stored, and the deleted resume leaves every file as
soon as the reader lets go; until then DELETE says so (202), never a 204 that is not true."""

from __future__ import annotations

import sqlite3
import threading
import time
import uuid

import httpx
import pytest

from tests.integration.test_privacy import (
    database_rows_containing,
    files_containing,
    resume_with_marker,
)
from tests.support.api import post_resume, submit
from tests.support.polling import wait_for
from tests.support.stack import Stack

pytestmark = pytest.mark.integration


def test_a_delete_behind_a_long_reader_neither_freezes_the_api_nor_leaves_the_data(
    stack: Stack, client: httpx.Client
) -> None:
    if stack.database_url:
        pytest.skip("SQLite's write-ahead log; PostgreSQL keeps rows until vacuum (security.md)")
    marker = uuid.uuid4().hex
    job = submit(client, "alex.txt", data=resume_with_marker(marker), filename="alex.txt")
    reader = sqlite3.connect(stack.data_dir / "resumeroast.db")
    reader.execute("BEGIN")
    reader.execute("SELECT count(*) FROM uploads").fetchone()  # holds this snapshot
    healthz_s: list[float] = []
    uploads: list[int] = []
    deleting = threading.Event()

    def probe_healthz() -> None:
        with httpx.Client(base_url=stack.base_url, timeout=60) as http:
            while deleting.is_set():
                start = time.monotonic()
                http.get("/healthz")
                healthz_s.append(time.monotonic() - start)

    def keep_uploading() -> None:
        with httpx.Client(base_url=stack.base_url, timeout=60) as http:
            while deleting.is_set() and len(uploads) < 10:
                other = resume_with_marker(uuid.uuid4().hex)
                uploads.append(post_resume(http, "o.txt", data=other, filename="o.txt").status_code)

    try:
        deleting.set()
        others = [threading.Thread(target=f) for f in (probe_healthz, keep_uploading)]
        for thread in others:
            thread.start()
        answer = client.delete(f"/api/resumes/{job.id}", headers=job.headers, timeout=60)
        deleting.clear()
        for thread in others:
            thread.join(timeout=60)

        assert answer.status_code == 202, answer.text  # not 204: the journal still has it
        assert answer.json()["status"] == "scrubbing"
        assert max(healthz_s) < 1.0, f"/healthz took {max(healthz_s):.1f} s"
        assert uploads and set(uploads) == {202}, uploads
        assert client.get(f"/api/resumes/{job.id}", headers=job.headers).status_code == 404
        assert database_rows_containing(stack, marker.encode()) == []
        assert files_containing(stack.data_dir, marker.encode())  # the reader's snapshot
    finally:
        reader.rollback()
        reader.close()
    wait_for(
        lambda: not files_containing(stack.data_dir, marker.encode()),
        timeout_s=30,
        what="the deleted resume to leave the database's files",
    )
