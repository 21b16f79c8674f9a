"""Refuse an upload over the size limit while it streams in, before it sits in memory."""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from resumeroast.api.errors import problem
from resumeroast.errors import FileTooLarge

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


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", []):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


async def _too_large(scope: Scope, send: Send) -> None:
    error = FileTooLarge()
    response = problem(
        413, "File too large", error.user_message, code=error.code, instance=scope["path"]
    )
    await response(scope, _drain, send)


async def _drain() -> Message:
    return {"type": "http.disconnect"}
