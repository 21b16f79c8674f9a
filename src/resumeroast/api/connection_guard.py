"""Connection limits uvicorn does not have: a time-out on a request's headers and on its body,
and a cap on the event streams one client follows at once.

A slow-loris client (headers a byte at a time, or a body trickled at 1 byte/s) otherwise holds
a connection, and its buffers, for as long as it likes. The time-outs live in the HTTP protocol
(a subclass of uvicorn's httptools one), where the first byte and the end of the headers are
seen; the app never sees a request whose headers did not finish.
"""

from __future__ import annotations

import asyncio
from typing import Any

from uvicorn.protocols.http.httptools_impl import HttpToolsProtocol


def guarded_protocol(*, header_timeout_s: float, body_timeout_s: float) -> type[HttpToolsProtocol]:
    """uvicorn's httptools protocol, closing a connection whose headers take longer than
    header_timeout_s, or whose body takes longer than body_timeout_s after them."""

    class GuardedHttpToolsProtocol(HttpToolsProtocol):
        _deadline: asyncio.TimerHandle | None = None

        def connection_made(self, transport: Any) -> None:
            super().connection_made(transport)
            # An idle connection that never sends a byte is a slow loris too.
            self._arm(header_timeout_s)

        def connection_lost(self, exc: Exception | None) -> None:
            self._disarm()
            super().connection_lost(exc)

        def on_message_begin(self) -> None:
            super().on_message_begin()
            if self._deadline is None:  # a keep-alive connection's next request
                self._arm(header_timeout_s)

        def on_headers_complete(self) -> None:
            self._disarm()
            self._arm(body_timeout_s)
            super().on_headers_complete()

        def on_message_complete(self) -> None:
            self._disarm()
            super().on_message_complete()

        def _arm(self, seconds: float) -> None:
            self._disarm()
            self._deadline = self.loop.call_later(seconds, self._too_slow)

        def _disarm(self) -> None:
            if self._deadline is not None:
                self._deadline.cancel()
                self._deadline = None

        def _too_slow(self) -> None:
            self._deadline = None
            if not self.transport.is_closing():
                self.logger.warning("closed a connection whose request was too slow")
                self.transport.close()

    return GuardedHttpToolsProtocol


class StreamLimit:
    """How many event streams each client follows in this process; past `per_client` a new
    one is refused (the route answers 429). Per process: with N API processes a client may
    hold up to N × per_client in all."""

    def __init__(self, per_client: int) -> None:
        self.per_client = per_client
        self._open: dict[str, int] = {}

    def try_open(self, client: str) -> bool:
        if self._open.get(client, 0) >= self.per_client:
            return False
        self._open[client] = self._open.get(client, 0) + 1
        return True

    def close(self, client: str) -> None:
        left = self._open.get(client, 0) - 1
        if left > 0:
            self._open[client] = left
        else:
            self._open.pop(client, None)
