"""The provider quota and the daily spend cap, as process_job sees them (the Redis side is
tests/integration/test_quota.py)."""

from __future__ import annotations

import dataclasses
from datetime import UTC, datetime

import pytest

from resumeroast.adapters.db.job_store import SqlJobStore
from resumeroast.core.documents import Document, DocumentKind
from resumeroast.core.jobs import JobStatus
from resumeroast.core.readers import read_document
from resumeroast.errors import QuotaFull
from resumeroast.pipeline import Outcome, Upload, handle_failure, process_job
from resumeroast.pipeline.failure import FailedRun, Paused
from resumeroast.pipeline.process import SPEND_CAP_NOTE
from tests.unit.pipeline.fakes import RESUME, FakeBreaker, ScriptedReviewer, World, submit, world


class FakeQuota:
    def __init__(self, *, wait_s: float | None = None, capped: bool = False) -> None:
        self.wait_s, self.capped = wait_s, capped
        self.reserved: list[tuple[str, int]] = []
        self.spent: list[float] = []

    def reserve(self, name: str, tokens: int) -> float | None:
        self.reserved.append((name, tokens))
        return self.wait_s

    def add_spend(self, cost_usd: float) -> None:
        self.spent.append(cost_usd)

    def spent_today_usd(self) -> float:
        return sum(self.spent)

    def spend_cap_reached(self) -> bool:
        return self.capped


def with_quota(jobs: SqlJobStore, quota: FakeQuota) -> World:
    w = world(jobs, reviewer=ScriptedReviewer())
    w.deps = dataclasses.replace(w.deps, quota=quota)
    return w


def submitted(w: World) -> str:
    job, _ = submit(w.deps, Upload(RESUME, "resume.txt"))
    return job.id


def test_a_call_takes_a_quota_slot_sized_by_the_resume(jobs: SqlJobStore) -> None:
    quota = FakeQuota()
    w = with_quota(jobs, quota)
    assert process_job(w.deps, submitted(w), owner="run-1") is Outcome.COMPLETE
    [(name, tokens)] = quota.reserved
    assert name == "scripted" and tokens > len(RESUME) // 4
    assert len(quota.spent) == 1  # the call's cost counts toward today's spend


def test_a_full_quota_holds_the_job_without_calling_or_spending_a_retry(
    jobs: SqlJobStore,
) -> None:
    w = with_quota(jobs, FakeQuota(wait_s=12.0))
    job_id = submitted(w)
    with pytest.raises(QuotaFull) as full:
        process_job(w.deps, job_id, owner="run-1")
    assert full.value.retry_after_s == 12.0
    assert w.reviewer.calls == []
    run = FailedRun(job_id=job_id, owner="run-1", task_name="t", trace="")
    decision = handle_failure(w.deps, run, full.value)
    assert isinstance(decision, Paused) and 12.0 <= decision.wait_s <= 13.0
    job = jobs.get_job(job_id)
    assert (job.status, job.retries) == (JobStatus.QUEUED, 0)
    assert w.metrics.retries == []


def test_over_the_spend_cap_the_job_gets_the_labelled_builtin_review(
    jobs: SqlJobStore,
) -> None:
    quota = FakeQuota(capped=True)
    w = with_quota(jobs, quota)
    job_id = submitted(w)
    assert process_job(w.deps, job_id, owner="run-1") is Outcome.COMPLETE
    assert w.reviewer.calls == [] and quota.reserved == []
    feedback = jobs.get_feedback(job_id)
    assert feedback is not None
    assert feedback.review.reviewer == "builtin"
    assert SPEND_CAP_NOTE in feedback.review.notes
    assert jobs.get_job(job_id).usage.cost_usd == 0.0


class KeptDocuments:
    def __init__(self) -> None:
        self.kept: dict[str, Document] = {}

    def get(self, job_id: str, upload: bytes) -> Document | None:
        return self.kept.get(job_id)

    def put(self, job_id: str, upload: bytes, document: Document) -> None:
        self.kept[job_id] = document

    def delete(self, job_id: str) -> None:
        self.kept.pop(job_id, None)


def test_a_job_held_for_the_quota_is_not_parsed_again(jobs: SqlJobStore) -> None:
    parsed: list[bytes] = []

    def counting_parse(data: bytes, kind: DocumentKind) -> Document:
        parsed.append(data)
        return read_document(data, kind)

    quota, kept = FakeQuota(wait_s=5.0), KeptDocuments()
    w = world(jobs, reviewer=ScriptedReviewer(), parse=counting_parse)
    w.deps = dataclasses.replace(w.deps, quota=quota, parsed=kept)
    job_id = submitted(w)
    with pytest.raises(QuotaFull):
        process_job(w.deps, job_id, owner="run-1")
    # Handed back as handle_failure does, due now: the wait is over and a slot is free.
    jobs.release_job(job_id, owner="run-1", retry_at=datetime.now(UTC), note="provider_quota")
    quota.wait_s = None
    assert process_job(w.deps, job_id, owner="run-2") is Outcome.COMPLETE
    assert len(parsed) == 1 and len(w.reviewer.calls) == 1
    assert kept.kept == {}  # dropped once the review is saved


class ProbeBreaker(FakeBreaker):
    """Half-open: the first caller to ask is given the probe, which it must then make."""

    def __init__(self) -> None:
        super().__init__()
        self.probes_given = 0

    def wait_s(self, name: str) -> float | None:
        self.probes_given += 1
        return None if self.probes_given == 1 else 30.0


def test_a_job_waiting_for_the_quota_does_not_take_the_breakers_probe(
    jobs: SqlJobStore,
) -> None:
    breaker = ProbeBreaker()
    w = world(jobs, reviewer=ScriptedReviewer(), breaker=breaker)
    w.deps = dataclasses.replace(w.deps, quota=FakeQuota(wait_s=5.0))
    with pytest.raises(QuotaFull):
        process_job(w.deps, submitted(w), owner="run-1")
    assert breaker.probes_given == 0  # the probe is left to a job that can make the call
