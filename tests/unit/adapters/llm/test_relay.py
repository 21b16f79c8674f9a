"""The LLM relay: a call outlives its caller, identical calls are paid once, errors are not kept.

The relay runs in-process (ASGI); the provider behind it is replaced at its HTTP boundary.
The chaos tests run it as a process between killed workers and an LLM stand-in.
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from typing import Any

import httpx

from resumeroast.adapters.llm.relay import create_relay_app, request_key
from resumeroast.ports import LLM_SCOPE_HEADER
from tests.support.aio import run_async

UPSTREAM = "https://llm.example/v1"
BODY = {"model": "m", "messages": [{"role": "user", "content": "review this"}], "seed": 7}
KEY = {"Authorization": "Bearer sk-one"}


@dataclass
class Provider:
    """Answers each call with its number, after `release` is set (set by default)."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    calls: list[httpx.Request] = field(default_factory=list)
    release: asyncio.Event | None = None
    fail_with: Exception | None = None

    async def __call__(self, request: httpx.Request) -> httpx.Response:
        self.calls.append(request)
        if self.release is not None:
            await self.release.wait()
        if self.fail_with is not None:
            raise self.fail_with
        payload = {"answer": len(self.calls)}
        return httpx.Response(self.status, json=payload, headers=self.headers)


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def relay_client(
    provider: Provider, *, ttl_s: float = 60, clock: Callable[[], float] | None = None
) -> httpx.AsyncClient:
    app = create_relay_app(
        UPSTREAM,
        timeout_s=5,
        ttl_s=ttl_s,
        transport=httpx.MockTransport(provider),
        **({"clock": clock} if clock else {}),
    )
    return httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://relay")


async def until(condition: Callable[[], bool | Awaitable[bool]]) -> None:
    """Poll with a deadline: fails, rather than hangs, when the relay never gets there."""
    async with asyncio.timeout(5):
        while True:
            met = condition()
            if met if isinstance(met, bool) else await met:
                return
            await asyncio.sleep(0.01)


async def health_says(client: httpx.AsyncClient, field: str, value: int) -> bool:
    """The relay's health answer reports `value` for `field`."""
    reading: dict[str, Any] = (await client.get("/relay/healthz")).json()
    return bool(reading[field] == value)


async def post(
    client: httpx.AsyncClient, body: Any = BODY, headers: dict[str, str] = KEY
) -> httpx.Response:
    return await client.post("/chat/completions", content=json.dumps(body), headers=headers)


def test_forwards_the_request_unchanged_to_the_upstream_path() -> None:
    provider = Provider(headers={"x-request-id": "req_1", "retry-after": "2"})

    async def scenario() -> httpx.Response:
        async with relay_client(provider) as client:
            return await client.post(
                "/chat/completions?api-version=1",
                content=json.dumps(BODY),
                headers={**KEY, "Content-Type": "application/json", "X-Stainless-Lang": "py"},
            )

    answer = run_async(scenario())
    [call] = provider.calls
    assert str(call.url) == "https://llm.example/v1/chat/completions?api-version=1"
    assert call.headers["authorization"] == "Bearer sk-one"
    assert call.headers["x-stainless-lang"] == "py"
    assert call.headers["host"] == "llm.example"
    assert json.loads(call.content) == BODY
    assert answer.json() == {"answer": 1}
    assert answer.headers["x-request-id"] == "req_1"
    assert answer.headers["x-resumeroast-relay"] == "called"


def test_identical_calls_in_flight_share_one_upstream_call() -> None:
    provider = Provider(release=asyncio.Event())

    async def scenario() -> list[httpx.Response]:
        assert provider.release is not None
        async with relay_client(provider) as client:
            first = asyncio.create_task(post(client))
            second = asyncio.create_task(post(client))
            await until(lambda: bool(provider.calls))
            # Both callers are waiting on the call before it answers.
            await until(lambda: health_says(client, "callers_waiting", 2))
            provider.release.set()
            return list(await asyncio.gather(first, second))

    first, second = run_async(scenario())
    assert len(provider.calls) == 1
    assert first.json() == second.json() == {"answer": 1}
    assert [first.headers["x-resumeroast-relay"], second.headers["x-resumeroast-relay"]] == [
        "called",
        "joined",
    ]


