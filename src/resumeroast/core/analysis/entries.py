"""Roles and their bullets, inside the experience-like sections."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from resumeroast.core.analysis.headers import (
    Anchor,
    find_anchor,
    parse_header,
    title_like,
)
from resumeroast.core.analysis.lines import TextLine
from resumeroast.core.analysis.model import Bullet, Role
from resumeroast.core.analysis.sections import Block
from resumeroast.core.analysis.statements import Item, Paragraph, paragraph, statements
from resumeroast.core.analysis.text import clean, split_bullet, word_count, words
from resumeroast.core.analysis.verbs import opens_with_verb
from resumeroast.core.analysis.wrapping import WrapModel

EXPERIENCE_LIKE = frozenset({"experience", "projects", "volunteering", "activities"})
_MAX_HEADER_LINES = 2
_MAX_DESCRIPTION_WORDS = 12
_LIST_LABEL = re.compile(
    r"\b(?:technolog(?:y|ies)|tools?|stack|environment|skills|languages|frameworks|software)\b[^:]*:\s*$",
    re.IGNORECASE,
)
#: a line led by a year ("2021. Faculty Senate", "2019 – Reviewer"): an item of a dated list
_YEAR_LED = re.compile(r"^(?:19|20)\d\d\b(?![,%])")


@dataclass(frozen=True, slots=True)
class Entries:
    roles: tuple[Role, ...] = ()
    bullets: tuple[Bullet, ...] = ()
    paragraphs: tuple[Paragraph, ...] = ()


@dataclass
class _Section:
    """Working state while one section is read."""

    block: Block
    lines: tuple[TextLine, ...]
    headers: dict[int, int] = field(default_factory=dict)  #: line index -> role index (local)
    anchors: list[Anchor] = field(default_factory=list)


def read_entries(blocks: tuple[Block, ...], wrap: WrapModel) -> Entries:
    """Roles, statements and paragraphs of every experience-like section, in reading order."""
    roles: list[Role] = []
    bullets: list[Bullet] = []
    paragraphs: list[Paragraph] = []
    for block in blocks:
        if block.section.kind not in EXPERIENCE_LIKE or not block.lines:
            continue
        state = _find_headers(block, wrap)
        items = _group_items(state, wrap)
        offset = len(roles)
        section_bullets = [
            b for item in items for b in statements(item, block.section.kind, offset)
        ]
        paragraphs.extend(paragraph(item, block.section.kind) for item in items if not item.glyph)
        roles.extend(_roles(state, section_bullets, offset))
        bullets.extend(section_bullets)
    return Entries(tuple(roles), tuple(bullets), tuple(paragraphs))


def _find_headers(block: Block, wrap: WrapModel) -> _Section:
    anchors: list[Anchor] = []
    state = _Section(block, _find_anchors(block.lines, anchors))
    state.anchors = anchors
    lines = state.lines
    taken = {a.index for a in anchors} | {a.index + 1 for a in anchors if a.carry_all}
    glyph_mode = _glyph_mode(lines)
    before = _lines_before(lines, anchors[0], taken, wrap, glyph_mode) if anchors else 0
    for role, anchor in enumerate(anchors):
        state.headers[anchor.index] = role
        if anchor.carry_all:
            state.headers[anchor.index + 1] = role
        for index in range(anchor.index - 1, anchor.index - 1 - before, -1):
            if index < 0 or index in taken or not _header_candidate(lines[index], glyph_mode, wrap):
                break
            state.headers[index] = role
            taken.add(index)
    for role, anchor in enumerate(anchors):
        first = anchor.index + (2 if anchor.carry_all else 1)
        index = first
        while index < len(lines) and index not in taken and index - first < _MAX_HEADER_LINES:
            if not _header_candidate(lines[index], glyph_mode, wrap):
                break
            state.headers[index] = role
            taken.add(index)
            index += 1
    _closing_dates(state)
    return state


def _closing_dates(state: _Section) -> None:
    """Dates written after what they date ("Acme, Boston" / what was done / "From: 2007-2010"):
    a line of nothing but dates with no header and no statement of its own closes the entry
    above it. The header lines the role before took after its own dates go to this role."""
    lines, anchors = state.lines, state.anchors
    for role in range(1, len(anchors)):
        anchor = anchors[role]
        if not _bare_dates(lines[anchor.index].text, anchor) or anchor.carry_all:
            continue
        own = [i for i, r in state.headers.items() if r == role and i != anchor.index]
        end = anchors[role + 1].index if role + 1 < len(anchors) else len(lines)
        if own or any(i not in state.headers for i in range(anchor.index + 1, end)):
            continue
        previous = anchors[role - 1].index
        taken = sorted(i for i, r in state.headers.items() if r == role - 1 and i > previous)
        if taken and any(i not in state.headers for i in range(taken[-1] + 1, anchor.index)):
            for index in taken:
                state.headers[index] = role


_DATES_LABEL = re.compile(r"^\W*(?:from|dates?|period|duration)?\W*$", re.IGNORECASE)


def _bare_dates(text: str, anchor: Anchor) -> bool:
    """ "From: 2007-2010", "2019 – 2021": the dates and at most a label."""
    return bool(_DATES_LABEL.match(text.replace(anchor.dates.text, " ")))


def _find_anchors(lines: tuple[TextLine, ...], anchors: list[Anchor]) -> tuple[TextLine, ...]:
    """Collect the date anchors; return the lines with carried-over date ends cut off."""
    result = list(lines)
    skip: set[int] = set()
    for index in range(len(lines)):
        if index in skip:
            continue
        anchor = find_anchor(tuple(result), index)
        if anchor is None:
            continue
        anchors.append(anchor)
        if anchor.carry_all:
            skip.add(index + 1)
        elif anchor.carry:
            result[index + 1] = _cut(result[index + 1], anchor.carry)
    return tuple(result)


def _cut(line: TextLine, chars: int) -> TextLine:
    raw = line.raw[chars:]
    glyph, rest = split_bullet(raw)
    return replace(line, raw=raw, text=clean(rest), glyph=glyph)


def _lines_before(
    lines: tuple[TextLine, ...], first: Anchor, taken: set[int], wrap: WrapModel, glyph_mode: bool
) -> int:
    count = 0
    index = first.index - 1
    while index >= 0 and count < _MAX_HEADER_LINES and index not in taken:
        if not _header_candidate(lines[index], glyph_mode, wrap):
            break
        count += 1
        index -= 1
    return count


def _header_candidate(line: TextLine, glyph_mode: bool, wrap: WrapModel) -> bool:
    """Title-like; in a section of list items, also a short one-line description."""
    if line.glyph is not None:
        return False
    if title_like(line.text):
        return True
    short = word_count(line.text) <= _MAX_DESCRIPTION_WORDS and not wrap.is_wrapped(line)
    capital = line.text[:1].isupper()
    return glyph_mode and short and capital and not line.text.rstrip().endswith(":")


def _glyph_mode(lines: tuple[TextLine, ...]) -> bool:
    """The section writes its statements as list items (so other lines are sub-headings)."""
    return sum(1 for line in lines if line.glyph is not None) >= 2


def _group_items(state: _Section, wrap: WrapModel) -> list[Item]:
    lines = state.lines
    glyph_mode = _glyph_mode(lines)
    items: list[Item] = []
    current: Item | None = None
    role: int | None = None
    in_list = enumerating = False
    subtitle = 0  #: lines left that may continue a sub-heading ("Project 1" / "Funding body")
    for index, line in enumerate(lines):
        if index in state.headers:
            role, current, in_list = state.headers[index], None, False
        elif subtitle and line.glyph is None and _header_candidate(line, glyph_mode, wrap):
            subtitle -= 1
        elif _LIST_LABEL.search(line.text) and line.glyph is None:
            # "Deploy new tools, including:" is a statement: its items are its objects
            current, in_list, enumerating = None, True, opens_with_verb(line.text)
        elif in_list and line.glyph is not None and (enumerating or not _sentence(line.text)):
            continue  # an item of the tools list ("• Python"); "• Oversaw …" is a statement
        elif line.glyph is not None:
            current, subtitle = Item([line], True, role), 0
            items.append(current)
        elif current is not None and (
            _continues(current.lines[-1], line, wrap) or _finishes(current, line)
        ):
            current.lines.append(line)
        elif glyph_mode and title_like(line.text):
            current, in_list, subtitle = None, False, _MAX_HEADER_LINES
        else:
            in_list = False
            current = Item([line], False, role)
            items.append(current)
    return items


def _sentence(text: str) -> bool:
    """A list item that is a statement of its own: "Oversaw the review of …", not the name of a
    tool or practice ("Distributed Version Control with Git", "Managed Kubernetes service")."""
    tokens = words(text)
    return opens_with_verb(text) and (len(tokens) < 2 or not tokens[1][:1].isupper())


def _continues(previous: TextLine, line: TextLine, wrap: WrapModel) -> bool:
    """The line carries on the statement above: it starts mid-sentence, or the line above ran
    to the margin (by its box; by length alone, only if this line does not open with a verb)."""
    opening = line.text[:1]
    if _YEAR_LED.match(line.text) and previous.text.rstrip()[-1:] in ".)":
        return False  # "2021. Faculty Wellness Task Force." under a finished line: a dated item
    if opening.islower() or opening.isdigit() or opening in "(&+%$":
        return True
    if not wrap.is_wrapped(previous):
        return False
    return wrap.measured(previous) or not opens_with_verb(line.text)


def _finishes(item: Item, line: TextLine) -> bool:
    """ "• Attended … and National Art" / "Education Association conferences.": a bulleted
    sentence left open, closed by the plain line under it."""
    last, text = item.lines[-1].text.rstrip(), line.text.strip()
    return (
        item.glyph
        and line.glyph is None
        and last[-1:] not in ".;:!?)"
        and text.endswith(".")
        and ". " not in text  # the end of one sentence, not a paragraph of its own
        and not opens_with_verb(text)
    )


def _roles(state: _Section, bullets: list[Bullet], offset: int) -> list[Role]:
    lines = state.lines
    roles: list[Role] = []
    # grouped once, so a thousand roles are not each matched against every line (issue 17)
    headers_of: dict[int, list[int]] = {}
    for i in sorted(state.headers):
        headers_of.setdefault(state.headers[i], []).append(i)
    bullets_of: dict[int | None, list[Bullet]] = {}
    for bullet in bullets:
        bullets_of.setdefault(bullet.role, []).append(bullet)
    for role, anchor in enumerate(state.anchors):
        header_lines = [lines[i] for i in headers_of.get(role, [])]
        header = " ".join(line.quote for line in header_lines)
        parts = parse_header(" | ".join(line.text for line in header_lines), anchor.dates)
        mine = tuple(bullets_of.get(role + offset, []))
        roles.append(
            Role(
                header=header,
                title=parts.title,
                employer=parts.employer,
                location=parts.location,
                dates=anchor.dates,
                line=header_lines[0].number,
                section=state.block.section.kind,
                bullets=mine,
            )
        )
    return roles
