"""PDF via pypdfium2: visible text in reading order, with layout facts and hidden text.

Steps: open (password, damage and page-limit checks) → scan each page's characters
(`pdf_page`) → fragments and columns (`layout`) → running headers and footers
(`margins`) → numbered, normalised lines (`assemble`). Pages that are only a picture (an
image, or text flattened to outlines) are read by OCR (`ocr`) when Tesseract is installed;
they are listed as image-only pages, because an applicant tracking system still sees no
text on them. A PDF with no text at all (a scan without OCR, text only hidden or drawn as
outlines) is still a document: no lines, and the layout facts that say why (its pages, which
are images, what is hidden); the analyzer's unreadable path reviews it.
"""

from __future__ import annotations

from collections.abc import Iterator

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from resumeroast.core.documents import Box, Document, DocumentKind, HiddenText, LayoutFacts, Region
from resumeroast.core.readers.assemble import RawLine, number_lines
from resumeroast.core.readers.layout import (
    Fragment,
    Glyph,
    build_fragments,
    content_runs,
    median,
)
from resumeroast.core.readers.margins import PageFragments, PageParts, split_margins
from resumeroast.core.readers.normalize import clean_text
from resumeroast.core.readers.pdf_page import PageScan, scan_page
from resumeroast.core.readers.reading_order import order_fragments
from resumeroast.errors import (
    DocumentTooComplex,
    EmptyDocument,
    EncryptedDocument,
    UnreadableDocument,
)

_UNMAPPABLE_SHARE = 0.05  #: a page with this share of undecodable glyphs has a broken font
_UNMAPPABLE_MIN = 5
_SCANNED_SHARE = 0.5  #: a page whose text is mostly an invisible layer over an image


def read_pdf(data: bytes, *, max_pages: int = 20, ocr: bool = True) -> Document:
    """`ocr`: read image-only pages with Tesseract when it is installed."""
    scans, recognised = _scan_pages(data, max_pages, ocr)
    parts = split_margins(
        [PageFragments(scan.height, build_fragments(scan.glyphs)) for scan in scans]
    )
    raw_lines: list[RawLine] = []
    columns: dict[int, int] = {}
    for scan, page_parts in zip(scans, parts, strict=True):
        columns[scan.number] = _collect_page_lines(scan, page_parts, raw_lines)
        raw_lines.extend(recognised.get(scan.number, ()))
    lines = number_lines(raw_lines, join_hyphens=True)
    layout = _layout_facts(scans, columns, tuple(recognised))
    return Document(kind=DocumentKind.PDF, lines=lines, layout=layout)


def _scan_pages(
    data: bytes, max_pages: int, ocr: bool
) -> tuple[list[PageScan], dict[int, list[RawLine]]]:
    """Every page's characters, and the OCR'd lines of its image-only pages."""
    pdf = _open(data)
    try:
        page_count = len(pdf)
        if page_count > max_pages:
            raise DocumentTooComplex(f"the PDF has {page_count} pages; the limit is {max_pages}")
        scans = [_scan(pdf, index) for index in range(page_count)]
        pictures = [
            s.number for s in scans if (s.has_images or s.has_drawings) and not _has_text(s)
        ]
        return scans, _recognise(pdf, pictures) if ocr and pictures else {}
    finally:
        pdf.close()


def _recognise(pdf: pdfium.PdfDocument, numbers: list[int]) -> dict[int, list[RawLine]]:
    from resumeroast.core.readers import ocr  # loads Tesseract only for pictures

    folder = ocr.tessdata()
    if folder is None:
        return {}
    langs = ocr.languages(folder)
    recognised: dict[int, list[RawLine]] = {}
    for number in numbers[: ocr.MAX_OCR_PAGES]:
        page = pdf[number - 1]
        try:
            if lines := ocr.read_page(page, number, folder, langs):
                recognised[number] = lines
        finally:
            page.close()
    return recognised


