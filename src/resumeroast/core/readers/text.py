"""Text kinds: decode (BOM, UTF-8, then charset detection), then by kind: plain text keeps
the author's lines, Markdown and AsciiDoc lose their markup, JSON Resume and RenderCV YAML
are laid out as a resume (`structured`). A .txt whose content is one of the others (a
JSON Resume saved as .txt, an AsciiDoc file without its suffix) is read as what it is."""

from __future__ import annotations

import codecs

from resumeroast.core.documents import Document, DocumentKind
from resumeroast.core.readers.asciidoc import asciidoc_lines, looks_like_asciidoc
from resumeroast.core.readers.assemble import RawLine, number_lines
from resumeroast.core.readers.front_matter import split_front_matter
from resumeroast.core.readers.markdown import markdown_lines
from resumeroast.core.readers.structured import (
    json_resume_lines,
    looks_like_json,
    looks_like_rendercv,
    rendercv_lines,
)
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
    raw = _lines(text, _content_kind(text, kind))
    lines = number_lines((RawLine(text=line) for line in raw), join_hyphens=True)
    if not lines:
        raise EmptyDocument("the text file has no text")
    return Document(kind=kind, lines=lines)


def _content_kind(text: str, kind: DocumentKind) -> DocumentKind:
    if kind is not DocumentKind.TXT:
        return kind
    if looks_like_json(text):
        return DocumentKind.JSON
    if looks_like_rendercv(text):
        return DocumentKind.YAML
    if looks_like_asciidoc(text):
        return DocumentKind.ADOC
    return kind


def _lines(text: str, kind: DocumentKind) -> list[str]:
    if kind is DocumentKind.MD:
        values, body = split_front_matter(text)
        return [line for value in values for line in markdown_lines(value)] + markdown_lines(body)
    if kind is DocumentKind.ADOC:
        return asciidoc_lines(text)
    if kind is DocumentKind.JSON:
        return json_resume_lines(text)
    if kind is DocumentKind.YAML:
        return rendercv_lines(text)
    return text.splitlines()
