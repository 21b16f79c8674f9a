"""The Celery application for `celery -A resumeroast.worker.app worker` and `resumeroast worker`.

Settings are read when this entry module is imported by the worker, not by library code.
"""

from __future__ import annotations

from typing import Any

from celery import Celery
from celery.signals import (
    setup_logging,
    task_failure,
    worker_process_init,
    worker_process_shutdown,
    worker_ready,
    worker_shutdown,
)

from resumeroast.adapters.queue import make_celery
from resumeroast.logs import configure_logging
from resumeroast.settings import get_settings
from resumeroast.worker.reconciler import Reconciler
from resumeroast.worker.runtime import close_runtime, runtime
from resumeroast.worker.tasks import on_task_failure, register_tasks


def create_worker_app() -> Celery:
    settings = get_settings()
    configure_logging(settings)
    celery = make_celery(settings)
    register_tasks(celery)
    return celery


app = create_worker_app()
_reconciler: Reconciler | None = None


@setup_logging.connect  # type: ignore[untyped-decorator]
def _log_as_json(**_: Any) -> None:
    """A receiver here makes Celery leave logging alone: its and kombu's records go through
    the root logger's JSON handler like everyone else's (resumeroast/logs.py)."""
    configure_logging(get_settings())


@worker_ready.connect  # type: ignore[untyped-decorator]
def _start_reconciler(**_: Any) -> None:
    global _reconciler
    _reconciler = Reconciler()
    _reconciler.start()


@worker_shutdown.connect  # type: ignore[untyped-decorator]
def _shut_down(**_: Any) -> None:
    if _reconciler is not None:
        _reconciler.stop()
    close_runtime()


@worker_process_init.connect  # type: ignore[untyped-decorator]
def _prepare_child(**_: Any) -> None:
    """Build the adapters when the pool child starts, not inside its first task's time limit."""
    configure_logging(get_settings())
    runtime()


@worker_process_shutdown.connect  # type: ignore[untyped-decorator]
def _release_child(**_: Any) -> None:
    close_runtime()


task_failure.connect(on_task_failure, weak=False)
