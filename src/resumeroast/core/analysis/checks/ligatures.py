"""A PDF text layer that lost its ligatures: "nancial" for "financial", "Of ce" for "Office".

A font whose "fi"/"fl"/"ff" glyphs map to no character drops them from the extracted text,
so an ATS search for the resume's most common words finds nothing. Seen in the text as words
the dictionary does not know that become words once a dropped ligature is put back.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from resumeroast.core.analysis.checks.base import CRITICAL, WARNING, Context, cite, finding
from resumeroast.core.analysis.lines import TextLine
from resumeroast.core.analysis.speller import is_known
from resumeroast.core.documents import DocumentKind
from resumeroast.core.feedback import Finding

LIGATURES = ("ffi", "ffl", "fi", "fl", "ff")
MIN_BROKEN = 2  #: one odd word is a typo or a name; two repairs by the same rule are a pattern
CRITICAL_BROKEN = 3
#: share of the words that hold a ligature which came out broken: from here on the font drops
#: them everywhere, not once, so a search for the resume's own keywords fails
CRITICAL_SHARE = 0.5
MAX_KNOWN_TAIL = 2  #: "Of ce": "ce" may be in a dictionary, yet it is the tail of "Office"
MIN_RESTORED = 5  #: "flux" from "ux" is a guess; "financial" from "nancial" is not
_WORD = re.compile(r"[A-Za-z]+")


@dataclass(frozen=True, slots=True)
class BrokenWord:
    broken: str  #: as the text has it ("nancial", "Of ce")
    restored: str  #: with the ligature put back ("financial", "Office")
    line: TextLine


def check_lost_ligatures(context: Context) -> list[Finding]:
    if context.document.kind is not DocumentKind.PDF:
        return []  # only a PDF font can lose a glyph's character
    broken = [word for line in context.lines for word in broken_words(line)]
    if len(broken) < MIN_BROKEN:
        return []
    intact = sum(_ligature_words(line.text) for line in context.lines)
    share = len(broken) / (len(broken) + intact)
    severe = len(broken) >= CRITICAL_BROKEN and share >= CRITICAL_SHARE
    examples = ", ".join(f"'{w.broken}' for '{w.restored}'" for w in _distinct(broken)[:4])
    return [
        finding(
            "ats.lost_ligatures",
            CRITICAL if severe else WARNING,
            f"The PDF's text layer lost its ligatures ({examples}): an ATS reads these "
            "words broken, and a search for them finds nothing.",
            "Re-export the PDF with ligatures turned off or with standard fonts (Arial, Calibri), "
            "or save as DOCX; then copy the text out of the PDF to check it.",
            [cite(line.quote, line.number) for line in _distinct_lines(broken)[:5]],
        )
    ]


def broken_words(line: TextLine) -> list[BrokenWord]:
    """Words of the line that only make sense with a dropped ligature put back."""
    tokens = list(_WORD.finditer(line.text))
    found: list[BrokenWord] = []
    used: set[int] = set()
    for index, token in enumerate(tokens):
        if index in used:
            continue
        nxt = tokens[index + 1] if index + 1 < len(tokens) else None
        if nxt is not None and line.text[token.end() : nxt.start()] == " ":
            restored = _joined(token.group(), nxt.group())
            if restored:
                found.append(BrokenWord(f"{token.group()} {nxt.group()}", restored, line))
                used.add(index + 1)
                continue
        if restored := _completed(token.group()):
            found.append(BrokenWord(token.group(), restored, line))
    return found


def _joined(left: str, right: str) -> str | None:
    """'Of' + 'ce' -> 'Office', 'Identi' + 'ed' -> 'Identified': a ligature dropped as a space."""
    if is_known(left) and is_known(right) and len(right) > MAX_KNOWN_TAIL:
        return None
    for ligature in LIGATURES:
        word = left + _case(ligature, right) + right
        if len(word) >= MIN_RESTORED and is_known(word):
            return word
    return None


def _completed(word: str) -> str | None:
    """'nancial' -> 'financial', 'Identied' -> 'Identified': a ligature dropped outright."""
    if len(word) < MIN_RESTORED - 1 or is_known(word) or not word.isalpha():
        return None
    for at in range(len(word) + 1):
        for ligature in LIGATURES:
            letters = _case(ligature, word[at:] or word)
            candidate = word[:at] + letters + word[at:]
            if is_known(candidate):
                return candidate
    return None


def _case(ligature: str, neighbour: str) -> str:
    return ligature.upper() if neighbour.isupper() and len(neighbour) > 1 else ligature


def _ligature_words(text: str) -> int:
    """Words that hold a letter pair a font draws as one glyph (lower case: "FI" is not)."""
    words = (word for word in _WORD.findall(text) if len(word) >= MIN_RESTORED)
    return sum(1 for word in words if any(lig in word for lig in LIGATURES))


def _distinct(words: list[BrokenWord]) -> list[BrokenWord]:
    seen: dict[str, BrokenWord] = {}
    for word in words:
        seen.setdefault(word.restored.lower(), word)
    return list(seen.values())


def _distinct_lines(words: list[BrokenWord]) -> list[TextLine]:
    lines: dict[int, TextLine] = {}
    for word in words:
        lines.setdefault(word.line.number, word.line)
    return list(lines.values())
