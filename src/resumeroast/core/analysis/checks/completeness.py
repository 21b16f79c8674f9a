"""The sections a resume needs, and roles that say nothing.

A missing Skills section is not reported: on the gold set none of its 4 findings was a problem
the expert raised (nurses, sales reps, a marine biologist; an ATS reads skills anywhere)."""

from __future__ import annotations

import re

from resumeroast.core.analysis.checks.base import (
    CRITICAL,
    INFO,
    WARNING,
    Context,
    cite,
    finding,
    plural,
)
from resumeroast.core.analysis.model import Role
from resumeroast.core.feedback import Finding

#: a heading that names experience with words before it ("Clinical & Operational Experience",
#: "Focused Experience"): the section is there, whether or not its name is a known one
_EXPERIENCE_WORDS = re.compile(r"\b(experience|employment|work history|career history):?$", re.I)
OLD_ROLE_YEARS = 10  #: a role that ended longer ago than this needs no description
HOLLOW_WORDS = 5  #: an Experience section with no more words than this under it shows no work
_SMALL_WORDS = frozenset({"&", "and", "of", "in", "/", "-", "–"})


def check_sections(context: Context) -> list[Finding]:
    structure = context.structure
    found = [] if _names_experience(context) else _experience(context)
    if not structure.has_section("education"):
        found.append(
            finding(
                "sections.no_education",
                WARNING,
                "No Education section: many ATS filters and recruiters look for one.",
                "Add an 'Education' heading with your degree or training, school and year.",
            )
        )
    return found


def _experience(context: Context) -> list[Finding]:
    structure = context.structure
    if structure.implicit_experience:
        return [
            finding(
                "sections.no_experience",
                WARNING,
                "Your roles sit under no 'Experience' heading, so an ATS may not file them "
                "as experience.",
                "Put an 'Experience' heading above your roles.",
            )
        ]
    if structure.has_section("experience"):
        return _hollow_experience(context)
    return [
        _no_experience(has_projects=structure.has_section("projects", "volunteering", "activities"))
    ]


def _hollow_experience(context: Context) -> list[Finding]:
    """An Experience heading with next to nothing under it ("Experience / Nursing") and no dated
    role anywhere on the page: as good as no experience, and worse for looking like some."""
    if context.roles:
        return []
    lines = [
        line
        for block in context.structure.blocks
        if block.section.kind == "experience"
        for line in block.lines
        if line.number != block.section.heading_line
    ]
    if sum(len(line.text.split()) for line in lines) > HOLLOW_WORDS:
        return []
    shown = " / ".join(line.quote.strip() for line in lines) or "nothing"
    return [
        finding(
            "sections.no_experience",
            CRITICAL,
            f"The Experience section holds only '{shown}': no employer, title, dates or "
            "duties, so there is no work history to screen.",
            "Under Experience, list each job: title, employer, city, start and end dates, and "
            "2–5 bullets on what you did there and with what result.",
            [cite(line.quote, line.number) for line in lines],
        )
    ]


def _names_experience(context: Context) -> bool:
    """A heading the section reader did not know but a recruiter reads as Experience: saying
    the resume has none would be false (a wrong 'no experience' is a false critical)."""
    return any(_is_experience_heading(line.text.strip()) for line in context.lines)


def _is_experience_heading(text: str) -> bool:
    words = text.split()
    if not 2 <= len(words) <= 6 or any(ch.isdigit() for ch in text):
        return False
    capitalised = all(w[0].isupper() for w in words if w.lower() not in _SMALL_WORDS)
    return capitalised and _EXPERIENCE_WORDS.search(text) is not None


def _no_experience(has_projects: bool) -> Finding:
    if has_projects:
        return finding(
            "sections.no_experience",
            INFO,
            "No Experience section; projects, volunteering or activities carry the page. "
            "Fine for a student.",
            "If you have held any job or internship, add an 'Experience' section for it.",
        )
    return finding(
        "sections.no_experience",
        CRITICAL,
        "No Experience (or Projects) section: there is nothing here that shows what you have done.",
        "Add an 'Experience' section: title, employer, dates, and 3–5 bullets per role.",
    )


def check_empty_roles(context: Context) -> list[Finding]:
    """Roles ended over OLD_ROLE_YEARS ago are left alone: a title line is all an old summer job
    needs (the advice is to shorten or cut those, not to describe them)."""
    recent = [role for role in context.jobs if not _old(role, context.as_of.year)]
    empty = [role for role in recent if not context.described(role)]
    if not empty:
        return []
    return [
        finding(
            "sections.empty_role",
            INFO,
            f"{plural(len(empty), 'role')} with a title and dates but not one line on what "
            "you did.",
            "Give every role at least two bullets on what you achieved there, or cut it.",
            [cite(role.header, role.line) for role in empty],
        )
    ]


def _old(role: Role, this_year: int) -> bool:
    dates = role.dates
    if dates is None or dates.current:
        return False
    return this_year - (dates.end or dates.start).year > OLD_ROLE_YEARS
