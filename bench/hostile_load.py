"""bench/chaos.py --hostile: a running `resumeroast up` under attack from one address while
ordinary people upload from a hundred others (issue 17).

    .venv/bin/python bench/chaos.py --hostile [--maximal 50] [--slow-loris 200] [--streams 1000]
        [--forwarded 1000] [--ordinary 1000] [--addresses 100] [--duration-s 300] [--json PATH]

Starts `resumeroast up` itself (defaults as shipped: 2 API processes on 2 cores, one worker, an
upload limit of 30 a minute per address, no trusted proxies) on a temporary data folder. After a
warm-up of 3 ordinary resumes (so the API's start RSS includes what the first requests load),
at once, from 127.0.0.1: the maximal documents (just inside the text caps, the costliest shape),
the slow-loris sockets (a byte a second; one in four trickles a body), the event streams (all
opened at once on the attacker's own jobs) and the uploads with a different X-Forwarded-For each;
meanwhile from 127.0.0.2 … the ordinary uploads, evenly spread over --duration-s, each followed
over its event stream to `complete`. /healthz is probed every 100 ms on a new connection from a
process of its own (127.0.0.254). API RSS (all API processes summed) is sampled every 0.5 s; the
end is taken --settle-s after the attack stopped.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path
from typing import Any

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile_clients as hc
from local_stack import wait_ready
from resumeroast.adapters.embedded_redis import free_port

PROBER = "127.0.0.254"


def add_arguments(parser: argparse.ArgumentParser) -> None:
    group = parser.add_argument_group("--hostile (issue 17's numbers by default)")
    group.add_argument("--maximal", type=int, default=50, help="documents at the text caps")
    group.add_argument("--slow-loris", type=int, default=200, help="sockets at a byte a second")
    group.add_argument("--streams", type=int, default=1000, help="event streams opened at once")
    group.add_argument("--forwarded", type=int, default=1000, help="rotating X-Forwarded-For")
    group.add_argument("--ordinary", type=int, default=1000, help="ordinary uploads")
    group.add_argument("--addresses", type=int, default=100, help="ordinary clients' addresses")
    group.add_argument("--duration-s", type=float, default=300.0, help="ordinary uploads spread")
    group.add_argument("--job-timeout-s", type=float, default=300.0)
    group.add_argument("--settle-s", type=float, default=15.0)
    group.add_argument("--up-concurrency", type=int, default=1, help="`up --concurrency`")
    group.add_argument("--json", type=Path, help="also write the figures here")


def run_hostile(args: argparse.Namespace) -> dict[str, Any]:
    data_dir = Path(tempfile.mkdtemp(prefix="rr-hostile-"))
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    up = _start_up(data_dir, port, args.up_concurrency)
    try:
        wait_ready(base_url, 180)
        asyncio.run(_warm_up(base_url))
        api = [p for p in psutil.Process(up.pid).children() if "api" in p.cmdline()]
        memory = _MemorySampler(api)
        rss_start = memory.sample()
        memory.start()
        prober_stop = multiprocessing.Event()
        answers: multiprocessing.Queue[list[float | None]] = multiprocessing.Queue()
        prober = multiprocessing.Process(
            target=_probe_healthz, args=(base_url, prober_stop, answers)
        )
        prober.start()
        started = time.monotonic()
        tally = asyncio.run(_attack_and_serve(base_url, args))
        elapsed = time.monotonic() - started
        prober_stop.set()
        probes = answers.get(timeout=60)
        prober.join(timeout=30)
        time.sleep(args.settle_s)
        memory.stop()
        rss_end = memory.sample()
    finally:
        _stop_up(up)
        shutil.rmtree(data_dir, ignore_errors=True)
    return _figures(args, tally, probes, (rss_start, memory.peak, rss_end), elapsed)


def _start_up(data_dir: Path, port: int, concurrency: int) -> subprocess.Popen[bytes]:
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("LLM_", "OPENAI_", "ANTHROPIC_"))
        and k not in ("REDIS_URL", "BROKER_URL", "DATABASE_URL", "DATA_DIR")
        and not k.startswith(("UPLOAD_RATE", "TRUSTED_", "MAX_CONN", "EVENT_STREAMS"))
    }
    with (data_dir / "up.log").open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "resumeroast", "up", "--port", str(port)]
            + ["--data-dir", str(data_dir), "--concurrency", str(concurrency)],
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _stop_up(up: subprocess.Popen[bytes]) -> None:
    up.send_signal(signal.SIGTERM)  # `up` stops its children, then its Redis
    try:
        up.wait(timeout=90)
    except subprocess.TimeoutExpired:
        os.killpg(up.pid, signal.SIGKILL)
        up.wait()


async def _warm_up(base_url: str) -> None:
    tally = hc.Tally()
    async with hc.client_for(base_url, PROBER) as client:
        for n in range(3):
            await hc.ordinary_upload(client, 900_000 + n, 120, tally)
    if tally.ordinary_failed:
        raise RuntimeError(f"the warm-up failed: {dict(tally.ordinary_failed)}")


async def _attack_and_serve(base_url: str, args: argparse.Namespace) -> hc.Tally:
    tally = hc.Tally()
    stop = asyncio.Event()
    attacker = hc.client_for(base_url, hc.ATTACKER, connections=None)
    ordinary = [
        hc.client_for(base_url, f"127.0.0.{2 + i}") for i in range(min(args.addresses, 250))
    ]
    attack = [
        asyncio.ensure_future(hc.maximal_documents(attacker, args.maximal, tally)),
        asyncio.ensure_future(hc.slow_loris(base_url, args.slow_loris, stop, tally)),
        asyncio.ensure_future(hc.event_streams(attacker, args.streams, stop, tally)),
        asyncio.ensure_future(hc.rotating_forwarded_for(attacker, args.forwarded, 20, tally)),
    ]
    pace = args.duration_s / max(1, args.ordinary)
    people = []
    for n in range(args.ordinary):
        people.append(
            asyncio.ensure_future(
                hc.ordinary_upload(ordinary[n % len(ordinary)], n, args.job_timeout_s, tally)
            )
        )
        await asyncio.sleep(pace)
    await asyncio.gather(*people)
    stop.set()
    await asyncio.wait_for(asyncio.gather(*attack, return_exceptions=True), timeout=120)
    for client in (attacker, *ordinary):
        await client.aclose()
    return tally


def _probe_healthz(
    base_url: str,
    stop: Any,
    answers: multiprocessing.Queue[list[float | None]],
) -> None:
    """Every 100 ms, a GET /healthz on a new connection; its latency, or None if it failed."""
    latencies: list[float | None] = []
    transport = httpx.HTTPTransport(local_address=PROBER)
    with httpx.Client(base_url=base_url, transport=transport, timeout=10) as client:
        while not stop.wait(0.1):
            started = time.perf_counter()
            try:
                answer = client.get("/healthz", headers={"Connection": "close"})
                latencies.append(time.perf_counter() - started if answer.is_success else None)
            except httpx.HTTPError:
                latencies.append(None)
    answers.put(latencies)


class _MemorySampler(threading.Thread):
    """RSS of the API processes summed, every 0.5 s; keeps the peak."""

    def __init__(self, processes: list[psutil.Process]) -> None:
        super().__init__(daemon=True)
        self.processes = processes
        self.peak = 0.0
        self._stop_event = threading.Event()

    def sample(self) -> float:
        total = sum(p.memory_info().rss for p in self.processes if p.is_running()) / 2**20
        self.peak = max(self.peak, total)
        return total

    def run(self) -> None:
        while not self._stop_event.wait(0.5):
            self.sample()

    def stop(self) -> None:
        self._stop_event.set()
        self.join()


def _percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def _figures(
    args: argparse.Namespace,
    tally: hc.Tally,
    probes: list[float | None],
    rss: tuple[float, float, float],
    elapsed: float,
) -> dict[str, Any]:
    ok_probes = [p for p in probes if p is not None]
    done = tally.ordinary_s
    attack = {vector: dict(outcomes) for vector, outcomes in sorted(tally.attack.items())}
    return {
        "scale": {k: v for k, v in vars(args).items() if k in _SCALE},
        "elapsed_s": round(elapsed, 1),
        "attacker_429s": sum(outcomes.get("429", 0) for outcomes in tally.attack.values()),
        "attack": attack,
        "slow_loris_held_s_median": {
            vector: round(statistics.median(held), 1) for vector, held in tally.loris_held_s.items()
        },
        "ordinary_failed": sum(tally.ordinary_failed.values()),
        "ordinary_failures": dict(tally.ordinary_failed),
        "ordinary_stream_fallbacks": dict(tally.ordinary_fallbacks),
        "ordinary_complete_s": {
            "n": len(done),
            "p50": _percentile(done, 0.5),
            "p95": _percentile(done, 0.95),
            "max": max(done, default=float("nan")),
        },
        "healthz_ms": {
            "probes": len(probes),
            "failed": len(probes) - len(ok_probes),
            "p50": _percentile(ok_probes, 0.5) * 1000,
            "p99": _percentile(ok_probes, 0.99) * 1000,
            "max": max(ok_probes, default=float("nan")) * 1000,
        },
        "api_rss_mb": {"start": rss[0], "peak": rss[1], "end": rss[2]},
    }


_SCALE = (
    "up_concurrency",
    "maximal",
    "slow_loris",
    "streams",
    "forwarded",
    "ordinary",
    "addresses",
    "duration_s",
)


def print_figures(figures: dict[str, Any]) -> None:
    scale = figures["scale"]
    print(f"\nhostile load: {scale}; {figures['elapsed_s']:.0f} s")
    print(f"attacker 429s        {figures['attacker_429s']}")
    for vector, outcomes in figures["attack"].items():
        print(f"  {vector:<36} {dict(Counter(outcomes).most_common())}")
    for vector, held in figures["slow_loris_held_s_median"].items():
        print(f"  {vector}: a socket held {held:.1f} s (median) until answered or cut")
    print(f"ordinary failed      {figures['ordinary_failed']}  (target 0)")
    for reason, n in figures["ordinary_failures"].items():
        print(f"  {n} x {reason}")
    if figures["ordinary_stream_fallbacks"]:
        print(f"  event streams refused or cut, polled: {figures['ordinary_stream_fallbacks']}")
    done = figures["ordinary_complete_s"]
    print(
        f"upload → complete    n={done['n']}  p50 {done['p50']:.2f} s  p95 {done['p95']:.2f} s  "
        f"max {done['max']:.2f} s  (target ≤ 10 s)"
    )
    health = figures["healthz_ms"]
    print(
        f"/healthz             {health['probes']} probes, {health['failed']} failed; "
        f"p50 {health['p50']:.0f} ms  p99 {health['p99']:.0f} ms  max {health['max']:.0f} ms  "
        "(target p99 < 200 ms)"
    )
    rss = figures["api_rss_mb"]
    print(
        f"API RSS (all API processes)  start {rss['start']:.0f} MB  peak {rss['peak']:.0f} MB  "
        f"end {rss['end']:.0f} MB ({(rss['end'] / rss['start'] - 1) * 100:+.0f} %; "
        "target within 20 %)"
    )


def main(args: argparse.Namespace) -> None:
    figures = run_hostile(args)
    print_figures(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
