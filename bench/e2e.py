"""POST → complete for a two-page PDF with the built-in reviewer, and the idle stack's memory.

    .venv/bin/python bench/e2e.py [--jobs 100] [--file pdf/soupboss__01-Accountant.pdf]

Starts its own stack (embedded Redis, SQLite, API, one worker) in a temporary folder, submits
the jobs one at a time, follows each over its SSE stream to `complete`, and prints p50/p95 of
the POST → complete time (after one warm-up job, not counted), then the memory of every
process of the idle stack: PSS (shared pages shared out), with RSS beside it.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
from local_stack import FIXTURES, local_stack


def one_job(client: httpx.Client, body: bytes, name: str) -> float:
    started = time.perf_counter()
    answer = client.post("/api/resumes", files={"file": (name, body)})
    answer.raise_for_status()
    created = answer.json()
    with client.stream(
        "GET",
        created["events_url"],
        headers={"X-Job-Token": created["access_token"]},
        timeout=httpx.Timeout(10, read=60),
    ) as stream:
        stream.raise_for_status()
        for line in stream.iter_lines():
            if line.startswith("data:") and json.loads(line[5:])["status"] in (
                "complete",
                "failed",
            ):
                if json.loads(line[5:])["status"] != "complete":
                    raise RuntimeError(f"job failed: {line}")
                return time.perf_counter() - started
    raise RuntimeError("the event stream ended before the job did")


def stack_memory_mb() -> dict[str, tuple[float, float]]:
    """(RSS, PSS) per process of the stack. A forked pool child shares most of its pages with
    its parent: summing RSS counts those pages once per process, PSS shares them out, so the
    PSS total is the memory the stack really holds."""
    me = psutil.Process()
    sizes: dict[str, tuple[float, float]] = {}
    for child in me.children(recursive=True):
        try:
            name = " ".join(child.cmdline()[2:4]) or child.name()
            if "redis-server" in child.name():
                name = "redis-server"
            info = child.memory_full_info()
            rss, pss = sizes.get(name, (0.0, 0.0))
            sizes[name] = (rss + info.rss / 2**20, pss + getattr(info, "pss", info.rss) / 2**20)
        except psutil.Error:
            continue
    return sizes


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--jobs", type=int, default=100)
    parser.add_argument("--file", default="pdf/soupboss__01-Accountant.pdf")
    args = parser.parse_args()
    fixture = FIXTURES / args.file
    body = fixture.read_bytes()
    with local_stack() as stack, httpx.Client(base_url=stack.url, timeout=30) as client:
        one_job(client, body, fixture.name)  # warm up imports in the worker child
        times = [one_job(client, body, fixture.name) for _ in range(args.jobs)]
        q = statistics.quantiles(times, n=100)
        print(
            f"POST → complete, {fixture.name}, {args.jobs} jobs, builtin reviewer: "
            f"p50={q[49] * 1000:.0f}ms p95={q[94] * 1000:.0f}ms max={max(times) * 1000:.0f}ms"
        )
        time.sleep(2)  # let the stack settle to idle before reading memory
        sizes = stack_memory_mb()
        for name, (rss, pss) in sorted(sizes.items()):
            print(f"  idle {name:<40} PSS {pss:7.1f} MB  (RSS {rss:7.1f} MB)")
        total_pss = sum(pss for _, pss in sizes.values())
        total_rss = sum(rss for rss, _ in sizes.values())
        print(f"  idle total PSS {total_pss:.0f} MB (summed RSS {total_rss:.0f} MB, which counts")
        print("  the pages forked processes share once per process)")


if __name__ == "__main__":
    main()
