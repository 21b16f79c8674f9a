"""Contact essentials: an email, a phone, a profile link, a location."""

from __future__ import annotations

from resumeroast.core.analysis.checks.base import CRITICAL, INFO, WARNING, Context, finding
from resumeroast.core.feedback import Finding


def check_contact(context: Context) -> list[Finding]:
    contact = context.structure.contact
    found: list[Finding] = []
    if contact.email is None:
        found.append(
            finding(
                "contact.no_email",
                CRITICAL,
                "No email address: a recruiter who likes this resume has no way to reply.",
                "Put a professional email address in the first lines, as plain text.",
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
    if contact.location is None:
        found.append(
            finding(
                "contact.no_location",
                INFO,
                "No location: recruiters filter candidates by city or 'Remote'.",
                "Add 'City, Region' (or 'Remote') to the contact line.",
            )
        )
    return found
