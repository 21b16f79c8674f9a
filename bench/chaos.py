"""Chaos at scale: jobs keep arriving while workers are SIGKILLed, Redis restarts and the LLM
provider has an outage. Prints accepted, completed, failed, duplicated and lost.

    .venv/bin/python bench/chaos.py [--jobs 300] [--kills 20] [--redis-restarts 2] [--workers 2]
                                    [--no-relay]

`--hostile` runs the hostile-load mode instead (bench/hostile_load.py: one attacking address,
a hundred ordinary ones, on a running `resumeroast up`).

Everything is real and local: redis-server, `resumeroast api`, Celery worker processes, the
`resumeroast llm-relay` that `up` runs in front of a hosted provider, and an OpenAI-compatible
LLM stand-in (tests/support/llm_standin.py) reached through the production openai provider code.
--no-relay has the workers call the stand-in directly, to see what the relay saves.

How it counts, from the database at the end (not only from what the client saw):
  accepted    job rows in the database (the client's count is shown too: a submission whose
              answer was lost in a restart is accepted all the same)
  lost        accepted jobs neither complete nor failed at the deadline, plus jobs the client
              was given that the database does not hold
  duplicated  resumes (each carries a unique marker) whose review the LLM stand-in answered
              more than once, i.e. billed twice; split into answers sent twice to a worker that
              was alive to read them (a retry or redelivery paying again: the idempotency
              failure) and answers cut off because their worker was killed mid-call (the
              stand-in saw the connection closed; the relay keeps such calls running and hands
              their answer to the task that replaces the killed one). Feedback cannot be
              saved twice (its primary key is the job id), so the feedback check instead counts
              complete jobs that do not hold exactly one feedback row. A worker killed while
              the answer is on the wire counts too: a real provider bills that answer even
              though nobody read it.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx
from sqlalchemy import text

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from tests.support.api import JobRef, get_job, submit  # noqa: E402
from tests.support.llm_standin import Call, Standin, run_standin  # noqa: E402
from tests.support.stack import FIXTURES, Stack, kill_process_group  # noqa: E402

import hostile_load  # noqa: E402
from resumeroast.adapters.db.engine import make_engine  # noqa: E402
from resumeroast.adapters.embedded_redis import EmbeddedRedis  # noqa: E402
from resumeroast.settings import Settings  # noqa: E402

BASE = (FIXTURES / "text/hrhelper__sample_resume.txt").read_bytes()
OUTAGE = {"steps": [], "then": {"kind": "status", "status": 503}}
HEALTHY = {"steps": [], "then": {"kind": "hang", "seconds": 0.3}}  # a 0.3 s model


def marker(i: int) -> str:
    return f"Candidate chaos-{i:05d}"


def submit_all(client: httpx.Client, count: int, pace_s: float, jobs: list[JobRef]) -> None:
    for i in range(count):
        body = f"{marker(i)}\n".encode() + BASE
        # The API may be briefly unable to reach Redis: the client retries, with one
        # Idempotency-Key per resume so a retry whose first try was accepted is the same job.
        headers = {"Idempotency-Key": f"chaos-{i:05d}"}
        for _ in range(50):
            try:
                jobs.append(
                    submit(client, f"c{i}.txt", data=body, filename=f"c{i}.txt", headers=headers)
                )
                break
            except (AssertionError, httpx.HTTPError):
                time.sleep(0.2)
        time.sleep(pace_s)


def chaos(
    stack: Stack,
    standin: Standin,
    args: argparse.Namespace,
    stop: threading.Event,
    log: list[str],
    calls: list[Call],
) -> None:
    rng = random.Random(args.seed)
    duration = args.chaos_s
    moments = sorted(
        [(rng.uniform(2, duration), "kill") for _ in range(args.kills)]
        + [(rng.uniform(5, duration), "redis") for _ in range(args.redis_restarts)]
        + [(duration * 0.4, "outage"), (duration * 0.4 + args.outage_s, "recover")]
    )
    started = time.monotonic()
    for moment, action in moments:
        if stop.wait(max(0.0, started + moment - time.monotonic())):
            return
        if action == "kill":
            alive = [w for w in stack.workers if w.poll() is None]
            victim = rng.choice(alive)
            kill_process_group(victim)
            stack.workers.remove(victim)
            stack.start_worker(concurrency=args.concurrency)
        elif action == "redis":
            stack.redis.kill()
            stack.redis.start()
        elif action == "outage":
            # A new script starts a new call log: the old one is taken in the same locked
            # step, so a call landing between a copy and the swap cannot be lost.
            calls.extend(standin.swap_script(OUTAGE))
        else:
            calls.extend(standin.swap_script(HEALTHY))
        log.append(f"{time.monotonic() - started:6.1f}s {action}")
    # Stay alive: the restarted redis-server dies with the thread that started it (its
    # parent-death signal is tied to this thread).
    stop.wait()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--jobs", type=int, default=300)
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--redis-restarts", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=2)
    parser.add_argument("--chaos-s", type=float, default=90.0)
    parser.add_argument("--outage-s", type=float, default=12.0)
    parser.add_argument("--deadline-s", type=float, default=600.0)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-relay", action="store_true", help="workers call the LLM directly")
    parser.add_argument("--hostile", action="store_true", help="the hostile-load mode instead")
    hostile_load.add_arguments(parser)
    args = parser.parse_args()
    if args.hostile:
        hostile_load.main(args)
        return

    data_dir = Path(tempfile.mkdtemp(prefix="rr-chaos-"))
    redis_server = EmbeddedRedis(data_dir / "redis").start()
    with run_standin(HEALTHY) as standin:
        stack = Stack(
            data_dir=data_dir,
            redis=redis_server,
            extra_env={
                **standin.provider_env(),
                "LLM_TIMEOUT_S": "20",
                "BREAKER_COOLDOWN_S": "3",
                "RECONCILE_STALE_AFTER_S": "10",
            },
        )
        stack.start_api()
        if not args.no_relay:
            stack.start_relay()
        for _ in range(args.workers):
            stack.start_worker(concurrency=args.concurrency)
        jobs: list[JobRef] = []
        events: list[str] = []
        calls: list[Call] = []
        stop = threading.Event()
        started = time.monotonic()
        with httpx.Client(base_url=stack.base_url, timeout=30) as client:
            feeder = threading.Thread(
                target=submit_all, args=(client, args.jobs, args.chaos_s / args.jobs, jobs)
            )
            monkey = threading.Thread(
                target=chaos, args=(stack, standin, args, stop, events, calls)
            )
            feeder.start()
            monkey.start()
            feeder.join()
            statuses = final_statuses(client, jobs, started + args.deadline_s)
            stop.set()
            monkey.join()
        elapsed = time.monotonic() - started
        calls.extend(standin.calls)
        answered = [
            (m, call.delivered)
            for call in calls
            if call.step in ("answer", "hang")
            for m in [call_marker(call.body)]
            if m
        ]
        answers = Counter(m for m, _ in answered)
        received = Counter(m for m, delivered in answered if delivered)
        try:
            rows, feedback_rows, failures = read_database(stack)
        finally:
            stack.stop()
    redis_server.stop()
    counts = Counter(rows.values())
    unfinished = sum(1 for status in rows.values() if status not in ("complete", "failed"))
    unknown = sum(1 for job in jobs if job.id not in rows)
    billed_twice = sum(1 for n in answers.values() if n > 1)
    received_twice = sum(1 for n in received.values() if n > 1)
    feedback_off = sum(
        1
        for job_id, status in rows.items()
        if status == "complete" and feedback_rows.get(job_id, 0) != 1
    )
    client_final = sum(1 for s in statuses.values() if s in ("complete", "failed"))
    print("\n".join(events))
    print(
        f"\nchaos run: {args.jobs} jobs, {args.kills} worker SIGKILLs, {args.redis_restarts} Redis "
        f"restarts, a {args.outage_s:.0f}s LLM outage, "
        f"{args.workers} workers x {args.concurrency}, "
        f"{'no LLM relay' if args.no_relay else 'through the LLM relay'}; {elapsed:.0f}s"
    )
    print(f"accepted   {len(rows)}  (job rows; the client was given {len(jobs)})")
    print(f"completed  {counts['complete']}")
    print(f"failed     {counts['failed']}")
    for reason, n in failures.most_common():
        print(f"  {n} x {reason[:200]}")
    print(
        f"duplicated {billed_twice}  (resumes whose review the LLM answered twice; of those, "
        f"answers sent to a live worker twice: {received_twice}, the others were cut off when "
        f"their worker was killed mid-call; complete jobs without exactly one feedback row: "
        f"{feedback_off})"
    )
    print(
        f"lost       {unfinished + unknown}  (unfinished job rows: {unfinished}; jobs the client "
        f"was given that the database lacks: {unknown}; client saw {client_final} finish)"
    )
    print(f"LLM calls  {len(calls)} ({sum(answers.values())} answered)")


def read_database(stack: Stack) -> tuple[dict[str, str], Counter[str], Counter[str]]:
    """Every job row's status, the feedback rows per job and the failed jobs' reasons."""
    settings = Settings(database_url=stack.database_url, data_dir=stack.data_dir)
    engine = make_engine(settings.effective_database_url)
    try:
        with engine.connect() as connection:
            rows = dict(connection.execute(text("SELECT id, status FROM jobs")).all())
            feedback = Counter(
                row[0] for row in connection.execute(text("SELECT job_id FROM feedback"))
            )
            failures = Counter(
                f"{code}: {error}"
                for code, error in connection.execute(
                    text("SELECT failure_code, last_error FROM jobs WHERE status = 'failed'")
                )
            )
    finally:
        engine.dispose()
    return rows, feedback, failures


def call_marker(body: dict[str, object]) -> str | None:
    text = str(body)
    index = text.find("Candidate chaos-")
    return text[index : index + 21] if index >= 0 else None


def final_statuses(client: httpx.Client, jobs: list[JobRef], deadline: float) -> dict[str, str]:
    statuses: dict[str, str] = {}
    while time.monotonic() < deadline:
        for job in jobs:
            if statuses.get(job.id) in ("complete", "failed"):
                continue
            try:
                statuses[job.id] = get_job(client, job)["status"]
            except (AssertionError, httpx.HTTPError):
                continue
        if all(s in ("complete", "failed") for s in statuses.values()) and len(statuses) == len(
            jobs
        ):
            break
        time.sleep(1)
    return statuses


if __name__ == "__main__":
    main()
