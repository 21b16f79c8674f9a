"""PDF via pypdfium2: text in reading order, with layout facts."""

from __future__ import annotations

import pypdfium2 as pdfium

from resumeroast.core.documents import Document, DocumentKind, LayoutFacts, Line
from resumeroast.errors import (
    DocumentTooComplex,
    EncryptedDocument,
    NoTextLayer,
    UnreadableDocument,
)


def read_pdf(data: bytes, *, max_pages: int = 20) -> Document:
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise EncryptedDocument(str(exc)) from exc
        raise UnreadableDocument(str(exc)) from exc
    try:
        if len(pdf) > max_pages:
            raise DocumentTooComplex(f"{len(pdf)} pages, limit {max_pages}")
        texts = []
        for index in range(len(pdf)):
            page = pdf[index]
            textpage = page.get_textpage()
            texts.append(textpage.get_text_bounded())
        lines: list[Line] = []
        for page_number, text in enumerate(texts, 1):
            for raw in text.splitlines():
                if raw.strip():
                    lines.append(Line(number=len(lines) + 1, text=raw.strip(), page=page_number))
        if not lines:
            raise NoTextLayer()
        return Document(
            kind=DocumentKind.PDF, lines=tuple(lines), layout=LayoutFacts(pages=len(pdf))
        )
    finally:
        pdf.close()
