"""Parse an untrusted upload in a throwaway process with memory, CPU and time limits.

A resume is hostile input for a C library (pdfium) and an XML stack: a crafted file can
hang the parser, balloon its memory or crash it. So every parse runs in its own process:

- A *fork server* (`python -m resumeroast.adapters.parsing_child`) is started once per
  calling process with subprocess.Popen (Celery's prefork children are daemonic and may
  not use multiprocessing; a plain subprocess works anywhere). It imports the readers
  once and, per upload, forks a child: the warm fork costs milliseconds where a fresh
  interpreter importing pdfium or python-docx costs 150-250 ms.
- The child sets RLIMIT_AS (its baseline plus memory_limit_mb), RLIMIT_CPU,
  RLIMIT_FSIZE=0 and RLIMIT_CORE=0 before touching the bytes, parses, and writes one JSON
  answer (see parsing_wire: data, never pickle). The server kills it at timeout_s.
- A DocumentError raised in the child is raised here as the same class; a hang, a memory
  blow-up or a crash is DocumentTooComplex; a sandbox that misbehaves in any other way
  raises ParserFailed, which is an operator problem, not the user's.
"""

from __future__ import annotations

import atexit
import json
import logging
import os
import select
import signal
import subprocess
import sys
import threading
import time
from typing import Any

from resumeroast.adapters.parsing_wire import (
    MAX_HEADER_BYTES,
    document_from_json,
    frame,
    pages_from_json,
)
from resumeroast.core.documents import Document, DocumentKind, PageImage
from resumeroast.errors import DocumentError, DocumentTooComplex, ParserFailed

__all__ = [
    "PAGE_IMAGES_MAX",
    "ParserFailed",
    "classify_answer",
    "parse_document",
    "render_page_images",
    "stop_server",
]

log = logging.getLogger(__name__)

#: how the fork server is started
SERVER_COMMAND: tuple[str, ...] = (sys.executable, "-m", "resumeroast.adapters.parsing_child")
PAGE_IMAGES_MAX = 5  #: a PDF's pages drawn for the marked-up resume view, at most
EXIT_OUT_OF_MEMORY = 3  #: the child's exit code when even reporting ran out of memory
_SERVER_GRACE_S = 10.0  #: how much longer than the parse the server may take to answer
_MAX_DETAIL_CHARS = 500
#: the only environment the sandbox sees: secrets (LLM keys, database URLs) stay out
_PASSED_ENV = frozenset(
    {"PATH", "HOME", "TMPDIR", "LANG", "LC_ALL", "LC_CTYPE", "PYTHONPATH", "TESSDATA_PREFIX"}
)


def parse_document(
    data: bytes,
    kind: DocumentKind,
    *,
    max_pages: int,
    timeout_s: float,
    memory_limit_mb: int,
) -> Document:
    """read_document() in a sandboxed child process (see the module docstring).

    memory_limit_mb is address space the parse may add on top of what the child starts
    with (the interpreter and the readers, already loaded by the server). The first call
    in a process starts the server (about half a second); later calls cost ~10-20 ms.
    """
    request = {
        "kind": kind.value,
        "max_pages": max_pages,
        "memory_mb": memory_limit_mb,
        "cpu_s": int(timeout_s) + 2,  # a backstop should the server lose track of it
        "timeout_s": timeout_s,
    }
    header, output = _SERVER.exchange(frame(request, data), timeout_s + _SERVER_GRACE_S)
    return classify_answer(output, int(header["returncode"]), bool(header["timed_out"]), timeout_s)


def render_page_images(
    data: bytes, *, max_pages: int, timeout_s: float, memory_limit_mb: int
) -> tuple[PageImage, ...]:
    """A PDF's first `max_pages` pages as PNG images, drawn in the sandbox like a parse."""
    request = {
        "task": "render",
        "kind": DocumentKind.PDF.value,
        "max_pages": max_pages,
        "memory_mb": memory_limit_mb,
        "cpu_s": int(timeout_s) + 2,
        "timeout_s": timeout_s,
    }
    header, output = _SERVER.exchange(frame(request, data), timeout_s + _SERVER_GRACE_S)
    answer = _checked_answer(
        output, int(header["returncode"]), bool(header["timed_out"]), timeout_s
    )
    try:
        return pages_from_json(answer["pages"])
    except (ValueError, KeyError, TypeError) as exc:
        raise ParserFailed(f"the render child answered nonsense: {exc}") from exc


def classify_answer(output: bytes, returncode: int, timed_out: bool, timeout_s: float) -> Document:
    """The child's answer as a Document, or the error it stands for."""
    answer = _checked_answer(output, returncode, timed_out, timeout_s)
    try:
        return document_from_json(answer["document"])
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ParserFailed(f"the parse child answered nonsense: {exc}") from exc


