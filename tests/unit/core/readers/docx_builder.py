"""Word documents made in the test with python-docx, plus raw XML where it has no API."""

from __future__ import annotations

import io
import zipfile

import docx
from docx.document import Document as WordDocument
from docx.oxml import parse_xml

W_NS = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
MC_NS = 'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
V_NS = 'xmlns:v="urn:schemas-microsoft-com:vml"'


def new_document() -> WordDocument:
    return docx.Document()


def save(document: WordDocument) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def append_xml(document: WordDocument, xml: str) -> None:
    """Insert block-level XML before the body's final section properties."""
    body = document.element.body
    body.insert(len(body) - 1, parse_xml(xml))


def text_box_paragraph(anchor_text: str, box_text: str) -> str:
    """A paragraph with a text box, written twice (DrawingML choice, VML fallback) as Word
    does; a reader must take it once."""
    box = f"<w:txbxContent><w:p><w:r><w:t>{box_text}</w:t></w:r></w:p></w:txbxContent>"
    return (
        f"<w:p {W_NS} {MC_NS} {V_NS}><w:r><w:t>{anchor_text}</w:t></w:r><w:r>"
        f'<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing>{box}</w:drawing></mc:Choice>'
        f"<mc:Fallback><w:pict><v:textbox>{box}</v:textbox></w:pict></mc:Fallback>"
        f"</mc:AlternateContent></w:r></w:p>"
    )


def content_control(text: str) -> str:
    return (
        f"<w:sdt {W_NS}><w:sdtPr/><w:sdtContent><w:p><w:r><w:t>{text}</w:t></w:r></w:p>"
        f"</w:sdtContent></w:sdt>"
    )


def replace_member(data: bytes, name: str, content: bytes) -> bytes:
    """The same archive with one member's bytes swapped."""
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            body = content if info.filename == name else source.read(info)
            target.writestr(info, body, compress_type=zipfile.ZIP_DEFLATED)
    return out.getvalue()
