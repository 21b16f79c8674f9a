"""A PDF's first pages as small PNG images: the person's own pages, to mark findings on.

Runs where the reader runs (inside the parse sandbox). Pages are capped in number and in
pixels, grey-scale, so an image stays a few hundred KB at most. PNG is encoded with zlib
from the standard library: no imaging library is needed.
"""

from __future__ import annotations

import struct
import zlib

import pypdfium2 as pdfium

from resumeroast.core.documents import PageImage

MAX_RENDERED_PAGES = 5
MAX_WIDTH_PX = 900  #: enough to read a line on a desktop screen; phones scale it down


def render_pages(
    data: bytes, *, max_pages: int = MAX_RENDERED_PAGES, max_width_px: int = MAX_WIDTH_PX
) -> tuple[PageImage, ...]:
    """The first `max_pages` pages, each scaled to `max_width_px` wide at most."""
    pdf = pdfium.PdfDocument(data)
    try:
        images = []
        for index in range(min(len(pdf), max_pages)):
            page = pdf[index]
            try:
                width_pt, _ = page.get_size()
                # pdfium rounds the pixel size up: one pixel spare keeps it within the cap
                scale = min((max_width_px - 1) / width_pt, 2.0) if width_pt > 0 else 1.0
                bitmap = page.render(scale=scale, grayscale=True, may_draw_forms=False)
                try:
                    images.append(
                        PageImage(
                            page=index + 1,
                            width=bitmap.width,
                            height=bitmap.height,
                            png=_grey_png(
                                bytes(bitmap.buffer), bitmap.width, bitmap.height, bitmap.stride
                            ),
                        )
                    )
                finally:
                    bitmap.close()
            finally:
                page.close()
        return tuple(images)
    finally:
        pdf.close()


def _grey_png(pixels: bytes, width: int, height: int, stride: int) -> bytes:
    """An 8-bit grey-scale PNG of rows `stride` bytes apart (the first `width` used)."""
    rows = b"".join(b"\x00" + pixels[row * stride : row * stride + width] for row in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + _chunk(b"IHDR", header)
        + _chunk(b"IDAT", zlib.compress(rows, 6))
        + _chunk(b"IEND", b"")
    )


def _chunk(kind: bytes, body: bytes) -> bytes:
    crc = zlib.crc32(kind + body) & 0xFFFFFFFF
    return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", crc)
