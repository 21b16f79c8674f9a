"""The person's own pages as images: few, small, and the shape of the page."""

from __future__ import annotations

import struct
import zlib

from resumeroast.core.documents import DocumentKind
from resumeroast.core.readers import read_document
from resumeroast.core.readers.pdf_render import MAX_WIDTH_PX, render_pages
from tests.unit.core.readers.fixtures import fixture

TWO_COLUMN = "pdf/resumematcher__modern-two-column.pdf"


def _png_size_and_pixels(png: bytes) -> tuple[int, int, bytes]:
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    width, height = struct.unpack(">II", png[16:24])
    idat_length = struct.unpack(">I", png[33:37])[0]
    assert png[37:41] == b"IDAT"
    return width, height, zlib.decompress(png[41 : 41 + idat_length])


def test_each_page_becomes_a_png_of_the_page_shape_with_ink_on_it() -> None:
    data = fixture(TWO_COLUMN)
    sizes = read_document(data, DocumentKind.PDF).layout.page_sizes

    images = render_pages(data)

    assert [image.page for image in images] == list(range(1, len(sizes) + 1))
    for image, (width_pt, height_pt) in zip(images, sizes, strict=True):
        width, height, rows = _png_size_and_pixels(image.png)
        assert (width, height) == (image.width, image.height)
        assert width <= MAX_WIDTH_PX
        assert abs(height / width - height_pt / width_pt) < 0.01
        assert len(rows) == height * (width + 1)
        assert min(rows) < 128 < max(rows)  # text on paper, not a blank page
        assert len(image.png) < 600_000


def test_only_the_first_pages_are_rendered() -> None:
    assert [image.page for image in render_pages(fixture(TWO_COLUMN), max_pages=1)] == [1]
