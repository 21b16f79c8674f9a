"""Pipeline rules that need no broker: the review cache key and the reconciler's back-off."""

from __future__ import annotations

from collections.abc import AsyncIterator, Collection, Mapping, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from resumeroast.adapters.breaker import NoBreaker
from resumeroast.adapters.db.dead_letters import SqlDeadLetters
from resumeroast.adapters.db.job_store import SqlJobStore
from resumeroast.adapters.db.leases import SqlLeases
from resumeroast.adapters.db.review_cache import SqlReviewCache
from resumeroast.adapters.metrics import PrometheusMetrics
from resumeroast.bootstrap import group_commit
from resumeroast.core.analysis import analyze
from resumeroast.core.documents import DocumentKind
from resumeroast.core.feedback import Level
from resumeroast.core.jobs import NewJob
from resumeroast.core.readers import read_document
from resumeroast.core.review.builtin import BuiltinReviewer
from resumeroast.pipeline import (
    Deps,
    Limits,
    RetryPolicy,
    analysis_fingerprint,
    reconcile,
    review_cache_key,
)
from tests.unit.pipeline.fakes import RESUME


def key_for(as_of: date, **changes: Any) -> str:
    document = read_document(RESUME, DocumentKind.TXT)
    analysis = replace(analyze(document, as_of=as_of), **changes)
    parts: dict[str, Any] = {
        "text": document.text,
        "job_description": None,
        "level": Level.HONEST,
        "identity": "openai:gpt-4o-mini:review_v3",
    }
    return review_cache_key(**parts, analysis=analysis_fingerprint(analysis))


def test_the_same_analysis_hits_the_cache() -> None:
    assert key_for(date(2025, 6, 1)) == key_for(date(2025, 6, 1))


def test_a_new_analyzer_or_a_later_present_misses_it() -> None:
    """The cached feedback carries the analyzer's findings and scores: when they would differ
    the stale ones must not be served."""
    first = key_for(date(2025, 6, 1))
    assert key_for(date(2025, 6, 1), version="9.9.9") != first
    assert key_for(date(2030, 6, 1)) != first  # "Present" is five more years of experience


def test_every_part_of_the_issue_key_still_counts() -> None:
    base: dict[str, Any] = {
        "text": "t",
        "job_description": None,
        "level": Level.HONEST,
        "identity": "p:m:v1",
        "analysis": "a",
    }
    key = review_cache_key(**base)
    for name, other in [
        ("text", "u"),
        ("job_description", "Python"),
        ("level", Level.BRUTAL),
        ("identity", "p:m:v2"),
        ("identity", "p:other:v1"),
    ]:
        assert review_cache_key(**(base | {name: other})) != key, name


# --- reconciler ---------------------------------------------------------------------------


class RecordingQueue:
    def __init__(self, depth: int | None) -> None:
        self.depth = depth
        self.published: list[str] = []

    def enqueue_review(
        self, job_id: str, *, countdown_s: float | None = None, large: bool = False
    ) -> None:
        self.published.append(job_id)

    def enqueue_reviews(
        self,
        job_ids: Sequence[str],
        *,
        request_ids: Mapping[str, str] | None = None,
        large: Collection[str] = (),
    ) -> None:
        del request_ids
        self.published.extend(job_ids)

    def queue_depth(self) -> int | None:
        return self.depth

    def ping(self) -> bool:
        return True


class NoEvents:
    def publish(self, job_id: str, payload: dict[str, Any]) -> None:
        del job_id, payload

    async def subscribe(self, job_id: str) -> AsyncIterator[dict[str, Any]]:
        del job_id
        return
        yield {}

    def ping(self) -> bool:
        return True


def deps_for(jobs: SqlJobStore, queue: RecordingQueue) -> Deps:
    return Deps(
        jobs=jobs,
        review_cache=SqlReviewCache(jobs.engine),
        dead_letters=SqlDeadLetters(jobs.engine),
        leases=SqlLeases(jobs.engine),
        submissions=group_commit(jobs, queue),
        queue=queue,
        events=NoEvents(),
        reviewer=BuiltinReviewer(),
        parse=read_document,
        limits=Limits(max_upload_bytes=1 << 20, max_job_description_chars=1000, lease_s=60),
        breaker=NoBreaker(),
        metrics=PrometheusMetrics(),
        retry=RetryPolicy(max_retries=3, base_s=1.0, cap_s=60.0, outage_max_wait_s=1800.0),
    )


def accepted(jobs: SqlJobStore, count: int) -> list[str]:
    news = [
        NewJob(
            data=RESUME + str(i).encode(),
            kind=DocumentKind.TXT,
            filename="r.txt",
            level=Level.HONEST,
            job_description=None,
            content_sha256=f"{i:064d}",
        )
        for i in range(count)
    ]
    return [job.id for job in jobs.create_jobs(news)]


def test_a_backlog_is_not_published_again_each_round(jobs: SqlJobStore) -> None:
    queued = accepted(jobs, 3)
    queue = RecordingQueue(depth=3)  # a message waits in the broker for each of them
    for _ in range(5):
        assert reconcile(deps_for(jobs, queue), stale_after_s=0, dead_owner=lambda _: False) == []
    assert queue.published == []
    queue.depth = 1  # the broker lost messages: fewer waiting than stale jobs
    republished = reconcile(deps_for(jobs, queue), stale_after_s=0, dead_owner=lambda _: False)
    assert sorted(republished) == sorted(queued) == sorted(queue.published)


def test_lost_messages_and_lost_leases_are_published_again(jobs: SqlJobStore) -> None:
    queued = accepted(jobs, 2)
    stuck = accepted(jobs, 1)[0]
    assert jobs.claim_job(stuck, owner="gone", lease_s=-1) is not None  # its lease ran out
    queue = RecordingQueue(depth=None)  # a broker that cannot say: publish to be safe
    republished = reconcile(deps_for(jobs, queue), stale_after_s=0, dead_owner=lambda _: False)
    assert sorted(republished) == sorted([*queued, stuck])
    busy = RecordingQueue(depth=100)  # a backlog never holds back a job whose run is gone
    assert reconcile(deps_for(jobs, busy), stale_after_s=0, dead_owner=lambda _: False) == [stuck]
