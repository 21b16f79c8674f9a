"""Hidden text: words a parser reads and a person cannot see. Reported, never scored."""

from __future__ import annotations

import re

from resumeroast.core.analysis.checks.base import CRITICAL, Context, cite, finding, plural
from resumeroast.core.documents import HiddenText
from resumeroast.core.feedback import Finding

_REASONS = {
    "white": "white or background-coloured",
    "tiny": "in a font too small to see",
    "off_page": "placed off the page",
    "invisible": "drawn invisible",
    "covered": "painted over by a box",
}
_INSTRUCTIONS = re.compile(
    r"\b(?:ignore (?:all |the )?(?:previous|prior|above)|you are an?|as an ai|system prompt|"
    r"score this|rate this|hire this|assistant)\b",
    re.IGNORECASE,
)


def _ocr_layer(item: HiddenText, image_pages: tuple[int, ...]) -> bool:
    """Invisible text behind a scanned page is the scanner's OCR layer, not an attack."""
    return item.reason == "invisible" and item.page in image_pages


def _carries_words(text: str) -> bool:
    """A word has two different letters: 'xxxxxxxxx', '....', '___' or 'x' is a template's
    spacing filler that hides nothing a recruiter or a parser could use."""
    return any(len({c.casefold() for c in token if c.isalpha()}) >= 2 for token in text.split())


def check_hidden_text(context: Context) -> list[Finding]:
    layout = context.document.layout
    hidden = tuple(
        item
        for item in layout.hidden_text
        if not _ocr_layer(item, layout.image_only_pages) and _carries_words(item.text)
    )
    if not hidden:
        return []
    reasons = sorted({_REASONS.get(item.reason, item.reason) for item in hidden})
    pages = sorted({item.page for item in hidden})
    injected = any(_INSTRUCTIONS.search(item.text) for item in hidden)
    message = (
        f"Hidden text: {plural(len(hidden), 'passage')} ({'; '.join(reasons)}) on page "
        f"{', '.join(map(str, pages))}. Screening software reads it, people do not"
        + (", and it talks to an AI reviewer: that is prompt injection." if injected else ".")
        + " It was left out of every score."
    )
    return [
        finding(
            "red_flag.hidden_text",
            CRITICAL,
            message,
            "Delete all hidden text. Recruiters who find it treat it as cheating, and many "
            "ATS now flag it.",
            [cite(item.text, None) for item in hidden],
        )
    ]
