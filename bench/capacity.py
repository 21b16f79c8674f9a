"""A capacity plan as a program: a discrete-event simulation of the review pipeline.

    .venv/bin/python bench/capacity.py                       # calibration, then 20,000/day sizing
    .venv/bin/python bench/capacity.py --per-day 20000 --peak-rate 50 --peak-s 60 --peaks 2 \
        --slots-per-worker 16 --target-wait-p95-s 300 --rpm 5000 --tpm 2000000

A job arrives (the API has accepted it), waits in the broker for a free worker slot, then holds
the slot while it takes a CPU core to parse and analyse (and a database connection for its
writes), waits for the provider's requests- and tokens-per-minute quota, waits on the model
(latency drawn from a triangular 5-20 s distribution), and takes the CPU again to ground and
save the review. Every resource is a FIFO queue; events are kept in a heap. The queue wait
printed is arrival -> the model call's start (broker, CPU, database and quota waits together).
Seeded: the same arguments print the same figures.

Calibration: the same model, run with bench/workers.py's setup (a batch of waves x slots
distinct resumes submitted at once, a stand-in answering after a fixed latency, the bench
machine's cores), is compared with that bench's measured jobs/s, read from
bench/workers_measured.json (`bench/workers.py --record` writes it; docs/operations.md, "Pools:
prefork or threads", shows the same figures). tests/unit/bench/test_capacity.py replays it too.
"""

from __future__ import annotations

import argparse
import bisect
import heapq
import json
import math
import random
from collections import deque
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

#: bench/workers.py's measured figures (`bench/workers.py --record` writes the file)
MEASURED_FILE = Path(__file__).resolve().parent / "workers_measured.json"
TOLERANCE = 0.20
MAX_WORKERS = 512
POOLS = ("prefork", "threads")


@dataclass(frozen=True)
class Measured:
    """One row of bench/workers.py: a pool configuration and the throughput it reached."""

    pool: str
    processes: int
    per_process: int
    jobs_per_s: float
    pss_mb: float

    @property
    def slots(self) -> int:
        return self.processes * self.per_process


@dataclass(frozen=True)
class Calibration:
    """bench/workers.py's setup (stand-in latency, batch of waves x slots, cores) and rows."""

    source: str
    latency_s: float
    waves: int
    cpus: int
    rows: tuple[Measured, ...]

    def memory_mb(self, pool: str) -> tuple[float, float]:
        """Worker memory (PSS, MB): a process's base and what each slot adds, from the pool's
        one-process rows with the fewest and the most slots."""
        rows = sorted((r for r in self.rows if r.pool == pool and r.processes == 1), key=_slots)
        low, high = rows[0], rows[-1]
        per_slot = (high.pss_mb - low.pss_mb) / (high.slots - low.slots)
        return low.pss_mb - per_slot * low.slots, per_slot


def _slots(row: Measured) -> int:
    return row.slots


def load_calibration(path: Path = MEASURED_FILE) -> Calibration:
    data: dict[str, Any] = json.loads(path.read_text())
    rows = tuple(
        Measured(r["pool"], r["processes"], r["per_process"], r["jobs_per_s"], r["pss_mb"])
        for r in data["rows"]
    )
    return Calibration(data["source"], data["latency_s"], data["waves"], data["cpus"], rows)


@dataclass
class Params:
    slots: int
    cores: int
    cpu_before_s: float = 0.15  #: CPU per job before the call, fitted to bench/workers.py
    cpu_after_s: float = 0.02  #: grounding, scoring and saving the review
    overhead_s: float = 0.03  #: broker hand-off and event publishing, not CPU-bound
    db_connections: int = 90  #: usable PostgreSQL connections (max_connections 100 - admin)
    db_hold_s: float = 0.02  #: connection held per job for its writes
    latency: Callable[[random.Random], float] = lambda r: r.triangular(5.0, 20.0, 8.0)
    rpm: float = math.inf
    tpm: float = math.inf
    tokens_per_call: int = 1_842  #: bench/review.py: 1,698 in + 144 out on average


