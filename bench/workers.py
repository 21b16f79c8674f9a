"""Worker pools for I/O-bound reviews: prefork against threads, with an LLM that takes 3 s.

    .venv/bin/python bench/workers.py [--slots 1 4 16] [--latency-s 3] [--waves 4] [--record]

An LLM review spends seconds waiting on the network. With prefork every in-flight review
costs a whole process (and, here, its own parse server); with the threads pool one process
holds many in-flight reviews. For each number of slots N (concurrent reviews) this runs:

  prefork   1 process with N pool children      (resumeroast worker --pool prefork -c N)
  threads   1 process with N threads            (resumeroast worker --pool threads -c N)
  threads   2 processes with N/2 threads each   (when N >= 4)

Everything is real and local: redis-server, `resumeroast api`, `resumeroast worker`, SQLite,
and the OpenAI-compatible stand-in (tests/support/llm_standin.py) answering every call after
--latency-s, reached through the production openai provider. Each configuration gets a warm-up
wave (one job per slot, so every pool child or thread has built its clients), then a batch of
waves x N jobs with distinct resumes (the review cache cannot answer them). It prints:

  jobs/s          completed jobs / (first POST → last job finished); failed jobs are not
                  counted (see "failed"); the ideal is N / latency
  in-flight       most stand-in calls open at once (what the pool really overlaps)
  unacked         most broker messages reserved and not yet acknowledged (Redis' unacked
                  hash): with acks_late and prefetch multiplier 1 it must not exceed N
  RSS, PSS        peak total of the worker processes and all their children (pool children,
                  parse servers); RSS counts pages shared after fork once per process, PSS
                  shares them out, so PSS is the fairer prefork figure
  in-flight/GB    in-flight / RSS (and / PSS)
  calls           stand-in calls for the batch; = jobs means no review was paid twice

--record writes the figures to bench/workers_measured.json, the calibration that
bench/capacity.py (and tests/unit/bench/test_capacity.py) replays.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx
import psutil
import redis

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support import llm_standin  # noqa: E402
from tests.support.api import submit  # noqa: E402
from tests.support.stack import ADMIN_TOKEN, FIXTURES, Stack  # noqa: E402

from resumeroast.adapters.embedded_redis import EmbeddedRedis  # noqa: E402
from resumeroast.adapters.queue import KEY_PREFIX  # noqa: E402

BASE = (FIXTURES / "text/hrhelper__sample_resume.txt").read_bytes()
UNACKED_KEY = KEY_PREFIX + "unacked"  # kombu's hash of reserved, unacknowledged messages
DEADLINE_S = 300.0  # no single batch may take longer
MEASURED_FILE = ROOT / "bench" / "workers_measured.json"  # read by bench/capacity.py


# --- the stand-in, counting open calls ------------------------------------------------------


class InFlight:
    def __init__(self) -> None:
        self._lock = threading.Lock()
        self.now = 0
        self.peak = 0
        self.calls = 0

    def enter(self) -> None:
        with self._lock:
            self.now += 1
            self.calls += 1
            self.peak = max(self.peak, self.now)

    def leave(self) -> None:
        with self._lock:
            self.now -= 1

    def reset(self) -> None:
        with self._lock:
            self.peak = self.now
            self.calls = 0


IN_FLIGHT = InFlight()


class CountingHandler(llm_standin._Handler):
    def do_POST(self) -> None:
        IN_FLIGHT.enter()
        try:
            super().do_POST()
        finally:
            IN_FLIGHT.leave()


@contextmanager
def counting_standin(latency_s: float) -> Iterator[llm_standin.Standin]:
    standin = llm_standin.Standin({"steps": [], "then": {"kind": "hang", "seconds": latency_s}})
    standin._server.RequestHandlerClass = CountingHandler
    standin.start()
    try:
        yield standin
    finally:
        standin.stop()


# --- measuring ------------------------------------------------------------------------------


@dataclass
class Config:
    pool: str
    processes: int
    per_process: int

    @property
    def slots(self) -> int:
        return self.processes * self.per_process

    @property
    def label(self) -> str:
        return f"{self.pool:<8}{self.processes} x {self.per_process:<3}"


@dataclass
class Result:
    config: Config
    jobs: int
    seconds: float
    in_flight: int
    unacked: int
    rss_mb: float
    pss_mb: float
    calls: int
    failed: int

    @property
    def jobs_per_s(self) -> float:
        """Completed jobs only: a failed job is not throughput."""
        return (self.jobs - self.failed) / self.seconds


class Sampler:
    """Peak memory of the worker process trees and peak unacked messages, every 0.5 s."""

    def __init__(self, workers: list[subprocess.Popen[bytes]], redis_url: str) -> None:
        self._roots = [psutil.Process(w.pid) for w in workers]
        self._redis = redis.Redis.from_url(redis_url)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self.rss_mb = self.pss_mb = 0.0
        self.unacked = 0

    def __enter__(self) -> Sampler:
        self._thread.start()
        return self

    def __exit__(self, *_: object) -> None:
        self._stop.set()
        self._thread.join()
        self._redis.close()

    def _run(self) -> None:
        while True:
            self.unacked = max(self.unacked, int(self._redis.hlen(UNACKED_KEY)))
            rss, pss = self.memory_mb()
            self.rss_mb, self.pss_mb = max(self.rss_mb, rss), max(self.pss_mb, pss)
            if self._stop.wait(0.5):
                return

    def memory_mb(self) -> tuple[float, float]:
        rss = pss = 0.0
        for root in self._roots:
            try:
                tree = [root, *root.children(recursive=True)]
            except psutil.Error:
                continue
            for process in tree:
                try:
                    info = process.memory_full_info()
                except psutil.Error:
                    continue
                rss += info.rss / 2**20
                pss += getattr(info, "pss", info.rss) / 2**20
        return rss, pss


def finished_count(client: httpx.Client) -> tuple[int, int]:
    """(complete, failed) over the whole run, from the admin API."""
    answer = client.get("/api/admin/stats", headers={"Authorization": f"Bearer {ADMIN_TOKEN}"})
    answer.raise_for_status()
    counts = answer.json()["jobs_by_status"]
    return int(counts.get("complete", 0)), int(counts.get("failed", 0))


def run_jobs(client: httpx.Client, count: int, tag: str) -> tuple[float, int]:
    """Submit count distinct resumes at once; wait until all are done. (seconds, failed)."""
    complete_before, failed_before = finished_count(client)
    started = time.monotonic()
    bodies = [f"Candidate {tag}-{i:04d}\n".encode() + BASE for i in range(count)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        list(pool.map(lambda b: submit(client, "r.txt", data=b, filename="r.txt"), bodies))
    while True:
        complete, failed = finished_count(client)
        done = complete - complete_before + failed - failed_before
        if done >= count:
            return time.monotonic() - started, failed - failed_before
        if time.monotonic() - started > DEADLINE_S:
            raise RuntimeError(f"{tag}: only {done} of {count} jobs finished in {DEADLINE_S}s")
        time.sleep(0.1)


def start_workers(stack: Stack, config: Config) -> list[subprocess.Popen[bytes]]:
    return [
        stack.start_worker(concurrency=config.per_process, pool=config.pool)
        for _ in range(config.processes)
    ]


def stop_workers(stack: Stack, workers: list[subprocess.Popen[bytes]]) -> None:
    for worker in workers:
        os.killpg(worker.pid, signal.SIGTERM)
    for worker in workers:
        try:
            worker.wait(timeout=60)
        except subprocess.TimeoutExpired:
            os.killpg(worker.pid, signal.SIGKILL)
            worker.wait()
        stack.workers.remove(worker)


def measure(stack: Stack, client: httpx.Client, config: Config, waves: int) -> Result:
    workers = start_workers(stack, config)
    try:
        tag = f"{config.pool}-{config.processes}x{config.per_process}"
        run_jobs(client, config.slots, f"{tag}-warm")
        IN_FLIGHT.reset()
        batch = waves * config.slots
        assert stack.redis is not None
        with Sampler(workers, stack.redis.url) as sampler:
            seconds, failed = run_jobs(client, batch, tag)
        return Result(
            config=config,
            jobs=batch,
            seconds=seconds,
            in_flight=IN_FLIGHT.peak,
            unacked=sampler.unacked,
            rss_mb=sampler.rss_mb,
            pss_mb=sampler.pss_mb,
            calls=IN_FLIGHT.calls,
            failed=failed,
        )
    finally:
        stop_workers(stack, workers)


def configs(slots: list[int]) -> Iterator[Config]:
    for n in slots:
        yield Config("prefork", 1, n)
        yield Config("threads", 1, n)
        if n >= 4:
            yield Config("threads", 2, n // 2)


# --- output ---------------------------------------------------------------------------------

HEADER = (
    f"{'pool':<8}{'procs x c':<10}{'jobs':>5}{'wall s':>8}{'jobs/s':>8}{'ideal':>7}"
    f"{'in-flight':>10}{'unacked':>8}{'RSS MB':>8}{'PSS MB':>8}"
    f"{'infl/GB RSS':>12}{'infl/GB PSS':>12}{'calls':>6}{'failed':>7}"
)


def row(result: Result, latency_s: float) -> str:
    c = result.config
    ideal = c.slots / latency_s
    per_gb_rss = result.in_flight / (result.rss_mb / 1024) if result.rss_mb else 0.0
    per_gb_pss = result.in_flight / (result.pss_mb / 1024) if result.pss_mb else 0.0
    return (
        f"{c.label:<18}{result.jobs:>5}{result.seconds:>8.1f}{result.jobs_per_s:>8.2f}"
        f"{ideal:>7.2f}{result.in_flight:>10}{result.unacked:>8}{result.rss_mb:>8.0f}"
        f"{result.pss_mb:>8.0f}{per_gb_rss:>12.1f}{per_gb_pss:>12.1f}"
        f"{result.calls:>6}{result.failed:>7}"
    )


def record(results: list[Result], args: argparse.Namespace) -> None:
    """The calibration bench/capacity.py replays: its setup and each configuration's figures."""
    today = datetime.date.today().isoformat()
    rows = [
        {
            "pool": r.config.pool,
            "processes": r.config.processes,
            "per_process": r.config.per_process,
            "jobs": r.jobs,
            "jobs_per_s": round(r.jobs_per_s, 2),
            "rss_mb": round(r.rss_mb),
            "pss_mb": round(r.pss_mb),
            "failed": r.failed,
        }
        for r in results
    ]
    calibration = {
        "source": f"bench/workers.py --slots {' '.join(map(str, args.slots))} --latency-s "
        f"{args.latency_s:g} --waves {args.waves} --record, {today}, load {os.getloadavg()[0]:.1f}",
        "latency_s": args.latency_s,
        "waves": args.waves,
        "cpus": os.cpu_count(),
        "rows": rows,
    }
    MEASURED_FILE.write_text(json.dumps(calibration, indent=2) + "\n")
    print(f"recorded in {MEASURED_FILE.relative_to(ROOT)}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--slots", type=int, nargs="+", default=[1, 4, 16])
    parser.add_argument("--latency-s", type=float, default=3.0)
    parser.add_argument("--waves", type=int, default=4, help="batch = waves x slots jobs")
    parser.add_argument("--record", action="store_true", help=f"write {MEASURED_FILE.name}")
    args = parser.parse_args()

    started = time.monotonic()
    data_dir = Path(tempfile.mkdtemp(prefix="rr-bench-workers-"))
    redis_server = EmbeddedRedis(data_dir / "redis").start()
    results: list[Result] = []
    try:
        with counting_standin(args.latency_s) as standin:
            stack = Stack(
                data_dir=data_dir,
                redis=redis_server,
                extra_env={
                    "LLM_PROVIDER": "openai",
                    "LLM_BASE_URL": standin.base_url,
                    "LLM_MODEL": "standin",
                    "LLM_API_KEY": "x",
                    # production limits, not the test stacks' short ones: a cold pool child
                    # on a busy machine must not meet a 20 s soft limit, and a backlog
                    # waiting 3 s must not be re-enqueued by the reconciler
                    "TASK_SOFT_TIME_LIMIT_S": "100",
                    "TASK_TIME_LIMIT_S": "120",
                    "VISIBILITY_TIMEOUT_S": "600",
                    "RETRY_CAP_S": "60",
                    "RECONCILE_STALE_AFTER_S": "600",
                    "RECONCILE_INTERVAL_S": "30",
                },
            )
            stack.start_api()
            try:
                with httpx.Client(base_url=stack.base_url, timeout=60) as client:
                    print(HEADER, flush=True)
                    for config in configs(args.slots):
                        results.append(measure(stack, client, config, args.waves))
                        print(row(results[-1], args.latency_s), flush=True)
            finally:
                stack.stop()
    finally:
        redis_server.stop()
        shutil.rmtree(data_dir, ignore_errors=True)
    print(
        f"\nLLM stand-in latency {args.latency_s:g} s; batch = {args.waves} x slots distinct "
        f"resumes after a warm-up wave; SQLite; {os.cpu_count()} CPUs; "
        f"{time.monotonic() - started:.0f} s in all."
    )
    if args.record:
        record(results, args)


if __name__ == "__main__":
    main()
