"""TXT and Markdown: decode with charset detection, keep lines."""

from __future__ import annotations

from charset_normalizer import from_bytes

from resumeroast.core.documents import Document, DocumentKind, Line
from resumeroast.errors import EmptyDocument, UnreadableDocument


def decode_text(data: bytes) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        best = from_bytes(data).best()
        if best is None:
            raise UnreadableDocument("no text encoding fits these bytes") from None
        return str(best)


def read_text(data: bytes, kind: DocumentKind) -> Document:
    text = decode_text(data)
    raw_lines = [line.rstrip() for line in text.splitlines()]
    lines = tuple(
        Line(number=i, text=line)
        for i, line in enumerate((ln for ln in raw_lines if ln.strip()), 1)
    )
    if not lines:
        raise EmptyDocument()
    return Document(kind=kind, lines=lines)
