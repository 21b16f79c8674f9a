"""Fairness on a real API, Redis and worker: one client cannot starve the others.

- a client with MAX_QUEUED_PER_CLIENT jobs queued or running gets 429 for the next upload,
  another client is accepted, and the first gets its slot back once a job of its finishes;
- a burst of concurrent uploads from one client is held to the cap, not one over;
- ordinary resumes uploaded after one client's pile of large documents are taken first
  (large uploads have their own queue, which a worker reads only when the other is empty);
- a client's extra uploads (it has one queued already) wait behind other people's first ones.
"""

from __future__ import annotations

from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx
import pytest

from resumeroast.adapters.embedded_redis import EmbeddedRedis
from resumeroast.settings import Settings
from tests.support.api import JobRef, get_job, post_resume, submit, wait_final
from tests.support.stack import FIXTURES, Stack

pytestmark = pytest.mark.integration

RESUME = "text/hrhelper__sample_resume.txt"
CAP = 3
LARGE_BYTES = 20_000
ATTACKER = {"X-Forwarded-For": "203.0.113.66"}
OTHER = {"X-Forwarded-For": "198.51.100.7"}


def _stack(tmp_path: Path, redis: EmbeddedRedis, **env: str) -> Iterator[Stack]:
    stack = Stack(
        data_dir=tmp_path, redis=redis, extra_env={"TRUSTED_PROXIES": '["127.0.0.1"]', **env}
    )
    try:
        stack.start_api()
        yield stack
    finally:
        stack.stop()


@pytest.fixture
def capped(tmp_path: Path, redis_server: EmbeddedRedis) -> Iterator[Stack]:
    yield from _stack(tmp_path, redis_server, MAX_QUEUED_PER_CLIENT=str(CAP))


@pytest.fixture
def default_cap(tmp_path: Path, redis_server: EmbeddedRedis) -> Iterator[Stack]:
    yield from _stack(
        tmp_path,
        redis_server,
        LARGE_UPLOAD_BYTES=str(LARGE_BYTES),
        MAX_QUEUED_PER_CLIENT=str(Settings.model_fields["max_queued_per_client"].default),
    )


def test_a_client_at_the_cap_gets_429_and_another_client_is_accepted(capped: Stack) -> None:
    with httpx.Client(base_url=capped.base_url, timeout=30) as client:
        mine = [submit(client, RESUME, headers=ATTACKER) for _ in range(CAP)]
        refused = post_resume(client, RESUME, headers=ATTACKER)
        assert refused.status_code == 429, refused.text
        assert refused.json()["code"] == "too_many_queued"
        assert f"{CAP} resumes waiting" in refused.json()["detail"]
        assert int(refused.headers["Retry-After"]) > 0
        reroast = client.post(
            f"/api/resumes/{mine[0].id}/reroasts",
            json={"job_description": "Python developer"},
            headers={**mine[0].headers, **ATTACKER},
        )
        assert reroast.status_code == 429, reroast.text  # a re-roast is a new job too
        assert post_resume(client, RESUME, headers=OTHER).status_code == 202
        # The cap counts unfinished jobs, not uploads: once they are reviewed, room again.
        capped.start_worker()
        for job in mine:
            assert wait_final(client, job, timeout_s=180)["status"] == "complete"
        assert post_resume(client, RESUME, headers=ATTACKER).status_code == 202


def test_a_burst_from_one_client_is_held_to_the_cap(default_cap: Stack) -> None:
    cap = Settings.model_fields["max_queued_per_client"].default  # none finishes: no worker
    body = (FIXTURES / RESUME).read_bytes()

    def upload(n: int) -> int:
        with httpx.Client(base_url=default_cap.base_url, timeout=60) as client:
            data = body + f"\n{n}\n".encode()
            return post_resume(client, RESUME, data=data, headers=ATTACKER).status_code

    with ThreadPoolExecutor(max_workers=50) as pool:
        statuses = list(pool.map(upload, range(50)))
    assert sorted(statuses) == [202] * cap + [429] * (50 - cap), statuses


def large_resume(n: int) -> bytes:
    """A real resume padded with plausible lines past LARGE_UPLOAD_BYTES, each one different
    (no cached review shortcuts it)."""
    lines = [
        f"- Document {n}, note {i}: maintained the project records and reported results weekly."
        for i in range(LARGE_BYTES // 80 + 10)
    ]
    data = (FIXTURES / RESUME).read_bytes() + "\n".join(lines).encode()
    assert len(data) >= LARGE_BYTES
    return data


def test_ordinary_resumes_are_taken_before_one_clients_large_documents(
    default_cap: Stack,
) -> None:
    with httpx.Client(base_url=default_cap.base_url, timeout=30) as client:
        large = [submit(client, RESUME, data=large_resume(n), headers=ATTACKER) for n in range(6)]
        ordinary = [  # uploaded last of all, from three other people
            submit(
                client, RESUME, data=_distinct(n), headers={"X-Forwarded-For": f"198.51.100.{n}"}
            )
            for n in range(3)
        ]
        default_cap.start_worker(concurrency=1)
        started = _in_start_order(client, [*large, *ordinary])
    # First in first out they would start 7th to 9th; read in turn, 1st, 3rd and 5th.
    # The ordinary queue first: they are the first three.
    assert set(started[:3]) == {job.id for job in ordinary}, started


def test_a_clients_extra_uploads_wait_behind_other_peoples_first(default_cap: Stack) -> None:
    with httpx.Client(base_url=default_cap.base_url, timeout=30) as client:
        # Ordinary-sized resumes, all of them: only the first is this client's fair share.
        pile = [submit(client, RESUME, data=_distinct(n), headers=ATTACKER) for n in range(5)]
        other = submit(client, RESUME, data=_distinct(99), headers=OTHER)
        default_cap.start_worker(concurrency=1)
        started = _in_start_order(client, [*pile, other])
    # One queue, first in first out: the other person's resume would start 6th.
    assert started[:2] == [pile[0].id, other.id], started


def _distinct(n: int) -> bytes:
    """The fixture resume, made distinct so no cached review shortcuts it."""
    return (FIXTURES / RESUME).read_bytes() + f"\nReference {n}\n".encode()


def _in_start_order(client: httpx.Client, jobs: list[JobRef]) -> list[str]:
    for job in jobs:
        assert wait_final(client, job, timeout_s=240)["status"] == "complete"
    return [job.id for job in sorted(jobs, key=lambda job: _started_at(client, job))]


def _started_at(client: httpx.Client, job: JobRef) -> str:
    return str(get_job(client, job)["started_at"])
