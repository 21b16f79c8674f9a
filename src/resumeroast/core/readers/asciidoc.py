"""AsciiDoc markup stripped to the text a reader sees, like Markdown's (`markdown`).

Attribute entries (":email: jane@example.com") are dropped and their references
("{email}") filled in; comments, block attributes, delimiters and macros such as
"image::" or "include::" are dropped; headings ("== Experience"), block titles
(".Skills"), list items ("* ", "- ", ". ") and description lists ("Python:: 8 years") keep
their words; inline *strong*, _emphasis_, `code` and #marks# lose their marks, and links
("https://x.org[Site]", "link:cv.pdf[CV]") keep their label and address.
"""

from __future__ import annotations

import re

from resumeroast.core.readers.markdown import strip_inline
from resumeroast.core.readers.normalize import BULLET_PREFIX

_ATTRIBUTE = re.compile(r"^:([\w-]+)!?:\s*(.*)$")
_REFERENCE = re.compile(r"\{([\w-]+)\}")
_COMMENT_BLOCK = re.compile(r"^/{4,}\s*$")
_SKIPPED = re.compile(
    r"^(?://(?!/).*|\[[^\]]*\]|(?:-{4,}|\.{4,}|={4,}|\*{4,}|_{4,}|\+{4,}|--|\|===)\s*"
    r"|(?:ifn?def|ifeval|endif|include|image|toc|video|audio)::.*|\+)$"
)
_HEADING = re.compile(r"^(?:={1,6}|#{1,6})\s+(.+?)(?:\s+=+)?\s*$")
_BLOCK_TITLE = re.compile(r"^\.([^.\s].*)$")
_UNORDERED = re.compile(r"^\s*(?:\*{1,5}|-)\s+")
_ORDERED = re.compile(r"^\s*\.{1,5}\s+")
_DESCRIPTION = re.compile(r"^(.+?):{2,4}(?:\s+(.*))?$")
_URL_MACRO = re.compile(r"(?:link:|mailto:)?((?:https?://|mailto:)?[^\s\[\]]+)\[([^\]]*)\]")
_MARKS = re.compile(r"(?<![\w*_`#])([*_`#]{1,2})(?=\S)(.+?)(?<=\S)\1(?![\w*_`#])")
_HARD_BREAK = re.compile(r"\s\+$")


def looks_like_asciidoc(text: str) -> bool:
    """A document title "= Name" first, and "== " section headings."""
    meaningful = [line for line in text.splitlines()[:40] if line.strip()]
    first = next((line for line in meaningful if not _ATTRIBUTE.match(line)), "")
    return first.startswith("= ") and any(line.startswith("== ") for line in text.splitlines())


def asciidoc_lines(text: str) -> list[str]:
    attributes: dict[str, str] = {}
    out: list[str] = []
    in_comment = False
    for line in text.splitlines():
        if _COMMENT_BLOCK.match(line):
            in_comment = not in_comment
            out.append("")
            continue
        if in_comment:
            continue
        if attribute := _ATTRIBUTE.match(line):
            attributes[attribute.group(1).lower()] = attribute.group(2).strip()
            out.append("")
            continue
        line = _REFERENCE.sub(lambda m: attributes.get(m.group(1).lower(), m.group(0)), line)
        out.append(_block(line.rstrip()))
    return out


def _block(line: str) -> str:
    if not line.strip() or _SKIPPED.match(line.strip()):
        return ""
    line = _HARD_BREAK.sub("", line)
    if heading := _HEADING.match(line):
        return _inline(heading.group(1))
    if title := _BLOCK_TITLE.match(line):
        return _inline(title.group(1))
    if marker := _UNORDERED.match(line):
        return BULLET_PREFIX + _inline(line[marker.end() :])
    if marker := _ORDERED.match(line):
        return BULLET_PREFIX + _inline(line[marker.end() :])
    if (term := _DESCRIPTION.match(line)) and "://" not in term.group(1):
        words = _inline(term.group(2) or "")
        return f"{_inline(term.group(1))}: {words}" if words else _inline(term.group(1))
    return _inline(line)


def _inline(text: str) -> str:
    text = _URL_MACRO.sub(_link, text)
    for _ in range(2):  # nested marks: *_both_*
        text = _MARKS.sub(lambda m: m.group(2), text)
    return strip_inline(text).strip()


def _link(match: re.Match[str]) -> str:
    target, label = match.group(1), match.group(2).split(",")[0].strip().strip('"')
    target = target.removeprefix("mailto:")
    return f"{label} ({target})" if label and label != target else target
