"""The figures of bench/chaos.py --hostile: from the clients' tally, the /healthz probes, the API's
RSS and the jobs table (how long the worker spent on each kind of upload)."""

from __future__ import annotations

import argparse
import statistics
import sys
from collections import Counter
from pathlib import Path
from typing import Any

from sqlalchemy import select

sys.path.insert(0, str(Path(__file__).resolve().parent))
import hostile_clients as hc
from resumeroast.adapters.db.engine import make_engine
from resumeroast.adapters.db.tables import JobRow
from resumeroast.settings import Settings


def worker_seconds(data_dir: Path) -> dict[str, dict[str, float]]:
    """From the jobs table: per kind of upload, how many finished (and failed), and the worker's
    time on each (started → finished), which is what an upload behind them waits for."""
    engine = make_engine(Settings(data_dir=data_dir).effective_database_url)
    kinds: dict[str, list[float]] = {}
    outcomes: Counter[str] = Counter()
    try:
        with engine.connect() as connection:
            query = select(JobRow.filename, JobRow.status, JobRow.started_at, JobRow.finished_at)
            for name, status, started, finished in connection.execute(query):
                kind = hc.upload_kind(name)
                outcomes[f"{kind} {status}"] += 1
                if started is not None and finished is not None:
                    seconds = (finished - started).total_seconds()
                    kinds.setdefault(kind, []).append(seconds)
    finally:
        engine.dispose()
    return {
        kind: {
            "finished": len(seconds),
            "failed": outcomes[f"{kind} failed"],
            "unfinished": sum(n for k, n in outcomes.items() if k.startswith(kind)) - len(seconds),
            "median": statistics.median(seconds),
            "max": max(seconds),
            "total": sum(seconds),
        }
        for kind, seconds in sorted(kinds.items())
    }


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def figures(
    args: argparse.Namespace,
    tally: hc.Tally,
    probes: list[tuple[float, float | None]],
    rss: tuple[float, float, float],
    elapsed: float,
) -> dict[str, Any]:
    ok_probes = [latency for _, latency in probes if latency is not None]
    slowest = sorted(probes, key=lambda probe: -1 if probe[1] is None else probe[1])[-3:]
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
            "p50": percentile(done, 0.5),
            "p95": percentile(done, 0.95),
            "max": max(done, default=float("nan")),
        },
        "healthz_ms": {
            "probes": len(probes),
            "failed": len(probes) - len(ok_probes),
            "p50": percentile(ok_probes, 0.5) * 1000,
            "p99": percentile(ok_probes, 0.99) * 1000,
            "max": max(ok_probes, default=float("nan")) * 1000,
            "slowest_at_s": [round(at, 1) for at, _ in slowest],
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
        print(f"  {vector}: a socket held {held:.1f} s (median)")
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
        f"(target p99 < 200 ms); the slowest {len(health['slowest_at_s'])} at "
        f"{', '.join(f'{at:.0f}' for at in health['slowest_at_s'])} s into the run"
    )
    for kind, seconds in figures.get("worker_s", {}).items():
        print(
            f"worker time, {kind:<18} {seconds['finished']} finished ({seconds['failed']} failed, "
            f"{seconds['unfinished']} unfinished): median {seconds['median']:.2f} s, "
            f"max {seconds['max']:.2f} s, total {seconds['total']:.0f} s"
        )
    rss = figures["api_rss_mb"]
    print(
        f"API RSS (all API processes)  start {rss['start']:.0f} MB  peak {rss['peak']:.0f} MB  "
        f"end {rss['end']:.0f} MB ({(rss['end'] / rss['start'] - 1) * 100:+.0f} %; "
        "target within 20 %)"
    )
