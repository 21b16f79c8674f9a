"""A References section that lists people with their phone numbers or e-mail addresses.

Recruiters ask for references after the interviews, not from the page: the section takes space
the resume needs for its own work, and it hands out other people's details to every reader. A
line such as "References available on request" is left alone (the expert does not raise it),
and so is an academic CV's list of referees, which hiring committees ask for on the page.
"""

from __future__ import annotations

import re

from resumeroast.core.analysis.checks.base import INFO, Context, cite, finding
from resumeroast.core.analysis.contact import EMAIL
from resumeroast.core.feedback import Finding

_PHONE = re.compile(r"\+?\(?\d[\d ()./-]{7,}\d")
MIN_PHONE_DIGITS = 9


def check_references(context: Context) -> list[Finding]:
    if context.academic_length:
        return []  # referees with their addresses close an academic CV: the committee expects them
    blocks = [b for b in context.structure.blocks if b.section.kind == "references"]
    details = [
        line
        for block in blocks
        for line in block.lines
        if line.number != block.section.heading_line and _contact_detail(line.text)
    ]
    if not details:
        return []
    heading = blocks[0].section
    return [
        finding(
            "content.references",
            INFO,
            f"The '{heading.title}' section lists other people's contact details: recruiters "
            "ask for references after the interviews, and the space is worth more for your "
            "own work.",
            "Cut the section (and 'available on request'); keep the list ready to send when "
            "an employer asks, with each referee's permission.",
            [cite(heading.title, heading.heading_line)],
        )
    ]


def _contact_detail(text: str) -> bool:
    if EMAIL.search(text):
        return True
    return any(
        sum(ch.isdigit() for ch in match.group()) >= MIN_PHONE_DIGITS
        for match in _PHONE.finditer(text)
    )
