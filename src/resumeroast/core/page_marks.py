"""Where each finding sits on the person's own pages: marks for the marked-up resume view.

A finding's evidence quotes a line (1-based, reading order). On a PDF the reader kept each
line's box in PDF points from the page's top-left corner; a mark turns that box into
fractions of the page (0..1), so it lands in the same place on a page image of any size.
DOCX, text and Markdown have no boxes: their marks name the line only, and the page shows
the text with the same line highlighted.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from resumeroast.core.documents import Box, Document, Line
from resumeroast.core.feedback import (
    Feedback,
    Finding,
    MarkArea,
    PageMark,
    ResumeLine,
    ResumeView,
)

#: Padding around a line's box, in points, so a highlight covers ascenders and descenders.
BOX_PADDING_PT = 1.5


@dataclass(frozen=True, slots=True)
class PageSize:
    """A page's size in PDF points, as rendered (rotation applied)."""

    width: float
    height: float


def page_marks(
    findings: Sequence[Finding],
    lines: Sequence[Line],
    page_sizes: Mapping[int, PageSize] | None = None,
) -> list[PageMark]:
    """One mark per quote that names a line the document has, in findings order.

    `page_sizes` (page number → size) comes with rendered page images; without a page's
    size its marks stay line-based rather than guess where the line is."""
    by_number = {line.number: line for line in lines}
    sizes = page_sizes or {}
    marks: list[PageMark] = []
    for finding_index, finding in enumerate(findings):
        for evidence_index, evidence in enumerate(finding.evidence):
            line = by_number.get(evidence.line) if evidence.line is not None else None
            if line is None:
                continue
            size = sizes.get(line.page)
            area = to_area(line.box, size) if line.box is not None and size else None
            marks.append(
                PageMark(
                    finding=finding_index,
                    evidence=evidence_index,
                    line=line.number,
                    page=line.page,
                    area=area,
                )
            )
    return marks


def with_marks(feedback: Feedback, document: Document, *, page_images: int = 0) -> Feedback:
    """The feedback with a mark for each quoted line of `document` (the one analysed) and
    the resume to show them on: `page_images` pages drawn as images, and its lines."""
    sizes = {
        number: PageSize(width, height)
        for number, (width, height) in enumerate(document.layout.page_sizes, start=1)
    }
    marks = page_marks(feedback.findings, document.lines, sizes)
    lines = [
        ResumeLine(number=line.number, page=line.page, text=line.text) for line in document.lines
    ]
    resume = ResumeView(page_images=page_images, lines=lines)
    return feedback.model_copy(update={"marks": marks, "resume": resume})


def to_area(box: Box, size: PageSize) -> MarkArea | None:
    """A box in points → fractions of the page, padded and clipped to the page.

    None when the page has no size or the box lies wholly off the page (nothing to show)."""
    if size.width <= 0 or size.height <= 0:
        return None
    left = _clip(box.x0 - BOX_PADDING_PT, size.width)
    right = _clip(box.x1 + BOX_PADDING_PT, size.width)
    top = _clip(box.top - BOX_PADDING_PT, size.height)
    bottom = _clip(box.bottom + BOX_PADDING_PT, size.height)
    if right <= left or bottom <= top:
        return None
    return MarkArea(
        left=round(left / size.width, 4),
        top=round(top / size.height, 4),
        width=round((right - left) / size.width, 4),
        height=round((bottom - top) / size.height, 4),
    )


def _clip(value: float, limit: float) -> float:
    return min(max(value, 0.0), limit)
