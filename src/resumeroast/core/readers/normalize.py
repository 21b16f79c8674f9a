"""Text clean-up shared by every reader: pure string functions, no I/O.

What a resume's text layer says is not always what its author typed: PDF writers emit
ligature glyphs (ﬁ), Word exports bullets from its Symbol font (U+F0B7), typographers use
curly quotes and non-breaking spaces, and justified text breaks words at line ends. The
checks downstream (and the quotes an LLM must ground) need one plain spelling of each.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

BULLET = "•"
BULLET_PREFIX = BULLET + " "

_LIGATURES = {
    "\ufb00": "ff",
    "\ufb01": "fi",
    "\ufb02": "fl",
    "\ufb03": "ffi",
    "\ufb04": "ffl",
    "\ufb05": "st",
    "\ufb06": "st",
    "\u0132": "IJ",
    "\u0133": "ij",
}
_QUOTES = {
    "\u2018": "'",
    "\u2019": "'",
    "\u201a": "'",
    "\u201b": "'",
    "\u2032": "'",
    "\u201c": '"',
    "\u201d": '"',
    "\u201e": '"',
    "\u201f": '"',
    "\u2033": '"',
}
# Characters that mean "nothing" or "a line could break here": dropped.
_INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff\u180e"
# Hyphens that are not the ASCII hyphen but mean the same inside a word.
_HYPHENS = {"\u2010": "-", "\u2011": "-", "\u2212": "-"}

_TRANSLATION = str.maketrans(
    {**_LIGATURES, **_QUOTES, **_HYPHENS, **dict.fromkeys(_INVISIBLE, None)}
)

# Glyphs that resumes use as list bullets. The ones that are also ordinary characters
# (hyphen, asterisk, en dash, middle dot, U+FFFD) only count when a space follows them.
_BULLET_GLYPHS = (
    "•●▪◦‣▶►▸▹■□◆◇○◘◙➢➤➔→✓✔❖⦁⁃∙\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\uf06e\uf0e8\uf0de\uf0bb"
)
_SPACED_BULLETS = "-*+–·\ufffd"
_BULLET_RE = re.compile(
    rf"^(?:[{re.escape(_BULLET_GLYPHS)}]\s*|[{re.escape(_SPACED_BULLETS)}]\s+)(?=\S)"
)
_SPACES_RE = re.compile(r"\s+")

# A word broken across lines: "...distrib-" then "uted systems".
# Hyphenation leaves at least two letters on each side (TeX's lefthyphenmin/righthyphenmin).
_BROKEN_WORD_END_RE = re.compile(r"(?<![\w-])([^\W\d_]{2,})-$")
_CONTINUATION_RE = re.compile(r"^([^\W\d_]{2,})([^\s\w]*)\s*")
# First halves of compound words ("self-motivated", "cross-functional"): keep the hyphen.
_COMPOUND_PREFIXES = frozenset(
    {
        "self", "well", "non", "co", "ex", "cross", "full", "part", "half", "high", "low",
        "long", "short", "real", "end", "open", "hands", "fast", "data", "cloud", "client",
        "customer", "user", "front", "back", "cost", "time", "team", "state", "peer", "multi",
    }
)  # fmt: skip
# Second halves that make compound words ("data-driven", "customer-facing").
_COMPOUND_SUFFIXES = frozenset(
    {
        "driven", "based", "oriented", "facing", "focused", "related", "specific", "level",
        "scale", "term", "time", "wide", "friendly", "ready", "aware", "native", "side",
        "first", "free", "intensive", "critical", "known", "solving", "making", "owned",
        "led", "sourced", "performing", "functional", "stack", "end", "house", "class",
    }
)  # fmt: skip


def clean_text(text: str) -> str:
    """Ligatures, quotes, odd whitespace and control characters; inner spaces collapsed."""
    text = text.translate(_TRANSLATION)
    text = "".join(_clean_char(char) for char in text)
    return _SPACES_RE.sub(" ", text).strip()


def _clean_char(char: str) -> str:
    if char.isspace():
        return " "
    category = unicodedata.category(char)
    if category == "Cc" or category == "Cf":
        return ""
    return char


def canonical_bullet(text: str) -> str:
    """Map any leading bullet glyph (and the space after it) to the single prefix "• "."""
    match = _BULLET_RE.match(text)
    if match is None:
        return text
    return BULLET_PREFIX + text[match.end() :]


def normalize_line(text: str) -> str:
    return canonical_bullet(clean_text(text))


def join_broken_words(lines: Sequence[str]) -> list[str]:
    """Rejoin words hyphenated at a line end when a lowercase word continues the next line.

    "distrib-" + "uted systems" becomes "distributed" + "systems": the word moves up so
    the next line stays quotable. The result has one entry per input line; a line whose
    only word moved up becomes "" (callers drop it). Compound words ("self-" + "motivated")
    keep their hyphen.
    """
    out = list(lines)
    for index in range(len(out) - 1):
        joined = _join_pair(out[index], out[index + 1])
        if joined is not None:
            out[index], out[index + 1] = joined
    return out


def _join_pair(first: str, second: str) -> tuple[str, str] | None:
    end = _BROKEN_WORD_END_RE.search(first)
    if end is None or not second[:1].islower():
        return None
    continuation = _CONTINUATION_RE.match(second)
    if continuation is None:
        return None
    compound = (
        end.group(1).lower() in _COMPOUND_PREFIXES
        or continuation.group(1).lower() in _COMPOUND_SUFFIXES
    )
    hyphen = "-" if compound else ""
    word_tail = hyphen + continuation.group(1) + continuation.group(2)
    return first[:-1] + word_tail, second[continuation.end() :]


def is_bullet(text: str) -> bool:
    """Does the line start with a list bullet (•, ▪, "- ", …)?"""
    return _BULLET_RE.match(text.lstrip()) is not None
