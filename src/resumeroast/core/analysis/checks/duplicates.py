"""The same section or block twice: two "Education" headings, or a text box read twice (a
Word fallback copy), which makes a resume look careless and an ATS count everything double."""

from __future__ import annotations

import re

from resumeroast.core.analysis.checks.base import INFO, Context, cite, finding
from resumeroast.core.analysis.lines import TextLine
from resumeroast.core.feedback import Evidence, Finding

BLOCK_LINES = 3  #: a repeated run of this many lines is a copied block
BLOCK_WORDS = 20  #: … when it holds at least this many words (one repeated line is normal)
_PLAIN_TITLE = re.compile(r"^[\w &/,'’-]+$")


def check_duplicates(context: Context) -> list[Finding]:
    evidence = _repeated_headings(context) + _repeated_blocks(context.lines)
    if not evidence:
        return []
    return [
        finding(
            "content.duplicated",
            INFO,
            "The same section or block appears twice: it reads as a copy-paste slip, and an "
            "ATS counts the content twice.",
            "Keep one copy: merge the two sections under one heading, or delete the repeated "
            "block (in Word, also check for a text box pasted twice).",
            evidence,
        )
    ]


def _key(text: str) -> str:
    return " ".join(text.lower().split())


def _repeated_headings(context: Context) -> list[Evidence]:
    seen: set[str] = set()
    found: list[Evidence] = []
    titles = {_key(section.title) for section in context.structure.sections}
    text = {line.number: line.text for line in context.lines}
    for section in context.structure.sections:
        title = section.title.strip()
        if section.heading_line is None or not _PLAIN_TITLE.match(title):
            continue
        under = [
            _key(text.get(number, ""))
            for number in range(section.heading_line + 1, section.last_line + 1)
        ]
        if _menu(under, titles):
            continue  # nothing under it but other headings: a page's menu or contents, no copy
        key = _key(title)
        if key in seen:
            found.append(cite(title, section.heading_line))
        seen.add(key)
    return found


MENU_LINES = 4  #: a page's menu is a few names; a section of short lines is longer
MENU_ITEM_WORDS = 3  #: "Referencia familiar", "Home": a menu entry is a short name, no sentence


def _menu(under: list[str], titles: set[str]) -> bool:
    if all(line in titles or not line for line in under):
        return True
    return len(under) <= MENU_LINES and all(line in titles or _menu_item(line) for line in under)


def _menu_item(line: str) -> bool:
    return (
        not line
        or (len(line.split()) <= MENU_ITEM_WORDS and _PLAIN_TITLE.match(line) is not None)
        and not any(ch.isdigit() for ch in line)
    )


def _repeated_blocks(lines: tuple[TextLine, ...]) -> list[Evidence]:
    keys = [" ".join(line.text.lower().split()) for line in lines]
    first_seen: dict[tuple[str, ...], int] = {}
    found: list[Evidence] = []
    skip_until = -1
    for index in range(len(keys) - BLOCK_LINES + 1):
        window = tuple(keys[index : index + BLOCK_LINES])
        if sum(len(key.split()) for key in window) < BLOCK_WORDS:
            continue
        earlier = first_seen.setdefault(window, index)
        if earlier <= index - BLOCK_LINES and index > skip_until:
            found.append(cite(lines[index].quote, lines[index].number))
            skip_until = index + BLOCK_LINES
    return found