def test_a_caller_hanging_up_leaves_the_call_running_and_its_reply_kept() -> None:
    """The worker killed mid-call: its successor gets the answer the provider billed for."""
    provider = Provider(release=asyncio.Event())

    async def scenario() -> httpx.Response:
        assert provider.release is not None
        async with relay_client(provider) as client:
            doomed = asyncio.create_task(post(client))
            await until(lambda: bool(provider.calls))
            doomed.cancel()  # the connection closes: the caller is gone
            await asyncio.gather(doomed, return_exceptions=True)
            provider.release.set()
            await until(lambda: health_says(client, "replies_kept", 1))
            return await post(client)  # the redelivered task asks again

    again = run_async(scenario())
    assert len(provider.calls) == 1
    assert again.json() == {"answer": 1}
    assert again.headers["x-resumeroast-relay"] == "kept"


def test_other_credentials_or_another_body_make_another_call() -> None:
    provider = Provider()

    async def scenario() -> None:
        async with relay_client(provider) as client:
            await post(client)
            await post(client, headers={"Authorization": "Bearer sk-two"})
            await post(client, body={**BODY, "seed": 8})
            reordered = dict(reversed(list(BODY.items())))  # the same call, keys in other order
            answer = await post(client, body=reordered)
            assert answer.headers["x-resumeroast-relay"] == "kept"

    run_async(scenario())
    assert len(provider.calls) == 3


def test_errors_are_passed_back_and_not_kept() -> None:
    """The worker's retry policy decides: each retry reaches the provider."""
    provider = Provider(status=429, headers={"retry-after": "3"})

    async def scenario() -> list[httpx.Response]:
        async with relay_client(provider) as client:
            return [await post(client), await post(client)]

    answers = run_async(scenario())
    assert [a.status_code for a in answers] == [429, 429]
    assert answers[0].headers["retry-after"] == "3"
    assert len(provider.calls) == 2


def test_an_unreachable_or_slow_provider_is_a_5xx_the_sdks_retry() -> None:
    unreachable = Provider(fail_with=httpx.ConnectError("refused"))
    slow = Provider(fail_with=httpx.ReadTimeout("slow"))

    async def scenario(provider: Provider) -> httpx.Response:
        async with relay_client(provider) as client:
            return await post(client)

    refused, timed_out = run_async(scenario(unreachable)), run_async(scenario(slow))
    assert refused.status_code == 502
    assert "could not be reached" in refused.json()["error"]["message"]
    assert timed_out.status_code == 504
    assert "did not answer in time" in timed_out.json()["error"]["message"]


def test_replies_are_forgotten_after_the_ttl() -> None:
    provider = Provider()
    clock = Clock()

    async def scenario() -> list[str]:
        async with relay_client(provider, ttl_s=60, clock=clock) as client:
            how = [(await post(client)).headers["x-resumeroast-relay"]]
            clock.now += 59
            how.append((await post(client)).headers["x-resumeroast-relay"])
            clock.now += 2
            how.append((await post(client)).headers["x-resumeroast-relay"])
            return how

    assert run_async(scenario()) == ["called", "kept", "called"]
    assert len(provider.calls) == 2


def test_the_key_covers_credentials_path_and_body_content() -> None:
    def key(path: str = "/chat/completions", auth: str = "a", body: bytes = b'{"a":1}') -> str:
        return request_key("POST", path, {"authorization": auth}, body)

    assert key(body=b'{"a":1,"b":2}') == key(body=b'{"b": 2, "a": 1}')
    assert key() != key(auth="b")
    assert key() != key(path="/messages")
    assert key() != key(body=b'{"a":2}')
    assert key(body=b"not json") == key(body=b"not json") != key(body=b"not json!")


def test_a_kept_reply_is_shared_within_one_job_only_and_the_job_is_not_forwarded() -> None:
    """A redelivered task gets its job's reply; another job with the same prompt (the same
    resume resubmitted after an unusable answer) asks the provider again."""
    provider = Provider()

    async def scenario() -> list[str]:
        async with relay_client(provider) as client:
            hows = []
            for job in ("job-1", "job-1", "job-2"):
                answer = await post(client, headers={**KEY, LLM_SCOPE_HEADER: job})
                hows.append(answer.headers["x-resumeroast-relay"])
            return hows

    assert run_async(scenario()) == ["called", "kept", "called"]
    assert len(provider.calls) == 2
    assert all(LLM_SCOPE_HEADER not in call.headers for call in provider.calls)
