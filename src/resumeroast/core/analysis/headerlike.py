"""Lines that sit among bullets but are not statements: a duration ("2 years 10 months"), a
date line, or a name, employer, title or place written in Title Case ("Acme Corp  Springfield,
IL"). Checks about how a statement reads (a verb, its tense) leave them alone."""

from __future__ import annotations

import re

from resumeroast.core.analysis.dates import find_range

_DURATION = re.compile(
    r"\b\d+(?:[.,]\d+)?\+?\s*(?:years?|yrs?|months?|mos?|weeks?|days?|hours?|hrs?)\b\.?",
    re.IGNORECASE,
)
_LETTERS = re.compile(r"[^\W\d_][^\W\d_'’.-]*")
#: Small words a title keeps in lower case ("Bank of America", "Ministry for the Arts").
_CONNECTORS = frozenset(
    "a an and at by de del der for in of on the to und van von with y & la le el".split()
)
_LINK = re.compile(r"\(?(?:https?://|www\.)\S+\)?", re.IGNORECASE)
_YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
_PRESENT = re.compile(r"\b(?:present|current|now|today)\b", re.IGNORECASE)
_DAY_MONTH = re.compile(r"\b\d{1,2}(?:st|nd|rd|th)?\b|\b[A-Z][a-z]{2,8}\.?(?=\s+(?:19|20)\d{2})")
DATE_LINE_WORDS = 10  #: words besides the dates for a line to read as a date line
TITLE_SHARE = 0.8  #: share of a line's words that are capitalised for it to read as a name


def reads_as_header(text: str) -> bool:
    """True for a duration, a date line or a Title Case name/employer/place line."""
    text = _LINK.sub(" ", text)
    if _is_duration(text) or _is_date_line(text):
        return True
    words = [w for w in _LETTERS.findall(text) if w.lower() not in _CONNECTORS]
    if not words:
        return True
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised >= TITLE_SHARE * len(words) and len(words) >= 2


def _is_duration(text: str) -> bool:
    rest = _DURATION.sub(" ", text)
    return rest != text and not _LETTERS.search(rest.replace("and", " "))


def _is_date_line(text: str) -> bool:
    """A date range with little else: "[ 1 Jul 2025 – 31 Jul 2025 ]", "Harbour Lab, 2018 - 2020",
    "Reef station, 30th Jul 2018 – 7th Sep 2018 (volunteer)"."""
    found = find_range(text, 0)
    if found is not None:
        _, start, end = found
        rest = text[:start] + " " + text[end:]
    elif len(_YEAR.findall(text)) >= 2 or _YEAR.search(text) and _PRESENT.search(text):
        rest = _PRESENT.sub(" ", _YEAR.sub(" ", _DAY_MONTH.sub(" ", text)))
    else:
        return False
    return len(_LETTERS.findall(rest)) <= DATE_LINE_WORDS
