"""Raw reader output → numbered, normalised Lines: the last step every reader shares."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, replace
from itertools import groupby

from resumeroast.core.documents import Box, Line, Region
from resumeroast.core.readers.normalize import join_broken_words, normalize_line


@dataclass(frozen=True, slots=True)
class RawLine:
    """One line as a reader found it, before clean-up and numbering."""

    text: str
    page: int = 1
    box: Box | None = None
    font_size: float | None = None
    region: Region = Region.BODY


def number_lines(raw_lines: Iterable[RawLine], *, join_hyphens: bool) -> tuple[Line, ...]:
    """Normalise each line, rejoin hyphenated words (within one page and region), drop
    blank lines and number the rest 1, 2, 3… in reading order."""
    cleaned = [replace(raw, text=normalize_line(raw.text)) for raw in raw_lines]
    if join_hyphens:
        cleaned = _join_hyphens(cleaned)
    kept = [raw for raw in cleaned if raw.text]
    return tuple(
        Line(
            number=number,
            text=raw.text,
            page=raw.page,
            box=raw.box,
            font_size=raw.font_size,
            region=raw.region,
        )
        for number, raw in enumerate(kept, 1)
    )


def _join_hyphens(lines: list[RawLine]) -> list[RawLine]:
    out: list[RawLine] = []
    for _, run in groupby(lines, key=lambda raw: (raw.page, raw.region)):
        group = [raw for raw in run if raw.text]
        texts = join_broken_words([raw.text for raw in group])
        out.extend(replace(raw, text=text) for raw, text in zip(group, texts, strict=True))
    return out
