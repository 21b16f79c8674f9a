"""A claim the resume's own dates contradict: "over 5 years of experience" with 2 years dated.

Seniors leave their oldest roles off, so a claim above the dated roles is reported only when
the dates rule it out: the claim is at least twice the dated time and two years more, and no
education ends early enough to leave room for the missing years.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from resumeroast.core.analysis.checks.base import WARNING, Context, cite, finding
from resumeroast.core.analysis.dates import find_range
from resumeroast.core.analysis.lines import TextLine
from resumeroast.core.analysis.timeline import years_of_experience
from resumeroast.core.feedback import Finding

_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
    "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "fifteen": 15, "twenty": 20, "thirty": 30,
}  # fmt: skip
_CLAIM = re.compile(
    r"\b(?:(?:over|more than|nearly|almost|about|around|some|approximately)\s+)?"
    rf"(?P<years>\d{{1,2}}|{'|'.join(_NUMBERS)})\s*\+?\s*(?:years?|yrs?)(?:['’]s?)?\s+"
    r"(?:of\s+)?(?:[\w&/-]+\s+){0,4}?(?:experience|expertise)\b",
    re.IGNORECASE,
)
_WHERE = frozenset({"header", "summary", "other"})
MIN_EXTRA_YEARS = 2
MIN_RATIO = 2.0


@dataclass(frozen=True, slots=True)
class Claim:
    years: int
    quote: str
    line: int


def find_claims(context: Context) -> list[Claim]:
    """Claims of total experience in the summary or the header, across wrapped lines."""
    claims: list[Claim] = []
    for block in context.structure.blocks:
        if block.section.kind not in _WHERE:
            continue
        lines = [line for line in block.lines if line.number not in context.bullet_starts]
        text = " ".join(line.quote for line in lines)
        for match in _CLAIM.finditer(text):
            word = match.group("years").lower()
            years = _NUMBERS.get(word) or int(word)
            claims.append(Claim(years, match.group(0), _line_at(lines, match.start())))
    return claims


def _line_at(lines: list[TextLine], offset: int) -> int:
    position = 0
    for line in lines:
        position += len(line.quote) + 1
        if position > offset:
            return line.number
    return lines[-1].number


def check_claimed_years(context: Context) -> list[Finding]:
    dated = years_of_experience(context.jobs, context.as_of)
    experience = sum(1 for role in context.roles if role.section == "experience")
    if dated is None or len(context.jobs) != experience:
        return []  # undated roles: the dates cannot contradict anything
    room = _years_since_education(context)
    wrong = [
        claim
        for claim in find_claims(context)
        if claim.years >= max(MIN_RATIO * dated, dated + MIN_EXTRA_YEARS)
        and (room is None or claim.years > room + 1)
    ]
    if not wrong:
        return []
    claim = wrong[0]
    return [
        finding(
            "content.claim_contradicted",
            WARNING,
            f"'{claim.quote}' while the dated roles add up to {dated:.1f} years: a recruiter "
            "does that sum and stops trusting the rest.",
            "Make the claim match the dates, or add the roles (with dates) that make up the "
            "difference.",
            [cite(c.quote, c.line) for c in wrong],
        )
    ]


def _years_since_education(context: Context) -> int | None:
    """Years from the end of the earliest education to today: room for work after school."""
    ends = []
    for line in context.lines:
        if context.section_of(line.number) != "education":
            continue
        found = find_range(line.text, line.number)
        if found is not None and not found[0].current:
            point = found[0].end or found[0].start
            ends.append(point.year)
    if not ends:
        return None
    return context.as_of.year - min(ends)


_MONTH_YEAR = re.compile(r"\b(0?[1-9]|1[0-2])/(\d{2})\s*[-–—]\s*(0?[1-9]|1[0-2])/(\d{2})\b")


def check_reversed_ranges(context: Context) -> list[Finding]:
    """A range that ends before it starts ("Nov. 2021 - May 2021", "04/19 - 08/10")."""
    hits = [(text, line.number) for line in context.lines if (text := _reversed(line.raw))]
    if not hits:
        return []
    return [
        finding(
            "dates.contradict",
            WARNING,
            f"A date range ends before it starts ('{hits[0][0]}'): a recruiter reads it as "
            "carelessness, and an ATS computes a negative or zero length for the role.",
            "Correct the start or the end date of each range so it runs forward in time.",
            [cite(text, number) for text, number in hits],
        )
    ]


def _reversed(text: str) -> str | None:
    found = find_range(text, 0)
    if found is not None:
        dates = found[0]
        if dates.end is not None and dates.end.last_month < dates.start.first_month:
            return dates.text
    match = _MONTH_YEAR.search(text)
    if match is not None:
        start_month, start_year, end_month, end_year = map(int, match.groups())
        if (end_year, end_month) < (start_year, start_month):
            return match.group(0)
    return None
