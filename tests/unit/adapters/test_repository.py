"""The repository's compare-and-set rules, on a real SQLite database."""

from __future__ import annotations

from resumeroast.adapters.db.repository import SqlJobRepository
from resumeroast.core.documents import DocumentKind
from resumeroast.core.feedback import Feedback, Level, SubScores
from resumeroast.core.jobs import JobStatus, NewJob


def new_job(jobs: SqlJobRepository) -> str:
    job, created = jobs.create_job(
        NewJob(
            data=b"resume",
            kind=DocumentKind.TXT,
            filename="r.txt",
            level=Level.HONEST,
            job_description=None,
            content_sha256="0" * 64,
        )
    )
    assert created
    return job.id


FEEDBACK = Feedback(
    overall_score=50,
    verdict="ok",
    sub_scores=SubScores(impact=50, clarity=50, ats=50, completeness=50),
)


def test_one_claim_at_a_time_and_feedback_saved_once(jobs: SqlJobRepository) -> None:
    job_id = new_job(jobs)
    assert jobs.claim_job(job_id, owner="a", lease_s=60) is not None
    assert jobs.claim_job(job_id, owner="b", lease_s=60) is None  # a holds the lease
    assert jobs.complete_job(job_id, owner="b", feedback=FEEDBACK) is False  # not b's job
    assert jobs.get_feedback(job_id) is None  # and b's insert was rolled back
    assert jobs.complete_job(job_id, owner="a", feedback=FEEDBACK) is True
    assert jobs.complete_job(job_id, owner="a", feedback=FEEDBACK) is False  # never twice
    assert jobs.get_job(job_id).status is JobStatus.COMPLETE
    assert jobs.claim_job(job_id, owner="c", lease_s=60) is None  # finished jobs stay finished


def test_a_dead_owner_or_an_expired_lease_frees_the_job(jobs: SqlJobRepository) -> None:
    job_id = new_job(jobs)
    assert jobs.claim_job(job_id, owner="a", lease_s=60) is not None
    assert jobs.claim_job(job_id, owner="b", lease_s=60, dead_owners=("a",)) is not None
    other = new_job(jobs)
    assert jobs.claim_job(other, owner="a", lease_s=-1) is not None  # already expired
    claimed = jobs.claim_job(other, owner="b", lease_s=60)
    assert claimed is not None and claimed.attempts == 2
