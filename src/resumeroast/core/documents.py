"""Bytes in, Document out: what a resume says, line by line, and what its layout does.

Readers live in `core.readers` (`read_document` dispatches by kind); this module holds the
value types and the type sniffing that upload validation uses (judged by the bytes, never
by the file name).
"""

from __future__ import annotations

import io
from dataclasses import dataclass, field
from enum import StrEnum

from resumeroast.errors import (
    EmptyDocument,
    EncryptedDocument,
    UnreadableDocument,
    UnsupportedFileType,
)


class DocumentKind(StrEnum):
    PDF = "pdf"
    DOCX = "docx"
    TXT = "txt"
    MD = "md"
    JSON = "json"  #: JSON Resume (jsonresume.org)
    YAML = "yaml"  #: RenderCV
    ADOC = "adoc"  #: AsciiDoc


class Region(StrEnum):
    BODY = "body"
    HEADER = "header"
    FOOTER = "footer"


@dataclass(frozen=True, slots=True)
class Box:
    """A rectangle in PDF points, measured from the top-left corner of the page."""

    x0: float
    top: float
    x1: float
    bottom: float


@dataclass(frozen=True, slots=True)
class Line:
    number: int  #: 1-based position in reading order across the whole document
    text: str  #: normalised text
    page: int = 1  #: 1-based
    box: Box | None = None
    font_size: float | None = None
    region: Region = Region.BODY


@dataclass(frozen=True, slots=True)
class HiddenText:
    """Text a human cannot see but a parser (or an LLM) would read."""

    text: str
    page: int
    reason: str  #: "white", "tiny", "off_page", "invisible"


@dataclass(frozen=True, slots=True)
class LayoutFacts:
    pages: int = 1
    columns: int = 1  #: most text columns seen on any page
    column_pages: tuple[int, ...] = ()  #: pages laid out in two or more columns
    image_only_pages: tuple[int, ...] = ()
    unmappable_text_pages: tuple[int, ...] = ()  #: fonts whose glyphs do not map to characters
    hidden_text: tuple[HiddenText, ...] = ()
    tables: int = 0
    text_boxes: int = 0
    #: share (0..1) of the words that live only in text boxes or shapes: an ATS that skips
    #: them sees that much less of the resume, and one that reads the fallback copy sees it twice
    text_box_share: float = 0.0
    #: pages that are a picture (a scan) under an invisible OCR text layer: the text is
    #: kept, but an applicant tracking system reads whatever the OCR guessed
    scanned_pages: tuple[int, ...] = ()
    #: image-only pages whose text was read by OCR (still invisible to an ATS)
    ocr_pages: tuple[int, ...] = ()
    #: (width, height) of each page in PDF points, as rendered: places a line's box on a
    #: page image (empty for documents without pages)
    page_sizes: tuple[tuple[float, float], ...] = ()


@dataclass(frozen=True, slots=True)
class PageImage:
    """One page of the upload drawn as a PNG, to mark findings on (PDF only)."""

    page: int  #: 1-based
    width: int  #: pixels
    height: int
    png: bytes


@dataclass(frozen=True, slots=True)
class Document:
    kind: DocumentKind
    lines: tuple[Line, ...]  #: visible lines in reading order (hidden text is never here)
    layout: LayoutFacts = field(default_factory=LayoutFacts)

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)

    @property
    def word_count(self) -> int:
        return sum(len(line.text.split()) for line in self.lines)


_PDF_MAGIC = b"%PDF-"
_ZIP_MAGIC = b"PK\x03\x04"
_OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_OLE_ENCRYPTED_MARK = "EncryptedPackage".encode("utf-16-le")
_MARKDOWN_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
#: Text kinds told apart by the file name (the bytes only say "text").
_TEXT_SUFFIXES = {
    **dict.fromkeys(_MARKDOWN_SUFFIXES, "md"),
    ".json": "json",
    ".yaml": "yaml",
    ".yml": "yaml",
    ".adoc": "adoc",
    ".asciidoc": "adoc",
    ".asc": "adoc",
}


def sniff_kind(data: bytes, filename: str | None = None) -> DocumentKind:
    """Tell the document kind from its bytes; the file name only separates MD from TXT."""
    if not data.strip():
        raise EmptyDocument()
    if _PDF_MAGIC in data[:1024]:
        return DocumentKind.PDF
    if data.startswith(_ZIP_MAGIC):
        if _is_docx(data):
            return DocumentKind.DOCX
        raise UnsupportedFileType("a ZIP archive that is not a Word document")
    if data.startswith(_OLE_MAGIC):
        # Word saves password-protected .docx files as an OLE container holding the
        # encrypted package; any other OLE file is a legacy .doc/.xls.
        if _OLE_ENCRYPTED_MARK in data:
            raise EncryptedDocument(
                "a password-protected Word document",
                user_message=(
                    "This Word document is password-protected, so neither we nor an applicant "
                    "tracking system can read it. Save a copy without a password and upload that."
                ),
            )
        raise UnsupportedFileType("a legacy Office (.doc) file")
    if data[:1024].lstrip().startswith(b"{\\rtf"):
        raise UnsupportedFileType("an RTF document")
    if not _looks_like_text(data):
        raise UnsupportedFileType("binary content that is not a PDF or DOCX")
    suffix = "." + filename.rsplit(".", 1)[-1].lower() if filename and "." in filename else ""
    return DocumentKind(_TEXT_SUFFIXES.get(suffix, "txt"))


def _is_docx(data: bytes) -> bool:
    import zipfile  # only sniffing needs it; the parse sandbox should not pay for it

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "word/document.xml" in archive.namelist()
    except zipfile.BadZipFile as exc:  # a ZIP header with a broken archive behind it
        raise UnreadableDocument(f"broken ZIP archive: {exc}") from exc


_TEXT_CONTROL_OK = {0x09, 0x0A, 0x0C, 0x0D, 0x1B}
_BAD_CONTROL_BYTES = bytes(b for b in range(0x20) if b not in _TEXT_CONTROL_OK)
_BAD_CONTROL_CHARS = frozenset(_BAD_CONTROL_BYTES.decode("latin-1"))
_WIDE_BOMS = (  # UTF-32 first: its little-endian mark begins with UTF-16's
    (b"\xff\xfe\x00\x00", "utf-32-le"),
    (b"\x00\x00\xfe\xff", "utf-32-be"),
    (b"\xff\xfe", "utf-16-le"),
    (b"\xfe\xff", "utf-16-be"),
)


def _looks_like_text(data: bytes) -> bool:
    """Few control characters in the first 8 KiB (no NUL bytes unless a UTF-16/32 byte
    order mark says so); RTF is not plain text."""
    head = data[:8192]
    if head.lstrip().startswith(b"{\\rtf"):
        return False
    for bom, encoding in _WIDE_BOMS:
        if head.startswith(bom):
            text = head[len(bom) :].decode(encoding, errors="replace")
            controls = sum(1 for char in text if char in _BAD_CONTROL_CHARS)
            return controls <= len(text) // 100
    if b"\x00" in head:
        return False
    # Byte by byte in C (this runs in the API for every text upload): what translate deletes.
    controls = len(head) - len(head.translate(None, _BAD_CONTROL_BYTES))
    return controls <= len(head) // 100
