"""Role headers: the short lines around a date that name a job, an employer and a place."""

from __future__ import annotations

import re
from dataclasses import dataclass

from resumeroast.core.analysis.contact import find_location
from resumeroast.core.analysis.dates import find_range, remove_dates, split_range
from resumeroast.core.analysis.lexicon import job_title_words
from resumeroast.core.analysis.lines import TextLine
from resumeroast.core.analysis.model import DateRange
from resumeroast.core.analysis.text import clean, ends_sentence, words
from resumeroast.core.analysis.verbs import is_title_word, verb_forms

_SMALL = frozenset("a an the of and for in at to & on with de del y la le et und by or".split())
_COMPANY_END = ("Inc.", "Ltd.", "Co.", "Corp.", "LLC.", "Jr.", "S.A.", "GmbH.", "Ltda.")
_SEPARATORS = re.compile(r"\s+[|•·–—-]\s+|\s*[|•·]\s*|,\s+|\s+at\s+|\s+@\s+|\s{3,}")


@dataclass(frozen=True, slots=True)
class Anchor:
    index: int  #: position of the date line in the section
    dates: DateRange
    carry: int = 0  #: characters at the start of the next line that finish the date range
    carry_all: bool = False  #: the next line is nothing but the end of the range


def title_like(text: str) -> bool:
    """A name, not a sentence: mostly capitalised, no closing period, not opening with a verb."""
    tokens = [token for token in words(text) if any(ch.isalpha() for ch in token)]
    if not tokens or len(tokens) > 14:
        return False
    if ends_sentence(text) and not text.rstrip().endswith(_COMPANY_END):
        return False
    first = tokens[0]
    # "Developed a tool" opens a statement; "Self-Employed | Remote" is a field of its own
    alone = _SEPARATORS.split(text.strip(), maxsplit=1)[0].strip() == first
    if "past" in verb_forms(first) and not (is_title_word(first) or first.isupper() or alone):
        return False
    big = [token for token in tokens if token.lower() not in _SMALL]
    capitalised = sum(1 for token in big if token[0].isupper() or token[0].isdigit())
    return capitalised >= max(1, 0.6 * len(big))


def find_anchor(lines: tuple[TextLine, ...], index: int) -> Anchor | None:
    """A date line that heads a role: a range (or a lone date) beside title-like words only."""
    line = lines[index]
    if line.glyph is not None:
        return None
    following = lines[index + 1].raw if index + 1 < len(lines) else ""
    split = split_range(line.text, following, line.number)
    if split is not None:
        dates, start, end, carry = split
        carry_all = not following[carry:].strip()
    else:
        found = find_range(line.text, line.number)
        if found is None:
            return None
        (dates, start, end), carry, carry_all = found, 0, False
    rest = _strip_separators(line.text[:start] + " " + line.text[end:])
    single = not dates.current and dates.end == dates.start
    at_edge = _at_edge(line.text, start, end)
    if single and not at_edge:
        return None
    if rest and not (title_like(rest) or not single and at_edge and _plain_name(rest)):
        return None
    return Anchor(index, dates, carry, carry_all)


def _plain_name(text: str) -> bool:
    """A sentence-case name ("Open-source rate limiter") beside a date range: short, no
    closing period, not opening with a past-tense verb."""
    tokens = words(text)
    if not tokens or len(tokens) > 14 or ends_sentence(text):
        return False
    first = tokens[0]
    return "past" not in verb_forms(first) or is_title_word(first)


def _at_edge(text: str, start: int, end: int) -> bool:
    return not _strip_separators(text[:start]) or not _strip_separators(text[end:])


_DURATION = re.compile(
    r"\(?\b\d+\+?\s*(?:years?|yrs?|months?|mos?)\b(?:,?\s*\d+\s*(?:months?|mos?)\b)?\)?",
    re.IGNORECASE,
)


def _strip_separators(text: str) -> str:
    return _DURATION.sub(" ", text).strip(" |,–—-•·()[]:;\t")


@dataclass(frozen=True, slots=True)
class HeaderParts:
    title: str | None
    employer: str | None
    location: str | None


def parse_header(text: str, dates: DateRange | None) -> HeaderParts:
    """Split "Senior Engineer | Acme Corp | Boston, MA" into its parts, best effort."""
    text = clean(remove_dates(text.replace(dates.text, " ") if dates else text))
    text = re.sub(r"^\W*(?:from|since)\b", " ", text, flags=re.IGNORECASE)
    location = find_location(text)
    if location:
        text = text.replace(location, " ")
    parts = [_strip_separators(part) for part in _SEPARATORS.split(text)]
    parts = [part for part in parts if part and any(ch.isalpha() for ch in part)]
    title = next((part for part in parts if _has_title_word(part)), None)
    employer = next((part for part in parts if part != title), None)
    return HeaderParts(title, employer, location)


def _has_title_word(text: str) -> bool:
    return any(token.lower() in job_title_words() for token in words(text))
