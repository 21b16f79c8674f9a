"""`resumeroast dlq`: list, show, replay and purge the dead-letter queue.

The dead-letter queue is a table in the database (not a Redis list): it survives restarts and
data loss of the broker, and works the same on Redis and SQS.
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from resumeroast.bootstrap import Runtime


dlq_app = typer.Typer(
    help="The dead-letter queue: jobs that exhausted their retries.", no_args_is_help=True
)
console = Console()


def _runtime() -> Runtime:
    from resumeroast.bootstrap import build_runtime
    from resumeroast.settings import get_settings

    return build_runtime(get_settings())


@dlq_app.command("list")
def list_entries(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List the entries, oldest first."""
    entries = _runtime().deps.jobs.list_dead_letters(limit=1000)
    if as_json:
        typer.echo(
            json.dumps([asdict(e) | {"traceback": None} for e in entries], default=str, indent=2)
        )
        return
    table = Table("id", "job", "error", "attempts", "failed at")
    for entry in entries:
        table.add_row(
            str(entry.id),
            entry.job_id,
            f"{entry.error_type}: {entry.error_message[:60]}",
            str(entry.attempts),
            entry.failed_at.isoformat(timespec="seconds"),
        )
    console.print(table if entries else "the dead-letter queue is empty")


@dlq_app.command("show")
def show_entry(entry_id: int) -> None:
    """Everything recorded for one entry, traceback included."""
    entry = _runtime().deps.jobs.get_dead_letter(entry_id)
    if entry is None:
        console.print(f"[red]no dead-letter entry {entry_id}[/]")
        raise typer.Exit(1)
    typer.echo(json.dumps(asdict(entry), default=str, indent=2))


@dlq_app.command("replay")
def replay(
    entry_id: Annotated[int | None, typer.Argument()] = None,
    replay_all: Annotated[bool, typer.Option("--all", help="Replay every entry")] = False,
) -> None:
    """Re-queue one entry (or all): the job goes back to 'queued' and the entry is removed."""
    from resumeroast.pipeline import replay_dead_letter

    rt = _runtime()
    if replay_all == (entry_id is not None):
        console.print("[red]give an entry id or --all[/]")
        raise typer.Exit(2)
    ids = (
        [e.id for e in rt.deps.jobs.list_dead_letters(limit=100_000)] if replay_all else [entry_id]
    )
    for one in ids:
        assert one is not None
        job_id = replay_dead_letter(rt.deps, one)
        console.print(f"replayed entry {one}: job {job_id} is queued")
    if not ids:
        console.print("the dead-letter queue is empty")


@dlq_app.command("purge")
def purge(yes: Annotated[bool, typer.Option("--yes", help="Do not ask")] = False) -> None:
    """Delete every entry (the jobs stay failed)."""
    if not yes and not typer.confirm("Delete every dead-letter entry?"):
        raise typer.Exit(1)
    count = _runtime().deps.jobs.purge_dead_letters()
    console.print(f"purged {count} entries")
