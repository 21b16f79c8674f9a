"""`resumeroast dlq`: list, show, replay and purge the dead-letter queue.

The dead-letter queue is a table in the database (not a Redis list): it survives restarts and
data loss of the broker, and works the same on Redis and SQS. With SQS as the broker and
SQS_DEAD_LETTER_QUEUE set, the messages SQS's redrive policy moved there are listed and
replayed too (their ids start with "sqs:").
"""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import TYPE_CHECKING, Annotated

import typer
from rich.console import Console
from rich.table import Table

if TYPE_CHECKING:
    from resumeroast.adapters.sqs_dead_letters import SqsDeadLetterQueue
    from resumeroast.bootstrap import Runtime

dlq_app = typer.Typer(
    help="The dead-letter queue: jobs that exhausted their retries.", no_args_is_help=True
)
console = Console()
SQS_PREFIX = "sqs:"


def _runtime() -> Runtime:
    from resumeroast.bootstrap import build_runtime
    from resumeroast.settings import get_settings

    return build_runtime(get_settings())


def _sqs_queue(rt: Runtime) -> SqsDeadLetterQueue | None:
    from resumeroast.adapters.queue import is_sqs
    from resumeroast.adapters.sqs_dead_letters import SqsDeadLetterQueue

    name = rt.settings.sqs_dead_letter_queue
    if not name or not is_sqs(str(rt.celery.conf.broker_url)):
        return None
    return SqsDeadLetterQueue(rt.celery, name)


@dlq_app.command("list")
def list_entries(as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    """List the entries, oldest first."""
    rt = _runtime()
    rows = [
        {
            "id": str(e.id),
            "job_id": e.job_id,
            "error": f"{e.error_type}: {e.error_message[:60]}",
            "attempts": e.attempts,
            "failed_at": e.failed_at.isoformat(timespec="seconds"),
        }
        for e in rt.deps.jobs.list_dead_letters(limit=1000)
    ]
    sqs = _sqs_queue(rt)
    for message in sqs.peek() if sqs else []:
        rows.append(
            {
                "id": SQS_PREFIX + message.message_id,
                "job_id": message.job_id,
                "error": "moved by the SQS redrive policy",
                "attempts": message.receive_count,
                "failed_at": "",
            }
        )
    if as_json:
        typer.echo(json.dumps(rows, indent=2))
        return
    table = Table("id", "job", "error", "attempts", "failed at")
    for row in rows:
        table.add_row(
            *(str(row[key]) for key in ("id", "job_id", "error", "attempts", "failed_at"))
        )
    console.print(table if rows else "the dead-letter queue is empty")


@dlq_app.command("show")
def show_entry(entry_id: str) -> None:
    """Everything recorded for one entry, traceback included."""
    rt = _runtime()
    if entry_id.startswith(SQS_PREFIX):
        sqs = _sqs_queue(rt)
        found = [m for m in (sqs.peek() if sqs else []) if SQS_PREFIX + m.message_id == entry_id]
        if found:
            typer.echo(json.dumps(asdict(found[0]) | {"receipt_handle": None}, indent=2))
            return
    elif entry_id.isdigit() and (entry := rt.deps.jobs.get_dead_letter(int(entry_id))):
        typer.echo(json.dumps(asdict(entry), default=str, indent=2))
        return
    console.print(f"[red]no dead-letter entry {entry_id}[/]")
    raise typer.Exit(1)


@dlq_app.command("replay")
def replay(
    entry_id: Annotated[str | None, typer.Argument()] = None,
    replay_all: Annotated[bool, typer.Option("--all", help="Replay every entry")] = False,
) -> None:
    """Re-queue one entry (or all): the job goes back to 'queued', then the entry is removed."""
    from resumeroast.errors import BrokerUnavailable

    if replay_all == (entry_id is not None):
        console.print("[red]give an entry id or --all[/]")
        raise typer.Exit(2)
    try:
        replayed = _replay(_runtime(), entry_id, replay_all=replay_all)
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


def _replay(rt: Runtime, entry_id: str | None, *, replay_all: bool) -> int:
    from resumeroast.pipeline import replay_dead_letter, replay_job

    replayed = 0
    for entry in rt.deps.jobs.list_dead_letters(limit=100_000):
        if replay_all or entry_id == str(entry.id):
            job_id = replay_dead_letter(rt.deps, entry.id)
            console.print(f"replayed entry {entry.id}: job {job_id} is queued")
            replayed += 1
    sqs = _sqs_queue(rt)
    if sqs is not None:
        moved = sqs.replay(
            lambda message: replay_all or entry_id == SQS_PREFIX + message.message_id,
            lambda job_id: replay_job(rt.deps, job_id),
        )
        for message in moved:
            console.print(f"replayed {SQS_PREFIX}{message.message_id}: job {message.job_id}")
        replayed += len(moved)
    return replayed


@dlq_app.command("purge")
def purge(yes: Annotated[bool, typer.Option("--yes", help="Do not ask")] = False) -> None:
    """Delete every entry (the jobs stay failed)."""
    if not yes and not typer.confirm("Delete every dead-letter entry?"):
        raise typer.Exit(1)
    count = _runtime().deps.jobs.purge_dead_letters()
    console.print(f"purged {count} entries")
