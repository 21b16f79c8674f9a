"""Per-format readers: bytes of one kind → Document. Pure: bytes in, values out."""

from __future__ import annotations

from resumeroast.core.documents import Document, DocumentKind
from resumeroast.core.readers.docx import read_docx
from resumeroast.core.readers.pdf import read_pdf
from resumeroast.core.readers.text import read_text

__all__ = ["read_document"]


def read_document(data: bytes, kind: DocumentKind, *, max_pages: int = 20) -> Document:
    if kind is DocumentKind.PDF:
        return read_pdf(data, max_pages=max_pages)
    if kind is DocumentKind.DOCX:
        return read_docx(data)
    return read_text(data, kind)
