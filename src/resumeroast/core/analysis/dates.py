"""Dates as resumes write them: "Jan 2020", "Jan-2020", "January 2020", "01/2020", "2020/01",
"2020", "2020–Present", in English, French, German, Spanish and Portuguese ("janvier 2020 –
présent", "März 2019 bis heute", "desde enero 2018"; month names in data/months.toml)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from resumeroast.core.analysis.lexicon import read_toml
from resumeroast.core.analysis.model import DateRange, YearMonth

_SEASONS = {"spring": 3, "summer": 6, "fall": 9, "autumn": 9, "winter": 12}
_NEUTRAL_LETTERS = 4  #: "May", "juin", "März": as short as an abbreviation


def _month_table() -> tuple[dict[str, int], frozenset[str]]:
    """Every spelling of every month in data/months.toml → its number; the full names."""
    numbers: dict[str, int] = {}
    full: set[str] = set()
    for language, table in read_toml("months.toml").items():
        if language == "words":
            continue
        for kind in ("full", "short"):
            for number, spellings in enumerate(table[kind], 1):
                for spelling in filter(None, spellings.split("|")):
                    numbers[spelling] = number
                    if kind == "full":
                        full.add(spelling)
    return numbers, frozenset(full)


def _alternatives(words: Iterable[str]) -> str:
    """A regex alternation, longest first (so "sept" wins over "sep")."""
    ordered = sorted(set(words), key=len, reverse=True)
    return "|".join(re.escape(word).replace("\\ ", r"\s+") for word in ordered)


_MONTHS, _FULL_MONTHS = _month_table()
_WORDS = read_toml("months.toml")["words"]
_MONTH = rf"(?:{_alternatives(_MONTHS)})\.?"
_YEAR = r"(?:19|20)\d{2}"
_SHORT_YEAR = r"'\d{2}"
_POINT = (
    rf"(?:{_MONTH}(?:,?\s*|[-/])(?:{_YEAR}|{_SHORT_YEAR}|\({_YEAR}\))"
    rf"|(?:spring|summer|fall|autumn|winter)\s+{_YEAR}"
    rf"|(?:0?[1-9]|1[0-2])[/.-]{_YEAR}"
    rf"|{_YEAR}[-/](?:0[1-9]|1[0-2])(?![\d])"
    rf"|(?<![\d$€£.,/]){_YEAR}(?![\d+%])"
    r")"
)
_PRESENT = rf"(?:{_alternatives(_WORDS['present'])})"
_TO = rf"\b(?:{_alternatives(_WORDS['to'])})\b"
#: a dash, a word ("to", "bis", "hasta") or both ("10/2019 – hasta la actualidad")
_SEP = rf"\s*(?:[-–—‐‑−~\u00ad]+(?:\s*{_TO})?|{_TO})\s*"
_DAY_DATE = re.compile(
    rf"\b{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+{_YEAR}\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th|\.)?\s+{_MONTH}\s+{_YEAR}\b"  # "10. Januar 1966" too
    rf"|\b\d{{1,2}}[/.]\d{{1,2}}[/.]{_YEAR}\b",
    re.IGNORECASE,
)
_RANGE = re.compile(
    rf"(?<![\w/])({_POINT}){_SEP}(?:({_POINT})|({_PRESENT}))(?![\w/])", re.IGNORECASE
)
#: "since 2019", "desde el 2006", "depuis le 3/2019": an article may stand before the date
_SINCE = re.compile(
    rf"\b(?:{_alternatives(_WORDS['since'])})\s+(?:(?:el|la|le|l'|o|a|dem)\s+)?({_POINT})(?![\w/])",
    re.IGNORECASE,
)
_SINGLE = re.compile(rf"(?<![\w/])({_POINT})(?![\w/])", re.IGNORECASE)
_DANGLING = re.compile(
    rf"(?<![\w/])({_POINT}){_SEP}(?!\s*(?:{_POINT}|{_PRESENT})(?![\w/]))", re.IGNORECASE
)
_LEADING_END = re.compile(
    rf"^\s*(?:[-–—‐‑−~\u00ad]+\s*)?(?:{_PRESENT}|{_POINT})(?![\w/])[\s,;|]*", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Point:
    value: YearMonth
    style: str


def parse_point(text: str) -> Point | None:
    """One written date → year/month and the style it was written in."""
    token = re.sub(r"\((\d{4})\)", r"\1", text.strip().lower().rstrip(".,"))  # "March (2021)"
    if match := re.fullmatch(rf"({_MONTH})(?:,?\s*|[-/])({_YEAR}|{_SHORT_YEAR})", token):
        return Point(
            YearMonth(_year(match.group(2)), _month(match.group(1))), _month_style(match.group(1))
        )
    if match := re.fullmatch(rf"(spring|summer|fall|autumn|winter)\s+({_YEAR})", token):
        return Point(YearMonth(int(match.group(2)), _SEASONS[match.group(1)]), "season")
    if match := re.fullmatch(rf"(\d{{1,2}})[/.-]({_YEAR})", token):
        return Point(YearMonth(int(match.group(2)), int(match.group(1))), "numeric")
    if match := re.fullmatch(rf"({_YEAR})[-/](\d{{2}})", token):
        return Point(YearMonth(int(match.group(1)), int(match.group(2))), "iso")
    if re.fullmatch(_YEAR, token):
        return Point(YearMonth(int(token)), "year")
    return None


def _year(text: str) -> int:
    return 2000 + int(text[1:]) if text.startswith("'") else int(text)


_MONTH_WORD = re.compile(r"[^\W\d_]+\.?")


def month_spellings(text: str) -> list[tuple[int, str, bool]]:
    """The month names in a date as written, lower-cased, and whether each is an abbreviation:
    [(10, "oct", True), (10, "october", False)]. "May" is a full name, never short for one."""
    found = []
    for match in _MONTH_WORD.finditer(text):
        word = match.group(0).lower()
        number = _MONTHS.get(word.rstrip("."))
        if number is not None:
            found.append((number, word, word.rstrip(".") not in _FULL_MONTHS))
    return found


_DAY = r"(?:\d{1,2}(?:st|nd|rd|th)?\s+)?"
#: "6th Sept - 29th Feb", "June – August": a range of months and no year anywhere near it
_YEARLESS_RANGE = re.compile(
    rf"(?<![\w/]){_DAY}(?P<a>[^\W\d_]{{3,9}})\.?\s*[-–—]\s*{_DAY}(?P<b>[^\W\d_]{{3,9}})\.?(?![\w/])"
)
_ANY_YEAR = re.compile(r"\b(?:19|20)\d\d\b|['’]\d\d\b")
_OPEN_END = frozenset({"present", "current", "now", "today"})


def yearless_range(text: str) -> str | None:
    """A date range written without its year ("6th Sept - 29th Feb"), as written; None when
    the line names a year anywhere (then it is dated) or the words are not months."""
    if _ANY_YEAR.search(text):
        return None
    for match in _YEARLESS_RANGE.finditer(text):
        first, last = match.group("a"), match.group("b")
        if not (first[0].isupper() and last[0].isupper()):
            continue  # months are capitalised in English; "may - can" is no date
        if first.lower() in _MONTHS and (last.lower() in _MONTHS or last.lower() in _OPEN_END):
            return match.group(0).strip()
    return None


def _month(text: str) -> int:
    return _MONTHS[text.rstrip(".")]


def _month_style(text: str) -> str:
    """May, June and July (juin, März…) are short enough that writing them out is not a
    second format."""
    word = text.rstrip(".")
    if word in _FULL_MONTHS:
        return "month" if len(word) <= _NEUTRAL_LETTERS else "month_full"
    return "month_abbr"


#: every date pattern here needs a year; most lines have none, and the month alternations are
#: slow to scan, so a line without one is answered without them (issue 17: bounded analysis)
_YEAR_ANYWHERE = re.compile(rf"{_YEAR}|{_SHORT_YEAR}")


#: Several checks ask about the same line in turn: one entry per line of a document at the line
#: cap (MAX_LINES, 2,000), so a document's second question is answered from memory (the cache
#: holds at most this many lines of at most 10,000 characters each).
LINES_CACHED = 2048


@lru_cache(maxsize=LINES_CACHED)
def day_date_years(text: str) -> list[int]:
    """The years of the dates written to the day ("10. Januar 1966", "09.02.1999")."""
    if not _YEAR_ANYWHERE.search(text):
        return []
    return [int(y) for match in _DAY_DATE.finditer(text) for y in re.findall(_YEAR, match[0])]


def mask_day_dates(text: str) -> str:
    """Full dates with a day ("February 10, 2026") are not role dates: blank them out."""
    if not _YEAR_ANYWHERE.search(text):
        return text
    return _DAY_DATE.sub(lambda match: " " * len(match.group(0)), text)


@lru_cache(maxsize=LINES_CACHED)
def find_range(text: str, line: int) -> tuple[DateRange, int, int] | None:
    """The first date range in a line (or a lone date), with its span; None if there is none."""
    if not _YEAR_ANYWHERE.search(text):
        return None
    masked = mask_day_dates(text)
    for pattern in (_RANGE, _SINCE, _SINGLE):
        match = pattern.search(masked)
        if match is None:
            continue
        found = _build(match, pattern is _SINCE, line)
        if found is not None:
            return found, match.start(), match.end()
    return None


def _build(match: re.Match[str], since: bool, line: int) -> DateRange | None:
    start = parse_point(match.group(1))
    if start is None:
        return None
    text = match.group(0).strip()
    if since:
        return DateRange(start.value, None, True, text, line, (start.style,))
    groups = match.groups()
    end_text = groups[1] if len(groups) > 1 else None
    current = len(groups) > 2 and groups[2] is not None
    end = parse_point(end_text) if end_text else None
    if end is None and not current:
        return DateRange(start.value, start.value, False, text, line, (start.style,))
    styles = (start.style,) if end is None else (start.style, end.style)
    return DateRange(
        start.value, None if current else end.value if end else None, current, text, line, styles
    )


def split_range(text: str, next_text: str, line: int) -> tuple[DateRange, int, int, int] | None:
    """A range broken over two lines ("June 2020 –" / "Present …"), as a layout with a date
    gutter writes it. Returns the range, its span in `text`, and how many leading characters of
    `next_text` belong to it."""
    masked = mask_day_dates(text)
    start = _DANGLING.search(masked)
    tail = _LEADING_END.match(next_text)
    if start is None or tail is None:
        return None
    joined = f"{masked[start.start() : start.end()].strip()} {tail.group(0).strip(' ,;|')}"
    found = find_range(joined, line)
    if found is None:
        return None
    return found[0], start.start(), start.end(), tail.end()


def remove_dates(text: str) -> str:
    """The text with every written date and date range blanked out."""
    text = _RANGE.sub(" ", mask_day_dates(text))
    return _SINGLE.sub(" ", re.sub(rf"\b{_PRESENT}\b", " ", text, flags=re.IGNORECASE))


def month_span(start: YearMonth, end: YearMonth) -> int:
    """Whole months from start to end, both included, reading bare years generously."""
    return max(0, end.last_month - start.first_month + 1)
