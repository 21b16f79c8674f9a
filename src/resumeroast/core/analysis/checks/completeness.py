"""The sections a resume needs, and roles that say nothing."""

from __future__ import annotations

from resumeroast.core.analysis.checks.base import (
    CRITICAL,
    INFO,
    WARNING,
    Context,
    cite,
    finding,
    plural,
)
from resumeroast.core.feedback import Finding


def check_sections(context: Context) -> list[Finding]:
    structure = context.structure
    found: list[Finding] = []
    if structure.implicit_experience:
        found.append(
            finding(
                "sections.no_experience",
                WARNING,
                "Your roles sit under no 'Experience' heading, so an ATS may not file them "
                "as experience.",
                "Put an 'Experience' heading above your roles.",
            )
        )
    elif not structure.has_section("experience"):
        others = structure.has_section("projects", "volunteering", "activities")
        found.append(_no_experience(has_projects=others))
    if not structure.has_section("education"):
        found.append(
            finding(
                "sections.no_education",
                WARNING,
                "No Education section: many ATS filters and recruiters look for one.",
                "Add an 'Education' heading with your degree or training, school and year.",
            )
        )
    if not structure.has_section("skills"):
        found.append(
            finding(
                "sections.no_skills",
                INFO,
                "No Skills section: ATS keyword searches look for one.",
                "Add a short 'Skills' section listing the tools and methods you actually use.",
            )
        )
    return found


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
    empty = [role for role in context.jobs if not role.bullets]
    if not empty or len(empty) == len(context.jobs):
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
