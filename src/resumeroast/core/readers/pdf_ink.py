"""Whether ink shows where a glyph sits: the page rendered in grey, and the spread between
the lightest and darkest pixel around each glyph (pdf_page.py decides what that means)."""

from __future__ import annotations

import math

import pypdfium2 as pdfium

from resumeroast.core.readers.layout import Glyph

_RENDER_SCALE = 1.0  #: 72 dpi is enough to see whether a glyph shows
_RENDER_MAX_PIXELS = 4_000_000  #: huge pages are rendered coarser, not bigger


def glyph_contrasts(
    page: pdfium.PdfPage, glyphs: list[Glyph], width: float, height: float
) -> list[int]:
    """Render the page once and give, per glyph, the grey levels between the lightest and
    darkest pixel around it."""
    scale = min(_RENDER_SCALE, math.sqrt(_RENDER_MAX_PIXELS / max(width * height, 1.0)))
    bitmap = page.render(scale=scale, grayscale=True, draw_annots=False)
    try:
        return [_contrast(bitmap, scale, glyph) for glyph in glyphs]
    finally:
        bitmap.close()


def _contrast(bitmap: pdfium.PdfBitmap, scale: float, glyph: Glyph) -> int:
    """Grey levels between the lightest and darkest pixel around the glyph."""
    half_width = max(glyph.x1 - glyph.x0, 0.5 * glyph.size) / 2  # squeezed glyphs: ~1 em
    middle = (glyph.x0 + glyph.x1) / 2
    x0 = max(0, int((middle - half_width) * scale))
    x1 = min(bitmap.width, math.ceil((middle + half_width) * scale))
    y0 = max(0, int(glyph.top * scale))
    y1 = min(bitmap.height, math.ceil(glyph.bottom * scale))
    pixels, stride = bitmap.buffer, bitmap.stride
    lightest, darkest = 0, 255
    for y in range(y0, y1):
        row = pixels[y * stride + x0 : y * stride + x1]
        if row:
            lightest, darkest = max(lightest, *row), min(darkest, *row)
    return max(0, lightest - darkest)