class Resource:
    """A FIFO queue in front of `capacity` identical servers."""

    def __init__(self, capacity: int) -> None:
        self.capacity, self.busy, self.peak = capacity, 0, 0
        self.waiting: deque[Callable[[], None]] = deque()

    def acquire(self, then: Callable[[], None]) -> None:
        if self.busy < self.capacity:
            self.busy += 1
            self.peak = max(self.peak, self.busy)
            then()
        else:
            self.waiting.append(then)

    def release(self) -> None:
        if self.waiting:
            self.waiting.popleft()()
        else:
            self.busy -= 1


class Quota:
    """Requests and tokens per rolling minute, shared by every worker: a call starts when both
    have room (the shared quota of issue 18; without it a 429 costs a retry instead)."""

    def __init__(self, rpm: float, tpm: float) -> None:
        self.rpm, self.tpm = rpm, tpm
        self.starts: list[float] = []  #: call start times, never decreasing
        self.cumulative = [0]  #: tokens of the calls before index i
        self.peak_rpm = 0

    def next_start(self, now: float, tokens: int) -> float:
        start = max(now, self.starts[-1] if self.starts else now)
        n = len(self.starts)
        if n >= self.rpm:
            start = max(start, self.starts[n - int(self.rpm)] + 60.0)
        excess = self.cumulative[-1] + tokens - self.tpm
        if excess > 0:  # the calls up to `first` must have left the window
            first = bisect.bisect_left(self.cumulative, excess)
            start = max(start, self.starts[first - 1] + 60.0)
        self.starts.append(start)
        self.cumulative.append(self.cumulative[-1] + tokens)
        in_minute = n + 1 - bisect.bisect_right(self.starts, start - 60.0)
        self.peak_rpm = max(self.peak_rpm, in_minute)
        return start


@dataclass
class Outcome:
    waits: list[float] = field(default_factory=list)
    totals: list[float] = field(default_factory=list)
    finished_at: float = 0.0
    peak_depth: int = 0
    peak_slots: int = 0
    peak_cores: int = 0
    peak_db: int = 0
    peak_rpm: int = 0


class Simulation:
    def __init__(self, params: Params, seed: int) -> None:
        self.p = params
        self.random = random.Random(seed)
        self.now = 0.0
        self.events: list[tuple[float, int, Callable[[], None]]] = []
        self.order = 0
        self.slots = Resource(params.slots)
        self.cores = Resource(params.cores)
        self.db = Resource(params.db_connections)
        self.quota = Quota(params.rpm, params.tpm)
        self.outcome = Outcome()

    def at(self, time: float, action: Callable[[], None]) -> None:
        self.order += 1
        heapq.heappush(self.events, (time, self.order, action))

    def run(self, arrivals: Iterator[float]) -> Outcome:
        for time in arrivals:
            self.at(time, self.arrival(time))
        while self.events:
            self.now, _, action = heapq.heappop(self.events)
            action()
        o = self.outcome
        o.peak_slots, o.peak_cores, o.peak_db = self.slots.peak, self.cores.peak, self.db.peak
        o.peak_rpm = self.quota.peak_rpm
        return o

    def arrival(self, arrived: float) -> Callable[[], None]:
        return lambda: self.arrive(arrived)

    def arrive(self, arrived: float) -> None:
        self.outcome.peak_depth = max(self.outcome.peak_depth, len(self.slots.waiting) + 1)
        self.slots.acquire(lambda: self.start(arrived))

    def start(self, arrived: float) -> None:
        self.cpu(self.p.cpu_before_s, then=lambda: self.with_db(lambda: self.call(arrived)))

    def cpu(self, seconds: float, then: Callable[[], None]) -> None:
        def done() -> None:
            self.cores.release()
            then()

        self.cores.acquire(lambda: self.at(self.now + seconds, done))

    def with_db(self, then: Callable[[], None]) -> None:
        def done() -> None:
            self.db.release()
            then()

        self.db.acquire(lambda: self.at(self.now + self.p.db_hold_s, done))

    def call(self, arrived: float) -> None:
        start = self.quota.next_start(self.now, self.p.tokens_per_call)
        self.outcome.waits.append(start - arrived)  # what a student waits before the review
        answered = start + self.p.latency(self.random) + self.p.overhead_s
        self.at(answered, lambda: self.cpu(self.p.cpu_after_s, then=lambda: self.finish(arrived)))

    def finish(self, arrived: float) -> None:
        self.slots.release()
        self.outcome.totals.append(self.now - arrived)
        self.outcome.finished_at = self.now


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))] if ordered else 0.0