def _open(data: bytes) -> pdfium.PdfDocument:
    """Open through the raw API: pdfium's last-error code is only fresh right after a
    failed load (a document that loads but has no pages leaves an older code behind).
    The caller keeps `data` alive until the document is closed."""
    raw = pdfium_c.FPDF_LoadMemDocument64(data, len(data), None)
    if not raw:
        code = pdfium_c.FPDF_GetLastError()
        if code in (pdfium_c.FPDF_ERR_PASSWORD, pdfium_c.FPDF_ERR_SECURITY):
            raise EncryptedDocument("the PDF needs a password to open")
        raise UnreadableDocument(f"pdfium could not open the file (error {code})")
    if pdfium_c.FPDF_GetPageCount(raw) < 1:
        pdfium_c.FPDF_CloseDocument(raw)
        raise EmptyDocument("the PDF has no pages")
    return pdfium.PdfDocument(raw)


def _scan(pdf: pdfium.PdfDocument, index: int) -> PageScan:
    try:
        page = pdf[index]
    except pdfium.PdfiumError as exc:
        raise UnreadableDocument(f"page {index + 1} cannot be loaded: {exc}") from exc
    try:
        return scan_page(page, index + 1)
    finally:
        page.close()


def _collect_page_lines(scan: PageScan, parts: PageParts, out: list[RawLine]) -> int:
    """Append the page's lines in reading order; return how many columns it has."""
    order = order_fragments(parts.body)
    page = scan.number
    out.extend(_raw_line(row, page, Region.HEADER) for row in parts.header)
    out.extend(_raw_line(line, page, Region.BODY) for line in order.lines)
    out.extend(_sideways_line(run, page) for run in scan.sideways)
    out.extend(_raw_line(row, page, Region.FOOTER) for row in parts.footer)
    return order.columns


def _raw_line(fragments: list[Fragment], page: int, region: Region) -> RawLine:
    box = Box(
        x0=round(min(f.x0 for f in fragments), 1),
        top=round(min(f.top for f in fragments), 1),
        x1=round(max(f.x1 for f in fragments), 1),
        bottom=round(max(f.bottom for f in fragments), 1),
    )
    size = median(g.size for f in fragments for g in f.glyphs)
    text = " ".join(f.text for f in fragments)
    return RawLine(text=text, page=page, box=box, font_size=round(size, 1), region=region)


def _sideways_line(run: list[Glyph], page: int) -> RawLine:
    text = "".join((" " if g.space_before else "") + g.text for g in run)
    return RawLine(text=text, page=page, font_size=round(median(g.size for g in run), 1))


def _layout_facts(
    scans: list[PageScan], columns: dict[int, int], recognised: tuple[int, ...]
) -> LayoutFacts:
    return LayoutFacts(
        ocr_pages=recognised,
        pages=len(scans),
        page_sizes=tuple((round(s.width, 1), round(s.height, 1)) for s in scans),
        columns=max(columns.values(), default=1),
        column_pages=tuple(page for page, count in columns.items() if count >= 2),
        # Pages read by OCR are pictures of text to an ATS, drawn as an image or as outlines.
        image_only_pages=tuple(
            s.number for s in scans if s.has_images and not _has_text(s) or s.number in recognised
        ),
        unmappable_text_pages=tuple(s.number for s in scans if _has_broken_font(s)),
        hidden_text=tuple(_hidden_text(scans)),
        scanned_pages=tuple(
            s.number for s in scans if s.ocr_glyphs > _SCANNED_SHARE * max(len(s.glyphs), 1)
        ),
    )


def _has_text(scan: PageScan) -> bool:
    return any(not g.text.isspace() for g in scan.glyphs) or bool(scan.sideways)


def _has_broken_font(scan: PageScan) -> bool:
    return scan.unmappable >= max(_UNMAPPABLE_MIN, _UNMAPPABLE_SHARE * scan.chars)


def _hidden_text(scans: list[PageScan]) -> Iterator[HiddenText]:
    for scan in scans:
        by_reason: dict[str, list[Glyph]] = {}
        for glyph, reason in scan.hidden:
            by_reason.setdefault(reason, []).append(glyph)
        for reason, glyphs in by_reason.items():
            # Content order, not geometry: hidden text is often stacked on one spot.
            for run in content_runs(glyphs):
                text = clean_text("".join((" " if g.space_before else "") + g.text for g in run))
                if text:
                    yield HiddenText(text=text, page=scan.number, reason=reason)
