"""In-memory stand-ins for the pipeline's ports (the database's stores are the real ones, on
SQLite).

Each records what the use case did to it, so a test reads what a user or an operator would
see: the job's row, the events published, the messages enqueued.
"""

from __future__ import annotations

import dataclasses
from collections.abc import AsyncIterator, Callable, Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from resumeroast.adapters.db.dead_letters import SqlDeadLetters
from resumeroast.adapters.db.engine import migrate
from resumeroast.adapters.db.job_store import SqlJobStore
from resumeroast.adapters.db.leases import SqlLeases
from resumeroast.adapters.db.review_cache import SqlReviewCache
from resumeroast.bootstrap import Runtime, build_runtime, group_commit
from resumeroast.core.analysis import render_feedback
from resumeroast.core.feedback import Feedback
from resumeroast.core.jobs import Job, LLMUsage, Stage
from resumeroast.core.readers import read_document
from resumeroast.errors import BrokerUnavailable
from resumeroast.pipeline import Deps, Limits, RetryPolicy, Upload, submit_resume
from resumeroast.ports import RedrivenMessage, ReviewRequest
from resumeroast.settings import Settings
from tests.support.aio import run_async

RESUME = b"""Jane Doe
jane@example.test | +1 555 0100

EXPERIENCE
Senior Engineer, Acme Corp, Jan 2021 - Present
- Built the billing service that cut invoice errors by 40%
- Led a team of five engineers through a database migration

EDUCATION
BSc Computer Science, State University, 2016
"""


class FakeQueue:
    """The broker: remembers what was published; `down` makes every publish fail."""

    def __init__(self, *, down: bool = False, depth: int | None = None) -> None:
        self.down = down
        self.depth = depth
        self.enqueued: list[str] = []
        self.request_ids: dict[str, str] = {}  #: job id → the upload request's id
        self.large: list[str] = []  #: the ones sent to the large documents' queue

    def enqueue_review(
        self, job_id: str, *, countdown_s: float | None = None, large: bool = False
    ) -> None:
        del countdown_s
        self.enqueue_reviews([job_id], large=[job_id] if large else ())

    def enqueue_reviews(
        self,
        job_ids: Sequence[str],
        *,
        request_ids: Mapping[str, str] | None = None,
        large: Collection[str] = (),
    ) -> None:
        if self.down:
            raise BrokerUnavailable("the broker is down")
        self.enqueued.extend(job_ids)
        self.request_ids.update(request_ids or {})
        self.large.extend(job_id for job_id in job_ids if job_id in large)

    def queue_depth(self) -> int | None:
        return self.depth

    def ping(self) -> bool:
        return not self.down


class FakeEvents:
    """Pub/sub: the payloads published, per job, in order."""

    def __init__(self) -> None:
        self.published: list[dict[str, Any]] = []

    def publish(self, job_id: str, payload: dict[str, Any]) -> None:
        assert payload["job_id"] == job_id
        self.published.append(payload)

    async def subscribe(self, job_id: str) -> AsyncIterator[dict[str, Any]]:
        for payload in list(self.published):
            if payload["job_id"] == job_id:
                yield payload

    def ping(self) -> bool:
        return True

    def close(self) -> None:
        return None

    def stages(self) -> list[str | None]:
        return [payload["stage"] for payload in self.published]

    def last(self) -> dict[str, Any]:
        return self.published[-1]


class FakeBreaker:
    """A circuit breaker that opens after `trips_after` failures (never when None), or when
    `opened` is set, and then asks callers to wait `cooldown_s`."""

    def __init__(self, *, trips_after: int | None = None, cooldown_s: float = 30.0) -> None:
        self.trips_after = trips_after
        self.cooldown_s = cooldown_s
        self.opened = False
        self.records: list[tuple[str, bool]] = []

    def wait_s(self, name: str) -> float | None:
        return self.cooldown_s if self.is_open(name) else None

    def record(self, name: str, *, ok: bool) -> None:
        self.records.append((name, ok))

    def is_open(self, name: str) -> bool:
        failures = sum(1 for recorded, ok in self.records if recorded == name and not ok)
        return self.opened or (self.trips_after is not None and failures >= self.trips_after)


@dataclass
class FakeMetrics:
    finished: list[str] = field(default_factory=list)
    retries: list[str] = field(default_factory=list)
    usage: list[tuple[str, LLMUsage]] = field(default_factory=list)
    provider_errors: list[tuple[str, str]] = field(default_factory=list)
    stages: list[Stage] = field(default_factory=list)

    def stage_seconds(self, stage: Stage, seconds: float) -> None:
        assert seconds >= 0
        self.stages.append(stage)

    def job_finished(self, status: str) -> None:
        self.finished.append(status)

    def retry_scheduled(self, reason: str) -> None:
        self.retries.append(reason)

    def llm_usage(self, provider: str, usage: LLMUsage) -> None:
        self.usage.append((provider, usage))

    def provider_error(self, provider: str, kind: str) -> None:
        self.provider_errors.append((provider, kind))


