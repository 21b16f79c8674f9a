"""Daily model usage totals (usage_daily), added to in the transaction that saves a review.

The feedback row's primary key makes that save happen once per job, so a redelivered task
never counts a review twice: its insert fails and the whole transaction, totals included,
rolls back. A review served from the cache cost nothing and is not counted.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Engine, select
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.orm import Session

from resumeroast.adapters.db.tables import UsageDailyRow
from resumeroast.core.feedback import Feedback


@dataclass(frozen=True)
class DailyUsage:
    day: str
    model: str
    calls: int
    tokens_in: int
    tokens_out: int
    cost_usd: float


def add_review_usage(session: Session, feedback: Feedback, at: datetime) -> None:
    review = feedback.review
    if review.cached or review.reviewer == "builtin" or not (review.tokens_in or review.tokens_out):
        return
    values = {
        "day": at.date().isoformat(),
        "model": f"{review.reviewer}:{review.model or 'unknown'}",
        "calls": 1 + review.repairs,
        "tokens_in": review.tokens_in,
        "tokens_out": review.tokens_out,
        "cost_usd": review.cost_usd,
    }
    dialect = postgresql if session.get_bind().dialect.name == "postgresql" else sqlite
    stmt = dialect.insert(UsageDailyRow).values(**values)
    table = UsageDailyRow.__table__.c
    stmt = stmt.on_conflict_do_update(
        index_elements=["day", "model"],
        set_={
            name: getattr(table, name) + getattr(stmt.excluded, name)
            for name in ("calls", "tokens_in", "tokens_out", "cost_usd")
        },
    )
    session.execute(stmt)


def daily_usage(engine: Engine, *, days: int | None = None) -> list[DailyUsage]:
    """The totals, newest day first (the last `days` days that have any)."""
    with Session(engine) as session:
        rows = session.scalars(
            select(UsageDailyRow).order_by(UsageDailyRow.day.desc(), UsageDailyRow.model)
        ).all()
    totals = [
        DailyUsage(r.day, r.model, r.calls, r.tokens_in, r.tokens_out, r.cost_usd) for r in rows
    ]
    if days is not None:
        kept = sorted({t.day for t in totals}, reverse=True)[:days]
        totals = [t for t in totals if t.day in kept]
    return totals