# --- calibration against bench/workers.py ---------------------------------------------------


def bench_throughput(slots: int, calibration: Calibration, seed: int = 1, **model: Any) -> float:
    """bench/workers.py's batch: waves x slots jobs at t=0, a fixed-latency stand-in, its cores.
    `model` overrides Params' fitted figures (cpu_before_s …)."""
    latency_s = calibration.latency_s
    params = Params(slots=slots, cores=calibration.cpus, latency=lambda _r: latency_s, **model)
    jobs = calibration.waves * slots
    outcome = Simulation(params, seed).run(iter([0.0] * jobs))
    return jobs / outcome.finished_at


def replay(calibration: Calibration, **model: Any) -> list[tuple[Measured, float, float]]:
    """Each measured row with the simulated jobs/s and the relative error."""
    found = []
    for row in calibration.rows:
        simulated = bench_throughput(row.slots, calibration, **model)
        found.append((row, simulated, simulated / row.jobs_per_s - 1))
    return found


def calibrate(calibration: Calibration) -> bool:
    print(
        f"calibration: bench/workers.py ({calibration.latency_s:g} s stand-in, batch of "
        f"{calibration.waves} x slots, {calibration.cpus} cores; {MEASURED_FILE.name})"
    )
    print(f"{'pool':<9}{'procs x c':<11}{'measured/s':>11}{'simulated/s':>12}{'error':>8}")
    ok = True
    for row, simulated, error in replay(calibration):
        ok &= abs(error) <= TOLERANCE
        print(
            f"{row.pool:<9}{row.processes} x {row.per_process:<7}{row.jobs_per_s:>11.2f}"
            f"{simulated:>12.2f}{error:>+8.0%}"
        )
    print(f"all within {TOLERANCE:.0%}: {'yes' if ok else 'NO'}\n")
    return ok


# --- a day of a career centre ---------------------------------------------------------------


@dataclass
class Load:
    per_day: int
    peak_rate: float
    peak_s: float
    peaks: int
    open_hours: float  #: the rest of the day's uploads spread over these hours

    def arrivals(self, rng: random.Random) -> Iterator[float]:
        """Peaks at evenly spaced times in the opening hours; Poisson arrivals otherwise."""
        open_s = self.open_hours * 3600
        peak_jobs = int(self.peaks * self.peak_rate * self.peak_s)
        base_rate = max(self.per_day - peak_jobs, 0) / open_s
        times = poisson(rng, base_rate, 0.0, open_s)
        for k in range(self.peaks):
            begin = open_s * (k + 1) / (self.peaks + 1)
            times += poisson(rng, self.peak_rate, begin, begin + self.peak_s)
        return iter(sorted(times))


def poisson(rng: random.Random, rate: float, begin: float, end: float) -> list[float]:
    times: list[float] = []
    t = begin
    while rate > 0:
        t += rng.expovariate(rate)
        if t >= end:
            return times
        times.append(t)
    return times


def simulate_day(load: Load, params: Params, seed: int) -> Outcome:
    return Simulation(params, seed).run(load.arrivals(random.Random(seed)))


def size(load: Load, args: argparse.Namespace) -> tuple[int, Outcome]:
    """The fewest worker processes whose queue wait p95 meets the target (bisection)."""

    def meets(workers: int) -> Outcome | None:
        outcome = simulate_day(load, day_params(args, workers), args.seed)
        return outcome if percentile(outcome.waits, 0.95) <= args.target_wait_p95_s else None

    low, high = 0, MAX_WORKERS
    best = meets(high)
    if best is None:
        unlimited = simulate_day(load, day_params(args, high), args.seed)
        raise SystemExit(
            f"quota-bound: even {high} workers wait p95 {percentile(unlimited.waits, 0.95):.0f} s "
            f"for the model ({unlimited.peak_rpm} calls in a minute): raise --rpm/--tpm"
        )
    while high - low > 1:
        middle = (low + high) // 2
        outcome = meets(middle)
        if outcome is None:
            low = middle
        else:
            high, best = middle, outcome
    return high, best


def day_params(args: argparse.Namespace, workers: int) -> Params:
    return Params(
        slots=workers * args.slots_per_worker,
        cores=workers * args.cores_per_worker,
        rpm=args.rpm,
        tpm=args.tpm,
        db_connections=args.db_connections,
        latency=lambda r: r.triangular(args.latency_min_s, args.latency_max_s, args.latency_mode_s),
    )


