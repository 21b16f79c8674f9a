"""Where prometheus_client keeps per-process metric files; set before it is imported."""

from __future__ import annotations

import os
import shutil
import socket
from pathlib import Path


def enable_multiprocess_metrics(data_dir: Path, *, reset: bool = False) -> None:
    """Point PROMETHEUS_MULTIPROC_DIR at DATA_DIR/metrics unless it is already set.

    prometheus_client picks its storage when it is first imported, so every entry point calls
    this first; children inherit the variable.
    """
    if "PROMETHEUS_MULTIPROC_DIR" not in os.environ:
        folder = data_dir / "metrics"
        if reset and folder.exists():
            shutil.rmtree(folder)
        folder.mkdir(parents=True, exist_ok=True)
        os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder.resolve())
    name_files_by_host_and_process()


def process_identifier() -> str:
    """Host and process id: process ids repeat across containers that share the folder."""
    host = os.environ.get("HOSTNAME") or socket.gethostname()
    return f"{host}-{os.getpid()}"


def name_files_by_host_and_process() -> None:
    """Metric files named <kind>_<host>-<pid>.db: the API and the workers of several containers
    can then write one shared folder (compose mounts one volume in both), and the API's
    /metrics merges them all. Metrics created after this call use it (ours are created when
    resumeroast.adapters.metrics is first imported, after the entry point calls this)."""
    from prometheus_client import values

    values.ValueClass = values.MultiProcessValue(process_identifier)  # type: ignore[no-untyped-call]
