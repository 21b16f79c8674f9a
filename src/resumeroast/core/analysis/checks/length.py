"""Length against seniority and kind: pages and words for the years of experience the dates
show; an academic CV (publications beside teaching or research) is the full record, and its
length is not judged the way a resume's is."""

from __future__ import annotations

from resumeroast.core.analysis.checks.base import INFO, WARNING, Context, finding
from resumeroast.core.analysis.timeline import years_of_experience
from resumeroast.core.documents import DocumentKind
from resumeroast.core.feedback import Finding

MIN_WORDS = 200
SENIOR_YEARS = 10


def check_length(context: Context) -> list[Finding]:
    years = years_of_experience(context.jobs, context.as_of)
    words = sum(len(line.text.split()) for line in context.lines)
    academic = context.academic
    found = [] if academic else _pages(context, years)
    if words < MIN_WORDS:
        found.append(
            finding(
                "length.too_short",
                WARNING,
                f"Only {words} words: too thin to show what you can do.",
                "Aim for 400–700 words: 3–5 bullets per recent role, each with a result.",
            )
        )
    elif words > max_words(years) and not academic:
        found.append(
            finding(
                "length.too_many_words",
                WARNING,
                f"{words} words for {_years_text(years)}: nobody reads that much on a first pass.",
                f"Cut to under {max_words(years)} words: drop old roles to a line each, "
                "merge bullets.",
            )
        )
    return found


def _pages(context: Context, years: float | None) -> list[Finding]:
    if context.document.kind is not DocumentKind.PDF:
        return []
    pages = context.document.layout.pages
    limit = 2 if _senior(years) else 1
    if pages <= limit:
        return []
    # With no dates, assume the junior case: adding the dates must never make this worse.
    severity = WARNING if pages > 2 or years is None or years < 5 else INFO
    return [
        finding(
            "length.too_many_pages",
            severity,
            f"{pages} pages for {_years_text(years)}; the norm is {limit}.",
            f"Cut to {limit} page{'s' if limit > 1 else ''}: keep the last 10 years, "
            "trim the rest.",
        )
    ]


def _senior(years: float | None) -> bool:
    return round(years or 0) >= SENIOR_YEARS


def max_words(years: float | None) -> int:
    return 1200 if _senior(years) else 900


def _years_text(years: float | None) -> str:
    if years is None:
        return "a resume with no dated roles"
    return f"about {years:.0f} year{'s' if round(years) != 1 else ''} of experience"
