"""Image-only PDF pages (a scan, a phone photo, a design tool's export flattened to a
picture) read by Tesseract through tesserocr, in the parse sandbox like every reader.

The page is rendered by pdfium in grey at 300 dpi and handed to Tesseract as raw pixels
(no temporary files: the sandbox may not write any). Tesseract's page layout analysis
gives lines in reading order, with their boxes; a line's font size is estimated from its
baseline and top. The language data comes from the system (Debian's tesseract-ocr-*
packages, or TESSDATA_PREFIX); without it, pages stay image-only, with no lines read.
"""

from __future__ import annotations

import os
from pathlib import Path

import pypdfium2 as pdfium
import tesserocr

from resumeroast.core.documents import Box, Region
from resumeroast.core.readers.assemble import RawLine

MAX_OCR_PAGES = 3  #: a scanned resume is one to three pages; ~3 s of CPU each at 300 dpi
_DPI = 300
_MAX_PIXELS = 12_000_000  #: huge pages are rendered coarser, not bigger
_MIN_CONFIDENCE = 40.0  #: below this a "line" is a logo, a photo or a smudge
_CAP_HEIGHT_EM = 0.72  #: from a line's top to its baseline, in ems
#: English first, then the other languages the analyzer reads, when installed.
_LANGUAGES = ("eng", "fra", "deu", "spa", "por")
_SYSTEM_TESSDATA = (
    "/usr/share/tesseract-ocr/5/tessdata",
    "/usr/share/tesseract-ocr/4.00/tessdata",
    "/usr/share/tessdata",
    "/usr/local/share/tessdata",
)


def tessdata() -> Path | None:
    """The folder holding Tesseract's English model, or None when OCR is not installed."""
    configured = os.environ.get("TESSDATA_PREFIX")
    for folder in ((configured,) if configured else ()) + _SYSTEM_TESSDATA:
        path = Path(folder)
        if (path / "eng.traineddata").is_file():
            return path
    return None


def languages(folder: Path) -> str:
    """Tesseract's language string: every supported language whose model is installed."""
    return "+".join(lang for lang in _LANGUAGES if (folder / f"{lang}.traineddata").is_file())


def read_page(page: pdfium.PdfPage, number: int, folder: Path, langs: str) -> list[RawLine]:
    width, height = page.get_size()
    scale = min(_DPI / 72, (_MAX_PIXELS / max(width * height, 1.0)) ** 0.5)
    bitmap = page.render(scale=scale, grayscale=True, draw_annots=False)
    try:
        pixels = bytes(bitmap.buffer)
        size = (bitmap.width, bitmap.height, bitmap.stride)
    finally:
        bitmap.close()
    with tesserocr.PyTessBaseAPI(path=f"{folder}/", lang=langs) as api:
        api.SetImageBytes(pixels, size[0], size[1], 1, size[2])
        api.SetSourceResolution(round(72 * scale))
        api.Recognize()
        return list(_lines(api, number, scale))


def _lines(api: tesserocr.PyTessBaseAPI, number: int, scale: float) -> list[RawLine]:
    level = tesserocr.RIL.TEXTLINE
    found: list[RawLine] = []
    iterator = api.GetIterator()
    if iterator is None:
        return found
    for line in tesserocr.iterate_level(iterator, level):
        try:
            text = (line.GetUTF8Text(level) or "").strip()
        except RuntimeError:  # tesserocr's way of saying "no text here"
            continue
        box = line.BoundingBox(level)
        if not text or box is None or line.Confidence(level) < _MIN_CONFIDENCE:
            continue
        left, top, right, bottom = (value / scale for value in box)
        baseline = line.Baseline(level)
        base_y = (baseline[0][1] + baseline[1][1]) / 2 / scale if baseline else bottom
        size = max(base_y - top, 1.0) / _CAP_HEIGHT_EM
        found.append(
            RawLine(
                text=text,
                page=number,
                box=Box(
                    x0=round(left, 1),
                    top=round(top, 1),
                    x1=round(right, 1),
                    bottom=round(bottom, 1),
                ),
                font_size=round(size, 1),
                region=Region.BODY,
            )
        )
    return found
