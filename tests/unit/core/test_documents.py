"""Document values and sniffing an upload's kind from its bytes."""

import io
import zipfile

import pytest

from resumeroast.core.documents import Document, DocumentKind, Line, sniff_kind
from resumeroast.errors import (
    EmptyDocument,
    EncryptedDocument,
    UnreadableDocument,
    UnsupportedFileType,
)

OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504)


def zip_with(*names: str) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name in names:
            archive.writestr(name, "<x/>")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "filename", "kind"),
    [
        (b"%PDF-1.7\n...", "resume.docx", DocumentKind.PDF),  # the bytes decide, not the name
        (b"\xef\xbb\xbf junk before %PDF-1.4", None, DocumentKind.PDF),
        (zip_with("[Content_Types].xml", "word/document.xml"), "cv.pdf", DocumentKind.DOCX),
        (b"Jane Doe\nEngineer\n", "resume.md", DocumentKind.MD),
        (b"Jane Doe\nEngineer\n", "resume.markdown", DocumentKind.MD),
        (b"Jane Doe\nEngineer\n", "resume.txt", DocumentKind.TXT),
        (b"Jane Doe\nEngineer\n", None, DocumentKind.TXT),
        ("Jane Doe\n".encode("utf-16"), None, DocumentKind.TXT),
    ],
)
def test_kind_is_judged_by_content(data: bytes, filename: str | None, kind: DocumentKind) -> None:
    assert sniff_kind(data, filename) is kind


@pytest.mark.parametrize(
    ("data", "error", "detail"),
    [
        (b"", EmptyDocument, "empty"),
        (b" \n\t ", EmptyDocument, "empty"),
        (zip_with("mimetype", "content.xml"), UnsupportedFileType, "ZIP"),
        (b"PK\x03\x04 not really a zip", UnreadableDocument, "ZIP"),
        (b"{\\rtf1\\ansi Jane Doe}", UnsupportedFileType, "RTF"),
        (b"\x89PNG\r\n\x1a\n" + bytes(200), UnsupportedFileType, "binary"),
        (OLE + "EncryptedPackage".encode("utf-16-le"), EncryptedDocument, "password"),
        (OLE + "WordDocument".encode("utf-16-le"), UnsupportedFileType, ".doc"),
    ],
)
def test_refused_uploads_get_a_specific_error(
    data: bytes, error: type[Exception], detail: str
) -> None:
    with pytest.raises(error, match=detail):
        sniff_kind(data, "upload.docx")


def test_encrypted_word_file_tells_the_user_what_to_do() -> None:
    with pytest.raises(EncryptedDocument) as raised:
        sniff_kind(OLE + "EncryptedPackage".encode("utf-16-le"))
    assert "Word document is password-protected" in raised.value.user_message


def test_document_text_and_word_count() -> None:
    document = Document(
        kind=DocumentKind.TXT,
        lines=(Line(number=1, text="Jane Doe"), Line(number=2, text="• Built three APIs")),
    )
    assert document.text == "Jane Doe\n• Built three APIs"
    assert document.word_count == 6
    assert document.layout.hidden_text == ()
