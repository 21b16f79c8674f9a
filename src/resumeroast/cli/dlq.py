"""`resumeroast dlq`: list, show, replay and purge the dead-letter queue."""

from __future__ import annotations

import typer

dlq_app = typer.Typer(help="The dead-letter queue: jobs that exhausted their retries.", no_args_is_help=True)
