"""Statements about the product, not the person: "X is an open source library for …".

A recruiter reads a role for what the candidate did. A bullet whose subject is the app, the
tool or the platform ("The app allows users to …") says what the thing does and leaves the
candidate's part unsaid. A statement that names the writer ("I built …", "my", "we") or opens
with an action is about the person and never reported.
"""

from __future__ import annotations

import re

from resumeroast.core.analysis.checks.base import WARNING, Context, cite, finding, plural
from resumeroast.core.analysis.model import Bullet
from resumeroast.core.analysis.verbs import opens_with_verb
from resumeroast.core.feedback import Finding

_THING = (
    r"(?:app|apps|application|tool|platform|website|web ?site|site|system|library|package|"
    r"framework|project|product|service|bot|extension|game|api|dashboard|plugin|plug-in|"
    r"engine|software|solution|program|module|add-on|chatbot|portal|marketplace)"
)
_DOES = (
    r"(?:is|was|are|were|allows|allowed|enables|enabled|lets|helps|helped|provides|provided|"
    r"offers|offered|gives|supports|aims|serves|displays|shows|features|can|will|would)"
)
_USERS = (
    r"(?:users?|customers?|clients?|players?|people|students?|developers?|teams?|businesses|"
    r"patients?|visitors?|members?|anyone|you)"
)
_PRODUCT = (
    # "The app allows …", "This tool helps …", "Our platform is …"
    re.compile(rf"^(?:the|this|our|my|its)\s+(?:[\w.+#-]+\s+){{0,3}}?{_THING}\s+{_DOES}\b", re.I),
    # "It allows users to …", "This enables …"
    re.compile(r"^(?:it|this)\s+(?:allows|enables|lets|helps|provides|offers)\b", re.I),
    # "Fooify is an open source library for …"
    re.compile(
        rf"^[A-Z][\w.+#-]*(?:\s+[A-Z][\w.+#-]*){{0,2}}\s+(?:is|was)\s+(?:an?|the)\s+"
        rf"(?:[\w,-]+\s+){{0,4}}?{_THING}\b"
    ),
    # "A web app that allows users to …": the statement is the product's name tag
    re.compile(
        rf"^(?:an?|the)\s+(?:[\w.+#-]+\s+){{0,4}}?{_THING}\s+(?:that|which)\s+"
        rf"(?:allows|enables|lets|helps)\s+{_USERS}\b",
        re.I,
    ),
)
_PERSON = re.compile(r"\b(?:I|I'm|I've|my|me|we|our team|myself)\b")


def describes_product(text: str) -> bool:
    if _PERSON.search(text) or opens_with_verb(text):
        return False
    return any(pattern.search(text) for pattern in _PRODUCT)


def check_product_descriptions(context: Context) -> list[Finding]:
    hits = [b for b in context.bullets if _reported(b) and not _context_line(b, context)]
    if not hits:
        return []
    return [
        finding(
            "content.product_not_contribution",
            WARNING,
            f"{plural(len(hits), 'statement')} {'describes' if len(hits) == 1 else 'describe'} "
            "the product, not what you did with it: "
            "a recruiter reads a role for your part.",
            "Say what you did: lead with your action and your share of the work ('Built the "
            "search API of X, an open source library used by 300 teams'), and keep what the "
            "product does to half a line.",
            [cite(b.quote, b.line) for b in hits],
        )
    ]


def _context_line(bullet: Bullet, context: Context) -> bool:
    """One line of what the product or employer is, before bullets of what the writer did, is
    context a recruiter welcomes ("Acme is a payments platform for 2,000 restaurants")."""
    if bullet.role is None:
        return False
    mine = [b for b in context.bullets if b.role == bullet.role]
    rest = [b for b in mine if b is not bullet]
    return mine[0] is bullet and any(not describes_product(b.text) for b in rest)


def _reported(bullet: Bullet) -> bool:
    return bullet.section in {"experience", "projects"} and describes_product(bullet.text)
