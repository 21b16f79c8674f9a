"""Upload throughput: N concurrent clients POST a fixture resume against a running stack.

    .venv/bin/python bench/upload.py [--url http://127.0.0.1:8000] [--connections 32]
        [--duration-s 10] [--file pdf/resumematcher__single-column.pdf] [--rate 1200]

Without --rate every connection sends its next upload as soon as the last one is answered: the
stack runs flat out and the figures are its saturation rate and the latency at that rate. With
--rate R (wrk only) the uploads are sent on a fixed schedule of R per second spread over the
connections, so the latency is the one a client sees while the stack carries R uploads/s.
wrk starts its clock when a request is written, not when it was due, so a send that waited
for a free connection would hide that wait: the script records how late each send was against
its due time, prints it, and REJECTS the run (exit 1) when more than 5 % of the uploads were
sent over 1 ms late, or fewer than 95 % of the scheduled uploads were sent.

Throughput counts answered uploads only (202): errors and non-2xx answers are reported beside
it, never counted as uploads per second.

Drives Debian's wrk (C, epoll; a Lua script builds the multipart body once) when it is
installed, so the client is not the bottleneck on 2 cores; otherwise an asyncio httpx client
(which tops out far lower: the figures say which one ran). With no --url it starts a stack
itself (embedded Redis, SQLite, API, one worker) in a temporary folder, under BENCH_TMP when
set (e.g. BENCH_TMP=/dev/shm to take the disk out of the figures).
"""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))
from local_stack import FIXTURES, local_stack

BOUNDARY = "----resumeroastbench"


def multipart_body(data: bytes, filename: str) -> bytes:
    return (
        (
            f'--{BOUNDARY}\r\nContent-Disposition: form-data; name="level"\r\n\r\nhonest\r\n'
            f"--{BOUNDARY}\r\n"
            f'Content-Disposition: form-data; name="file"; filename="{filename}"\r\n'
            "Content-Type: application/octet-stream\r\n\r\n"
        ).encode()
        + data
        + f"\r\n--{BOUNDARY}--\r\n".encode()
    )


LUA = """
wrk.method = "POST"
wrk.headers["Content-Type"] = "multipart/form-data; boundary=%s"
local f = io.open("%s", "rb"); wrk.body = f:read("*a"); f:close()
local rate = %d
late_count, late_max_ms, sent = 0, 0, 0
local threads = {}
setup = function(thread) table.insert(threads, thread) end
if rate > 0 then
  -- One schedule for all connections of the thread: the n-th upload is due at start + n/rate.
  local ffi = require("ffi")
  ffi.cdef[[
    typedef struct { long tv_sec; long tv_nsec; } bench_timespec;
    int clock_gettime(int clock_id, bench_timespec *tp);
  ]]
  local now = ffi.new("bench_timespec")
  local function now_ms()
    ffi.C.clock_gettime(1, now)  -- CLOCK_MONOTONIC
    return tonumber(now.tv_sec) * 1000 + tonumber(now.tv_nsec) / 1e6
  end
  local due = nil
  delay = function()
    local t = now_ms()
    due = due or t
    local wait = due - t
    due = due + 1000 / rate
    sent = sent + 1
    if wait < -1 then  -- sent over 1 ms after it was due: wrk's clock hides that wait
      late_count = late_count + 1
      if -wait > late_max_ms then late_max_ms = -wait end
    end
    return wait > 0 and wait or 0
  end
end
done = function(summary, latency, requests)
  local late, worst, scheduled = 0, 0, 0
  for _, thread in ipairs(threads) do
    late = late + thread:get("late_count")
    scheduled = scheduled + thread:get("sent")
    worst = math.max(worst, thread:get("late_max_ms"))
  end
  io.write(string.format(
    "RESULT requests=%%d errors=%%d duration_us=%%d p50=%%d p95=%%d p99=%%d"
    .. " late=%%d sent=%%d late_max_us=%%d\\n",
    summary.requests, summary.errors.status + summary.errors.connect + summary.errors.read
    + summary.errors.write + summary.errors.timeout, summary.duration,
    latency:percentile(50), latency:percentile(95), latency:percentile(99),
    late, scheduled, math.floor(worst * 1000)))
end
"""


