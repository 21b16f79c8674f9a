"""Hostile text in an upload's fields, on the real API and the real database (PostgreSQL when
TEST_DATABASE_URL is set): a control character is refused with 422 naming the field before the
database sees it, and an upload the database refuses fails alone, never the others stored with
it in the same group commit."""

from __future__ import annotations

import asyncio
from collections.abc import Collection, Iterator, Mapping, Sequence
from pathlib import Path
from typing import Any, cast

import httpx
import pytest

from resumeroast.adapters.db.engine import make_engine, migrate
from resumeroast.adapters.db.job_store import SqlJobStore
from resumeroast.bootstrap import group_commit
from resumeroast.core.documents import DocumentKind
from resumeroast.core.feedback import Level
from resumeroast.core.jobs import Job, JobStatus, NewJob
from tests.support.aio import run_async
from tests.support.stack import FIXTURES, Stack, drop_database, fresh_database

#: db: what the database refuses, and the group commit around it (run on PostgreSQL too).
pytestmark = [pytest.mark.integration, pytest.mark.db]

RESUME = (FIXTURES / "text" / "hrhelper__sample_resume.txt").read_bytes()

#: (form fields or headers, the field the answer must name)
HOSTILE: list[tuple[dict[str, Any], str]] = [
    ({"filename": "cv\x00.txt"}, "filename"),
    ({"filename": "cv\x1b[31m.txt"}, "filename"),
    ({"job_description": "Python\x00 developer"}, "job_description"),
    ({"job_description": "Senior\x7f engineer"}, "job_description"),
    ({"headers": {"Idempotency-Key": "key\tone"}}, "Idempotency-Key"),
    ({"filename": "cv\x00.txt", "headers": {"Idempotency-Key": "nul-in-name"}}, "filename"),
    ({"level": "brutal\x00"}, "level"),
]


BOUNDARY = "hostile-boundary-7f3a"


def _multipart(filename: str, form: dict[str, str]) -> bytes:
    """The form as raw bytes: httpx would percent-encode control characters in a filename, an
    attacker's client sends them as they are."""
    parts = [
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n{value}\r\n'
        for name, value in form.items()
    ]
    head = (
        f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="file"; '
        f'filename="{filename}"\r\nContent-Type: text/plain\r\n\r\n'
    )
    return "".join(parts).encode() + head.encode() + RESUME + f"\r\n--{BOUNDARY}--\r\n".encode()


async def _post(http: httpx.AsyncClient, n: int, hostile: dict[str, Any] | None) -> httpx.Response:
    fields = hostile or {}
    form = {"level": fields.get("level", "honest")}
    if "job_description" in fields:
        form["job_description"] = fields["job_description"]
    return await http.post(
        "/api/resumes",
        content=_multipart(fields.get("filename", f"good{n}.txt"), form),
        headers={
            "Content-Type": f"multipart/form-data; boundary={BOUNDARY}",
            **fields.get("headers", {}),
        },
    )


def test_hostile_fields_are_refused_by_name_and_fail_no_other_upload(stack: Stack) -> None:
    """Bad and good uploads at once, as a burst that shares group commits."""
    plan = [HOSTILE[n % len(HOSTILE)] if n % 3 == 0 else None for n in range(60)]

    async def burst() -> list[httpx.Response]:
        async with httpx.AsyncClient(base_url=stack.base_url, timeout=60) as http:
            return await asyncio.gather(
                *(_post(http, n, item[0] if item else None) for n, item in enumerate(plan))
            )

    answers = run_async(burst())
    for item, answer in zip(plan, answers, strict=True):
        if item is None:
            assert answer.status_code == 202, answer.text
            continue
        assert answer.status_code == 422, (item, answer.text)
        assert answer.headers["content-type"].startswith("application/problem+json")
        named = [error["field"].split(".")[-1] for error in answer.json().get("errors", [])]
        assert item[1] in named, answer.json()
        assert "\x00" not in answer.text  # the refused character is named, not echoed


class _Queue:
    def __init__(self) -> None:
        self.enqueued: list[str] = []

    def enqueue_reviews(
        self,
        job_ids: Sequence[str],
        *,
        request_ids: Mapping[str, str] | None = None,
        large: Collection[str] = (),
    ) -> None:
        del request_ids
        self.enqueued.extend(job_ids)


@pytest.fixture
def jobs(tmp_path: Path) -> Iterator[SqlJobStore]:
    url = fresh_database() or f"sqlite:///{tmp_path / 'db.sqlite'}"
    engine = make_engine(url)
    migrate(engine)
    yield SqlJobStore(engine)
    engine.dispose()
    if not url.startswith("sqlite"):
        drop_database(url)


def _upload(n: int, *, refused: bool = False) -> NewJob:
    return NewJob(
        data=f"resume {n}".encode(),
        kind=DocumentKind.TXT,
        filename=f"r{n}.txt",
        level=Level.HONEST,
        job_description=None,
        # NOT NULL on both databases: a row the database itself refuses
        content_sha256=cast(str, None) if refused else f"{n:064d}",
    )


def test_an_upload_the_database_refuses_fails_alone_in_its_group(jobs: SqlJobStore) -> None:
    queue = _Queue()
    writer = group_commit(jobs, queue)
    refused = {3, 11}

    async def all_at_once() -> list[Job | BaseException]:
        try:
            answers = await asyncio.gather(
                *(writer.submit(_upload(n, refused=n in refused)) for n in range(16)),
                return_exceptions=True,
            )
            return [a if isinstance(a, BaseException) else a[0] for a in answers]
        finally:
            writer.close()

    answers = run_async(all_at_once())
    for n, answer in enumerate(answers):
        if n in refused:
            assert isinstance(answer, Exception), answer
            continue
        assert isinstance(answer, Job), answer
        assert answer.filename == f"r{n}.txt"
        assert jobs.get_job(answer.id).status is JobStatus.QUEUED
        assert jobs.load_upload(answer.id) == f"resume {n}".encode()
    stored = [answer.id for answer in answers if isinstance(answer, Job)]
    assert sorted(queue.enqueued) == sorted(stored)
