"""`resumeroast usage`: model calls, tokens and cost per day and model, from usage_daily
(kept when the jobs themselves are purged)."""

from __future__ import annotations

import json
from dataclasses import asdict
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

COLUMNS = ("day", "model", "calls", "tokens_in", "tokens_out", "cost_usd")


def usage(
    days: Annotated[int, typer.Option(help="How many of the latest days with usage")] = 31,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """Daily model usage and cost totals, newest day first."""
    from resumeroast.adapters.db.engine import make_engine
    from resumeroast.adapters.db.usage import daily_usage
    from resumeroast.settings import get_settings

    engine = make_engine(get_settings().effective_database_url)
    try:
        totals = daily_usage(engine, days=days)
    finally:
        engine.dispose()
    if as_json:
        typer.echo(json.dumps([asdict(t) for t in totals]))
        return
    table = Table(*COLUMNS)
    for t in totals:
        table.add_row(
            t.day, t.model, str(t.calls), str(t.tokens_in), str(t.tokens_out), f"{t.cost_usd:.4f}"
        )
    Console().print(table)
    typer.echo(f"total: ${sum(t.cost_usd for t in totals):.4f} over {len(totals)} rows")
