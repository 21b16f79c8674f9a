"""Where prometheus_client keeps per-process metric files; set before it is imported."""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def enable_multiprocess_metrics(data_dir: Path, *, reset: bool = False) -> None:
    """Point PROMETHEUS_MULTIPROC_DIR at DATA_DIR/metrics unless it is already set.

    prometheus_client picks its storage when it is first imported, so every entry point calls
    this first; children inherit the variable.
    """
    if "PROMETHEUS_MULTIPROC_DIR" in os.environ:
        return
    folder = data_dir / "metrics"
    if reset and folder.exists():
        shutil.rmtree(folder)
    folder.mkdir(parents=True, exist_ok=True)
    os.environ["PROMETHEUS_MULTIPROC_DIR"] = str(folder.resolve())