def run_wrk(
    url: str, body_path: Path, connections: int, duration_s: int, rate: int
) -> dict[str, float]:
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as script:
        script.write(LUA % (BOUNDARY, body_path, rate))
    out = subprocess.run(
        [
            "wrk",
            "-t",
            "1",
            "-c",
            str(connections),
            "-d",
            f"{duration_s}s",
            "--latency",
            "-s",
            script.name,
            f"{url}/api/resumes",
        ],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    match = re.search(
        r"RESULT requests=(\d+) errors=(\d+) duration_us=(\d+) p50=(\d+) p95=(\d+) p99=(\d+)"
        r" late=(\d+) sent=(\d+) late_max_us=(\d+)",
        out,
    )
    if match is None:
        raise RuntimeError(out)
    requests, errors, duration_us, p50, p95, p99, late, sent, late_max_us = map(int, match.groups())
    # errors: socket errors and answers with a status over 399 (wrk's errors.status, the same
    # count as its "Non-2xx or 3xx responses" line, so that line is not added again).
    failed = min(requests, errors)
    return {
        "client": "wrk",
        "requests": requests,
        "errors": failed,
        "rps": (requests - failed) / (duration_us / 1e6),
        "p50_ms": p50 / 1000,
        "p95_ms": p95 / 1000,
        "p99_ms": p99 / 1000,
        "late": late,
        "sent": sent,
        "late_max_ms": late_max_us / 1000,
        "duration_s": duration_us / 1e6,
    }


async def run_httpx(url: str, body: bytes, connections: int, duration_s: int) -> dict[str, float]:
    latencies: list[float] = []
    errors = 0
    deadline = time.perf_counter() + duration_s
    headers = {"Content-Type": f"multipart/form-data; boundary={BOUNDARY}"}
    limits = httpx.Limits(max_connections=connections)
    async with httpx.AsyncClient(base_url=url, limits=limits, timeout=30) as client:

        async def one_client() -> None:
            nonlocal errors
            while time.perf_counter() < deadline:
                started = time.perf_counter()
                answer = await client.post("/api/resumes", content=body, headers=headers)
                latencies.append(time.perf_counter() - started)
                errors += answer.status_code != 202

        started = time.perf_counter()
        await asyncio.gather(*(one_client() for _ in range(connections)))
        elapsed = time.perf_counter() - started
    q = statistics.quantiles(latencies, n=100)
    return {
        "client": "httpx-asyncio",
        "requests": len(latencies),
        "errors": errors,
        "rps": (len(latencies) - errors) / elapsed,  # answered uploads only
        "p50_ms": q[49] * 1000,
        "p95_ms": q[94] * 1000,
        "p99_ms": q[98] * 1000,
    }


@contextlib.contextmanager
def own_stack(api_workers: int, *, with_worker: bool) -> Iterator[str]:
    worker = None if with_worker else ["migrate"]
    with local_stack(api_workers=api_workers, worker=worker) as stack:
        yield stack.url


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--url")
    parser.add_argument("--connections", type=int, default=32)
    parser.add_argument("--duration-s", type=int, default=10)
    parser.add_argument(
        "--api-workers",
        type=int,
        default=2,
        help="API processes, as `resumeroast up` (own stack only)",
    )
    parser.add_argument("--file", default="pdf/resumematcher__single-column.pdf")
    parser.add_argument(
        "--rate",
        type=int,
        default=0,
        help="send uploads on a schedule of this many per second (wrk only); 0: flat out",
    )
    parser.add_argument(
        "--no-worker",
        action="store_true",
        help="own stack without a worker: the API alone (jobs stay queued)",
    )
    args = parser.parse_args()
    fixture = FIXTURES / args.file
    body = multipart_body(fixture.read_bytes(), fixture.name)
    body_file = Path(tempfile.mkstemp(suffix=".body")[1])
    body_file.write_bytes(body)
    stack = (
        contextlib.nullcontext(args.url)
        if args.url
        else own_stack(args.api_workers, with_worker=not args.no_worker)
    )
    with stack as url:
        if shutil.which("wrk"):
            result = run_wrk(url, body_file, args.connections, args.duration_s, args.rate)
        elif args.rate:
            parser.error("--rate needs wrk")
        else:
            result = asyncio.run(run_httpx(url, body, args.connections, args.duration_s))
    print(
        f"upload {fixture.name} ({len(body)} bytes), {args.connections} connections, "
        f"{args.duration_s}s, "
        f"{f'scheduled {args.rate}/s' if args.rate else 'flat out'}, "
        f"client={result['client']}"
    )
    print(
        f"requests={result['requests']} errors={result['errors']} "
        f"uploads/s={result['rps']:.0f} (202s only) "
        f"p50={result['p50_ms']:.1f}ms p95={result['p95_ms']:.1f}ms p99={result['p99_ms']:.1f}ms"
    )
    if args.rate:
        sys.exit(0 if schedule_kept(result, args.rate) else 1)


def schedule_kept(result: dict[str, float], rate: int) -> bool:
    """wrk's latency is from the write; it stands for the latency from the due time only if
    (nearly) every upload was written on time. Else the run is rejected."""
    late_share = result["late"] / max(1, result["sent"])
    sent_share = result["sent"] / (rate * result["duration_s"])
    print(
        f"schedule: {result['sent']} of {rate * result['duration_s']:.0f} due uploads sent "
        f"({sent_share:.1%}); {result['late']} ({late_share:.1%}) sent over 1 ms late, "
        f"the latest {result['late_max_ms']:.1f} ms"
    )
    if late_share > 0.05 or sent_share < 0.95:
        print("REJECTED: the schedule slipped by more than 5 %; the latency above hides waits")
        return False
    return True


if __name__ == "__main__":
    main()
