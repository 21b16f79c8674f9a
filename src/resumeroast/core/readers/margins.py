"""Running headers and footers of PDF pages, told apart from the resume's own first line.

A row at the very top or bottom of a page is a header/footer when it repeats on other pages
(digits aside: "Page 1", "Page 2"), when it is a bare page number, or when it is small
print set apart from the body by a blank gap. A large name at the top of page one is body.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from resumeroast.core.readers.layout import Fragment, median
from resumeroast.core.readers.reading_order import rows

_EDGE_SHARE = 0.08  #: small isolated print this close to the page edge is a header/footer
_REPEAT_EDGE_SHARE = 0.15  #: repeated rows may sit this far from the edge
_REPEATED_SIZE_RATIO = 1.15  #: a running header is not set larger than the body text
_SMALL_PRINT_RATIO = 0.95  #: an unrepeated header/footer is set smaller than the body
_MAX_ROWS = 2  #: at most this many header rows and footer rows per page
_PAGE_NUMBER_RE = re.compile(
    r"^(?:page\s*)?[-–(]?\s*\d{1,3}\s*(?:(?:/|of)\s*\d{1,3})?\s*[-–)]?$",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class PageFragments:
    height: float
    fragments: list[Fragment]


@dataclass(frozen=True, slots=True)
class PageParts:
    header: list[list[Fragment]]  #: rows, top to bottom
    body: list[Fragment]
    footer: list[list[Fragment]]  #: rows, top to bottom


def split_margins(pages: list[PageFragments]) -> list[PageParts]:
    page_rows = [rows(page.fragments) for page in pages]
    repeated = _repeated_signatures(page_rows) if len(pages) > 1 else set()
    return [
        _split_page(page, these_rows, repeated)
        for page, these_rows in zip(pages, page_rows, strict=True)
    ]


def _split_page(
    page: PageFragments, page_rows: list[list[Fragment]], repeated: set[str]
) -> PageParts:
    if not page_rows:
        return PageParts([], [], [])
    body_size = median(f.size for f in page.fragments)
    header_count = _count_edge_rows(page_rows, page.height, body_size, repeated, top=True)
    remaining = page_rows[header_count:]
    footer_count = _count_edge_rows(remaining[::-1], page.height, body_size, repeated, top=False)
    body_rows = remaining[: len(remaining) - footer_count]
    return PageParts(
        header=page_rows[:header_count],
        body=[f for row in body_rows for f in row],
        footer=remaining[len(remaining) - footer_count :],
    )


def _count_edge_rows(
    edge_first: list[list[Fragment]],
    height: float,
    body_size: float,
    repeated: set[str],
    *,
    top: bool,
) -> int:
    """How many rows, starting from the page edge, are running header (or footer) rows."""
    count = 0
    for index, row in enumerate(edge_first[:_MAX_ROWS]):
        if index + 1 >= len(edge_first):
            break  # the last row of the page is never all header
        distance = _top(row) if top else height - _bottom(row)
        neighbour = edge_first[index + 1]
        gap = _top(neighbour) - _bottom(row) if top else _top(row) - _bottom(neighbour)
        if not _is_margin_row(row, distance, gap, height, body_size, repeated):
            break
        count += 1
    return count


def _is_margin_row(
    row: list[Fragment],
    distance: float,
    gap: float,
    height: float,
    body_size: float,
    repeated: set[str],
) -> bool:
    text = " ".join(f.text for f in row).strip()
    row_height = _bottom(row) - _top(row)
    edge_distance = distance + row_height  # from the page edge to the row's far side
    largest = max(f.size for f in row)
    if _PAGE_NUMBER_RE.match(text):
        return edge_distance <= _REPEAT_EDGE_SHARE * height
    if signature(text) in repeated and largest <= _REPEATED_SIZE_RATIO * body_size:
        return edge_distance <= _REPEAT_EDGE_SHARE * height
    small = largest <= _SMALL_PRINT_RATIO * body_size
    return edge_distance <= _EDGE_SHARE * height and small and gap >= row_height


def _repeated_signatures(page_rows: list[list[list[Fragment]]]) -> set[str]:
    seen: Counter[str] = Counter()
    for these_rows in page_rows:
        edge_rows = these_rows[:_MAX_ROWS] + these_rows[-_MAX_ROWS:]
        seen.update({signature(" ".join(f.text for f in row)) for row in edge_rows})
    return {sig for sig, pages in seen.items() if pages >= 2 and sig}


def signature(text: str) -> str:
    """Row text with numbers masked, so "Page 1" and "Page 2" compare equal."""
    return re.sub(r"\d+", "#", " ".join(text.lower().split()))


def _top(row: list[Fragment]) -> float:
    return min(f.top for f in row)


def _bottom(row: list[Fragment]) -> float:
    return max(f.bottom for f in row)
