"""Versions of one resume on a real API and worker: a revised upload is linked to the earlier
one by the earlier one's owner token, compared through that link, and a share link cannot
file versions."""

from __future__ import annotations

import httpx
import pytest

from tests.integration.test_privacy import database_rows_containing
from tests.support.api import JobRef, get_job, post_resume, wait_final
from tests.support.stack import FIXTURES, Stack

pytestmark = pytest.mark.integration

SAMPLE = FIXTURES / "text" / "hrhelper__sample_resume.txt"


def revise(client: httpx.Client, earlier: str, token: str, data: bytes) -> httpx.Response:
    return client.post(
        "/api/resumes",
        files={"file": ("resume-v2.txt", data)},
        data={"previous_job_id": earlier},
        headers={"X-Previous-Job-Token": token},
    )


def test_a_revised_upload_is_linked_compared_and_unlinked_when_the_first_is_deleted(
    stack: Stack, client: httpx.Client
) -> None:
    stack.start_worker()
    original = SAMPLE.read_bytes()
    first = post_resume(client, SAMPLE).json()
    first_ref = JobRef(first["job_id"], first["access_token"])
    assert wait_final(client, first_ref)["status"] == "complete"

    shared = revise(client, first_ref.id, first["viewer_token"], original + b"\n")
    assert (shared.status_code, shared.json()["code"]) == (403, "owner_only")

    answer = revise(client, first_ref.id, first_ref.token, original.replace(b"\n", b"\n\n", 3))
    assert answer.status_code == 202
    revised = JobRef(answer.json()["job_id"], answer.json()["access_token"])
    assert wait_final(client, revised)["previous_job_id"] == first_ref.id

    compared = client.get(
        f"/api/resumes/{revised.id}/compare/{first_ref.id}", headers=revised.headers
    )
    assert compared.status_code == 200
    body = compared.json()
    assert body["new"] == [] and body["fixed"] == []  # the same text, laid out differently
    assert len(body["still_open"]) == len(get_job(client, first_ref)["feedback"]["findings"])

    deleted = client.delete(f"/api/resumes/{first_ref.id}", headers=first_ref.headers)
    assert deleted.status_code == 204
    assert get_job(client, revised)["previous_job_id"] is None
    gone = client.get(f"/api/resumes/{revised.id}/compare/{first_ref.id}", headers=revised.headers)
    assert gone.status_code == 404
    # the version link was the only trace of the first upload left in the revision's row
    assert database_rows_containing(stack, first_ref.id.encode()) == []
