"""bench/capacity.py as the capacity plan of issue 18: its simulation, fed bench/workers.py's
measured calibration (bench/workers_measured.json), reproduces every measured throughput within
20 %; that file holds the figures docs/operations.md shows; and the worked sizing in
docs/operations.md is what the program prints. Pure simulation: no process is started."""

from __future__ import annotations

import re
from argparse import Namespace
from pathlib import Path
from typing import Any

import pytest
from bench import capacity

from tests.unit.deploy.deploy_files import ROOT

OPERATIONS = ROOT / "docs" / "operations.md"
WORKERS_ROW = re.compile(
    r"^\| (prefork|threads) \| (\d+) × (\d+) \| (\d+) \| ([\d.]+) \([\d.]+\) \| \d+ \| \d+ \| "
    r"(\d+) \| (\d+) \|",
    re.MULTILINE,
)


def docs_block(name: str) -> str:
    """A bench block of docs/operations.md, whitespace collapsed (the prose wraps anywhere)."""
    text = OPERATIONS.read_text()
    block = text.split(f"<!-- bench:{name}:start -->")[1].split(f"<!-- bench:{name}:end -->")[0]
    return " ".join(block.split())


def test_the_simulation_reproduces_every_measured_throughput_within_20_percent() -> None:
    calibration = capacity.load_calibration()
    assert {row.pool for row in calibration.rows} == {"prefork", "threads"}
    assert {row.slots for row in calibration.rows} >= {1, 4, 16}
    for row, simulated, error in capacity.replay(calibration):
        assert abs(error) <= capacity.TOLERANCE, (row, simulated)


@pytest.mark.parametrize(
    "wrong_model",
    [{"cpu_before_s": 0.6}, {"cpu_before_s": 0.0, "cpu_after_s": 0.0, "overhead_s": 0.0}],
    ids=["four times the CPU", "no CPU at all"],
)
def test_a_model_that_does_not_fit_the_bench_is_caught(wrong_model: dict[str, Any]) -> None:
    errors = [error for _, _, error in capacity.replay(capacity.load_calibration(), **wrong_model)]
    assert max(abs(error) for error in errors) > capacity.TOLERANCE


def test_the_calibration_file_holds_the_table_in_the_docs() -> None:
    calibration = capacity.load_calibration()
    shown = [
        (pool, int(procs), int(per), int(jobs), float(rate), float(pss))
        for pool, procs, per, jobs, rate, _rss, pss in WORKERS_ROW.findall(
            OPERATIONS.read_text().split("<!-- bench:workers:end -->")[0]
        )
    ]
    recorded = [
        (r.pool, r.processes, r.per_process, calibration.waves * r.slots, r.jobs_per_s, r.pss_mb)
        for r in calibration.rows
    ]
    assert recorded == shown
    assert (calibration.latency_s, calibration.cpus) == (3.0, 2)  # the setup the docs state


def test_the_calibration_table_in_the_docs_is_the_replay() -> None:
    block = docs_block("capacity")
    for row, simulated, error in capacity.replay(capacity.load_calibration()):
        percent = round(error * 100)
        sign = "+" if percent > 0 else "−" if percent < 0 else ""
        line = (
            f"| {row.pool} | {row.processes} x {row.per_process} | {row.jobs_per_s:.2f} | "
            f"{simulated:.2f} | {sign}{abs(percent)} % |"
        )
        assert line in block


def sized(argv: list[str], workers: int) -> tuple[Namespace, capacity.Outcome]:
    """The day simulated with `workers` processes, checked to be the fewest meeting the target
    (what capacity.size's bisection settles on), without the bisection's other runs."""
    args = capacity.parse_args(argv)
    load = capacity.Load(args.per_day, args.peak_rate, args.peak_s, args.peaks, args.open_hours)

    def day(n: int) -> capacity.Outcome:
        return capacity.simulate_day(load, capacity.day_params(args, n), args.seed)

    outcome = day(workers)
    assert capacity.percentile(outcome.waits, 0.95) <= args.target_wait_p95_s
    fewer = day(workers - 1)
    assert capacity.percentile(fewer.waits, 0.95) > args.target_wait_p95_s
    return args, outcome


