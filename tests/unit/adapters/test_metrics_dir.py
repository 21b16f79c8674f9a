"""Metric files from several containers in one shared folder: named by host and process, so
equal process ids in two containers do not write the same file, and the API merges them all."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from prometheus_client import CollectorRegistry
from prometheus_client.multiprocess import MultiProcessCollector

COUNT_ONE_JOB = """
from pathlib import Path
from resumeroast.adapters.metrics_dir import enable_multiprocess_metrics
enable_multiprocess_metrics(Path("unused"))
from resumeroast.adapters.metrics import PrometheusMetrics
PrometheusMetrics().job_finished("complete")
"""


def finish_one_job_as(host: str, folder: Path) -> None:
    env = {"PROMETHEUS_MULTIPROC_DIR": str(folder), "HOSTNAME": host, "PATH": "/usr/bin:/bin"}
    done = subprocess.run(
        [sys.executable, "-c", COUNT_ONE_JOB], env=env, capture_output=True, text=True, timeout=60
    )
    assert done.returncode == 0, done.stderr


def test_two_containers_share_a_folder_and_both_are_counted(tmp_path: Path) -> None:
    finish_one_job_as("worker-1", tmp_path)
    finish_one_job_as("worker-2", tmp_path)
    files = sorted(p.name for p in tmp_path.glob("*.db"))
    assert any("worker-1-" in f for f in files) and any("worker-2-" in f for f in files), files
    registry = CollectorRegistry()
    MultiProcessCollector(registry, path=str(tmp_path))  # type: ignore[no-untyped-call]
    finished = registry.get_sample_value("resumeroast_jobs_finished_total", {"status": "complete"})
    assert finished == 2
