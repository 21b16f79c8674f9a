"""Date defects: a 14-month gap between two roles, and one role dated in another format."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass

from defect_kinds import MONTHS, RANGE, Injection, _bullet, _set
from resumeroast.core.documents import Document

_EXPERIENCE = re.compile(
    r"^\W*(?:work |professional |relevant )?"
    r"(?:experience|employment(?: history)?|work history|research)\W*$",
    re.IGNORECASE,
)
_NEXT = re.compile(
    r"^\W*(?:education|projects?|skills|certifications?|certificates|awards|publications|volunteer\w*|"
    r"honou?rs.*|languages|interests|activities|references)\W*$",
    re.IGNORECASE,
)
_FULL = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
         "October", "November", "December"]  # fmt: skip


@dataclass(frozen=True)
class Written:
    index: int  #: line index
    start: int  #: character span of the range in the line
    end: int
    first: tuple[int, int]  #: (year, month)
    last: tuple[int, int] | None  #: None when "Present"
    style: str  #: abbr, full, numeric, year


def experience_ranges(document: Document) -> list[Written]:
    """Date ranges on role lines between an Experience heading and the next section."""
    found: list[Written] = []
    inside = False
    for index, line in enumerate(document.lines):
        text = line.text.strip()
        if _EXPERIENCE.match(text):
            inside = True
            continue
        if inside and _NEXT.match(text):
            break
        if not inside or _bullet(text) is not None:
            continue
        match = RANGE.search(text)
        if match and (parsed := _parse(match.group("a"))):
            found.append(
                Written(
                    index,
                    match.start(),
                    match.end(),
                    parsed[0],
                    _parse_end(match.group("b")),
                    parsed[1],
                )
            )
    return found


def _parse(token: str) -> tuple[tuple[int, int], str] | None:
    token = token.strip().rstrip(".")
    if m := re.fullmatch(r"([A-Za-z]+)\.?\s+(\d{4})", token):
        name = m.group(1)[:3].title()
        if name not in MONTHS:
            return None
        style = "full" if len(m.group(1)) > 4 or m.group(1) in ("June", "July") else "abbr"
        return (int(m.group(2)), MONTHS.index(name) + 1), style
    if m := re.fullmatch(r"(\d{1,2})/(\d{4})", token):
        return (int(m.group(2)), int(m.group(1))), "numeric"
    if re.fullmatch(r"\d{4}", token):
        return (int(token), 1), "year"
    return None


def _parse_end(token: str) -> tuple[int, int] | None:
    parsed = _parse(token)
    return parsed[0] if parsed else None


def _write(year: int, month: int, style: str) -> str:
    if style == "full":
        return f"{_FULL[month - 1]} {year}"
    if style == "abbr":
        return f"{MONTHS[month - 1]} {year}"
    if style == "numeric":
        return f"{month:02d}/{year}"
    return str(year)


def _shift(year: int, month: int, months: int) -> tuple[int, int]:
    total = year * 12 + month - 1 + months
    return total // 12, total % 12 + 1


def open_gap(document: Document, rng: random.Random) -> Injection | None:
    """Move a role back so that 14 months separate it from the next one, with nothing else
    (no other role, no dated study) filling those months."""
    del rng
    ranges = experience_ranges(document)
    busy = ranges + study_ranges(document)
    for later, earlier in zip(ranges, ranges[1:], strict=False):
        if later.first <= earlier.first:
            continue
        end = _shift(*later.first, -15)
        window = (_index(_shift(*end, 1)), _index(_shift(*later.first, -1)))
        if any(_overlaps(other, window) for other in busy if other not in (later, earlier)):
            continue
        start = _shift(*end, -max(6, _months(earlier)))
        text = f"{_write(*start, earlier.style)} – {_write(*end, earlier.style)}"
        line = document.lines[earlier.index].text
        edited = line[: earlier.start] + text + line[earlier.end :]
        return Injection(
            _set(document, earlier.index, edited), document.lines[earlier.index].number, edited
        )
    return None


def _index(point: tuple[int, int]) -> int:
    return point[0] * 12 + point[1] - 1


def _overlaps(other: Written, window: tuple[int, int]) -> bool:
    first = _index(other.first)
    last = _index(other.last) if other.last else 10**9
    if other.style == "year":
        last = _index((other.last or (3000, 1))[0:1] + (12,)) if other.last else last
    return first <= window[1] and last >= window[0]


def study_ranges(document: Document) -> list[Written]:
    """Date ranges under an Education heading."""
    found: list[Written] = []
    inside = False
    for index, line in enumerate(document.lines):
        text = line.text.strip()
        if re.match(r"^\W*education\W*$", text, re.IGNORECASE):
            inside = True
            continue
        if inside and (_NEXT.match(text) or _EXPERIENCE.match(text)):
            inside = False
        match = RANGE.search(text) if inside else None
        if match and (parsed := _parse(match.group("a"))):
            found.append(
                Written(
                    index,
                    match.start(),
                    match.end(),
                    parsed[0],
                    _parse_end(match.group("b")),
                    parsed[1],
                )
            )
    return found


def _months(written: Written) -> int:
    if written.last is None:
        return 12
    return (written.last[0] - written.first[0]) * 12 + written.last[1] - written.first[1]


def mix_formats(document: Document, rng: random.Random) -> Injection | None:
    """Rewrite one role's dates in a different style from the others."""
    ranges = experience_ranges(document)
    if len(ranges) < 2 or len({r.style for r in ranges}) > 1:
        return None
    target = rng.choice(ranges[1:])
    style = "numeric" if target.style in ("abbr", "full") else "full"
    first = _write(*target.first, style)
    last = _write(*target.last, style) if target.last else "Present"
    line = document.lines[target.index].text
    edited = line[: target.start] + f"{first} – {last}" + line[target.end :]
    return Injection(
        _set(document, target.index, edited), document.lines[target.index].number, edited
    )
