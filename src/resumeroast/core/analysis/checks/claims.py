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
from resumeroast.core.analysis.model import DateRange
from resumeroast.core.analysis.timeline import month_index, years_of_experience
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


def check_claims(context: Context) -> list[Finding]:
    """One content.claim_contradicted finding: the years claimed in the summary first, then a
    role's stated length; the evidence of both."""
    found = check_claimed_years(context) + check_stated_durations(context)
    if len(found) < 2:
        return found
    first = found[0]
    return [first.model_copy(update={"evidence": first.evidence + found[1].evidence})]


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


#: "Worked 65+ hours weekly for 24 months", "served for two years": the length of the role itself
_STATED = re.compile(
    r"\b(?:worked|served|volunteered|employed|spent)\b[^.;]{0,40}?\bfor\s+"
    rf"(?P<count>\d{{1,2}}|{'|'.join(_NUMBERS)})\s+(?P<unit>months?|years?)\b",
    re.IGNORECASE,
)
MIN_SLACK_MONTHS = 6  #: a stated length this close to the dated one is rounding, not a slip
SLACK_SHARE = 0.25  #: nor one within a quarter of it


def check_stated_durations(context: Context) -> list[Finding]:
    """A role's own text states its length, and its dates say otherwise: a missionary dated
    "Nov. 2018 - Nov.2022" who "worked 65+ hours weekly for 24 months"."""
    hits = []
    for line, texts in _dated_texts(context):
        found = find_range(line.text, line.number)
        if found is None or found[0].end is None and not found[0].current:
            continue
        shortest, longest = _months(found[0], month_index(context.as_of))
        for text in texts:
            for match in _STATED.finditer(text):
                stated = _stated_months(match)
                slack = max(MIN_SLACK_MONTHS, SLACK_SHARE * stated)
                if stated + slack < shortest or stated - slack > longest:
                    hits.append((found[0].text, match.group(0), line))
    if not hits:
        return []
    dates, claim, _ = hits[0]
    return [
        finding(
            "content.claim_contradicted",
            WARNING,
            f"'{claim}' under a role dated '{dates}': the text and the dates give it different "
            "lengths, and a recruiter trusts neither.",
            "Make the dates and the stated length agree (correct whichever is wrong).",
            [cite(line.quote, line.number) for _, _, line in hits],
        )
    ]


def _dated_texts(context: Context) -> list[tuple[TextLine, list[str]]]:
    """Each line with a date range, with the texts that speak about that role: the line
    itself and, for a role's header line, its statements."""
    by_line = {role.line: role for role in context.roles if role.dates is not None}
    out = []
    for line in context.lines:
        role = by_line.get(line.number)
        texts = [line.text] + ([b.text for b in role.bullets] if role else [])
        out.append((line, texts))
    return out


def _months(dates: DateRange, today: int) -> tuple[int, int]:
    """The shortest and longest length the range can mean, in months (bare years either way)."""
    end_first = today if dates.current or dates.end is None else dates.end.first_month
    end_last = today if dates.current or dates.end is None else dates.end.last_month
    shortest = max(0, end_first - dates.start.last_month)
    longest = end_last - dates.start.first_month + 1
    return shortest, longest


def _stated_months(match: re.Match[str]) -> int:
    word = match.group("count").lower()
    count = _NUMBERS.get(word) or int(word)
    return count * (12 if match.group("unit").lower().startswith("year") else 1)
