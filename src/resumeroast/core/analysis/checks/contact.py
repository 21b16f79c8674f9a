"""Contact essentials: an email, a phone, a profile link, a location."""

from __future__ import annotations

import re

from resumeroast.core.analysis.checks.base import (
    CRITICAL,
    INFO,
    WARNING,
    Context,
    cite,
    finding,
)
from resumeroast.core.feedback import Finding

#: Words of a personal, not a professional, address ("adrianloves123@", "sexy_kitty@"). One
#: counts only where a word ends: before a digit, a separator or the "@"; so "angela.smith@"
#: and "lovelace@" are names, not "angel" and "love".
_CASUAL = re.compile(
    r"(?:loves?|lover|sexy|cutie|cute|babe|baby|princess|angel|kitty|crazy|party|swag|gamer|"
    r"killer|hottie|xoxo|420)(?=[\d._-]|$)",
    re.IGNORECASE,
)


def check_contact(context: Context) -> list[Finding]:
    contact = context.structure.contact
    found: list[Finding] = []
    if contact.email is None:
        found.append(
            finding(
                "contact.no_email",
                # a hiring committee finds a scholar through the institution on the page
                WARNING if context.academic_length else CRITICAL,
                "No email address: a recruiter who likes this resume has no way to reply.",
                "Put a professional email address in the first lines, as plain text.",
            )
        )
    if contact.email is not None and _CASUAL.search(contact.email.split("@")[0]):
        found.append(
            finding(
                "contact.unprofessional_email",
                WARNING,
                "The e-mail address reads as personal, not professional: it is the first thing "
                "a recruiter sees of you.",
                "Use an address made of your name (first.last@...), kept for applications.",
                [cite(contact.email, contact.email_line)],
            )
        )
    if contact.phone is None and not (context.academic and contact.email):
        # an academic CV gives e-mail, address and ORCID; hiring committees write
        found.append(
            finding(
                "contact.no_phone",
                WARNING,
                "No phone number: many recruiters screen by phone first.",
                "Add a phone number with its country code next to your email.",
            )
        )
    if contact.location is None and not context.academic_length:
        # an academic CV names its institution, which places the person; the town adds nothing
        found.append(
            finding(
                "contact.no_location",
                INFO,
                "No location: recruiters filter candidates by city or 'Remote'.",
                "Add 'City, Region' (or 'Remote') to the contact line.",
            )
        )
    return found
