"""Limits on uploads that act before the body is read: a client over its rate limit is refused
at once, and an upload over the size limit while it streams in, before it sits in memory.

Both are ASGI middleware because FastAPI reads the whole form before any dependency runs.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from resumeroast.adapters.ratelimit import RedisRateLimiter
from resumeroast.api.client_address import limit_key
from resumeroast.api.errors import domain_problem
from resumeroast.errors import FileTooLarge, RateLimited

#: Room for the multipart framing and the job description around the file itself.
FORM_OVERHEAD_BYTES = 256 * 1024


class BodySizeLimit:
    def __init__(self, app: ASGIApp, *, max_body_bytes: int, path_prefix: str) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes
        self.path_prefix = path_prefix

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if (
            scope["type"] != "http"
            or scope["method"] != "POST"
            or not scope["path"].startswith(self.path_prefix)
        ):
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_body_bytes:
            await _too_large(scope, send)
            return
        received = 0
        exceeded = False

        async def limited_receive() -> Message:
            nonlocal received, exceeded
            if exceeded:
                return {"type": "http.disconnect"}
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.max_body_bytes:
                    exceeded = True  # stop reading; whatever the app answers becomes a 413
                    raise FileTooLarge(f"body over {self.max_body_bytes} bytes")
            return message

        async def guarded_send(message: Message) -> None:
            if not exceeded:
                await send(message)
            elif message["type"] == "http.response.start":
                await _too_large(scope, send)

        try:
            await self.app(scope, limited_receive, guarded_send)
        except FileTooLarge:
            await _too_large(scope, send)


class UploadRateLimit:
    """The per-client upload limit (429 with Retry-After), counted before the body is read.

    Reads the limiter the app's lifespan puts in `app.state.rate_limiter`; keys on the client
    ClientAddress resolved (outside this middleware).
    """

    def __init__(self, app: ASGIApp, *, path: str) -> None:
        self.app = app
        self.path = path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "POST" or scope["path"] != self.path:
            await self.app(scope, receive, send)
            return
        limiter: RedisRateLimiter = scope["app"].state.rate_limiter
        client = scope.get("client")
        retry_after_s = await limiter.retry_after_s(limit_key(client[0]) if client else "unknown")
        if retry_after_s is None:
            await self.app(scope, receive, send)
            return
        await domain_problem(RateLimited(retry_after_s), scope["path"])(scope, _drain, send)


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _too_large(scope: Scope, send: Send) -> None:
    await domain_problem(FileTooLarge(), scope["path"])(scope, _drain, send)


async def _drain() -> Message:
    return {"type": "http.disconnect"}
