"""The provider quota and the daily spend cap, shared through a real Redis by several worker
processes, against the OpenAI-compatible stand-in."""

from __future__ import annotations

import multiprocessing
import time

import httpx
import pytest
import redis

from resumeroast.adapters.embedded_redis import EmbeddedRedis
from resumeroast.adapters.parsed_documents import PREFIX, RedisParsedDocuments
from resumeroast.adapters.quota import QuotaPolicy, RedisProviderQuota
from resumeroast.core.documents import DocumentKind
from resumeroast.core.readers import read_document
from resumeroast.pipeline.process import SPEND_CAP_NOTE
from tests.support.api import FIXTURES, submit, wait_final
from tests.support.llm_standin import Standin
from tests.support.stack import Stack

pytestmark = pytest.mark.integration

RESUME = "text/hrhelper__sample_resume.txt"


def _caller(url: str, policy: QuotaPolicy, tokens: int, run_s: float, out: object) -> None:
    """One worker process: asks for a slot again and again, as jobs handed back would."""
    quota = RedisProviderQuota(redis.Redis.from_url(url), policy)
    granted: list[float] = []
    end = time.time() + run_s
    while time.time() < end:
        wait_s = quota.reserve("p", tokens)
        if wait_s is None:
            granted.append(time.time())
        else:
            time.sleep(min(wait_s, 0.02))  # the caller's back-off, not test synchronisation
    out.put(granted)  # type: ignore[attr-defined]


def grants_across_processes(
    server: EmbeddedRedis, policy: QuotaPolicy, *, tokens: int, processes: int = 4
) -> list[float]:
    ctx = multiprocessing.get_context("spawn")
    out = ctx.Queue()
    callers = [
        ctx.Process(target=_caller, args=(server.url, policy, tokens, 3.0, out))
        for _ in range(processes)
    ]
    for caller in callers:
        caller.start()
    granted = sorted(t for _ in callers for t in out.get(timeout=60))
    for caller in callers:
        caller.join(timeout=30)
    return granted


def assert_at_most_per_window(granted: list[float], limit: int, window_s: float) -> None:
    # Any limit + 1 grants in a row span at least a window (5% for the clocks' read latency).
    for first, later in zip(granted, granted[limit:], strict=False):
        assert later - first >= window_s * 0.95, (first, later)


def test_requests_per_window_never_exceed_the_quota_across_processes(
    redis_server: EmbeddedRedis,
) -> None:
    policy = QuotaPolicy(requests_per_minute=5, window_s=1.0)
    granted = grants_across_processes(redis_server, policy, tokens=10)
    assert_at_most_per_window(granted, 5, 1.0)
    assert len(granted) >= 10  # the quota lets calls through, a window's worth at a time


def test_tokens_per_window_never_exceed_the_quota_across_processes(
    redis_server: EmbeddedRedis,
) -> None:
    policy = QuotaPolicy(tokens_per_minute=300, window_s=1.0)
    granted = grants_across_processes(redis_server, policy, tokens=100)
    assert_at_most_per_window(granted, 3, 1.0)
    assert len(granted) >= 6


def test_over_the_quota_jobs_wait_and_finish_without_spending_retries(
    llm_stack: Stack, standin: Standin
) -> None:
    """Three jobs, two workers, two calls a minute: the third call waits the minute out."""
    llm_stack.extra_env["LLM_QUOTA_RPM"] = "2"
    llm_stack.start_worker()
    llm_stack.start_worker()
    with httpx.Client(base_url=llm_stack.base_url, timeout=30) as client:
        # A job description each: the review cache must not answer the later ones.
        jobs = [submit(client, RESUME, job_description=f"Analyst role {n}") for n in range(3)]
        results = [wait_final(client, job, timeout_s=150) for job in jobs]
    assert [r["status"] for r in results] == ["complete"] * 3, results
    assert all(r["feedback"]["review"]["reviewer"] == "openai" for r in results)
    times = sorted(call.at for call in standin.calls)
    assert len(times) == 3
    assert times[2] - times[0] >= 60 * 0.95  # never 3 calls in one minute
    assert [r["retries"] for r in results] == [0, 0, 0]


def test_over_the_spend_cap_jobs_get_the_labelled_builtin_review_and_the_alert_metric(
    llm_stack: Stack, standin: Standin
) -> None:
    # The stand-in bills 1000 tokens in and 200 out: at $1/$2 per million one call is $0.0014.
    llm_stack.extra_env.update(
        {
            "LLM_PRICE_IN_PER_MTOK": "1",
            "LLM_PRICE_OUT_PER_MTOK": "2",
            "LLM_DAILY_SPEND_CAP_USD": "0.001",
        }
    )
    llm_stack.restart_api()  # its /metrics reports today's spend against the same cap
    llm_stack.start_worker()
    llm_stack.start_worker()
    with httpx.Client(base_url=llm_stack.base_url, timeout=30) as client:
        first = wait_final(client, submit(client, RESUME, job_description="Role A"))
        assert first["feedback"]["review"]["reviewer"] == "openai"
        second = wait_final(client, submit(client, RESUME, job_description="Role B"))
        metrics = client.get("/metrics").text
    assert second["status"] == "complete"
    review = second["feedback"]["review"]
    assert review["reviewer"] == "builtin" and SPEND_CAP_NOTE in review["notes"]
    assert len(standin.calls) == 1  # no model call once the cap is reached
    assert "resumeroast_llm_spend_cap_reached 1.0" in metrics
    assert "resumeroast_llm_spend_today_usd 0.0014" in metrics


def test_a_parsed_document_is_kept_in_redis_until_the_job_is_saved(
    redis_server: EmbeddedRedis,
) -> None:
    kept = RedisParsedDocuments(redis.Redis.from_url(redis_server.url), ttl_s=60)
    upload = (FIXTURES / RESUME).read_bytes()
    document = read_document(upload, DocumentKind.TXT)
    kept.put("job-1", upload, document)
    assert kept.get("job-1", upload) == document
    # Sealed with the upload: Redis's files alone (its AOF after a delete) do not give it back.
    stored = redis.Redis.from_url(redis_server.url).get(PREFIX + "job-1")
    assert isinstance(stored, bytes) and document.lines[0].text.encode() not in stored
    assert kept.get("job-1", upload + b" ") is None
    kept.delete("job-1")
    assert kept.get("job-1", upload) is None