def report(load: Load, args: argparse.Namespace, workers: int, outcome: Outcome) -> None:
    slots = workers * args.slots_per_worker
    base, per_slot = load_calibration().memory_mb(args.pool)
    memory_gb = workers * (base + per_slot * args.slots_per_worker) / 1024
    per_process = args.slots_per_worker if args.pool == "prefork" else 1
    db_pools = workers * per_process * 10  # each SQLAlchemy pool may open up to 10
    db_verdict = "OK" if db_pools < args.db_connections else "use PgBouncer or fewer pools"
    call_usd = (args.tokens_in * args.price_in + args.tokens_out * args.price_out) / 1e6
    day_usd = len(outcome.totals) * call_usd
    print(
        f"load: {load.per_day:,}/day, {load.peaks} peaks of {load.peak_rate:g}/s for "
        f"{load.peak_s:g} s, the rest over {load.open_hours:g} h; model "
        f"{args.latency_min_s:g}-{args.latency_max_s:g} s (mode {args.latency_mode_s:g})"
    )
    print(
        f"quota: {args.rpm:g} RPM, {args.tpm:,.0f} TPM; target: queue wait p95 <= "
        f"{args.target_wait_p95_s:g} s; seed {args.seed}"
    )
    print(
        f"\nneeded: {workers} worker processes x {args.slots_per_worker} slots "
        f"({args.pool}) = {slots} slots, {workers * args.cores_per_worker} cores, "
        f"~{memory_gb:.1f} GB worker memory"
    )
    print(
        f"queue wait: p50 {percentile(outcome.waits, 0.5):.1f} s, p95 "
        f"{percentile(outcome.waits, 0.95):.1f} s, max {max(outcome.waits):.0f} s"
    )
    print(
        f"upload to review: p50 {percentile(outcome.totals, 0.5):.1f} s, p95 "
        f"{percentile(outcome.totals, 0.95):.1f} s"
    )
    print(
        f"peaks: {outcome.peak_depth:,} queued, {outcome.peak_slots} slots busy, "
        f"{outcome.peak_cores} cores busy, {outcome.peak_db} database connections in use, "
        f"{outcome.peak_rpm} model calls in a minute"
    )
    print(
        f"database: pools may open {db_pools} connections (+ the API's); max_connections "
        f"{args.db_connections + 10}: {db_verdict}"
    )
    print(
        f"cost: {len(outcome.totals):,} calls x ${call_usd:.6f} = "
        f"${day_usd:.2f}/day (${day_usd * 30:.0f}/month)"
    )


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    add = parser.add_argument
    add("--per-day", type=int, default=20_000)
    add("--peak-rate", type=float, default=50.0, help="uploads/s during a peak")
    add("--peak-s", type=float, default=60.0)
    add("--peaks", type=int, default=2)
    add("--open-hours", type=float, default=12.0)
    add("--latency-min-s", type=float, default=5.0)
    add("--latency-mode-s", type=float, default=8.0)
    add("--latency-max-s", type=float, default=20.0)
    add("--rpm", type=float, default=5_000.0, help="provider requests per minute")
    add("--tpm", type=float, default=2_000_000.0, help="provider tokens per minute")
    add("--tokens-in", type=int, default=1_698)
    add("--tokens-out", type=int, default=144)
    add("--price-in", type=float, default=0.15, help="USD per million input tokens")
    add("--price-out", type=float, default=0.60, help="USD per million output tokens")
    add("--pool", choices=POOLS, default="threads")
    add("--slots-per-worker", type=int, default=16)
    add("--cores-per-worker", type=int, default=1)
    add("--db-connections", type=int, default=90)
    add("--target-wait-p95-s", type=float, default=300.0)
    add("--seed", type=int, default=18)
    add("--no-calibration", action="store_true")
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> None:
    args = parse_args(argv)
    if not args.no_calibration and not calibrate(load_calibration()):
        raise SystemExit("calibration outside tolerance: the model no longer fits the bench")
    load = Load(args.per_day, args.peak_rate, args.peak_s, args.peaks, args.open_hours)
    workers, outcome = size(load, args)
    report(load, args, workers, outcome)


if __name__ == "__main__":
    main()
