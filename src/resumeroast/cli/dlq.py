"""`resumeroast dlq`: list, show, replay and purge the dead-letter queue.

The dead-letter queue is a table in the database (not a Redis list): it survives restarts and
data loss of the broker, and works the same on Redis and SQS. With SQS as the broker and
SQS_DEAD_LETTER_QUEUE set, the messages SQS's redrive policy moved there are listed and
replayed too (their ids start with "sqs:"). The use cases are the pipeline's
(pipeline/dead_letters.py), the same the admin API calls.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated, Any

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from resumeroast.pipeline import Deps

dlq_app = typer.Typer(
    help="The dead-letter queue: jobs that exhausted their retries.", no_args_is_help=True
)
console = Console()
COLUMNS = ("id", "job_id", "error", "attempts", "failed_at")


@contextmanager
def _deps() -> Iterator[Deps]:
    from resumeroast.bootstrap import build_runtime
    from resumeroast.settings import get_settings

    runtime = build_runtime(get_settings())
    try:
        yield runtime.deps
    finally:
        runtime.close()


@dlq_app.command("list")
def list_entries(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List the entries, oldest first."""
    from resumeroast.pipeline import list_dead_letters, list_redriven, redriven_id

    with _deps() as deps:
        rows: list[dict[str, Any]] = [
            {
                "id": str(e.id),
                "job_id": e.job_id,
                "error": f"{e.error_type}: {e.error_message[:60]}",
                "attempts": e.attempts,
                "failed_at": e.failed_at.isoformat(timespec="seconds"),
            }
            for e in list_dead_letters(deps, limit=1000)
        ]
        rows += [
            {
                "id": redriven_id(message),
                "job_id": message.job_id,
                "error": "moved by the SQS redrive policy",
                "attempts": message.receive_count,
                "failed_at": "",
            }
            for message in list_redriven(deps)
        ]
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table("id", "job", "error", "attempts", "failed at")
    for row in rows:
        table.add_row(*(str(row[key]) for key in COLUMNS))
    console.print(table if rows else "the dead-letter queue is empty")


@dlq_app.command("show")
def show_entry(entry_id: str) -> None:
    """Everything recorded for one entry, traceback included."""
    from resumeroast.errors import DeadLetterNotFound
    from resumeroast.pipeline import show_dead_letter

    try:
        with _deps() as deps:
            entry = show_dead_letter(deps, entry_id)
    except DeadLetterNotFound:
        console.print(f"[red]no dead-letter entry {entry_id}[/]")
        raise typer.Exit(1) from None
    typer.echo(json.dumps(asdict(entry), default=str, indent=2))


@dlq_app.command("replay")
def replay(
    entry_id: Annotated[str | None, typer.Argument()] = None,
    replay_all: Annotated[bool, typer.Option("--all", help="Replay every entry")] = False,
) -> None:
    """Re-queue one entry (or all): the job goes back to 'queued', then the entry is removed."""
    from resumeroast.errors import BrokerUnavailable
    from resumeroast.pipeline import replay_dead_letters

    if replay_all == (entry_id is not None):
        console.print("[red]give an entry id or --all[/]")
        raise typer.Exit(2)
    replayed = 0
    try:
        with _deps() as deps:
            for done_id, job_id in replay_dead_letters(
                deps, lambda candidate: replay_all or candidate == entry_id
            ):
                console.print(f"replayed entry {done_id}: job {job_id} is queued")
                replayed += 1
    except BrokerUnavailable as exc:
        console.print(
            f"[red]cannot reach the broker ({exc.detail}).[/] Entries not replayed are kept; "
            "a job already set back to 'queued' is published by the reconciler once the "
            "broker is back. Run this again then."
        )
        raise typer.Exit(1) from None
    if replayed == 0:
        console.print(
            "nothing to replay" if replay_all else f"[red]no dead-letter entry {entry_id}[/]"
        )
        if not replay_all:
            raise typer.Exit(1)


@dlq_app.command("purge")
def purge(yes: Annotated[bool, typer.Option("--yes", help="Do not ask")] = False) -> None:
    """Delete every entry (the jobs stay failed)."""
    from resumeroast.pipeline import purge_dead_letters

    if not yes and not typer.confirm("Delete every dead-letter entry?"):
        raise typer.Exit(1)
    with _deps() as deps:
        count = purge_dead_letters(deps)
    console.print(f"purged {count} entries")
