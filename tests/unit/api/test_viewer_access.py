"""Owner and viewer: a share link reads a roast; only the owner's token deletes it.

The app runs in-process (no Redis needed): the job is put in its store directly.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from resumeroast.adapters.db.engine import migrate
from resumeroast.api.app import create_app
from resumeroast.core.access import job_token, viewer_token
from resumeroast.core.documents import DocumentKind
from resumeroast.core.feedback import Level
from resumeroast.core.jobs import NewJob
from resumeroast.settings import Settings


@pytest.fixture
def client_and_job(tmp_path: Path) -> Iterator[tuple[TestClient, str, bytes]]:
    settings = Settings(
        redis_url="redis://127.0.0.1:1/0",
        data_dir=tmp_path / "data",
        upload_rate_limit_per_minute=0,
    )
    app = create_app(settings)
    with TestClient(app) as client:
        runtime = app.state.runtime
        migrate(runtime.engine)
        job, _ = runtime.deps.jobs.create_job(
            NewJob(
                data=b"resume text",
                kind=DocumentKind.TXT,
                filename="cv.txt",
                level=Level.HONEST,
                job_description=None,
                content_sha256="0" * 64,
            )
        )
        yield client, job.id, runtime.secret


def test_a_viewer_token_reads_but_cannot_delete(
    client_and_job: tuple[TestClient, str, bytes],
) -> None:
    client, job_id, secret = client_and_job
    owner, viewer = job_token(secret, job_id), viewer_token(secret, job_id)
    assert owner != viewer

    as_viewer = client.get(f"/api/resumes/{job_id}", headers={"X-Job-Token": viewer})
    assert as_viewer.status_code == 200
    assert as_viewer.json()["access"] == "viewer"
    assert as_viewer.json()["viewer_token"] is None  # nothing more to hand on

    refused = client.delete(f"/api/resumes/{job_id}", headers={"X-Job-Token": viewer})
    assert refused.status_code == 403
    assert refused.json()["code"] == "owner_only"
    assert client.get(f"/api/resumes/{job_id}", headers={"X-Job-Token": owner}).status_code == 200

    as_owner = client.get(f"/api/resumes/{job_id}", headers={"X-Job-Token": owner}).json()
    assert (as_owner["access"], as_owner["viewer_token"]) == ("owner", viewer)
    deleted = client.delete(f"/api/resumes/{job_id}", headers={"X-Job-Token": owner})
    assert deleted.status_code == 204
    assert client.get(f"/api/resumes/{job_id}", headers={"X-Job-Token": viewer}).status_code == 404


def test_a_wrong_token_is_told_nothing(client_and_job: tuple[TestClient, str, bytes]) -> None:
    client, job_id, secret = client_and_job
    other = viewer_token(secret, "another-job")
    for method in ("get", "delete"):
        answer = client.request(method, f"/api/resumes/{job_id}", headers={"X-Job-Token": other})
        assert answer.status_code == 404
