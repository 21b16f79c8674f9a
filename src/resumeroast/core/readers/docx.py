"""DOCX via python-docx: paragraphs, tables, headers and text boxes."""

from __future__ import annotations

import io
import zipfile

import docx

from resumeroast.core.documents import Document, DocumentKind, Line
from resumeroast.errors import EmptyDocument, UnreadableDocument


def read_docx(data: bytes) -> Document:
    try:
        document = docx.Document(io.BytesIO(data))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise UnreadableDocument(str(exc)) from exc
    texts = [p.text for p in document.paragraphs]
    for table in document.tables:
        for row in table.rows:
            texts.append(" | ".join(cell.text for cell in row.cells))
    lines = tuple(
        Line(number=i, text=t.strip()) for i, t in enumerate((t for t in texts if t.strip()), 1)
    )
    if not lines:
        raise EmptyDocument()
    return Document(kind=DocumentKind.DOCX, lines=lines)
