"""The one place that picks concrete adapters from Settings (API, worker, CLI and tests)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import redis
from celery import Celery
from sqlalchemy import Engine

from resumeroast.adapters.breaker import BreakerPolicy, NoBreaker, RedisCircuitBreaker
from resumeroast.adapters.db.dead_letters import SqlDeadLetters
from resumeroast.adapters.db.engine import make_engine, migrate
from resumeroast.adapters.db.job_store import SqlJobStore
from resumeroast.adapters.db.leases import SqlLeases
from resumeroast.adapters.db.page_images import SqlPageImages
from resumeroast.adapters.db.review_cache import SqlReviewCache
from resumeroast.adapters.events import DatabaseEventBus, RedisEventBus
from resumeroast.adapters.llm import build_reviewer
from resumeroast.adapters.metrics import PrometheusMetrics
from resumeroast.adapters.parsed_documents import RedisParsedDocuments
from resumeroast.adapters.parsing import PAGE_IMAGES_MAX, parse_document, render_page_images
from resumeroast.adapters.queue import CeleryTaskQueue, is_sqs, make_celery
from resumeroast.adapters.queued_slots import RedisQueuedSlots
from resumeroast.adapters.quota import QuotaPolicy, RedisProviderQuota
from resumeroast.adapters.ratelimit import RedisRateLimiter
from resumeroast.adapters.secrets import secret_key
from resumeroast.adapters.sqs_dead_letters import SqsDeadLetterQueue
from resumeroast.adapters.submissions import GroupCommitSubmissions
from resumeroast.pipeline import Deps, Limits, RetryPolicy, job_event, store_and_publish
from resumeroast.ports import Breaker, EventPublisher, JobStore, TaskQueue
from resumeroast.settings import Settings


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    celery: Celery
    deps: Deps
    secret: bytes

    def close(self) -> None:
        """Release what build_runtime opened: entry points call it on shutdown."""
        self.deps.submissions.close()  # stores the uploads still waiting for their group
        self.deps.reviewer.close()  # stops a local model server
        self.deps.events.close()
        self.celery.close()
        self.engine.dispose()


def build_runtime(settings: Settings) -> Runtime:
    """Redis, when REDIS_URL is set, carries stage events, the circuit breaker and the upload
    limit; without it (SQS as the only broker) events fall back to the database and the
    breaker and limit are off."""
    engine = make_engine(settings.effective_database_url)
    celery = make_celery(settings)
    reviewer = build_reviewer(settings)
    jobs = SqlJobStore(engine)
    queue = CeleryTaskQueue(celery)
    breaker: Breaker = NoBreaker()
    quota: RedisProviderQuota | None = None
    parsed: RedisParsedDocuments | None = None
    events: EventPublisher = DatabaseEventBus(lambda job_id: job_event(jobs.get_job(job_id)))
    if settings.redis_url is not None:
        events = RedisEventBus(settings.redis_url)
        if reviewer.is_billable:
            client = redis.Redis.from_url(settings.redis_url, socket_timeout=2)
            breaker = RedisCircuitBreaker(client, breaker_policy(settings))
            quota = RedisProviderQuota(client, quota_policy(settings))
            parsed = RedisParsedDocuments(client, ttl_s=settings.llm_outage_max_wait_s + 600)
    deps = Deps(
        jobs=jobs,
        review_cache=SqlReviewCache(engine),
        dead_letters=SqlDeadLetters(engine),
        leases=SqlLeases(engine),
        submissions=group_commit(jobs, queue, large_from_bytes=settings.large_upload_bytes),
        queue=queue,
        events=events,
        reviewer=reviewer,
        parse=partial(
            parse_document,
            max_pages=settings.max_pdf_pages,
            timeout_s=settings.parse_timeout_s,
            memory_limit_mb=settings.parse_memory_mb,
        ),
        render_pages=partial(
            render_page_images,
            max_pages=min(settings.max_pdf_pages, PAGE_IMAGES_MAX),
            timeout_s=settings.parse_timeout_s,
            memory_limit_mb=settings.parse_memory_mb,
        ),
        page_images=SqlPageImages(engine),
        breaker=breaker,
        quota=quota,
        parsed=parsed,
        metrics=PrometheusMetrics(),
        limits=Limits(
            max_upload_bytes=settings.max_upload_bytes,
            max_job_description_chars=settings.max_job_description_chars,
            lease_s=settings.task_time_limit_s + 30,
            large_upload_bytes=settings.large_upload_bytes,
        ),
        retry=RetryPolicy(
            max_retries=settings.max_retries,
            base_s=settings.retry_base_s,
            cap_s=settings.retry_cap_s,
            outage_max_wait_s=settings.llm_outage_max_wait_s,
        ),
        redriven=redrive_queue(settings, celery),
    )
    return Runtime(
        settings=settings, engine=engine, celery=celery, deps=deps, secret=secret_key(settings)
    )


def migrate_schema(settings: Settings) -> None:
    """Create or upgrade the database schema."""
    engine = make_engine(settings.effective_database_url)
    try:
        migrate(engine)
    finally:
        engine.dispose()


def build_rate_limiter(settings: Settings) -> RedisRateLimiter:
    """The per-client upload limit, shared by the API processes through Redis (none without)."""
    return RedisRateLimiter(settings.redis_url, per_minute=settings.upload_rate_limit_per_minute)


def build_queued_slots(settings: Settings) -> RedisQueuedSlots:
    """The cap on each client's unfinished jobs, shared through Redis (none without)."""
    return RedisQueuedSlots(settings.redis_url, per_client=settings.max_queued_per_client)


def group_commit(
    jobs: JobStore, queue: TaskQueue, *, large_from_bytes: int | None = None
) -> GroupCommitSubmissions:
    """The submissions port: uploads that arrive together are stored and published together."""
    return GroupCommitSubmissions(
        partial(store_and_publish, jobs, queue, large_from_bytes=large_from_bytes)
    )


def redrive_queue(settings: Settings, celery: Celery) -> SqsDeadLetterQueue | None:
    """SQS's own dead-letter queue, when SQS is the broker and SQS_DEAD_LETTER_QUEUE names it."""
    name = settings.sqs_dead_letter_queue
    if not name or not is_sqs(str(celery.conf.broker_url)):
        return None
    return SqsDeadLetterQueue(celery, name)


def quota_policy(settings: Settings) -> QuotaPolicy:
    return QuotaPolicy(
        requests_per_minute=settings.llm_quota_rpm,
        tokens_per_minute=settings.llm_quota_tpm,
        daily_spend_cap_usd=settings.llm_daily_spend_cap_usd,
    )


def breaker_policy(settings: Settings) -> BreakerPolicy:
    return BreakerPolicy(
        window=settings.breaker_window,
        failure_ratio=settings.breaker_failure_ratio,
        cooldown_s=settings.breaker_cooldown_s,
    )
