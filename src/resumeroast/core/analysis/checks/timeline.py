"""Dates: missing, mixed formats, gaps, future dates, tense that contradicts them. Overlapping
roles are no finding: concurrent roles, study beside work and two hats at one employer are normal
(docs/scoring.md, "Checks removed")."""

from __future__ import annotations

import re
from dataclasses import replace

from resumeroast.core.analysis.checks.base import (
    INFO,
    WARNING,
    Context,
    cite,
    finding,
    plural,
)
from resumeroast.core.analysis.dates import (
    find_range,
    mask_day_dates,
    month_spellings,
    yearless_range,
)
from resumeroast.core.analysis.headerlike import reads_as_header
from resumeroast.core.analysis.model import DateRange, Role, YearMonth
from resumeroast.core.analysis.timeline import find_gaps, month_index
from resumeroast.core.feedback import Evidence, Finding

GAP_MONTHS = 6  #: gaps longer than this are reported
#: Sections whose dated entries account for time: study and service (side projects run beside
#: a job as often as in place of one, so they do not).
ACCOUNTED = frozenset({"education", "courses", "volunteering", "activities"})
STUDY_YEARS = 4  #: a lone graduation date stands for the years of study before it
_STYLE_NAMES = {
    "month_abbr": "'Jan 2020'",
    "month_full": "'January 2020'",
    "numeric": "'01/2020'",
    "iso": "'2020-01'",
    "year": "'2020'",
}


def check_missing_dates(context: Context) -> list[Finding]:
    experience = [b for b in context.impact_bullets if b.section == "experience"]
    if not experience or context.jobs or _dated_to_the_day(context) or _dated_items(context):
        return []
    return [
        finding(
            "dates.missing",
            WARNING,
            "No dates on any role: recruiters and ATS cannot tell how recent or how long it was.",
            "Give every role a start and an end: 'Jan 2021 – Mar 2023' or 'Jan 2021 – Present'.",
        )
    ]


#: sections whose dates place what was done in time (not a skills list, not the header)
_DATED_SECTIONS = frozenset(
    {"experience", "projects", "education", "volunteering", "activities", "courses", "awards"}
)


def check_yearless_dates(context: Context) -> list[Finding]:
    """ "Honours Project 6th Sept - 29th Feb": a range of months with no year on its line."""
    hits = [
        (line, found)
        for line in context.lines
        if context.section_of(line.number) in _DATED_SECTIONS
        and (found := yearless_range(line.text)) is not None
    ]
    if not hits:
        return []
    said = ", ".join(f"'{found}'" for _, found in hits[:3])
    return [
        finding(
            "dates.no_year",
            INFO,
            f"Dates without a year ({said}): a reader cannot tell when, or how long ago, it was.",
            "Add the year to both ends: 'Sep 2019 – Feb 2020'.",
            [cite(line.quote, line.number) for line, _ in hits],
        )
    ]


def _dated_to_the_day(context: Context) -> bool:
    """Europass writes '[ 1 Jul 2025 - 31 Jul 2025 ]': role dates with a day are not read as
    role dates, but the dates are there, so 'no dates' would be false."""
    return any(
        mask_day_dates(line.text) != line.text
        for block in context.structure.blocks
        if block.section.kind == "experience"
        for line in block.lines
    )


#: a range written as one ("2018 - 2020", "2014 – present"), not a day's date ("22-05-2024")
_SPAN = re.compile(r"[–—]|\s-|-\s", re.IGNORECASE)


def _dated_items(context: Context) -> bool:
    """ "* März 2018–Juli 2018: Praktikant …" or "Professor, English, UCF, 2023 - present.":
    list items that open with their dates, or a title line ending in a range, name the roles;
    they are read as statements, not role headers, but the roles are dated."""
    return any(
        (found := find_range(line.text.strip(), line.number)) is not None
        and (
            found[1] == 0
            or found[
                0
            ].current  # "… desde el 2006 hasta la fecha": the one job, dated in a sentence
            or _SPAN.search(found[0].text) is not None
            and reads_as_header(line.text)
        )
        for block in context.structure.blocks
        if block.section.kind == "experience"
        for line in block.lines
    )


def check_date_formats(context: Context) -> list[Finding]:
    """Two systems ('Jan 2020' and '01/2020'), or one month written two ways ('Oct' and
    'October', 'Jan.' and 'Jan'). 'Jan. 2025' beside 'August 2017' is house style (AP writes
    short months out), not carelessness: months named short or in full are no mix by
    themselves."""
    styles: dict[str, Role] = {}
    for role in context.jobs:
        assert role.dates is not None
        for style in role.dates.styles:
            if style in _STYLE_NAMES:
                styles.setdefault(style, role)
    if len(styles) < 2 or set(styles) <= _NAMED_MONTHS:
        return _one_month_two_ways(context.jobs)
    examples = ", ".join(f"'{_date_quote(role)}'" for role in dict.fromkeys(styles.values()))
    return [
        _mixed_formats(
            f"Dates are written {len(styles)} ways ({examples}): it reads as careless.",
            # one quote per role: "Jan 2020 - 03/2021" shows two formats in one line
            [cite(_date_quote(role), _date_line(role)) for role in dict.fromkeys(styles.values())],
        )
    ]


_NAMED_MONTHS = frozenset({"month_abbr", "month_full"})


