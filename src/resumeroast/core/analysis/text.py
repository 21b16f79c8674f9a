"""Small text helpers shared by the checks: bullets, markup, words, sentences."""

from __future__ import annotations

import re

#: Bullet glyphs ATS software reads as list items.
STANDARD_GLYPHS = frozenset("•●▪◦·○■□-*–—+")
#: Glyphs that some parsers turn into junk: icons, checkmarks, arrows, private-use symbols.
ODD_GLYPHS = frozenset("‣▶►➢➤➔→✓✔✗❖★☆◆◇♦⬥⦿\uf0b7\uf0a7\uf076\uf0d8\uf0fc\uf0a8\ufffd")

_GLYPH_CLASS = "".join(sorted((STANDARD_GLYPHS | ODD_GLYPHS) - set("-*+–—")))
_BULLET = re.compile(
    rf"^\s*(?:(?P<glyph>[{re.escape(_GLYPH_CLASS)}])\s*"
    r"|(?P<dash>[-*+–—])\s+"
    r"|(?P<number>\(?\d{1,2}[.)])\s+)"
)
_MD_HEADING = re.compile(r"^\s*(#{1,6})\s+")
_MD_LINK = re.compile(r"\[([^\]]*)\]\([^)]*\)")
_RST_LINK = re.compile(r"`([^`<]*?)\s*<[^>`]*>`_{0,2}")
_RST_ROLE = re.compile(r"\\?\s?:\w+:`[^`]*`|``|`_{0,2}")
_MD_EMPHASIS = re.compile(r"\*+|(?<!\w)_+|_+(?!\w)")
_DASHES = re.compile(r"[\u00ad\u2010\u2011\u2012\u2212]+")
_SPACES = re.compile(r"\s+")
_WORD = re.compile(r"[^\W_](?:[\w'’.+#/&-]*[\w+#])?")
_TERMINAL = re.compile(r"[.!?]['\")\]]*$")
_ABBREVIATIONS = frozenset(
    "e.g i.e etc inc co ltd corp jr sr dr mr mrs ms st vs approx dept no "
    "jan feb mar apr jun jul aug "
    "sep sept oct nov dec u.s prof fig est".split()
)


def split_bullet(text: str) -> tuple[str | None, str]:
    """("•", "Led the team") for a bulleted line; (None, text) otherwise."""
    match = _BULLET.match(text)
    if match is None:
        return None, text.strip()
    glyph = match.group("glyph") or match.group("dash") or match.group("number")
    return glyph.strip(), text[match.end() :].strip()


def markdown_level(text: str) -> int | None:
    match = _MD_HEADING.match(text)
    return len(match.group(1)) if match else None


def clean(text: str) -> str:
    """Text without markup: no heading hashes, emphasis, link targets; one kind of hyphen."""
    text = _MD_HEADING.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    text = _RST_ROLE.sub("", _RST_LINK.sub(r"\1", text))
    text = _MD_EMPHASIS.sub("", text)
    text = _DASHES.sub("-", text)
    return _SPACES.sub(" ", text).strip()


def words(text: str) -> list[str]:
    """Tokens that contain a letter or a digit ("Node.js", "C++", "10M+", "A/B")."""
    return _WORD.findall(text)


def word_count(text: str) -> int:
    return len(words(text))


def ends_sentence(text: str) -> bool:
    if not _TERMINAL.search(text):
        return False
    last = text.rstrip(".!?'\")]").rsplit(" ", 1)[-1].lower()
    return last not in _ABBREVIATIONS


def split_sentences(text: str) -> list[tuple[int, str]]:
    """Sentences with their offsets; no split after an abbreviation or an initial."""
    sentences: list[tuple[int, str]] = []
    start = 0
    for match in re.finditer(r"[.!?]['\")\]]*\s+(?=[A-Z(\"'“])", text):
        before = text[start : match.start() + 1]
        last = before.rstrip(".!?").rsplit(" ", 1)[-1].lower()
        if last in _ABBREVIATIONS or len(last) == 1:
            continue
        sentences.append((start, text[start : match.end()].strip()))
        start = match.end()
    tail = text[start:].strip()
    if tail:
        sentences.append((start, tail))
    return sentences


def first_word(text: str) -> str:
    tokens = words(text)
    return tokens[0] if tokens else ""


def is_all_caps(text: str) -> bool:
    letters = [ch for ch in text if ch.isalpha()]
    return len(letters) >= 2 and all(ch.isupper() for ch in letters)


def clip(text: str, limit: int = 300) -> str:
    """At most `limit` characters, cut at a word boundary; never adds characters."""
    if len(text) <= limit:
        return text
    cut = text[:limit]
    return cut[: cut.rfind(" ")] if " " in cut else cut
