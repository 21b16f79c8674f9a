"""Statements: list items and the sentences of running text, with the lines they come from."""

from __future__ import annotations

from dataclasses import dataclass

from resumeroast.core.analysis.lines import TextLine
from resumeroast.core.analysis.metrics import is_quantified
from resumeroast.core.analysis.model import Bullet
from resumeroast.core.analysis.skill_lists import is_keyword_list
from resumeroast.core.analysis.text import clean, split_sentences, word_count


@dataclass(frozen=True, slots=True)
class Paragraph:
    """Running text (no list items) inside an experience-like section."""

    quote: str
    line: int
    last_line: int
    words: int
    section: str


@dataclass
class Item:
    lines: list[TextLine]
    glyph: bool
    role: int | None


def statements(item: Item, section: str, offset: int) -> list[Bullet]:
    """One bullet per list item; one per sentence of running text."""
    quote = " ".join(line.quote for line in item.lines)
    role = None if item.role is None else item.role + offset
    first, last = item.lines[0].number, item.lines[-1].number
    sentences = [] if item.glyph else split_sentences(quote)
    if len(sentences) < 2:
        text = clean(quote)
        return [_bullet(text, quote, first, last, section, role, item.glyph)]
    return [_sentence(item, offset_, sentence, section, role) for offset_, sentence in sentences]


def _sentence(item: Item, start: int, sentence: str, section: str, role: int | None) -> Bullet:
    text = clean(sentence)
    first = _line_at(item, start)
    last = _line_at(item, start + max(len(sentence) - 1, 0))
    return _bullet(text, sentence, first, last, section, role, False)


def _bullet(
    text: str, quote: str, first: int, last: int, section: str, role: int | None, glyph: bool
) -> Bullet:
    return Bullet(
        text, quote, first, last, section, role, glyph, is_quantified(text), is_keyword_list(text)
    )


def _line_at(item: Item, offset: int) -> int:
    """The line holding character `offset` of the item's joined quote."""
    position, number = 0, item.lines[0].number
    for line in item.lines:
        if position > offset:
            break
        number = line.number
        position += len(line.quote) + 1
    return number


def paragraph(item: Item, section: str) -> Paragraph:
    quote = " ".join(line.quote for line in item.lines)
    return Paragraph(quote, item.lines[0].number, item.lines[-1].number, word_count(quote), section)
