"""A stack of our own for a benchmark: embedded Redis, `resumeroast api` and one worker process
(or a migration in its place) on a temporary data folder, removed after. Shared by
bench/upload.py, bench/e2e.py and bench/backup_size.py."""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures" / "resumes"
RESUMEROAST = [sys.executable, "-m", "resumeroast"]


@dataclass(frozen=True)
class LocalStack:
    url: str
    env: dict[str, str]
    data_dir: Path


def wait_ready(url: str, deadline_s: float) -> None:
    """Poll /readyz until it answers 200; RuntimeError at the deadline."""
    deadline = time.monotonic() + deadline_s
    while time.monotonic() < deadline:
        with contextlib.suppress(httpx.HTTPError):
            if httpx.get(f"{url}/readyz", timeout=1).status_code == 200:
                return
        time.sleep(0.2)
    raise RuntimeError(f"the API did not come up in {deadline_s:g} s")


@contextlib.contextmanager
def local_stack(
    *,
    api_workers: int = 1,
    worker: list[str] | None = None,
    before_start: Callable[[LocalStack], None] | None = None,
    ready_s: float = 60,
) -> Iterator[LocalStack]:
    """`worker` is the second process's arguments (default `worker`; `["migrate"]` for an API
    alone); `before_start` runs once the folder, Redis and the environment exist."""
    from resumeroast.adapters.embedded_redis import EmbeddedRedis, free_port

    data_dir = Path(tempfile.mkdtemp(prefix="rr-bench-", dir=os.environ.get("BENCH_TMP")))
    redis_server = EmbeddedRedis(data_dir / "redis").start()
    port = free_port()
    env = dict(
        os.environ,
        DATA_DIR=str(data_dir),
        REDIS_URL=redis_server.url,
        UPLOAD_RATE_LIMIT_PER_MINUTE="0",
        MAX_QUEUED_PER_CLIENT="0",  # every benchmark upload comes from one address
    )
    stack = LocalStack(url=f"http://127.0.0.1:{port}", env=env, data_dir=data_dir)
    processes: list[subprocess.Popen[bytes]] = []
    try:
        if before_start is not None:
            before_start(stack)
        api = [*RESUMEROAST, "api", "--port", str(port), "--workers", str(api_workers)]
        for command in (api, [*RESUMEROAST, *(worker or ["worker"])]):
            processes.append(
                subprocess.Popen(
                    command, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
                )
            )
        wait_ready(stack.url, ready_s)
        yield stack
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=60)
        redis_server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
