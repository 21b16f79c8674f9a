"""Markdown → plain lines: the text a reader sees, one output line per source line.

Headings lose their '#', emphasis its markers, links become "text (url)" (just "text" when
the URL only repeats it), list markers become bullets. Line count is preserved (dropped
lines come back empty) so nothing shifts; blank lines are removed later.
"""

from __future__ import annotations

import re

from resumeroast.core.readers.normalize import BULLET_PREFIX

_MAX_INLINE_CHARS = 5000
_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
_RULE = re.compile(r"^\s{0,3}([-*_=])(\s*\1){2,}\s*$")  # ---, ***, ___ and setext ===
_HEADING = re.compile(r"^\s{0,3}#{1,6}(?:\s+|$)(.*?)(?:\s+#+)?\s*$")
_QUOTE = re.compile(r"^\s*(?:>\s?)+")
_UNORDERED = re.compile(r"^\s*[-*+]\s+(?:\[[ xX]\]\s+)?")
_ORDERED = re.compile(r"^\s*(\d{1,3}[.)])\s+")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$")
_TABLE_ROW = re.compile(r"^\s*\|(.*)\|\s*$")
_REFERENCE = re.compile(r"^\s{0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s+.*)?$")
_COMMENT = re.compile(r"<!--.*?-->")

_ESCAPED = re.compile(r"\\([\\`*_{}\[\]()#+\-.!|>~<])")
_IMAGE = re.compile(r"!\[([^\]]*)\]\([^)]*\)")
_LINK = re.compile(r"\[([^\]]+)\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
_REF_LINK = re.compile(r"\[([^\]]+)\]\[[^\]]*\]")
_AUTOLINK = re.compile(r"<((?:https?://|mailto:|www\.)[^>\s]+)>")
_CODE = re.compile(r"`+([^`]+?)`+")
_STRONG = re.compile(r"(\*\*|__)(?=\S)(.+?)(?<=\S)\1")
_EMPHASIS = re.compile(
    r"(?<![\w*])\*(?=\S)(.+?)(?<=\S)\*(?![\w*])|(?<!\w)_(?=\S)(.+?)(?<=\S)_(?!\w)"
)
_STRIKE = re.compile(r"~~(?=\S)(.+?)(?<=\S)~~")
_HTML_TAG = re.compile(
    r"</?(?:a|b|i|u|em|strong|span|div|p|br|sup|sub|small|font|center)\b[^>]*>", re.I
)
_URL_DECORATION = re.compile(r"^(?:mailto:|tel:)?(?://)?(?:https?://)?(?:www\.)?", re.I)


def markdown_lines(text: str) -> list[str]:
    out: list[str] = []
    in_fence = False
    for line in text.splitlines():
        if _FENCE.match(line):
            in_fence = not in_fence
            out.append("")
        elif in_fence:
            out.append(line)
        else:
            out.append(_block(line))
    return out


def _block(line: str) -> str:
    line = _COMMENT.sub("", line)
    if _RULE.match(line) or _TABLE_RULE.match(line):
        return ""  # rules, setext underlines, table separators
    if heading := _HEADING.match(line):
        return strip_inline(heading.group(1))
    if reference := _REFERENCE.match(line):
        return f"{reference.group(1)}: {reference.group(2)}"
    line = _QUOTE.sub("", line)
    if row := _TABLE_ROW.match(line):
        cells = [strip_inline(cell.strip()) for cell in row.group(1).split("|")]
        return " | ".join(cell for cell in cells if cell)
    if marker := _UNORDERED.match(line):
        return BULLET_PREFIX + strip_inline(line[marker.end() :])
    if number := _ORDERED.match(line):
        return f"{number.group(1)} {strip_inline(line[number.end() :])}"
    return strip_inline(line)


def strip_inline(text: str) -> str:
    if len(text) > _MAX_INLINE_CHARS:
        return text  # a line this long is not prose; spare the regexes a quadratic case
    escaped: list[str] = []

    def hide(match: re.Match[str]) -> str:
        escaped.append(match.group(1))
        return f"\x00{len(escaped) - 1}\x00"

    text = _ESCAPED.sub(hide, text)
    text = _IMAGE.sub(lambda m: m.group(1), text)
    text = _LINK.sub(_link, text)
    text = _REF_LINK.sub(lambda m: m.group(1), text)
    text = _AUTOLINK.sub(
        lambda m: (
            _URL_DECORATION.sub("", m.group(1))
            if m.group(1).lower().startswith("mailto:")
            else m.group(1)
        ),
        text,
    )
    text = _CODE.sub(lambda m: m.group(1), text)
    for _ in range(2):  # nested emphasis: ***both***
        text = _STRONG.sub(lambda m: m.group(2), text)
        text = _EMPHASIS.sub(lambda m: m.group(1) or m.group(2), text)
    text = _STRIKE.sub(lambda m: m.group(1), text)
    text = _HTML_TAG.sub(" ", text)
    return re.sub("\x00(\\d+)\x00", lambda m: escaped[int(m.group(1))], text)


def _link(match: re.Match[str]) -> str:
    label, url = match.group(1), match.group(2)
    if _same_target(label, url):
        return label
    return f"{label} ({url})"


def _same_target(label: str, url: str) -> bool:
    """The URL only repeats the label: "[jane@x.com](mailto:jane@x.com)"."""
    bare_url = _URL_DECORATION.sub("", url).rstrip("/").lower()
    bare_label = _URL_DECORATION.sub("", label.strip()).rstrip("/").lower()
    if bare_url == bare_label:
        return True
    if url.lower().startswith("tel:"):
        return re.sub(r"\D", "", url) == re.sub(r"\D", "", label)
    return False
