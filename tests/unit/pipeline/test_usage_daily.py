"""Daily usage totals: counted once per saved review, kept after the job is purged, printed
by `resumeroast usage`."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from resumeroast.adapters.db.job_store import SqlJobStore
from resumeroast.adapters.db.usage import daily_usage
from resumeroast.pipeline import Upload, process_job
from tests.unit.pipeline.fakes import RESUME, ScriptedReviewer, submit, world


def test_each_review_is_counted_once_and_the_totals_outlive_the_job(jobs: SqlJobStore) -> None:
    w = world(jobs, reviewer=ScriptedReviewer(tokens=100))
    first, _ = submit(w.deps, Upload(RESUME, "resume.txt"))
    second, _ = submit(w.deps, Upload(RESUME, "again.txt"))
    process_job(w.deps, first.id, owner="run-1")
    process_job(w.deps, second.id, owner="run-2")  # served from the review cache: free
    feedback = jobs.get_feedback(first.id)
    assert feedback is not None
    # A redelivered task that saves again saves nothing, and counts nothing.
    assert not jobs.complete_job(first.id, owner="run-1", feedback=feedback)
    [total] = daily_usage(jobs.engine)
    assert (total.model, total.calls, total.tokens_in, total.tokens_out) == (
        "scripted:unknown",
        1,
        100,
        100,
    )
    jobs.delete_job(first.id)
    assert daily_usage(jobs.engine) == [total]


def test_the_usage_command_prints_the_totals_as_json(jobs: SqlJobStore) -> None:
    w = world(jobs, reviewer=ScriptedReviewer(tokens=40))
    job, _ = submit(w.deps, Upload(RESUME, "resume.txt"))
    process_job(w.deps, job.id, owner="run-1")
    env = {**os.environ, "DATABASE_URL": str(jobs.engine.url)}
    out = subprocess.run(
        [sys.executable, "-m", "resumeroast", "usage", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    [row] = json.loads(out)
    assert (row["calls"], row["tokens_in"], row["tokens_out"]) == (1, 40, 40)
