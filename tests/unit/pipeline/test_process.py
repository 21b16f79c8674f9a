"""process_job: one test per outcome and per way it can fail, in-process."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from resumeroast.adapters.db.job_store import SqlJobStore
from resumeroast.core.documents import Document, DocumentKind, LayoutFacts
from resumeroast.core.jobs import JobStatus
from resumeroast.errors import (
    LLMPermanentError,
    LLMTransientError,
    PermanentError,
    ProviderPaused,
    UnreadableDocument,
    permanent_failure_codes,
)
from resumeroast.pipeline import Outcome, Upload, process_job
from tests.unit.pipeline.fakes import (
    RESUME,
    FakeBreaker,
    ScriptedReviewer,
    World,
    submit,
    world,
)

STAGES = ["parsing", "analyzing", "reviewing", "saving"]


def submitted(w: World, data: bytes = RESUME) -> str:
    job, _ = submit(w.deps, Upload(data, "resume.txt"))
    return job.id


def failing_parse(error: Exception) -> Callable[[bytes, DocumentKind], Document]:
    def parse(data: bytes, kind: DocumentKind) -> Document:
        del data, kind
        raise error

    return parse


def test_a_job_is_reviewed_and_saved_with_every_stage_published(jobs: SqlJobStore) -> None:
    w = world(jobs)
    job_id = submitted(w)
    assert process_job(w.deps, job_id, owner="run-1") is Outcome.COMPLETE
    job = jobs.get_job(job_id)
    assert job.status is JobStatus.COMPLETE
    feedback = jobs.get_feedback(job_id)
    assert feedback is not None and feedback.review.reviewer == "scripted"
    assert w.events.stages() == [None, *STAGES, None]  # claimed, each stage, then done
    assert w.events.last()["status"] == "complete"
    assert w.metrics.finished == ["complete"]


def test_a_job_another_run_holds_is_skipped_untouched(jobs: SqlJobStore) -> None:
    w = world(jobs)
    job_id = submitted(w)
    assert jobs.claim_job(job_id, owner="run-1", lease_s=60) is not None
    assert process_job(w.deps, job_id, owner="run-2") is Outcome.SKIPPED
    assert jobs.lease_owner(job_id) == "run-1"
    assert w.events.published == [] and w.reviewer.calls == []


def test_a_finished_job_is_not_run_again(jobs: SqlJobStore) -> None:
    w = world(jobs)
    job_id = submitted(w)
    process_job(w.deps, job_id, owner="run-1")
    assert process_job(w.deps, job_id, owner="run-2") is Outcome.SKIPPED
    assert len(w.reviewer.calls) == 1


@pytest.mark.parametrize(
    ("error", "in_review"),
    [(UnreadableDocument("bad xref"), False), (LLMPermanentError("HTTP 401"), True)],
    ids=["unreadable-file", "provider-rejects-the-request"],
)
def test_a_permanent_failure_fails_the_job_at_once_with_its_reason(
    jobs: SqlJobStore, error: PermanentError, in_review: bool
) -> None:
    if in_review:
        w = world(jobs, reviewer=ScriptedReviewer(error))
    else:
        w = world(jobs, parse=failing_parse(error))
    job_id = submitted(w)
    assert process_job(w.deps, job_id, owner="run-1") is Outcome.FAILED
    job = jobs.get_job(job_id)
    assert (job.status, job.failure_code, job.retries) == (JobStatus.FAILED, error.code, 0)
    assert job.failure_reason == type(error).user_message
    assert w.events.last()["failure_reason"] == job.failure_reason
    assert w.metrics.finished == ["failed"]


def test_a_scanned_pdf_fails_for_good_with_what_to_upload_instead(jobs: SqlJobStore) -> None:
    """A picture of a resume is no result ("Ready · 0/100"): it fails, and no retry helps."""
    scan = Document(DocumentKind.PDF, (), LayoutFacts(pages=3, image_only_pages=(1, 2, 3)))
    w = world(jobs, parse=lambda data, kind: scan)
    job_id = submitted(w)
    assert process_job(w.deps, job_id, owner="run-1") is Outcome.FAILED
    job = jobs.get_job(job_id)
    assert (job.status, job.failure_code, job.retries) == (JobStatus.FAILED, "no_text_layer", 0)
    assert "text-based PDF or DOCX" in (job.failure_reason or "")
    assert "no_text_layer" in permanent_failure_codes()
    assert jobs.get_feedback(job_id) is None
    assert w.reviewer.calls == []  # nothing to review


def test_a_run_whose_lease_was_taken_stops_without_writing(jobs: SqlJobStore) -> None:
    """The run was thought dead and another took the job mid-review: ours must not save."""

    def take_over() -> None:
        jobs.claim_job(job_id, owner="run-2", lease_s=60, dead_owners=["run-1"])

    w = world(jobs, reviewer=ScriptedReviewer(billable=False, meanwhile=take_over))
    job_id = submitted(w)
    assert process_job(w.deps, job_id, owner="run-1") is Outcome.SKIPPED
    assert jobs.get_feedback(job_id) is None
    assert jobs.get_job(job_id).status is JobStatus.PROCESSING
    assert jobs.lease_owner(job_id) == "run-2"


def test_a_billable_review_is_cached_and_its_usage_recorded(jobs: SqlJobStore) -> None:
    w = world(jobs, reviewer=ScriptedReviewer(tokens=100))
    first, second = submitted(w), submitted(w)  # the same resume twice, no idempotency key
    process_job(w.deps, first, owner="run-1")
    process_job(w.deps, second, owner="run-2")
    assert len(w.reviewer.calls) == 1  # the second one is served from the cache
    cached = jobs.get_feedback(second)
    assert cached is not None and cached.review.cached
    assert jobs.get_job(first).usage.tokens_in == 100
    assert [provider for provider, _ in w.metrics.usage] == ["scripted"]
    assert w.breaker.records == [("scripted", True)]


def test_an_open_breaker_pauses_the_job_without_calling_the_model(
    jobs: SqlJobStore,
) -> None:
    breaker = FakeBreaker(cooldown_s=30.0)
    breaker.opened = True
    w = world(jobs, reviewer=ScriptedReviewer(), breaker=breaker)
    job_id = submitted(w)
    with pytest.raises(ProviderPaused) as paused:
        process_job(w.deps, job_id, owner="run-1")
    assert paused.value.retry_after_s == 30.0
    assert w.reviewer.calls == []


def test_a_provider_outage_is_a_transient_failure_for_the_caller(
    jobs: SqlJobStore,
) -> None:
    w = world(jobs, reviewer=ScriptedReviewer(LLMTransientError("503")))
    job_id = submitted(w)
    with pytest.raises(LLMTransientError):
        process_job(w.deps, job_id, owner="run-1")
    assert w.breaker.records == [("scripted", False)]
    assert w.metrics.provider_errors == [("scripted", "llm_unavailable")]
    assert jobs.get_job(job_id).status is JobStatus.PROCESSING  # the failure policy decides


def test_the_failure_that_opens_the_breaker_pauses_the_job(jobs: SqlJobStore) -> None:
    w = world(jobs, reviewer=ScriptedReviewer(LLMTransientError("503")))
    w.breaker.trips_after = 1
    job_id = submitted(w)
    with pytest.raises(ProviderPaused):
        process_job(w.deps, job_id, owner="run-1")
