"""The document as the checks see it: visible lines, cleaned, with their layout cues."""

from __future__ import annotations

import re
from dataclasses import dataclass

from resumeroast.core.analysis.text import clean, markdown_level, split_bullet
from resumeroast.core.documents import Box, Document, DocumentKind, Line, Region

_RULE = re.compile(r"^\s*([=\-~^*#_+`'\"])\1{2,}\s*$")
_PAGE_NUMBER = re.compile(r"^\s*(?:page\s*)?\d{1,2}(?:\s*(?:/|of)\s*\d{1,2})?\s*$", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class TextLine:
    number: int  #: the Document line number (what evidence cites)
    raw: str  #: the line as the document has it
    text: str  #: cleaned: no bullet glyph, no markup
    glyph: str | None  #: the bullet glyph it opened with, if any
    page: int = 1
    region: Region = Region.BODY
    font_size: float | None = None
    box: Box | None = None
    md_level: int | None = None  #: markdown heading level ("## Skills" -> 2)
    underline: str | None = None  #: the character of a reStructuredText underline below it

    @property
    def quote(self) -> str:
        """The verbatim line without its bullet glyph: what evidence quotes."""
        return split_bullet(self.raw)[1] if self.glyph else self.raw.strip()


def visible_lines(document: Document) -> tuple[TextLine, ...]:
    """Lines worth reading, in order. Hidden text never gets here, even if a reader let it in."""
    hidden = {_norm(item.text) for item in document.layout.hidden_text}
    raw_lines = [line for line in document.lines if _norm(line.text) not in hidden]
    result: list[TextLine] = []
    for index, line in enumerate(raw_lines):
        if _RULE.match(line.text) or _PAGE_NUMBER.match(line.text):
            continue
        below = raw_lines[index + 1] if index + 1 < len(raw_lines) else None
        view = _view(line, below)
        if view.text:
            result.append(view)
    return tuple(result)


def _view(line: Line, below: Line | None) -> TextLine:
    glyph, rest = split_bullet(line.text)
    level = markdown_level(line.text)
    if level is not None:
        glyph, rest = None, line.text
    rule = _RULE.match(below.text) if below is not None else None
    return TextLine(
        number=line.number,
        raw=line.text,
        text=clean(rest),
        glyph=glyph,
        page=line.page,
        region=line.region,
        font_size=line.font_size,
        box=line.box,
        md_level=level,
        underline=rule.group(1) if rule else None,
    )


def _norm(text: str) -> str:
    return " ".join(text.split()).lower()


def paragraph_per_line(document: Document) -> bool:
    """DOCX lines are whole paragraphs: a long line there is not a wrapped one."""
    return document.kind is DocumentKind.DOCX
