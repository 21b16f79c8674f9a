"""Child processes that cannot outlive their parent."""

from __future__ import annotations

import ctypes
import signal
import sys

_PR_SET_PDEATHSIG = 1


def die_with_parent() -> None:
    """Run in a child before exec: the kernel sends it SIGTERM when its parent dies.

    "Parent" is the thread that started the child: start long-lived children from a thread
    that lives as long as they should (the main thread, in `resumeroast up`).
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGTERM)


def process_owner_id(token: str) -> str:
    """Who holds a job's lease: host, pid and a random token (pids are reused)."""
    import os
    import socket

    return f"{socket.gethostname()}:{os.getpid()}:{token}"


def owner_is_dead(owner: str | None) -> bool:
    """True when the owner ran on this host and its process is gone."""
    import os
    import socket

    if not owner:
        return False
    host, _, rest = owner.partition(":")
    pid_text = rest.partition(":")[0]
    if host != socket.gethostname() or not pid_text.isdigit():
        return False
    try:
        os.kill(int(pid_text), 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
