"""One Runtime per worker process, built after the fork (engines and sockets are per process)."""

from __future__ import annotations

import os
import threading

from resumeroast.bootstrap import Runtime, build_runtime
from resumeroast.settings import get_settings

_runtime: Runtime | None = None
_runtime_pid: int | None = None
_lock = threading.Lock()  # the threads pool runs many first tasks at once


def runtime() -> Runtime:
    global _runtime, _runtime_pid
    current = _runtime
    if current is not None and _runtime_pid == os.getpid():
        return current
    with _lock:
        if _runtime is None or _runtime_pid != os.getpid():
            _runtime = build_runtime(get_settings())
            _runtime_pid = os.getpid()
        return _runtime


def close_runtime() -> None:
    """On shutdown: release this process's runtime (a child's, or the main process's)."""
    global _runtime
    with _lock:
        current, _runtime = _runtime, None
    if current is not None and _runtime_pid == os.getpid():
        current.close()
