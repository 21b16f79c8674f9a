"""submit_resume: what the uploader is told, what is stored, what is enqueued."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from resumeroast.adapters.db.job_store import SqlJobStore
from resumeroast.core.jobs import JobStatus
from resumeroast.errors import FileTooLarge, InvalidRequest, UnsupportedFileType
from resumeroast.pipeline import Upload
from tests.unit.pipeline.fakes import RESUME, FakeQueue, submit, world


def test_an_upload_is_stored_queued_and_enqueued_once(jobs: SqlJobStore) -> None:
    w = world(jobs)
    job, created = submit(w.deps, Upload(RESUME, "resume.txt"))
    assert created
    assert jobs.get_job(job.id).status is JobStatus.QUEUED
    assert jobs.load_upload(job.id) == RESUME
    assert w.queue.enqueued == [job.id]


def test_the_same_idempotency_key_answers_with_the_same_job(jobs: SqlJobStore) -> None:
    w = world(jobs)
    upload = Upload(RESUME, "resume.txt", idempotency_key="key-1")
    first, _ = submit(w.deps, upload)
    again, created = submit(w.deps, upload)
    assert (again.id, created) == (first.id, False)
    assert w.queue.enqueued == [first.id]  # not published twice


def test_a_broker_that_is_down_leaves_the_job_queued_for_the_reconciler(
    jobs: SqlJobStore,
) -> None:
    w = world(jobs, queue=FakeQueue(down=True))
    job, created = submit(w.deps, Upload(RESUME, "resume.txt"))
    assert created  # the upload is accepted: the database is the record
    assert jobs.get_job(job.id).status is JobStatus.QUEUED
    assert jobs.find_stale_queued(stale_after_s=0) == [job.id]


@pytest.mark.parametrize(
    ("upload", "error"),
    [
        (Upload(b"x" * ((1 << 20) + 1), "resume.txt"), FileTooLarge),
        (Upload(b"\x89PNG\r\n\x1a\n" + b"\x00" * 64, "resume.png"), UnsupportedFileType),
        (Upload(RESUME, "resume.txt", job_description="Python " * 200), InvalidRequest),
    ],
    ids=["too-large", "not-a-resume-type", "job-description-too-long"],
)
def test_a_refused_upload_stores_and_enqueues_nothing(
    jobs: SqlJobStore, upload: Upload, error: type[Exception]
) -> None:
    w = world(jobs)
    with pytest.raises(error):
        submit(w.deps, upload)
    assert jobs.jobs_created_before(datetime(2100, 1, 1, tzinfo=UTC)) == []
    assert w.queue.enqueued == []
