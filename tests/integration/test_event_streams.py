"""Many event streams on one API process share one Redis subscription, and each still gets
its own job's events to the end."""

from __future__ import annotations

import asyncio
import json
from typing import Any

import httpx
import pytest
import redis

from tests.support.aio import run_async
from tests.support.api import JobRef, submit
from tests.support.stack import Stack

pytestmark = pytest.mark.integration

STREAMS = 12


def _subscribed_connections(url: str) -> int:
    clients = redis.Redis.from_url(url).client_list()
    return sum(1 for c in clients if int(c.get("sub", 0)) or int(c.get("psub", 0)))


def test_streams_share_one_subscription_and_each_ends_with_its_job(
    stack: Stack, client: httpx.Client
) -> None:
    assert stack.redis is not None
    jobs = [submit(client, "text/hrhelper__sample_resume.txt") for _ in range(STREAMS)]

    async def follow_all() -> tuple[int, list[list[dict[str, Any]]]]:
        opened = asyncio.Event()
        first_seen = 0

        async def follow(http: httpx.AsyncClient, job: JobRef) -> list[dict[str, Any]]:
            nonlocal first_seen
            events: list[dict[str, Any]] = []
            url = f"/api/resumes/{job.id}/events"
            async with http.stream("GET", url, headers=job.headers) as stream:
                async for line in stream.aiter_lines():
                    if not line.startswith("data:"):
                        continue
                    events.append(json.loads(line[5:]))
                    if len(events) == 1:
                        first_seen += 1
                        if first_seen == STREAMS:
                            opened.set()
                    if events[-1]["status"] in ("complete", "failed"):
                        return events
            return events

        timeout = httpx.Timeout(10, read=120)
        async with httpx.AsyncClient(base_url=stack.base_url, timeout=timeout) as http:
            tasks = [asyncio.create_task(follow(http, job)) for job in jobs]
            await asyncio.wait_for(opened.wait(), 60)
            assert stack.redis is not None
            subscribed = await asyncio.to_thread(_subscribed_connections, stack.redis.url)
            stack.start_worker(concurrency=2)
            return subscribed, list(await asyncio.gather(*tasks))

    subscribed, streams = run_async(follow_all())
    assert subscribed == 1  # one API process, one subscription, however many streams
    for job, events in zip(jobs, streams, strict=True):
        assert events[0]["status"] == "queued"
        assert events[-1]["status"] == "complete", events
        assert {event["job_id"] for event in events} == {job.id}
