"""A result whose number lost its unit: "increased sales by 30" (30 what? percent? dollars?).

Only a change verb with "by N" followed by nothing that could be a unit is reported: "by 30
students", "by 30%" and "by 2020" are whole, "by 30 in Q3" and "by 30." are not.
"""

from __future__ import annotations

import re

from resumeroast.core.analysis.checks.base import WARNING, Context, cite, finding, plural
from resumeroast.core.feedback import Finding

_CHANGE = (
    r"(?:increas|grow|grew|grown|boost|rais|improv|reduc|cut|decreas|lower|drop|sav|lift|rose|"
    r"risen|fell|fall|expand|shrank|shrunk|accelerat|speed|sped|shorten|decreas|slash|trimm|"
    r"trim|minimi[sz]|maximi[sz]|enhanc|uplift|climb|jump|doubl|increment)\w*"
)
_BARE = re.compile(
    rf"\b{_CHANGE}\b[^.;:!?]{{0,60}}?\bby\s+(?P<number>\d+(?:[.,]\d+)*)(?![.,]?\d)"
    r"(?=\s*(?:$|[.,;:)!?]|\s(?:in|over|within|during|across|and|while|through|after|from|"
    r"compared|vs\.?|versus|yoy|year[- ]over[- ]year|qoq|mom|for|to|with|on|at|since)\b))",
    re.IGNORECASE,
)
_YEAR = re.compile(r"^(?:19|20)\d{2}$")


def bare_number(text: str) -> str | None:
    """The change with its unitless number ("increased sales by 30"), or None."""
    for match in _BARE.finditer(text):
        if not _YEAR.match(match.group("number")):
            return match.group(0)
    return None


def check_bare_numbers(context: Context) -> list[Finding]:
    hits = [(b, found) for b in context.bullets if (found := bare_number(b.quote)) is not None]
    if not hits:
        return []
    shown = ", ".join(f"'{found}'" for _, found in hits[:3])
    return [
        finding(
            "content.number_without_unit",
            WARNING,
            f"{plural(len(hits), 'result')} with a number but no unit: {shown}. By 30 what: "
            "percent, dollars, hours? The reader cannot tell, so the result counts for nothing.",
            "Add the unit to each number (%, $, hours, customers) and, if you can, the "
            "baseline: 'by 30% (from $1.2M to $1.56M)'.",
            [cite(b.quote, b.line) for b, _ in hits],
        )
    ]
