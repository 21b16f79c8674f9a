"""A request id from the edge: X-Request-ID is taken when well formed, else made; it comes back
in the response and is handed, with the upload's job, to the task message (the fake queue
records what the message's header would carry). The full run to a worker's log lines is
tests/integration/test_request_id.py."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from resumeroast.api.app import create_app
from resumeroast.settings import Settings
from tests.unit.pipeline.fakes import RESUME, FakeQueue, runtime_with_queue


@pytest.fixture
def app_and_queue(tmp_path: Path) -> tuple[TestClient, FakeQueue]:
    settings = Settings(
        redis_url="redis://127.0.0.1:1/0",
        data_dir=tmp_path / "data",
        upload_rate_limit_per_minute=0,
    )
    queue = FakeQueue()
    return TestClient(create_app(settings, runtime=runtime_with_queue(settings, queue))), queue


def upload(client: TestClient, headers: dict[str, str] | None = None) -> tuple[str, str]:
    answer = client.post(
        "/api/resumes", files={"file": ("cv.txt", RESUME, "text/plain")}, headers=headers
    )
    assert answer.status_code == 202, answer.text
    return answer.json()["job_id"], answer.headers["X-Request-ID"]


def test_a_well_formed_id_is_returned_and_handed_to_the_jobs_message(
    app_and_queue: tuple[TestClient, FakeQueue],
) -> None:
    client, queue = app_and_queue
    with client:
        job_id, returned = upload(client, {"X-Request-ID": "lb-7f3a.01:req_9"})
    assert returned == "lb-7f3a.01:req_9"
    assert queue.request_ids == {job_id: "lb-7f3a.01:req_9"}


@pytest.mark.parametrize("given", [None, "", "a" * 129, "two words", "<script>", "-leading"])
def test_a_missing_or_malformed_id_is_replaced_by_a_new_one(
    app_and_queue: tuple[TestClient, FakeQueue], given: str | None
) -> None:
    client, queue = app_and_queue
    with client:
        job_id, returned = upload(client, None if given is None else {"X-Request-ID": given})
        _, second = upload(client)
    assert returned != given and len(returned) == 32 and int(returned, 16) >= 0
    assert second != returned  # one per request
    assert queue.request_ids[job_id] == returned


def test_every_answer_carries_one_an_error_too(
    app_and_queue: tuple[TestClient, FakeQueue],
) -> None:
    client, _ = app_and_queue
    with client:
        missing = client.get("/api/resumes/not-a-job", headers={"X-Request-ID": "edge-1"})
    assert missing.status_code >= 400
    assert missing.headers["X-Request-ID"] == "edge-1"


@pytest.mark.parametrize(("peer", "kept"), [("10.0.0.7", True), ("203.0.113.9", False)])
def test_behind_a_proxy_only_the_proxy_s_request_id_is_taken(
    tmp_path: Path, peer: str, kept: bool
) -> None:
    """Catches an API that takes any client's id when TRUSTED_PROXIES says the proxy makes
    them: a client going around the proxy could reuse another request's id in the logs."""
    settings = Settings(
        redis_url="redis://127.0.0.1:1/0",
        data_dir=tmp_path / "data",
        upload_rate_limit_per_minute=0,
        trusted_proxies=["10.0.0.0/8"],
    )
    app = create_app(settings, runtime=runtime_with_queue(settings, FakeQueue()))
    with TestClient(app, client=(peer, 50000)) as client:
        _, request_id = upload(client, {"X-Request-ID": "edge-7f3a"})
    assert (request_id == "edge-7f3a") is kept
