"""Hostile documents made on the fly: a zip-bomb DOCX and a PDF that keeps a parser busy."""

from __future__ import annotations

import io
import os
import zipfile
import zlib


def zip_bomb_docx(expanded_mb: int = 200) -> bytes:
    """A valid-looking DOCX whose document.xml expands to hundreds of MB."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types/>')
        body = b"<w:t>" + b"A" * (expanded_mb * 2**20) + b"</w:t>"
        archive.writestr("word/document.xml", body)
    return buffer.getvalue()


def slow_pdf(operations: int = 3_000_000, *, padding_bytes: int = 0) -> bytes:
    """A one-page PDF whose compressed content stream draws millions of text runs;
    `padding_bytes` of incompressible data in an unused stream make the upload that large."""
    stream = zlib.compress(b"BT /F1 1 Tf " + b"1 0 0 1 10 10 Tm (x) Tj " * operations + b"ET", 9)
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    if padding_bytes:
        padding = os.urandom(padding_bytes)
        objects.append(b"<< /Length %d >>\nstream\n" % len(padding) + padding + b"\nendstream")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n" % number + body + b"\nendobj\n")
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()