class ScriptedReviewer:
    """A model that answers from a script: each call takes the next step, an exception to
    raise or None for an answer (the analyzer's feedback, billed at `tokens` in and out).
    `meanwhile` runs during each call: what the rest of the world does while the model thinks."""

    def __init__(
        self,
        *steps: Exception | None,
        billable: bool = True,
        tokens: int = 100,
        meanwhile: Callable[[], None] | None = None,
    ) -> None:
        self.steps = list(steps)
        self.meanwhile = meanwhile
        self.is_billable = billable
        self.tokens = tokens
        self.calls: list[ReviewRequest] = []
        self.closed = False

    @property
    def identity(self) -> str:
        return "scripted:model-1:v1"

    def review(self, request: ReviewRequest) -> Feedback:
        self.calls.append(request)
        if self.meanwhile is not None:
            self.meanwhile()
        step = self.steps.pop(0) if self.steps else None
        if step is not None:
            raise step
        feedback = render_feedback(request.analysis, request.level)
        info = feedback.review.model_copy(
            update={"reviewer": "scripted", "tokens_in": self.tokens, "tokens_out": self.tokens}
        )
        return feedback.model_copy(update={"review": info})

    def close(self) -> None:
        self.closed = True


RETRY = RetryPolicy(max_retries=3, base_s=1.0, cap_s=60.0, outage_max_wait_s=1800.0)


@dataclass
class World:
    """The deps of one test, with the fakes reachable by their own types."""

    deps: Deps
    queue: FakeQueue
    events: FakeEvents
    breaker: FakeBreaker
    metrics: FakeMetrics
    reviewer: ScriptedReviewer


def world(
    jobs: SqlJobStore,
    *,
    reviewer: ScriptedReviewer | None = None,
    queue: FakeQueue | None = None,
    breaker: FakeBreaker | None = None,
    retry: RetryPolicy = RETRY,
    parse: Any = read_document,
    redrive: FakeRedrive | None = None,
    large_from_bytes: int | None = None,
) -> World:
    reviewer = reviewer or ScriptedReviewer(billable=False)
    queue, breaker = queue or FakeQueue(), breaker or FakeBreaker()
    events, metrics = FakeEvents(), FakeMetrics()
    deps = Deps(
        jobs=jobs,
        review_cache=SqlReviewCache(jobs.engine),
        dead_letters=SqlDeadLetters(jobs.engine),
        leases=SqlLeases(jobs.engine),
        submissions=group_commit(jobs, queue, large_from_bytes=large_from_bytes),
        queue=queue,
        events=events,
        reviewer=reviewer,
        parse=parse,
        limits=Limits(
            max_upload_bytes=1 << 20,
            max_job_description_chars=1000,
            lease_s=60,
            large_upload_bytes=large_from_bytes,
        ),
        breaker=breaker,
        metrics=metrics,
        retry=retry,
        redriven=redrive,
    )
    return World(deps, queue, events, breaker, metrics, reviewer)


def runtime_with_queue(settings: Settings, queue: Any) -> Runtime:
    """The runtime bootstrap builds (on a migrated database) with `queue` as its broker, for an
    in-process app whose uploads are published to a recording queue."""
    built = build_runtime(settings)
    migrate(built.engine)
    deps = dataclasses.replace(
        built.deps, queue=queue, submissions=group_commit(built.deps.jobs, queue)
    )
    return dataclasses.replace(built, deps=deps)


def submit(deps: Deps, upload: Upload) -> tuple[Job, bool]:
    """submit_resume from a synchronous test: the upload's own turn of an event loop."""
    return run_async(submit_resume(deps, upload))


class FakeRedrive:
    """A broker's own dead-letter queue (SQS's redrive policy): messages wait until replayed;
    one whose put_back raises stays."""

    def __init__(self) -> None:
        self.messages: list[RedrivenMessage] = []

    def peek(self, *, limit: int = 100) -> list[RedrivenMessage]:
        return self.messages[:limit]

    def replay(
        self, wanted: Callable[[RedrivenMessage], bool], put_back: Callable[[str], None]
    ) -> list[RedrivenMessage]:
        moved = []
        for message in list(self.messages):
            if message.job_id and wanted(message):
                put_back(message.job_id)
                self.messages.remove(message)
                moved.append(message)
        return moved
