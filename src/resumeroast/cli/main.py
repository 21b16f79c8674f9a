"""`resumeroast`: up, api, worker, llm-relay, roast, migrate, backup, restore-drill, dlq,
usage."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated

import typer

from resumeroast.cli.dlq import dlq_app
from resumeroast.cli.usage import usage

app = typer.Typer(
    help="ResumeRoast: brutally honest, grounded resume feedback.",
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
app.add_typer(dlq_app, name="dlq")
app.command("usage")(usage)


@app.callback()
def _logs_on_stderr() -> None:
    """Every command's log lines go to stderr as JSON: stdout carries only what the command
    prints (`dlq list --json`, a roast), so a warning never corrupts it."""
    from resumeroast.logs import configure_logging

    configure_logging()


DataDir = Annotated[
    Path | None,
    typer.Option(
        "--data-dir",
        help="Folder for the embedded Redis, SQLite and logs "
        "[default: ./resumeroast-data, or DATA_DIR]",
    ),
]
Host = Annotated[str, typer.Option("--host", help="Interface to listen on")]
Port = Annotated[int, typer.Option("--port", help="Port for the API and web app")]


def use_data_dir(data_dir: Path | None, *, reset_metrics: bool = False) -> None:
    """Settings are read from the environment; the option wins over DATA_DIR (this process's
    settings, not its environment: the processes it starts are given it in theirs)."""
    from resumeroast.adapters.metrics_dir import enable_multiprocess_metrics

    if data_dir is not None:
        from resumeroast.settings import Settings, use_settings

        use_settings(Settings(data_dir=data_dir.resolve()))
    folder = data_dir or Path(os.environ.get("DATA_DIR", "resumeroast-data"))
    enable_multiprocess_metrics(folder, reset=reset_metrics)


@app.command()
def up(
    host: Host = "127.0.0.1",
    port: Port = 8000,
    data_dir: DataDir = None,
    concurrency: Annotated[int, typer.Option(help="Worker processes")] = 1,
    api_workers: Annotated[
        int, typer.Option(help="API processes (default: 2, or 1 on a single core)")
    ] = min(2, os.cpu_count() or 1),
) -> None:
    """Run everything: embedded Redis (unless REDIS_URL is set), migrations, API and a worker."""
    use_data_dir(data_dir, reset_metrics=True)
    from resumeroast.cli.supervisor import run_stack

    raise typer.Exit(
        run_stack(host=host, port=port, concurrency=concurrency, api_workers=api_workers)
    )


@app.command()
def api(
    host: Host = "127.0.0.1",
    port: Port = 8000,
    data_dir: DataDir = None,
    workers: Annotated[int, typer.Option(help="API processes on the port")] = 1,
    in_group: Annotated[
        bool, typer.Option(hidden=True, help="One of several started by a supervisor")
    ] = False,
) -> None:
    """Run the HTTP API (needs REDIS_URL)."""
    use_data_dir(data_dir)
    from resumeroast.cli.supervisor import (
        check_port_free,
        child_env,
        migrate_database,
        serve_api,
        spawn_api_processes,
        supervise,
    )
    from resumeroast.settings import get_settings

    if not in_group:  # the supervisor did both
        migrate_database()
        check_port_free(host, port)
    if workers > 1:
        children = spawn_api_processes(host, port, workers, child_env(get_settings()))
        raise typer.Exit(supervise(children))
    serve_api(host, port)


@app.command()
def worker(
    data_dir: DataDir = None,
    concurrency: Annotated[int, typer.Option(help="Processes (prefork) or threads")] = 1,
    pool: Annotated[str, typer.Option(help="prefork, threads or solo")] = "prefork",
    name: Annotated[str, typer.Option(help="Worker node name")] = "worker@%h",
) -> None:
    """Run a Celery worker (needs REDIS_URL or BROKER_URL)."""
    use_data_dir(data_dir)
    from resumeroast.cli.supervisor import migrate_database
    from resumeroast.settings import get_settings

    migrate_database()
    # Reviews are background work: where the API shares the machine, uploads get the CPU first.
    os.nice(get_settings().worker_nice)
    from resumeroast.adapters.queue import is_sqs
    from resumeroast.worker.app import app as celery_app

    no_events = ["--without-heartbeat"] if is_sqs(str(celery_app.conf.broker_url)) else []
    celery_app.worker_main(
        [
            "worker",
            "--loglevel=INFO",
            f"--concurrency={concurrency}",
            f"--pool={pool}",
            "--without-gossip",
            "--without-mingle",
            f"--hostname={name}",
            *no_events,
        ]
    )


@app.command("llm-relay")
def llm_relay(
    host: Host = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="Port for the workers' calls")] = 8301,
    data_dir: DataDir = None,
) -> None:
    """Relay this host's workers' calls to the openai or anthropic provider, so a call in
    flight when its worker is killed is paid for once (point LLM_RELAY_URL at it)."""
    use_data_dir(data_dir)
    from resumeroast.cli.supervisor import serve_relay

    serve_relay(host, port)


@app.command()
def migrate(data_dir: DataDir = None) -> None:
    """Create or upgrade the database schema."""
    from resumeroast.cli.supervisor import migrate_database

    use_data_dir(data_dir)
    migrate_database()
    typer.echo("database is up to date")


@app.command()
def roast(
    resume: Annotated[
        Path,
        typer.Argument(
            exists=True,
            dir_okay=False,
            readable=True,
            help="PDF, DOCX, TXT, MD, AsciiDoc, JSON Resume or RenderCV YAML",
        ),
    ],
    job: Annotated[
        Path | None,
        typer.Option(
            "--job", exists=True, dir_okay=False, help="A job description (PDF, DOCX or text)"
        ),
    ] = None,
    level: Annotated[str, typer.Option("--level", help="gentle, honest or brutal")] = "honest",
    as_json: Annotated[bool, typer.Option("--json", help="Print the raw result as JSON")] = False,
    url: Annotated[
        str, typer.Option("--url", help="A running ResumeRoast")
    ] = "http://127.0.0.1:8000",
    data_dir: DataDir = None,
    compare_to: Annotated[
        str | None,
        typer.Option(
            "--compare",
            metavar="EARLIER",
            help="The earlier roast to compare this version with: a result saved with --json, "
            "or an earlier job, as the link roast printed for it (…/jobs/ID#token=…) or its id "
            "with --compare-token. Prints the score change and what this version fixed, left "
            "open and added; a job is linked to this upload as its earlier version",
        ),
    ] = None,
    compare_token: Annotated[
        str | None,
        typer.Option(
            "--compare-token",
            envvar="RESUMEROAST_COMPARE_TOKEN",
            help="The earlier job's owner token, when --compare gives its id",
        ),
    ] = None,
) -> None:
    """Roast a resume: submit it, follow the stages live, print the feedback."""
    from resumeroast.cli.roast import run_roast

    raise typer.Exit(
        run_roast(
            resume,
            job=job,
            level=level,
            as_json=as_json,
            url=url,
            data_dir=data_dir,
            compare_to=compare_to,
            compare_token=compare_token,
        )
    )


@app.command()
def backup(
    output_dir: Annotated[
        Path | None,
        typer.Option("--output-dir", help="Where backups go [default: DATA_DIR/backups]"),
    ] = None,
    keep_days: Annotated[
        float | None,
        typer.Option(help="Delete older backups here [default and at most: RETENTION_DAYS]"),
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Back up the database (consistent while it runs) with a manifest for the restore drill."""
    use_data_dir(data_dir)
    from resumeroast.cli.backup import run_backup

    raise typer.Exit(run_backup(output_dir, keep_days))


@app.command("restore-drill")
def restore_drill(
    backup_file: Annotated[
        Path,
        typer.Argument(
            metavar="BACKUP",
            help="A file `resumeroast backup` wrote, or its folder (then the newest in it)",
        ),
    ],
    scratch_url: Annotated[
        str | None,
        typer.Option(
            "--scratch-url",
            envvar="SCRATCH_DATABASE_URL",
            help="PostgreSQL: an empty database to restore into [default: a new one on "
            "DATABASE_URL's server, dropped after]",
        ),
    ] = None,
    data_dir: DataDir = None,
) -> None:
    """Restore a backup into a scratch database, migrate it, compare it; exit 1 if it fails."""
    use_data_dir(data_dir)
    from resumeroast.cli.backup import run_restore_drill

    raise typer.Exit(run_restore_drill(backup_file, scratch_url))
