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
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

import httpx
import psutil

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile_clients as hc
import hostile_report
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
        answers: multiprocessing.Queue[list[tuple[float, float | None]]] = multiprocessing.Queue()
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
        worker = hostile_report.worker_seconds(data_dir)
        shutil.rmtree(data_dir, ignore_errors=True)
    rss = (rss_start, memory.peak, rss_end)
    return hostile_report.figures(args, tally, probes, rss, elapsed) | {"worker_s": worker}


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

    async def attack() -> None:
        # The maximal documents first: the attacker's own upload limit is shared by all its
        # vectors, and these cost the worker most; the rest follows as soon as they are answered.
        await hc.maximal_documents(attacker, args.maximal, tally)
        await asyncio.gather(
            hc.slow_loris(base_url, args.slow_loris, stop, tally),
            hc.event_streams(attacker, args.streams, stop, tally),
            hc.rotating_forwarded_for(attacker, args.forwarded, 20, tally),
        )

    attacking = asyncio.ensure_future(attack())
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
    await asyncio.wait_for(attacking, timeout=120)
    for client in (attacker, *ordinary):
        await client.aclose()
    return tally


def _probe_healthz(
    base_url: str,
    stop: Any,
    answers: multiprocessing.Queue[list[tuple[float, float | None]]],
) -> None:
    """Every 100 ms, a GET /healthz on a new connection: (seconds since the first probe, its
    latency or None if it failed)."""
    probes: list[tuple[float, float | None]] = []
    transport = httpx.HTTPTransport(local_address=PROBER)
    first = time.perf_counter()
    with httpx.Client(base_url=base_url, transport=transport, timeout=10) as client:
        while not stop.wait(0.1):
            started = time.perf_counter()
            try:
                answer = client.get("/healthz", headers={"Connection": "close"})
                latency = time.perf_counter() - started if answer.is_success else None
            except httpx.HTTPError:
                latency = None
            probes.append((started - first, latency))
    answers.put(probes)


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


def main(args: argparse.Namespace) -> None:
    figures = run_hostile(args)
    hostile_report.print_figures(figures)
    if args.json:
        args.json.write_text(json.dumps(figures, indent=2))
