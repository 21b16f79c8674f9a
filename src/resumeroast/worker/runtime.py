"""One Runtime per worker process, built after the fork (engines and sockets are per process)."""

from __future__ import annotations

import os

from resumeroast.bootstrap import Runtime, build_runtime
from resumeroast.settings import get_settings

_runtime: Runtime | None = None
_runtime_pid: int | None = None


def runtime() -> Runtime:
    global _runtime, _runtime_pid
    if _runtime is None or _runtime_pid != os.getpid():
        _runtime = build_runtime(get_settings())
        _runtime_pid = os.getpid()
    return _runtime