def _one_month_two_ways(jobs: tuple[Role, ...]) -> list[Finding]:
    spellings: dict[int, dict[str, Role]] = {}
    periods: dict[bool, Role] = {}
    for role in jobs:
        assert role.dates is not None
        for number, word, short in month_spellings(role.dates.text):
            spellings.setdefault(number, {}).setdefault(word, role)
            if short:  # an abbreviation: with or without its full stop
                periods.setdefault(word.endswith("."), role)
    mixed = [ways for ways in spellings.values() if len(ways) > 1]
    if mixed:
        words, roles = list(mixed[0]), list(dict.fromkeys(mixed[0].values()))
    elif len(periods) > 1:
        words, roles = [], list(dict.fromkeys(periods.values()))
    else:
        return []
    said = ", ".join(f"'{_date_quote(role)}'" for role in roles)
    what = (
        f"The same month is written two ways ('{words[0]}' and '{words[1]}': {said})"
        if words
        else f"Short month names are written with and without a full stop ({said})"
    )
    return [
        _mixed_formats(
            f"{what}: it reads as careless.",
            [cite(_date_quote(role), _date_line(role)) for role in roles],
        )
    ]


def _mixed_formats(message: str, evidence: list[Evidence]) -> Finding:
    return finding(
        "dates.mixed_formats",
        INFO,
        message,
        "Pick one format, e.g. 'Jan 2020 – Mar 2022', and use it everywhere.",
        evidence,
    )


def check_gaps(context: Context) -> list[Finding]:
    gaps = find_gaps(context.jobs, context.as_of, GAP_MONTHS, _accounted_for(context))
    if not gaps or _unread_dates(context):
        return []
    longest = max(gap.months for gap in gaps)
    return [
        finding(
            "dates.gap",
            WARNING,
            f"{plural(len(gaps), 'gap')} of more than {GAP_MONTHS} months between roles "
            f"(the longest: {longest} months). Unexplained gaps invite the worst guess.",
            "Fill each with one honest line (study, caregiving, freelance, job search), "
            "or check the dates are right.",
            [cite(_date_quote(gap.after), _date_line(gap.after)) for gap in gaps]
            + [cite(_date_quote(gap.before), _date_line(gap.before)) for gap in gaps],
        )
    ]


def _unread_dates(context: Context) -> bool:
    """An experience line dated to the day ("30th Jul 2018 – 7th Sep 2018") that is no role's
    dates: the timeline has roles it could not place, so a gap in it may be one of them."""
    read = {role.dates.line for role in context.jobs if role.dates is not None}
    return any(
        line.number not in read and _day_range(line.text)
        for block in context.structure.blocks
        if block.section.kind == "experience"
        for line in block.lines
    )


_YEAR = re.compile(r"\b(?:19|20)\d\d\b")


def _day_range(text: str) -> bool:
    """Two dates written to the day (a range), not one ("February 10, 2026" in a footer)."""
    return len(_YEAR.findall(text)) - len(_YEAR.findall(mask_day_dates(text))) >= 2


def _accounted_for(context: Context) -> tuple[DateRange, ...]:
    """Dated time outside the jobs: study and service (a mission, a volunteer year) are not a
    gap; a lone graduation date stands for the STUDY_YEARS before it."""
    found = []
    for block in context.structure.blocks:
        if block.section.kind not in ACCOUNTED:
            continue
        for line in block.lines:
            dated = find_range(line.text, line.number)
            if dated is None:
                continue
            span = dated[0]
            if span.current or span.end != span.start:
                found.append(span)
            elif block.section.kind in {"education", "courses"}:
                found.append(_study_before(span))
    return tuple(found)


def _study_before(graduation: DateRange) -> DateRange:
    """The years of study up to the graduation; a bare year proves study up to its January."""
    year, month = graduation.start.year, graduation.start.month or 1
    return replace(
        graduation, start=YearMonth(year - STUDY_YEARS, month), end=YearMonth(year, month)
    )


#: a date the writer marks as expected or planned is no error ("expected June 2027")
_EXPECTED = re.compile(
    r"\b(?:expected|anticipated|planned|upcoming|incoming|pr[ée]vue?s?|voraussichtlich|geplant|"
    r"previst[oa]s?|esperad[oa]|prevista)\b",
    re.IGNORECASE,
)


def check_future_dates(context: Context) -> list[Finding]:
    now = month_index(context.as_of)
    future = [
        role
        for role in context.jobs
        if _starts_or_ends_after(role, now) and not _planned_end(role, context.jobs, now)
    ]
    if not future:
        return []
    return [
        finding(
            "dates.future",
            WARNING,
            f"{plural(len(future), 'role')} dated in the future.",
            "Check the years; for a role you are still in, write 'Present'.",
            [cite(_date_quote(role), _date_line(role)) for role in future],
        )
    ]


def _planned_end(role: Role, jobs: tuple[Role, ...], now: int) -> bool:
    """The end date of the role under way (a doctorate's or a fixed-term contract's end), or a
    date marked as expected. A past role that ends in the future, with a later role begun since,
    is a slip of the year."""
    assert role.dates is not None
    if _EXPECTED.search(role.header):
        return True
    start = role.dates.start.first_month
    latest = all(j.dates is None or j.dates.start.first_month <= start for j in jobs)
    return start <= now and latest


def _starts_or_ends_after(role: Role, now: int) -> bool:
    assert role.dates is not None
    ends = [role.dates.start] + ([role.dates.end] if role.dates.end else [])
    return any(point.first_month > now for point in ends)


def _date_quote(role: Role) -> str:
    """The dates as written, or the whole header when the range was split over two lines."""
    if role.dates is not None and role.dates.text in role.header:
        return role.dates.text
    return role.header


def _date_line(role: Role) -> int:
    return role.dates.line if role.dates else role.line
