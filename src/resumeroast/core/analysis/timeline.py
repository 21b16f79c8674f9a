"""The career timeline: months covered and gaps between dated roles.

Bare years are read in whichever way makes the problem smallest: a gap is measured from the
last possible month of one role to the first possible month of the next. We flag only what
the dates prove.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from resumeroast.core.analysis.model import DateRange, Role


@dataclass(frozen=True, slots=True)
class Interval:
    role: Role
    start: int  #: months since year 0
    end: int


def month_index(day: date) -> int:
    return day.year * 12 + day.month - 1


def _dates(role: Role) -> DateRange:
    assert role.dates is not None
    return role.dates


def generous(role: Role, as_of: date) -> Interval:
    """The widest reading of the role's dates (bare years: January to December)."""
    dates = _dates(role)
    end = month_index(as_of) if dates.current else (dates.end or dates.start).last_month
    return Interval(role, dates.start.first_month, max(end, dates.start.first_month))


def strict(role: Role, as_of: date) -> Interval:
    """The narrowest reading (bare years: December to January)."""
    dates = _dates(role)
    end = month_index(as_of) if dates.current else (dates.end or dates.start).first_month
    return Interval(role, dates.start.last_month, end)


def years_of_experience(roles: tuple[Role, ...], as_of: date) -> float | None:
    """Months covered by at least one dated role, in years; None when no role has dates."""
    intervals = sorted((generous(r, as_of) for r in roles if r.dates), key=lambda i: i.start)
    if not intervals:
        return None
    months, reach = 0, -1
    for interval in intervals:
        start = max(interval.start, reach + 1)
        if interval.end >= start:
            months += interval.end - start + 1
        reach = max(reach, interval.end)
    return months / 12


@dataclass(frozen=True, slots=True)
class Gap:
    before: Role  #: the role that ended
    after: Role  #: the next role to start
    months: int


def find_gaps(
    roles: tuple[Role, ...], as_of: date, min_months: int, study: tuple[DateRange, ...] = ()
) -> list[Gap]:
    """Stretches of more than `min_months` months covered by no role and no dated study."""
    intervals = sorted((generous(r, as_of) for r in roles if r.dates), key=lambda i: i.start)
    covered = [_span(dates, as_of) for dates in study]
    gaps: list[Gap] = []
    latest: Interval | None = None
    for interval in intervals:
        if latest is not None:
            months = _uncovered(latest.end + 1, interval.start - 1, covered)
            if months > min_months:
                gaps.append(Gap(latest.role, interval.role, months))
        if latest is None or interval.end > latest.end:
            latest = interval
    return gaps


def _span(dates: DateRange, as_of: date) -> tuple[int, int]:
    end = month_index(as_of) if dates.current else (dates.end or dates.start).last_month
    return dates.start.first_month, end


def _uncovered(first: int, last: int, covered: list[tuple[int, int]]) -> int:
    return sum(
        1 for month in range(first, last + 1) if not any(a <= month <= b for a, b in covered)
    )
