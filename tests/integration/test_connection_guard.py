"""Slow and greedy clients on a real API process: headers and bodies that take too long are
cut, and one client cannot follow more than its share of event streams."""

from __future__ import annotations

import socket
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from resumeroast.adapters.embedded_redis import EmbeddedRedis
from tests.support.api import post_resume
from tests.support.polling import wait_for
from tests.support.stack import Stack

pytestmark = pytest.mark.integration

HEADER_TIMEOUT_S = 2
BODY_TIMEOUT_S = 3
STREAMS = 3


@pytest.fixture
def stack(tmp_path: Path, redis_server: EmbeddedRedis) -> Iterator[Stack]:
    stack = Stack(
        data_dir=tmp_path,
        redis=redis_server,
        extra_env={
            "HEADER_TIMEOUT_S": str(HEADER_TIMEOUT_S),
            "BODY_TIMEOUT_S": str(BODY_TIMEOUT_S),
            "EVENT_STREAMS_PER_CLIENT": str(STREAMS),
        },
    )
    try:
        stack.start_api()
        yield stack
    finally:
        stack.stop()


def _connect(stack: Stack, source: str = "127.0.0.1") -> socket.socket:
    url = urlsplit(stack.base_url)
    sock = socket.create_connection(
        (url.hostname or "127.0.0.1", url.port or 80), timeout=1, source_address=(source, 0)
    )
    return sock


def _closed_by_server(sock: socket.socket) -> bool:
    try:
        return sock.recv(4096) == b""  # EOF: the server closed it
    except TimeoutError:
        return False
    except OSError:
        return True


def test_headers_sent_a_byte_at_a_time_are_cut_after_the_header_timeout(stack: Stack) -> None:
    sock = _connect(stack)
    sock.settimeout(0.2)
    started = time.monotonic()
    request = b"GET /healthz HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"a" * 1000

    sent = 0

    def trickle_until_closed() -> bool:
        nonlocal sent
        try:
            sock.sendall(request[sent : sent + 1])  # one byte a poll, never a full header
            sent += 1
        except OSError:
            return True
        return _closed_by_server(sock)

    wait_for(
        trickle_until_closed,
        timeout_s=HEADER_TIMEOUT_S + 8,
        interval_s=0.3,
        what="the server to hang up",
    )
    assert time.monotonic() - started >= HEADER_TIMEOUT_S - 0.5
    sock.close()


def test_an_idle_connection_that_never_speaks_is_closed(stack: Stack) -> None:
    sock = _connect(stack)
    sock.settimeout(0.2)
    wait_for(lambda: _closed_by_server(sock), timeout_s=HEADER_TIMEOUT_S + 8, what="a hang-up")
    sock.close()


def test_a_body_trickled_at_one_byte_a_second_is_cut(stack: Stack) -> None:
    sock = _connect(stack)
    sock.sendall(
        b"POST /api/resumes HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
        b"Content-Length: 100000\r\n\r\n"
    )
    sock.settimeout(0.2)
    started = time.monotonic()

    def trickle_until_closed() -> bool:
        try:
            sock.sendall(b"x")
        except OSError:
            return True
        return _closed_by_server(sock)

    wait_for(
        trickle_until_closed,
        timeout_s=BODY_TIMEOUT_S + 10,
        interval_s=1.0,
        what="the server to cut the body",
    )
    assert time.monotonic() - started >= BODY_TIMEOUT_S - 1
    sock.close()


def _open_stream(stack: Stack, events_path: str, source: str) -> tuple[socket.socket, bytes]:
    sock = _connect(stack, source)
    sock.settimeout(5)
    sock.sendall(f"GET {events_path} HTTP/1.1\r\nHost: x\r\n\r\n".encode())
    head = b""
    while b"\r\n" not in head:
        chunk = sock.recv(4096)
        if not chunk:
            break
        head += chunk
    return sock, head.split(b"\r\n", 1)[0]


def test_one_client_past_its_streams_gets_429_while_another_client_streams(stack: Stack) -> None:
    with httpx.Client(base_url=stack.base_url, timeout=30) as client:
        created = post_resume(client, "text/hrhelper__sample_resume.txt").json()
    path = urlsplit(created["events_url"]).path + f"?token={created['access_token']}"
    held = []
    try:
        for _ in range(STREAMS):
            sock, status = _open_stream(stack, path, "127.0.0.1")
            held.append(sock)
            assert b" 200 " in status, status
        sock, status = _open_stream(stack, path, "127.0.0.1")
        held.append(sock)
        assert b" 429 " in status, status
        sock, status = _open_stream(stack, path, "127.0.0.2")
        held.append(sock)
        assert b" 200 " in status, status
    finally:
        for sock in held:
            sock.close()
    # Closed streams give their places back.
    wait_for(
        lambda: b" 200 " in _reopen(stack, path),
        timeout_s=10,
        interval_s=0.2,
        what="a closed stream's place to come back",
    )


def _reopen(stack: Stack, path: str) -> bytes:
    sock, status = _open_stream(stack, path, "127.0.0.1")
    sock.close()
    return status
