"""Prometheus metrics, safe across processes (API workers, Celery pool children).

Counters and histograms are written by each process into PROMETHEUS_MULTIPROC_DIR (set by the
CLI before prometheus_client is imported); the API's /metrics merges them. Levels that live in
the database or Redis (jobs by status, queue depth, dead letters, breaker state) are read at
scrape time, so they are right whichever process changed them.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator

from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    generate_latest,
    multiprocess,
)
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.registry import Collector

from resumeroast.core.jobs import LLMUsage, Stage

STAGE_SECONDS = Histogram(
    "resumeroast_stage_duration_seconds",
    "Time spent in each stage of a review",
    ["stage"],
    buckets=(0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120),
)
JOBS_FINISHED = Counter(
    "resumeroast_jobs_finished_total", "Jobs that reached a final status", ["status"]
)
RETRIES = Counter(
    "resumeroast_retries_total", "Retries scheduled after transient failures", ["reason"]
)
LLM_TOKENS = Counter("resumeroast_llm_tokens_total", "LLM tokens", ["provider", "direction"])
LLM_COST = Counter(
    "resumeroast_llm_cost_usd_total", "Estimated LLM cost in US dollars", ["provider"]
)
PROVIDER_ERRORS = Counter(
    "resumeroast_provider_errors_total", "LLM provider errors", ["provider", "kind"]
)


class PrometheusMetrics:
    def stage_seconds(self, stage: Stage, seconds: float) -> None:
        STAGE_SECONDS.labels(stage.value).observe(seconds)

    def job_finished(self, status: str) -> None:
        JOBS_FINISHED.labels(status).inc()

    def retry_scheduled(self, reason: str) -> None:
        RETRIES.labels(reason).inc()

    def llm_usage(self, provider: str, usage: LLMUsage) -> None:
        LLM_TOKENS.labels(provider, "in").inc(usage.tokens_in)
        LLM_TOKENS.labels(provider, "out").inc(usage.tokens_out)
        LLM_COST.labels(provider).inc(usage.cost_usd)

    def provider_error(self, provider: str, kind: str) -> None:
        PROVIDER_ERRORS.labels(provider, kind).inc()


class StateCollector(Collector):
    """Levels read at scrape time from their source of truth."""

    def __init__(
        self,
        *,
        jobs_by_status: Callable[[], dict[str, int]],
        queue_depth: Callable[[], int | None],
        dead_letters: Callable[[], int],
        breaker_open: Callable[[], dict[str, bool]],
        oldest_queued_age_s: Callable[[], float] = lambda: 0.0,
        spend_today: Callable[[], tuple[float, bool] | None] = lambda: None,
    ) -> None:
        self.jobs_by_status = jobs_by_status
        self.queue_depth = queue_depth
        self.dead_letters = dead_letters
        self.breaker_open = breaker_open
        self.oldest_queued_age_s = oldest_queued_age_s
        self.spend_today = spend_today

    def collect(self) -> Iterator[Metric]:
        jobs = GaugeMetricFamily("resumeroast_jobs", "Jobs by status", labels=["status"])
        counts = self.jobs_by_status()
        for status in ("queued", "processing", "complete", "failed"):
            jobs.add_metric([status], counts.get(status, 0))
        yield jobs
        yield GaugeMetricFamily(
            "resumeroast_oldest_queued_job_age_seconds",
            "Age of the oldest job still queued (0 when none waits)",
            value=self.oldest_queued_age_s(),
        )
        depth = self.queue_depth()
        if depth is not None:
            yield GaugeMetricFamily(
                "resumeroast_queue_depth", "Messages waiting in the broker", value=depth
            )
        yield GaugeMetricFamily(
            "resumeroast_dead_letters",
            "Entries in the dead-letter queue",
            value=self.dead_letters(),
        )
        breaker = GaugeMetricFamily(
            "resumeroast_circuit_breaker_open",
            "1 while the provider's circuit breaker is open",
            labels=["provider"],
        )
        for provider, is_open in self.breaker_open().items():
            breaker.add_metric([provider], 1.0 if is_open else 0.0)
        yield breaker
        spend = self.spend_today()  # None: no billable model, or no Redis to keep the total
        if spend is not None:
            spent_usd, cap_reached = spend
            yield GaugeMetricFamily(
                "resumeroast_llm_spend_today_usd",
                "Model spend so far today (UTC), all workers",
                value=spent_usd,
            )
            yield GaugeMetricFamily(
                "resumeroast_llm_spend_cap_reached",
                "1 while model reviews are paused by LLM_DAILY_SPEND_CAP_USD",
                value=1.0 if cap_reached else 0.0,
            )


def render(state: StateCollector) -> tuple[bytes, str]:
    registry = CollectorRegistry()
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        multiprocess.MultiProcessCollector(registry)  # type: ignore[no-untyped-call]
    else:
        from prometheus_client import REGISTRY

        registry = REGISTRY  # one process: the default registry holds our counters
    output = generate_latest(registry)
    state_registry = CollectorRegistry()
    state_registry.register(state)
    return output + generate_latest(state_registry), CONTENT_TYPE_LATEST