def _checked_answer(
    output: bytes, returncode: int, timed_out: bool, timeout_s: float
) -> dict[str, Any]:
    """The child's successful answer, or the error it stands for."""
    if timed_out:
        raise DocumentTooComplex(f"parsing took longer than {timeout_s:g} s and was stopped")
    if returncode < 0 or returncode == EXIT_OUT_OF_MEMORY:
        signal_note = f" (signal {-returncode})" if returncode < 0 else ""
        raise DocumentTooComplex(f"the parser ran out of memory or crashed{signal_note}")
    if returncode != 0:
        raise ParserFailed(f"the parse child exited with {returncode} (see its stderr)")
    try:
        answer = json.loads(output)
        if answer.get("ok") is True:
            return dict(answer)
        if answer.get("trace"):
            log.warning("a reader failed in the parse sandbox:\n%s", answer["trace"])
        error = answer["error"]
        raise _document_error(str(error["type"]), error.get("detail"), error.get("user_message"))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ParserFailed(f"the parse child answered nonsense: {exc}") from exc


def _document_error(name: str, detail: Any, user_message: Any) -> DocumentError:
    cls = _document_errors().get(name, DocumentError)
    message = str(user_message)[:_MAX_DETAIL_CHARS] if isinstance(user_message, str) else None
    return cls(None if detail is None else str(detail)[:_MAX_DETAIL_CHARS], user_message=message)


def _document_errors() -> dict[str, type[DocumentError]]:
    found: dict[str, type[DocumentError]] = {}
    pending: list[type[DocumentError]] = [DocumentError]
    while pending:
        cls = pending.pop()
        found[cls.__name__] = cls
        pending.extend(cls.__subclasses__())
    return found


class _ForkServer:
    """The calling process's fork server: started lazily, restarted when it dies, and
    never shared with a forked copy of this process (each process starts its own)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._process: subprocess.Popen[bytes] | None = None
        self._owner = 0

    def exchange(self, request: bytes, wait_s: float) -> tuple[dict[str, Any], bytes]:
        with self._lock:
            for attempt in (1, 2):
                process = self._running()
                try:
                    return self._ask(process, request, time.monotonic() + wait_s)
                except (BrokenPipeError, EOFError) as exc:
                    self._stop()  # it died: start a new one and ask once more
                    if attempt == 2:
                        raise ParserFailed(f"the parse server keeps dying: {exc}") from exc
            raise AssertionError("unreachable")

    def stop(self) -> None:
        with self._lock:
            self._stop()

    def _running(self) -> subprocess.Popen[bytes]:
        if self._process is not None and self._owner != os.getpid():
            self._forget()  # inherited through a fork: the parent process's server
        if self._process is not None and self._process.poll() is not None:
            self._stop()
        if self._process is None:
            self._process = subprocess.Popen(
                SERVER_COMMAND,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                close_fds=True,  # no database or broker sockets in the sandbox
                env={k: v for k, v in os.environ.items() if k in _PASSED_ENV},  # no API keys
                start_new_session=True,  # so a stuck server and its child die together
            )
            self._owner = os.getpid()
        return self._process

    def _ask(
        self, process: subprocess.Popen[bytes], request: bytes, deadline: float
    ) -> tuple[dict[str, Any], bytes]:
        assert process.stdin is not None and process.stdout is not None
        process.stdin.write(request)
        process.stdin.flush()
        reader = _DeadlineReader(process.stdout.fileno(), deadline)
        try:
            header = json.loads(reader.line())
            return header, reader.exactly(int(header["length"]))
        except TimeoutError:
            self._stop()
            raise DocumentTooComplex("the parser did not answer in time and was stopped") from None
        except (ValueError, KeyError, TypeError) as exc:
            self._stop()
            raise ParserFailed(f"the parse server answered nonsense: {exc}") from exc

    def _forget(self) -> None:
        """Close this process's copies of an inherited server's pipes; leave it running."""
        process, self._process = self._process, None
        if process is not None:
            for stream in (process.stdin, process.stdout):
                if stream is not None:
                    stream.close()

    def _stop(self) -> None:
        if self._owner != os.getpid():
            self._forget()  # a parent's server is the parent's to stop
            return
        process, self._process = self._process, None
        if process is None:
            return
        try:
            os.killpg(process.pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
        for stream in (process.stdin, process.stdout):
            if stream is not None:
                stream.close()
        process.wait()


class _DeadlineReader:
    """Reads a pipe without ever blocking past a deadline."""

    def __init__(self, fd: int, deadline: float) -> None:
        self._fd, self._deadline, self._buffer = fd, deadline, b""

    def line(self) -> bytes:
        while b"\n" not in self._buffer:
            if len(self._buffer) > MAX_HEADER_BYTES:
                raise ValueError("header line too long")
            self._fill()
        line, _, self._buffer = self._buffer.partition(b"\n")
        return line

    def exactly(self, size: int) -> bytes:
        while len(self._buffer) < size:
            self._fill()
        body, self._buffer = self._buffer[:size], self._buffer[size:]
        return body

    def _fill(self) -> None:
        remaining = self._deadline - time.monotonic()
        if remaining <= 0 or not select.select([self._fd], [], [], remaining)[0]:
            raise TimeoutError
        chunk = os.read(self._fd, 1 << 16)
        if not chunk:
            raise EOFError("the parse server closed its output")
        self._buffer += chunk


_SERVER = _ForkServer()


def stop_server() -> None:
    """Stop this process's fork server (it is started again on the next parse)."""
    _SERVER.stop()


atexit.register(stop_server)
