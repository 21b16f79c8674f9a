"""The parse sandbox's fork server: `python -m resumeroast.adapters.parsing_child`.

It imports every reader once, then serves requests on stdin, one at a time: a frame
(header + document bytes, see parsing_wire) in, a frame (exit status + the child's JSON
answer) out. Each request is parsed in a forked child that lowers its resource limits
before it touches the bytes; the server itself never parses and kills a child that
outlives its deadline. The server exits when its stdin closes (its parent is gone).
"""

from __future__ import annotations

import json
import os
import resource
import select
import signal
import sys
import time
import traceback
from typing import Any, BinaryIO

import resumeroast.core.readers.docx
import resumeroast.core.readers.pdf
import resumeroast.core.readers.text
from resumeroast.adapters.parsing import EXIT_OUT_OF_MEMORY
from resumeroast.adapters.parsing_wire import (
    MAX_HEADER_BYTES,
    document_to_json,
    frame,
    pages_to_json,
)
from resumeroast.core.documents import DocumentKind
from resumeroast.core.readers import read_document
from resumeroast.core.readers.pdf_render import render_pages
from resumeroast.errors import DocumentError, DocumentTooComplex, UnreadableDocument

_MAX_ANSWER_BYTES = 64 * 1024 * 1024  #: a bigger answer is not a resume: the child is killed
#: imported once here, shared by every forked child: this is what makes a fork cheap
WARM_READERS = (
    resumeroast.core.readers.pdf,
    resumeroast.core.readers.docx,
    resumeroast.core.readers.text,
)


def serve(requests: BinaryIO, answers: BinaryIO) -> int:
    while True:
        header_line = requests.readline(MAX_HEADER_BYTES)
        if not header_line:
            return 0  # the parent closed the pipe
        request = json.loads(header_line)
        data = requests.read(int(request["length"]))
        output, returncode, timed_out = _run_child(request, data)
        try:
            answers.write(frame({"returncode": returncode, "timed_out": timed_out}, output))
            answers.flush()
        except BrokenPipeError:
            return 0  # the parent went away while we worked


def _run_child(request: dict[str, Any], data: bytes) -> tuple[bytes, int, bool]:
    read_end, write_end = os.pipe()
    pid = os.fork()
    if pid == 0:  # the child: whatever happens, it must never return into this loop
        code = 1
        try:
            os.close(read_end)
            code = _child(request, data, write_end)
        finally:
            os._exit(code)
    os.close(write_end)
    try:
        output, timed_out = _collect(pid, read_end, float(request["timeout_s"]))
    finally:
        os.close(read_end)
    _, status = os.waitpid(pid, 0)
    return output, os.waitstatus_to_exitcode(status), timed_out


def _collect(pid: int, fd: int, timeout_s: float) -> tuple[bytes, bool]:
    """Everything the child writes until it exits; kill it at the deadline."""
    deadline = time.monotonic() + timeout_s
    chunks: list[bytes] = []
    size = 0
    while True:
        remaining = deadline - time.monotonic()
        if remaining <= 0 or not select.select([fd], [], [], remaining)[0]:
            os.kill(pid, signal.SIGKILL)
            return b"", True
        chunk = os.read(fd, 1 << 16)
        if not chunk:
            return b"".join(chunks), False
        size += len(chunk)
        if size > _MAX_ANSWER_BYTES:
            os.kill(pid, signal.SIGKILL)
            return b"", False
        chunks.append(chunk)


def _child(request: dict[str, Any], data: bytes, out_fd: int) -> int:
    try:
        _detach_from_server()
        limit_resources(int(request["memory_mb"]), int(request["cpu_s"]))
        if request.get("task") == "render":
            answer = _render(data, int(request["max_pages"]))
        else:
            answer = _parse(data, DocumentKind(request["kind"]), int(request["max_pages"]))
        payload = json.dumps(answer, ensure_ascii=False).encode("utf-8")
        view = memoryview(payload)
        while view:
            view = view[os.write(out_fd, view) :]
        return 0
    except MemoryError:
        return EXIT_OUT_OF_MEMORY
    except BaseException:
        return 1  # no traceback: with RLIMIT_FSIZE=0 a log file on stderr refuses writes


def _detach_from_server() -> None:
    """The child must not read or write the server's request and answer pipes."""
    devnull = os.open(os.devnull, os.O_RDWR)
    os.dup2(devnull, 0)
    os.dup2(devnull, 1)
    os.close(devnull)


def _parse(data: bytes, kind: DocumentKind, max_pages: int) -> dict[str, Any]:
    try:
        document = read_document(data, kind, max_pages=max_pages)
    except DocumentError as exc:
        return _error(exc)
    except RecursionError:
        return _error(DocumentTooComplex("the document is nested too deeply"))
    except MemoryError:
        raise
    except Exception as exc:  # a reader library failed on a malformed file
        failure = UnreadableDocument(f"the {kind.value} reader failed: {type(exc).__name__}")
        return _error(failure, trace=traceback.format_exc(limit=8))
    return {"ok": True, "document": document_to_json(document)}


def _render(data: bytes, max_pages: int) -> dict[str, Any]:
    """The first pages of a PDF as PNG images (pdfium is as hostile-input-prone drawing as
    reading, so it runs here, under the same limits)."""
    try:
        images = render_pages(data, max_pages=max_pages)
    except MemoryError:
        raise
    except Exception as exc:
        failure = UnreadableDocument(f"the page renderer failed: {type(exc).__name__}")
        return _error(failure, trace=traceback.format_exc(limit=8))
    return {"ok": True, "pages": pages_to_json(images)}


def _error(exc: DocumentError, *, trace: str | None = None) -> dict[str, Any]:
    user_message = exc.user_message if exc.user_message != type(exc).user_message else None
    error = {"type": type(exc).__name__, "detail": exc.detail, "user_message": user_message}
    return {"ok": False, "error": error, "trace": trace}


def limit_resources(memory_mb: int, cpu_s: int) -> None:
    """Address space = what is mapped now + memory_mb; no files written, no core dumps."""
    resource.setrlimit(resource.RLIMIT_AS, (_mapped_bytes() + memory_mb * 1024 * 1024,) * 2)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu_s, cpu_s))
    resource.setrlimit(resource.RLIMIT_FSIZE, (0, 0))
    resource.setrlimit(resource.RLIMIT_CORE, (0, 0))


def _mapped_bytes() -> int:
    try:
        with open("/proc/self/statm", encoding="ascii") as statm:
            return int(statm.read().split()[0]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError):
        return 0


if __name__ == "__main__":
    sys.exit(serve(sys.stdin.buffer, sys.stdout.buffer))
