"""The one place that picks concrete adapters from Settings (API, worker, CLI and tests)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import partial

import redis
from celery import Celery
from sqlalchemy import Engine

from resumeroast.adapters.breaker import BreakerPolicy, NoBreaker, RedisCircuitBreaker
from resumeroast.adapters.db.engine import make_engine
from resumeroast.adapters.db.repository import SqlJobRepository
from resumeroast.adapters.events import RedisEventBus
from resumeroast.adapters.llm import build_reviewer
from resumeroast.adapters.metrics import PrometheusMetrics
from resumeroast.adapters.parsing import parse_document
from resumeroast.adapters.queue import CeleryTaskQueue, make_celery
from resumeroast.adapters.secrets import secret_key
from resumeroast.pipeline import Breaker, Deps, Limits
from resumeroast.settings import Settings


@dataclass
class Runtime:
    settings: Settings
    engine: Engine
    celery: Celery
    deps: Deps
    secret: bytes


def redis_url_of(settings: Settings) -> str:
    if settings.redis_url is None:
        raise RuntimeError(
            "REDIS_URL is not set: run `resumeroast up`, or point REDIS_URL at Redis"
        )
    return settings.redis_url


def build_runtime(settings: Settings) -> Runtime:
    engine = make_engine(settings.effective_database_url)
    celery = make_celery(settings)
    reviewer = build_reviewer(settings)
    redis_url = redis_url_of(settings)
    breaker: Breaker = NoBreaker()
    if reviewer.is_billable:
        policy = BreakerPolicy(
            window=settings.breaker_window,
            failure_ratio=settings.breaker_failure_ratio,
            cooldown_s=settings.breaker_cooldown_s,
        )
        breaker = RedisCircuitBreaker(redis.Redis.from_url(redis_url, socket_timeout=2), policy)
    deps = Deps(
        jobs=SqlJobRepository(engine),
        queue=CeleryTaskQueue(celery),
        events=RedisEventBus(redis_url),
        reviewer=reviewer,
        parse=partial(
            parse_document,
            max_pages=settings.max_pdf_pages,
            timeout_s=settings.parse_timeout_s,
            memory_limit_mb=settings.parse_memory_mb,
        ),
        breaker=breaker,
        metrics=PrometheusMetrics(),
        limits=Limits(
            max_upload_bytes=settings.max_upload_bytes,
            max_job_description_chars=settings.max_job_description_chars,
            lease_s=settings.task_time_limit_s + 30,
        ),
    )
    return Runtime(
        settings=settings, engine=engine, celery=celery, deps=deps, secret=secret_key(settings)
    )
