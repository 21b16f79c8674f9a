"""Write small PDFs by hand, so each test states exactly what is on the page.

`text(...)` returns a content-stream snippet; `build_pdf(pages)` wraps the snippets in a
valid file (catalog, page tree, Helvetica, an optional image and a font whose characters
map to the private use area, and a correct cross-reference table).
"""

from __future__ import annotations

import zlib
from dataclasses import dataclass, field

_PUA_CMAP = b"""/CIDInit /ProcSet findresource begin
12 dict begin
begincmap
/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def
/CMapName /Adobe-Identity-UCS def
/CMapType 2 def
1 begincodespacerange
<00> <FF>
endcodespacerange
1 beginbfrange
<20> <7E> <E020>
endbfrange
endcmap
CMapName currentdict /CMap defineresource pop
end
end"""


@dataclass
class Page:
    content: str
    media_box: tuple[float, float, float, float] = (0, 0, 612, 792)
    crop_box: tuple[float, float, float, float] | None = None
    rotate: int = 0
    extra: dict[str, str] = field(default_factory=dict)


def text(
    words: str,
    x: float,
    y: float,
    *,
    size: float = 11,
    rgb: tuple[float, float, float] = (0, 0, 0),
    mode: int = 0,
    font: str = "F1",
    scale_x: float = 100,
    matrix: tuple[float, float, float, float] | None = None,
) -> str:
    """One line of text with its baseline starting at (x, y), PDF coordinates."""
    escaped = words.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
    a, b, c, d = matrix or (1, 0, 0, 1)
    return (
        f"BT /{font} {size} Tf {rgb[0]} {rgb[1]} {rgb[2]} rg {mode} Tr {scale_x} Tz "
        f"{a} {b} {c} {d} {x} {y} Tm ({escaped}) Tj ET\n"
    )


def lines(rows: list[str], x: float, top_y: float, *, size: float = 11, leading: float = 14) -> str:
    return "".join(text(row, x, top_y - i * leading, size=size) for i, row in enumerate(rows))


def rectangle(x: float, y: float, width: float, height: float, gray: float) -> str:
    return f"{gray} g {x} {y} {width} {height} re f\n"


def image(x: float, y: float, width: float, height: float) -> str:
    return f"q {width} 0 0 {height} {x} {y} cm /Im1 Do Q\n"


@dataclass(frozen=True)
class Picture:
    """A grey image for /Im1: `width` × `height` bytes, one per pixel, rows top first."""

    width: int
    height: int
    pixels: bytes


def build_pdf(pages: list[Page], picture: Picture | None = None) -> bytes:
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below, once the page tree's number is known
    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    cmap = add(_stream(_PUA_CMAP))
    pua_font = add(
        f"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /ToUnicode {cmap} 0 R >>".encode()
    )
    image_object = add(_image(picture or Picture(2, 2, b"\x00\x80\x80\x00")))
    resources = (
        f"<< /Font << /F1 {font} 0 R /F2 {pua_font} 0 R >> "
        f"/XObject << /Im1 {image_object} 0 R >> >>"
    )
    tree = add(b"")
    kids: list[int] = []
    for page in pages:
        contents = add(_stream(page.content.encode("latin-1")))
        entries = {
            "Type": "/Page",
            "Parent": f"{tree} 0 R",
            "MediaBox": _array(page.media_box),
            "Resources": resources,
            "Contents": f"{contents} 0 R",
            "Rotate": str(page.rotate),
            **({"CropBox": _array(page.crop_box)} if page.crop_box else {}),
            **page.extra,
        }
        kids.append(
            add(("<< " + " ".join(f"/{k} {v}" for k, v in entries.items()) + " >>").encode())
        )
    kid_refs = " ".join(f"{kid} 0 R" for kid in kids)
    objects[tree - 1] = f"<< /Type /Pages /Kids [{kid_refs}] /Count {len(kids)} >>".encode()
    objects[catalog - 1] = f"<< /Type /Catalog /Pages {tree} 0 R >>".encode()
    return _serialise(objects, root=catalog)


def _image(picture: Picture) -> bytes:
    packed = zlib.compress(picture.pixels)
    head = (
        f"<< /Type /XObject /Subtype /Image /Width {picture.width} /Height {picture.height} "
        f"/ColorSpace /DeviceGray /BitsPerComponent 8 /Filter /FlateDecode /Length {len(packed)} >>"
    )
    return head.encode() + b"\nstream\n" + packed + b"\nendstream"


def _stream(data: bytes) -> bytes:
    return b"<< /Length %d >>\nstream\n" % len(data) + data + b"\nendstream"


def _array(values: tuple[float, ...]) -> str:
    return "[" + " ".join(f"{v:g}" for v in values) + "]"


def _serialise(objects: list[bytes], *, root: int) -> bytes:
    out = bytearray(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root %d 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1,
        root,
        xref,
    )
    return bytes(out)
