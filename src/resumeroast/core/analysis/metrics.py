"""Is a statement quantified? Numbers, percentages, money, multipliers, scale words."""

from __future__ import annotations

import re

_YEAR = re.compile(r"^(?:19|20)\d{2}s?$")
#: a count; thousands may be grouped with an apostrophe, as in Switzerland ("3'000 Besucher")
_METRIC = re.compile(
    r"^[~≈<>+]?[$€£¥₹]?\d[\d,.'’]*(?:%|[kmb]|bn|mm|x|×|\+|k\+|m\+|b\+|/\d+|st|nd|rd|th|h|hrs?|s|ms|pp)?\+?$",
    re.IGNORECASE,
)
_SCALE_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty fifty "
    "hundred hundreds thousand thousands million millions billion billions dozen dozens "
    "double doubled "
    "doubling triple tripled tripling quadrupled halved half".split()
)
_NOT_SCALE = re.compile(
    r"\b(?:six sigma|big (?:four|five|three)|one of|web 2\.0|top one)\b", re.IGNORECASE
)
_TOKEN = re.compile(r"[^\s\-–—/(),;:]+")
#: a date written in digits ("9/2009", "06.2012", "01.08.2020", "24/01/91"): its month is no
#: count. Two parts with a two-digit year ("12/15 patients") stay a number.
_NUMERIC_DATE = re.compile(
    r"(?<![\d.,/])(?:[0-3]?\d[/.](?:0?[1-9]|1[0-2])[/.](?:(?:19|20)?\d{2})"
    r"|(?:0?[1-9]|1[0-2])[/.](?:19|20)\d{2})(?![\d%/])"
)


def is_quantified(text: str) -> bool:
    """True when the statement carries a measurable result or scale; bare years do not count."""
    cleaned = _NOT_SCALE.sub(" ", _NUMERIC_DATE.sub(" ", text))
    for token in _TOKEN.findall(cleaned):
        token = token.strip(".'\"“”’")
        if not token:
            continue
        if token.lower() in _SCALE_WORDS:
            return True
        if _YEAR.match(token) or not any(ch.isdigit() for ch in token):
            continue
        if _METRIC.match(token):
            return True
    return False
