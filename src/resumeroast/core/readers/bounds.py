"""Caps on a document's extracted text, checked inside the parse sandbox.

A real resume is a few thousand characters on a hundred lines; these caps are twenty
times that and more, and far below what makes analysis slow or large (issue 17: a
45 MB document.xml or a 5 MB single line took minutes and gigabytes downstream).
"""

from __future__ import annotations

from resumeroast.core.documents import Document
from resumeroast.errors import DocumentTooLong

#: a full professor's academic CV (40+ pages of books, papers and service) runs to ~90,000
#: characters and is read as what it is (80,000 before: one refused on holdout2); analysis stays
#: near-linear (bench/analysis_bounds.py)
MAX_CHARACTERS = 100_000
MAX_LINES = 2_000
MAX_LINE_CHARACTERS = 10_000
MAX_LINE_WORDS = 1_000


def check_text_bounds(document: Document) -> Document:
    """Return the document unchanged, or raise DocumentTooLong naming the cap it breaks."""
    lines = document.lines
    if len(lines) > MAX_LINES:
        raise _too_long(f"{len(lines):,} lines", f"{MAX_LINES:,} lines")
    characters = 0
    for line in lines:
        length = len(line.text)
        characters += length
        if length > MAX_LINE_CHARACTERS:
            raise _too_long(f"a line of {length:,} characters", f"{MAX_LINE_CHARACTERS:,} per line")
        if length > MAX_LINE_WORDS and len(line.text.split()) > MAX_LINE_WORDS:
            words = len(line.text.split())
            raise _too_long(f"a line of {words:,} words", f"{MAX_LINE_WORDS:,} per line")
    if characters > MAX_CHARACTERS:
        raise _too_long(f"{characters:,} characters", f"{MAX_CHARACTERS:,} characters")
    return document


def _too_long(found: str, limit: str) -> DocumentTooLong:
    message = (
        f"This is too long to be a resume: {found}, the limit is {limit}. "
        "Upload the resume alone, not a portfolio, thesis or merged file."
    )
    return DocumentTooLong(f"text over the cap: {found} (limit {limit})", user_message=message)
