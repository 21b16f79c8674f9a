"""A DOCTYPE or entity declaration is refused in any member of a DOCX, whatever its name and
whatever encoding the XML parser would read it in."""

from __future__ import annotations

import io
import zipfile

import pytest

from resumeroast.core.readers.docx import read_docx
from resumeroast.errors import DocumentTooComplex
from tests.unit.core.readers.docx_builder import new_document, replace_member, save

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
LAUGHS = (
    '<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;">]>'
    f"<w:document {W_NS}><w:body><w:p><w:r><w:t>&lol2;</w:t></w:r></w:p></w:body></w:document>"
)


def resume() -> bytes:
    document = new_document()
    document.add_paragraph("Jane Doe")
    return save(document)


def with_member(data: bytes, name: str, content: bytes) -> bytes:
    out = io.BytesIO(data)
    with zipfile.ZipFile(out, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr(name, content)
    return out.getvalue()


@pytest.mark.parametrize(
    "encoded",
    [
        LAUGHS.encode("utf-32-le"),  # no byte order mark: the parser tells it from the NULs
        LAUGHS.encode("utf-32-be"),
        b"\xef\xbb\xbf" + LAUGHS.encode(),  # UTF-8 with its byte order mark
        ('<?xml version="1.0" encoding="UTF-7"?>' + LAUGHS.replace("<", "+ADw-")).encode(),
    ],
    ids=["utf-32-le", "utf-32-be", "utf-8-bom", "utf-7-declared"],
)
def test_declarations_in_any_encoding_are_refused(encoded: bytes) -> None:
    with pytest.raises(DocumentTooComplex, match="DOCTYPE"):
        read_docx(replace_member(resume(), "word/document.xml", encoded))


@pytest.mark.parametrize("name", ["customXml/item1.dat", "word/glossary", "docProps/custom.XML"])
def test_declarations_in_a_member_of_any_name_are_refused(name: str) -> None:
    with pytest.raises(DocumentTooComplex, match="DOCTYPE"):
        read_docx(with_member(resume(), name, LAUGHS.encode()))


def test_an_ordinary_resume_with_pictures_and_odd_members_is_read() -> None:
    data = with_member(resume(), "word/media/image1.png", b"\x89PNG\r\n\x1a\n" + bytes(2000))
    data = with_member(data, "customXml/item9.xml", b"<?xml version='1.0'?><Sources/>")
    # an HTML part imported whole (altChunk): its bare DOCTYPE declares nothing
    html = b"<!DOCTYPE html><html><body><p>Projects</p></body></html>"
    data = with_member(data, "word/afchunk.htm", html)
    assert "Jane Doe" in read_docx(data).text
