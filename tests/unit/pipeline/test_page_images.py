"""A PDF's pages are drawn and kept with its job for the marked-up view; a page that will not
draw costs the job nothing."""

from __future__ import annotations

import dataclasses

from resumeroast.adapters.db.job_store import SqlJobStore
from resumeroast.adapters.db.page_images import SqlPageImages
from resumeroast.core.documents import PageImage
from resumeroast.core.jobs import JobStatus
from resumeroast.errors import UnreadableDocument
from resumeroast.pipeline import Outcome, Upload, process_job
from tests.unit.core.readers.fixtures import fixture
from tests.unit.pipeline.fakes import RESUME, submit, world

PDF = fixture("pdf/resumematcher__single-column.pdf")
PAGE = PageImage(page=1, width=10, height=13, png=b"\x89PNG\r\n\x1a\nfake")


def run(
    jobs: SqlJobStore, data: bytes, filename: str, render: Exception | None
) -> tuple[str, list[bytes]]:
    drawn: list[bytes] = []

    def render_pages(upload: bytes) -> tuple[PageImage, ...]:
        drawn.append(upload)
        if render is not None:
            raise render
        return (PAGE,)

    w = world(jobs)
    deps = dataclasses.replace(
        w.deps, render_pages=render_pages, page_images=SqlPageImages(jobs.engine)
    )
    job, _ = submit(deps, Upload(data, filename))
    assert process_job(deps, job.id, owner="run-1") is Outcome.COMPLETE
    return job.id, drawn


def test_a_pdf_upload_keeps_its_page_images_and_says_how_many(jobs: SqlJobStore) -> None:
    job_id, drawn = run(jobs, PDF, "resume.pdf", None)
    assert drawn == [PDF]
    feedback = jobs.get_feedback(job_id)
    assert feedback is not None and feedback.resume.page_images == 1
    assert SqlPageImages(jobs.engine).load_page_image(job_id, 1) == PAGE

    jobs.delete_job(job_id)
    assert SqlPageImages(jobs.engine).load_page_image(job_id, 1) is None


def test_pages_that_will_not_draw_leave_the_roast_whole(jobs: SqlJobStore) -> None:
    job_id, _ = run(jobs, PDF, "resume.pdf", UnreadableDocument("renderer failed"))
    feedback = jobs.get_feedback(job_id)
    assert jobs.get_job(job_id).status is JobStatus.COMPLETE
    assert feedback is not None and feedback.resume.page_images == 0
    assert feedback.resume.lines  # the view shows the text instead
    assert SqlPageImages(jobs.engine).load_page_image(job_id, 1) is None


def test_a_text_upload_is_not_drawn(jobs: SqlJobStore) -> None:
    job_id, drawn = run(jobs, RESUME, "resume.txt", None)
    assert drawn == []
    feedback = jobs.get_feedback(job_id)
    assert feedback is not None and feedback.resume.page_images == 0
    assert feedback.resume.lines  # shown as its text, marked line by line
    assert all(mark.area is None for mark in feedback.marks)