def test_the_worked_sizing_in_the_docs_is_what_the_program_prints() -> None:
    args, day = sized([], workers=6)
    assert (args.per_day, args.peak_rate, args.peak_s) == (20_000, 50.0, 60.0)
    slots = 6 * args.slots_per_worker
    base, per_slot = capacity.load_calibration().memory_mb(args.pool)
    memory_gb = 6 * (base + per_slot * args.slots_per_worker) / 1024
    call_usd = (args.tokens_in * args.price_in + args.tokens_out * args.price_out) / 1e6
    day_usd = len(day.totals) * call_usd
    p = capacity.percentile
    block = docs_block("capacity")
    for claim in (
        f"**6 worker processes x {args.slots_per_worker} threads = {slots} slots**, 6 cores, "
        f"about {memory_gb:.1f} GB of worker memory",
        f"queue wait p50 {p(day.waits, 0.5):.1f} s, **p95 {p(day.waits, 0.95):.0f} s**, "
        f"max {max(day.waits):.0f} s",
        f"upload to review p50 {p(day.totals, 0.5):.1f} s, p95 {p(day.totals, 0.95):.0f} s",
        f"A peak queues up to {day.peak_depth:,} jobs",
        f"up to {day.peak_rpm} model calls a minute "
        f"({day.peak_rpm * args.tokens_in / 1e6 + day.peak_rpm * args.tokens_out / 1e6:.2f} M",
        "6 processes x a pool of up to 10 = 60 connections",
        f"{len(day.totals):,} calls x ${call_usd:.6f} = **${day_usd:.2f} a day**, "
        f"about ${day_usd * 30:.0f} a month",
    ):
        assert claim in block


def test_the_prefork_alternative_in_the_docs_is_what_the_program_prints() -> None:
    args, _ = sized(["--pool", "prefork", "--slots-per-worker", "8"], workers=11)
    base, per_slot = capacity.load_calibration().memory_mb("prefork")
    memory_gb = 11 * (base + per_slot * 8) / 1024
    claim = f"11 processes x 8 children = 88 slots, {memory_gb:.1f} GB) would let the pools open "
    assert claim + f"{11 * 8 * 10} connections" in docs_block("capacity")


def test_the_tighter_targets_in_the_docs_are_quota_bound_as_stated() -> None:
    block = docs_block("capacity")
    for argv, phrase in (
        (["--target-wait-p95-s", "60"], "even 512 processes wait p95 {p95:.0f} s"),
        (["--rpm", "500", "--tpm", "200000"], "tier ({rpm} calls a minute) a peak takes over"),
    ):
        args = capacity.parse_args(argv)
        load = capacity.Load(args.per_day, args.peak_rate, args.peak_s, args.peaks, 12.0)
        outcome = capacity.simulate_day(
            load, capacity.day_params(args, capacity.MAX_WORKERS), args.seed
        )
        p95 = capacity.percentile(outcome.waits, 0.95)
        assert p95 > args.target_wait_p95_s  # no number of workers meets it
        assert phrase.format(p95=p95, rpm=outcome.peak_rpm) in block
    assert "(1,085 calls a minute)" in block and "over 20 minutes to drain" in block


def test_what_bench_workers_records_is_the_calibration_the_plan_reads(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from bench import workers

    monkeypatch.setattr(workers, "MEASURED_FILE", tmp_path / "workers_measured.json")
    monkeypatch.setattr(workers, "ROOT", tmp_path)
    config = workers.Config("threads", 2, 8)
    result = workers.Result(config, 64, 12.5, 16, 16, 594.4, 532.2, calls=64, failed=1)
    args = Namespace(slots=[16], latency_s=3.0, waves=4)
    workers.record([result], args)
    calibration = capacity.load_calibration(tmp_path / "workers_measured.json")
    assert (calibration.latency_s, calibration.waves) == (3.0, 4)
    assert calibration.rows == (capacity.Measured("threads", 2, 8, 5.04, 532),)  # 63 done / 12.5 s
