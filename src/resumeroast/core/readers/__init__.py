"""Per-format readers: bytes of one kind → Document. Pure: bytes in, values out.

Each reader is imported when first needed, so a parse in a fresh sandbox process loads
only its own format's library (pdfium, python-docx or charset detection).
"""

from __future__ import annotations

from resumeroast.core.documents import Document, DocumentKind

__all__ = ["read_document"]


def read_document(data: bytes, kind: DocumentKind, *, max_pages: int = 20) -> Document:
    """Raise a DocumentError subclass (errors.py) for anything that is not a resume's text,
    DocumentTooLong for text over the caps in bounds.py."""
    from resumeroast.core.readers.bounds import check_text_bounds

    return check_text_bounds(_read(data, kind, max_pages=max_pages))


def _read(data: bytes, kind: DocumentKind, *, max_pages: int) -> Document:
    if kind is DocumentKind.PDF:
        from resumeroast.core.readers.pdf import read_pdf

        return read_pdf(data, max_pages=max_pages)
    if kind is DocumentKind.DOCX:
        from resumeroast.core.readers.docx import read_docx

        return read_docx(data)
    from resumeroast.core.readers.text import read_text

    return read_text(data, kind)
