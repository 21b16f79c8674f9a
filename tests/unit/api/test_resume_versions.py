"""A revised upload linked to the earlier version on the server: the earlier one's owner token
only, told to the owner only, unlinked when the earlier version is deleted.

The app runs in-process with its broker down (the upload is stored all the same).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text

from resumeroast.adapters.db.engine import migrate
from resumeroast.api.app import create_app
from resumeroast.core.access import job_token
from resumeroast.settings import Settings

RESUME = (
    b"Alex Doe\nalex@example.test\n\nEXPERIENCE\nAnalyst, Northwind, 2018 - 2024\n"
    b"- Built reports\n\nEDUCATION\nBA Economics, 2018\n"
)


@pytest.fixture
def client(tmp_path: Path) -> Iterator[TestClient]:
    settings = Settings(
        redis_url="redis://127.0.0.1:1/0",
        data_dir=tmp_path / "data",
        upload_rate_limit_per_minute=0,
    )
    app = create_app(settings)
    with TestClient(app) as client:
        migrate(app.state.runtime.engine)
        yield client


def upload(
    client: TestClient, data: bytes = RESUME, *, previous: str | None = None, token: str = ""
) -> dict[str, str]:
    answer = client.post(
        "/api/resumes",
        files={"file": ("cv.txt", data, "text/plain")},
        data={"previous_job_id": previous} if previous else {},
        headers={"X-Previous-Job-Token": token} if token else {},
    )
    assert answer.status_code == 202, answer.text
    body: dict[str, str] = answer.json()
    return body


def read(client: TestClient, job_id: str, token: str) -> dict[str, object]:
    answer = client.get(f"/api/resumes/{job_id}", headers={"X-Job-Token": token})
    assert answer.status_code == 200
    body: dict[str, object] = answer.json()
    return body


def test_a_revised_upload_is_linked_to_the_version_it_revises(client: TestClient) -> None:
    first = upload(client)
    revised = upload(
        client, RESUME + b"- Cut costs 20%\n", previous=first["job_id"], token=first["access_token"]
    )
    linked = read(client, revised["job_id"], revised["access_token"])
    assert linked["previous_job_id"] == first["job_id"]
    assert read(client, first["job_id"], first["access_token"])["previous_job_id"] is None
    # a share link of the revision does not tell which other uploads are the person's
    shared = read(client, revised["job_id"], revised["viewer_token"])
    assert shared["previous_job_id"] is None


def test_only_the_earlier_versions_owner_token_links_to_it(client: TestClient) -> None:
    first = upload(client)
    url = "/api/resumes"
    for token, expected in (
        (first["viewer_token"], (403, "owner_only")),
        ("", (404, "job_not_found")),
        (job_token(b"another secret", first["job_id"]), (404, "job_not_found")),
    ):
        answer = client.post(
            url,
            files={"file": ("cv.txt", RESUME, "text/plain")},
            data={"previous_job_id": first["job_id"]},
            headers={"X-Previous-Job-Token": token} if token else {},
        )
        assert (answer.status_code, answer.json()["code"]) == expected
    with client.app.state.runtime.engine.connect() as connection:  # type: ignore[attr-defined]
        stored = connection.execute(text("SELECT count(*) FROM jobs")).scalar_one()
    assert stored == 1  # nothing stored for the refused ones


def test_deleting_the_earlier_version_unlinks_the_revision(client: TestClient) -> None:
    first = upload(client)
    revised = upload(client, previous=first["job_id"], token=first["access_token"])
    deleted = client.delete(
        f"/api/resumes/{first['job_id']}", headers={"X-Job-Token": first["access_token"]}
    )
    assert deleted.status_code == 204
    assert read(client, revised["job_id"], revised["access_token"])["previous_job_id"] is None
    again = client.post(
        "/api/resumes",
        files={"file": ("cv.txt", RESUME, "text/plain")},
        data={"previous_job_id": first["job_id"]},
        headers={"X-Previous-Job-Token": first["access_token"]},
    )
    assert again.status_code == 404
