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
#: A junior's second page is reported when the text is more than a page (over this many words)
#: or when the second page is all but empty (a spill-over or a blank page to delete).
ONE_PAGE_WORDS = 550
SPILL_WORDS = 40


def check_length(context: Context) -> list[Finding]:
    years = years_of_experience(context.jobs, context.as_of)
    words = sum(len(line.text.split()) for line in context.lines)
    academic = context.academic_length
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
    if context.structure.has_section("publications"):
        limit = max(limit, 2)  # a researcher's papers are part of the record, not padding
    if pages <= limit:
        return []
    last_page = sum(len(line.text.split()) for line in context.lines if line.page == pages)
    words = sum(len(line.text.split()) for line in context.lines)
    if pages == 2 and last_page >= SPILL_WORDS and words <= ONE_PAGE_WORDS:
        return []  # two thin pages: spacing to tighten, not a length problem (gold: 0 of 2)
    # With no dates, assume the junior case: adding the dates must never make this worse.
    severity = WARNING if pages > 2 or years is None or years < 5 else INFO
    return [
        finding(
            "length.too_many_pages",
            severity,
            f"{pages} pages for {_years_text(years)}; the norm is {limit}."
            + _spill(pages, last_page),
            f"Cut to {limit} page{'s' if limit > 1 else ''}: keep the last 10 years, "
            "trim the rest.",
        )
    ]


def _spill(pages: int, last_page: int) -> str:
    if last_page == 0:
        return f" Page {pages} is blank: delete it."
    if last_page < SPILL_WORDS:
        return f" Page {pages} holds only {last_page} words: pull them onto the page before."
    return ""


def _senior(years: float | None) -> bool:
    return round(years or 0) >= SENIOR_YEARS


def max_words(years: float | None) -> int:
    return 1200 if _senior(years) else 900


def _years_text(years: float | None) -> str:
    if years is None:
        return "a resume with no dated roles"
    return f"about {years:.0f} year{'s' if round(years) != 1 else ''} of experience"
