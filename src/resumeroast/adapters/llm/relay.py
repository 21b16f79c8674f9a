"""The LLM relay: a paid model call outlives the worker that asked for it.

A worker killed mid-call (SIGKILL, OOM, a lost host) hangs up on the provider, which bills the
call all the same; the redelivered task would then pay for a second one. Workers therefore reach
a hosted provider through this small HTTP relay, a separate process on the worker's host:

- it forwards each request to the one upstream the settings name, unchanged;
- a caller hanging up does not cancel the upstream call: it runs to the end;
- identical requests (same path, credentials and body; our prompts are deterministic) share one
  upstream call while it is in flight, and a successful reply is kept in memory for
  LLM_RELAY_TTL_S, long enough for a redelivered task to come back for it. A request naming
  its job (ports.LLM_SCOPE_HEADER, not forwarded) shares only with requests of that job: a
  successful HTTP reply may hold an unusable answer, and the same resume resubmitted asks the
  model again instead of getting it back.

So the task that replaces a killed one receives the answer its predecessor paid for. Errors are
shared only with requests already waiting on the same call; the next attempt calls again, so the
worker's retry policy still decides. Replies hold redacted prompts' answers only, in memory only.
"""

from __future__ import annotations

import asyncio
import hashlib
import json
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Coroutine
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import structlog
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from resumeroast.ports import LLM_SCOPE_HEADER

log = structlog.get_logger("resumeroast.llm_relay")
UpstreamCall = Callable[[], Coroutine[Any, Any, "Reply"]]

#: Request headers that identify who pays: part of the sharing key, so one tenant's reply is
#: never handed to a caller with other credentials.
_CREDENTIALS = ("authorization", "x-api-key", "openai-organization", "openai-project")
#: Part of the sharing key too, and never forwarded: the job a call is made for.
_SCOPE = LLM_SCOPE_HEADER
#: Hop-by-hop or recomputed headers: never forwarded either way.
_HOP = {
    "host",
    "connection",
    "keep-alive",
    "content-length",
    "content-encoding",
    "transfer-encoding",
    "accept-encoding",
    "te",
    "trailer",
    "upgrade",
    "proxy-authorization",
    "proxy-connection",
}


@dataclass(frozen=True)
class Reply:
    status: int
    headers: tuple[tuple[str, str], ...]
    body: bytes

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


def request_key(method: str, path: str, headers: dict[str, str], body: bytes) -> str:
    """Same call, same key: JSON bodies are compared by content, not by key order."""
    try:
        canonical = json.dumps(json.loads(body), sort_keys=True, separators=(",", ":")).encode()
    except ValueError:
        canonical = body
    digest = hashlib.sha256()
    for part in (
        method.upper(),
        path,
        *(headers.get(name, "") for name in (*_CREDENTIALS, _SCOPE)),
    ):
        digest.update(part.encode() + b"\0")
    digest.update(canonical)
    return digest.hexdigest()


class SharedCalls:
    """Single flight per key, and successful replies kept for ttl_s (at most max_replies)."""

    def __init__(
        self,
        *,
        ttl_s: float,
        max_replies: int = 10_000,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self._ttl_s = ttl_s
        self._max_replies = max_replies
        self._clock = clock
        self._in_flight: dict[str, asyncio.Task[Reply]] = {}
        self._replies: OrderedDict[str, tuple[float, Reply]] = OrderedDict()
        self.callers_waiting = 0

    def __len__(self) -> int:
        return len(self._replies)

    async def get(self, key: str, call: UpstreamCall) -> tuple[Reply, str]:
        """The reply and how it was got: 'called', 'joined' (in flight) or 'kept'."""
        self._expire()
        kept = self._replies.get(key)
        if kept is not None:
            return kept[1], "kept"
        task = self._in_flight.get(key)
        how = "joined"
        if task is None:
            how = "called"
            # A task of its own: the caller's request being cancelled (a hang-up) leaves it be.
            task = asyncio.create_task(call())
            self._in_flight[key] = task
            task.add_done_callback(lambda done: self._landed(key, done))
        self.callers_waiting += 1
        try:
            return await asyncio.shield(task), how
        finally:
            self.callers_waiting -= 1

    def _landed(self, key: str, task: asyncio.Task[Reply]) -> None:
        self._in_flight.pop(key, None)
        if task.cancelled() or task.exception() is not None:
            return
        reply = task.result()
        if reply.ok:
            self._replies[key] = (self._clock() + self._ttl_s, reply)
            while len(self._replies) > self._max_replies:
                self._replies.popitem(last=False)

    def _expire(self) -> None:
        now = self._clock()
        while self._replies:
            key, (expires, _) = next(iter(self._replies.items()))
            if expires > now:
                break
            del self._replies[key]


def _error(status: int, message: str) -> Reply:
    """An answer in the providers' error shape, so the SDKs classify it (5xx: transient)."""
    body = json.dumps({"type": "error", "error": {"type": "relay_error", "message": message}})
    return Reply(status, (("content-type", "application/json"),), body.encode())


def _respond(reply: Reply, how: str | None = None) -> Response:
    headers = dict(reply.headers)
    if how is not None:
        headers["x-resumeroast-relay"] = how
    return Response(reply.body, status_code=reply.status, headers=headers)


def create_relay_app(
    upstream: str | None,
    *,
    timeout_s: float,
    ttl_s: float,
    transport: httpx.AsyncBaseTransport | None = None,
    clock: Callable[[], float] = time.monotonic,
) -> Starlette:
    base = (upstream or "").rstrip("/")
    shared = SharedCalls(ttl_s=ttl_s, clock=clock)
    # Generous pool: every worker process of the host may be waiting on a call.
    http = httpx.AsyncClient(
        timeout=timeout_s, limits=httpx.Limits(max_connections=64), transport=transport
    )

    async def forward(request: Request) -> Response:
        if not base:
            return _respond(_error(503, "no hosted LLM provider is configured (LLM_PROVIDER)"))
        body = await request.body()
        headers = {k.lower(): v for k, v in request.headers.items() if k.lower() not in _HOP}
        path = request.url.path + (f"?{request.url.query}" if request.url.query else "")
        key = request_key(request.method, path, headers, body)
        headers.pop(_SCOPE, None)  # ours: the provider is not told which job asked

        async def call_upstream() -> Reply:
            try:
                answer = await http.request(
                    request.method, base + path, headers=headers, content=body
                )
            except httpx.TimeoutException:
                return _error(504, "the model provider did not answer in time")
            except httpx.HTTPError as exc:
                reason = type(exc).__name__
                return _error(502, f"the model provider could not be reached ({reason})")
            kept = tuple((k, v) for k, v in answer.headers.items() if k.lower() not in _HOP)
            return Reply(answer.status_code, kept, answer.content)

        started = time.monotonic()
        reply, how = await shared.get(key, call_upstream)
        log.info(
            "relayed",
            path=request.url.path,
            status=reply.status,
            how=how,
            key=key[:12],
            ms=round((time.monotonic() - started) * 1000),
        )
        return _respond(reply, how)

    async def health(_: Request) -> Response:
        return JSONResponse(
            {
                "status": "ok",
                "replies_kept": len(shared),
                "callers_waiting": shared.callers_waiting,
            }
        )

    @asynccontextmanager
    async def lifespan(_: Starlette) -> AsyncIterator[None]:
        yield
        await http.aclose()

    return Starlette(
        routes=[
            Route("/relay/healthz", health, methods=["GET"]),
            Route("/{path:path}", forward, methods=["GET", "POST", "PUT", "PATCH", "DELETE"]),
        ],
        lifespan=lifespan,
    )
