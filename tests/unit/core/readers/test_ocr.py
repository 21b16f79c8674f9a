"""Image-only PDFs read by OCR (Tesseract), on pages rendered from text in the test."""

from datetime import date

import pypdfium2 as pdfium
import pytest

from resumeroast.core.analysis.analyzer import analyze
from resumeroast.core.readers import ocr
from resumeroast.core.readers.pdf import read_pdf
from tests.unit.core.readers.pdf_builder import Page, Picture, build_pdf, image, lines

RESUME = [
    "Maria Lopez",
    "EXPERIENCE",
    "Warehouse Supervisor, Northwind Logistics",
    "Led a team of twelve pickers across two shifts",
    "Cut order errors by 30 percent in one year",
    "EDUCATION",
    "Diploma in Logistics, Lyon Technical College",
]

needs_tesseract = pytest.mark.skipif(ocr.tessdata() is None, reason="Tesseract not installed")


def scanned(rows: list[str], dpi: int = 200) -> bytes:
    """A PDF whose only page is a grey picture of `rows` typeset in Helvetica."""
    typeset = build_pdf([Page(lines(rows, 72, 700, size=13, leading=22))])
    document = pdfium.PdfDocument(typeset)
    bitmap = document[0].render(scale=dpi / 72, grayscale=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    buffer = bytes(bitmap.buffer)
    pixels = b"".join(buffer[row * stride : row * stride + width] for row in range(height))
    return build_pdf([Page(image(0, 0, 612, 792))], Picture(width, height, pixels))


def outlined(rows: list[str], dpi: int = 150) -> bytes:
    """A PDF whose text is drawn as shapes (a design tool's "flatten"): every run of dark
    pixels of the typeset page becomes a filled rectangle; no text, no image."""
    typeset = build_pdf([Page(lines(rows, 72, 700, size=13, leading=22))])
    bitmap = pdfium.PdfDocument(typeset)[0].render(scale=dpi / 72, grayscale=True)
    width, height, stride = bitmap.width, bitmap.height, bitmap.stride
    pixels, step = bytes(bitmap.buffer), 72 / dpi
    shapes: list[str] = []
    for row in range(height):
        line, x = pixels[row * stride : row * stride + width], 0
        while x < width:
            if line[x] < 128:
                start = x
                while x < width and line[x] < 128:
                    x += 1
                top = 792 - (row + 1) * step
                shapes.append(
                    f"{start * step:.2f} {top:.2f} {(x - start) * step:.2f} {step:.2f} re f"
                )
            x += 1
    return build_pdf([Page("0 g\n" + "\n".join(shapes) + "\n")])


@needs_tesseract
def test_a_resume_flattened_to_outlines_is_read_by_ocr_and_marked_image_only() -> None:
    document = read_pdf(outlined(RESUME[:3]))
    assert [line.text for line in document.lines] == RESUME[:3]
    assert (document.layout.image_only_pages, document.layout.ocr_pages) == ((1,), (1,))


@needs_tesseract
def test_an_image_only_resume_is_read_by_ocr_and_still_marked_image_only() -> None:
    document = read_pdf(scanned(RESUME))
    assert [line.text for line in document.lines] == RESUME
    assert document.layout.image_only_pages == (1,)
    assert document.layout.ocr_pages == (1,)
    heading = next(line for line in document.lines if line.text == "EXPERIENCE")
    assert heading.box is not None and 60 <= heading.box.x0 <= 80
    assert heading.font_size is not None and 10 <= heading.font_size <= 16


def test_without_tesseract_an_image_only_pdf_says_why_it_has_no_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(ocr, "tessdata", lambda: None)
    document = read_pdf(scanned(RESUME[:2], dpi=72))
    assert document.lines == ()
    assert (document.layout.image_only_pages, document.layout.ocr_pages) == ((1,), ())


def test_ocr_can_be_turned_off() -> None:
    document = read_pdf(scanned(RESUME[:2], dpi=72), ocr=False)
    assert document.lines == ()
    assert (document.layout.image_only_pages, document.layout.ocr_pages) == ((1,), ())


@needs_tesseract
def test_a_scanned_resume_is_reviewed_and_still_flagged_as_invisible_to_an_ats() -> None:
    analysis = analyze(read_pdf(scanned(RESUME)), as_of=date(2025, 1, 1))
    codes = [finding.code for finding in analysis.findings]
    assert "ats.no_text" not in codes
    assert "ats.image_only_pages" in codes
    assert {"experience", "education"} <= set(analysis.facts.sections)
