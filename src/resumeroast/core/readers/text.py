"""TXT and Markdown: decode (BOM, UTF-8, then charset detection), keep the author's lines."""

from __future__ import annotations

import codecs

from resumeroast.core.documents import Document, DocumentKind
from resumeroast.core.readers.assemble import RawLine, number_lines
from resumeroast.core.readers.markdown import markdown_lines
from resumeroast.errors import EmptyDocument, UnreadableDocument

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_text(data: bytes) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise UnreadableDocument(f"the text claims {encoding} but is not") from exc
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return _detect(data)


def _detect(data: bytes) -> str:
    from charset_normalizer import from_bytes  # only legacy encodings need it

    best = from_bytes(data).best()
    if best is None:
        raise UnreadableDocument("no text encoding fits these bytes")
    return str(best)


def read_text(data: bytes, kind: DocumentKind) -> Document:
    text = decode_text(data)
    raw = text.splitlines()
    if kind is DocumentKind.MD:
        raw = markdown_lines(text)
    lines = number_lines((RawLine(text=line) for line in raw), join_hyphens=True)
    if not lines:
        raise EmptyDocument("the text file has no text")
    return Document(kind=kind, lines=lines)
