"""Versions of one resume are personal data too: the link between them keeps no token, and
each version's text, id and link go with its own job (the helpers of test_privacy.py)."""

from __future__ import annotations

import uuid

import httpx
import pytest

from tests.integration.test_privacy import (
    database_rows_containing,
    files_containing,
    redis_keys_containing,
    resume_with_marker,
)
from tests.support.api import JobRef, get_job, submit, wait_final
from tests.support.stack import Stack

pytestmark = pytest.mark.integration


@pytest.mark.db
def test_versions_go_with_their_jobs_and_the_link_leaves_no_trace(
    stack: Stack, client: httpx.Client
) -> None:
    """A revised upload is linked to the earlier version by the earlier owner's token (sent as a
    header): the token is kept nowhere, and each version's data goes with its own job."""
    stack.start_worker()
    first_marker, second_marker = uuid.uuid4().hex, uuid.uuid4().hex
    first = submit(client, "v1.txt", data=resume_with_marker(first_marker), filename="v1.txt")
    assert wait_final(client, first)["status"] == "complete"
    answer = client.post(
        "/api/resumes",
        files={"file": ("v2.txt", resume_with_marker(second_marker))},
        data={"previous_job_id": first.id},
        headers={"X-Previous-Job-Token": first.token},
    )
    assert answer.status_code == 202, answer.text
    second = JobRef(answer.json()["job_id"], answer.json()["access_token"])
    assert wait_final(client, second)["previous_job_id"] == first.id
    compared = client.get(f"/api/resumes/{second.id}/compare/{first.id}", headers=second.headers)
    assert compared.status_code == 200
    assert files_containing(stack.data_dir, first.token.encode()) == []  # logs, SQLite, AOF
    assert database_rows_containing(stack, first.token.encode()) == []

    # The earlier version goes: nothing of it is left, not even the link in the revision's row.
    assert client.delete(f"/api/resumes/{first.id}", headers=first.headers).status_code == 204
    for needle in (first_marker.encode(), first.id.encode()):
        assert database_rows_containing(stack, needle) == [], needle
        assert redis_keys_containing(stack.redis.url, needle) == [], needle
    assert files_containing(stack.data_dir, first_marker.encode()) == []
    assert get_job(client, second)["previous_job_id"] is None
    compared = client.get(f"/api/resumes/{second.id}/compare/{first.id}", headers=second.headers)
    assert compared.status_code == 404

    # The revision goes too: nothing of either version is left anywhere.
    assert client.delete(f"/api/resumes/{second.id}", headers=second.headers).status_code == 204
    for needle in (second_marker.encode(), second.id.encode()):
        assert database_rows_containing(stack, needle) == [], needle
        assert redis_keys_containing(stack.redis.url, needle) == [], needle
    assert files_containing(stack.data_dir, second_marker.encode()) == []
