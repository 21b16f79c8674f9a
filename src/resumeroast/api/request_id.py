"""A request id from the edge to the worker.

Every HTTP request gets one: the client's (or its proxy's) X-Request-ID when it is well formed,
else a new one. It is bound in the log context for the request's lines (uvicorn's access line
included, as it is written while the response starts), returned in the response's
X-Request-ID, and an upload hands it to its job's task message (the `request_id` header), so
the worker's lines for that job carry it too. A malformed id (too long, or with characters that
could forge a log line or a header) is replaced, never repeated.
"""

from __future__ import annotations

import re
import uuid
from collections.abc import Sequence
from contextvars import ContextVar

import structlog
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from resumeroast.api.client_address import Network, is_trusted_peer

HEADER = "X-Request-ID"
_WELL_FORMED = re.compile(r"[A-Za-z0-9][A-Za-z0-9._:-]{0,127}")
_current: ContextVar[str | None] = ContextVar("request_id", default=None)


def well_formed(value: str | None) -> bool:
    return value is not None and _WELL_FORMED.fullmatch(value) is not None


def current_request_id() -> str | None:
    """The id of the request being served (None outside one)."""
    return _current.get()


class RequestId:
    """With TRUSTED_PROXIES set, only the proxy's X-Request-ID is taken (it makes one for every
    request): a client reaching the API around it gets a fresh id. Without, any well-formed one."""

    def __init__(self, app: ASGIApp, *, trusted: Sequence[Network] = ()) -> None:
        self.app = app
        self.trusted = trusted

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        given = _header(scope, b"x-request-id")
        peer = (scope.get("client") or ("", 0))[0]
        if self.trusted and not is_trusted_peer(peer, self.trusted):
            given = None
        request_id = given if given is not None and well_formed(given) else uuid.uuid4().hex
        raw = request_id.encode("ascii")

        async def send_with_id(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k != b"x-request-id"]
                message = {**message, "headers": [*headers, (b"x-request-id", raw)]}
            await send(message)

        token = _current.set(request_id)
        try:
            with structlog.contextvars.bound_contextvars(request_id=request_id):
                await self.app(scope, receive, send_with_id)
        finally:
            _current.reset(token)


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", []):
        if key == name:
            return str(value.decode("latin-1"))
    return None
