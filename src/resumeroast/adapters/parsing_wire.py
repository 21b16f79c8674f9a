"""What crosses the parse sandbox's pipes: frames and the Document as JSON.

JSON, not pickle: a child that a pdfium bug let an attacker take over must not be able to
run code in the parent, so every answer is data, checked field by field on the way in.
A frame is one line of JSON (the header, with the body's length) followed by the body.
"""

from __future__ import annotations

import base64
import binascii
import json
from typing import Any

from resumeroast.core.documents import (
    Box,
    Document,
    DocumentKind,
    HiddenText,
    LayoutFacts,
    Line,
    PageImage,
    Region,
)

MAX_HEADER_BYTES = 4096


def frame(header: dict[str, Any], body: bytes) -> bytes:
    return json.dumps({**header, "length": len(body)}).encode("ascii") + b"\n" + body


def document_to_json(document: Document) -> dict[str, Any]:
    layout = document.layout
    return {
        "kind": document.kind.value,
        "lines": [
            [
                line.number,
                line.text,
                line.page,
                None
                if line.box is None
                else [line.box.x0, line.box.top, line.box.x1, line.box.bottom],
                line.font_size,
                line.region.value,
            ]
            for line in document.lines
        ],
        "layout": {
            "pages": layout.pages,
            "columns": layout.columns,
            "column_pages": list(layout.column_pages),
            "image_only_pages": list(layout.image_only_pages),
            "unmappable_text_pages": list(layout.unmappable_text_pages),
            "hidden_text": [[h.text, h.page, h.reason] for h in layout.hidden_text],
            "tables": layout.tables,
            "text_boxes": layout.text_boxes,
            "text_box_share": layout.text_box_share,
            "scanned_pages": list(layout.scanned_pages),
            "ocr_pages": list(layout.ocr_pages),
            "page_sizes": [list(size) for size in layout.page_sizes],
        },
    }


def _box_json(box: Box | None) -> list[float] | None:
    return None if box is None else [box.x0, box.top, box.x1, box.bottom]


def document_from_json(value: Any) -> Document:
    """Rebuild a Document, checking every field's type (TypeError/ValueError if wrong)."""
    layout = value["layout"]
    return Document(
        kind=DocumentKind(_str(value["kind"])),
        lines=tuple(_line(item) for item in _list(value["lines"])),
        layout=LayoutFacts(
            pages=_int(layout["pages"]),
            columns=_int(layout["columns"]),
            column_pages=_ints(layout["column_pages"]),
            image_only_pages=_ints(layout["image_only_pages"]),
            unmappable_text_pages=_ints(layout["unmappable_text_pages"]),
            hidden_text=tuple(
                HiddenText(text=_str(text), page=_int(page), reason=_str(reason))
                for text, page, reason in _list(layout["hidden_text"])
            ),
            tables=_int(layout["tables"]),
            text_boxes=_int(layout["text_boxes"]),
            text_box_share=_share(layout["text_box_share"]),
            scanned_pages=_ints(layout["scanned_pages"]),
            ocr_pages=_ints(layout["ocr_pages"]),
            page_sizes=tuple(
                (_float(width), _float(height))
                for width, height in _list(layout.get("page_sizes", []))
            ),
        ),
    )


def pages_to_json(images: tuple[PageImage, ...]) -> list[dict[str, Any]]:
    return [
        {
            "page": image.page,
            "width": image.width,
            "height": image.height,
            "png": base64.b64encode(image.png).decode("ascii"),
        }
        for image in images
    ]


def pages_from_json(value: Any) -> tuple[PageImage, ...]:
    """Page images from the child, checked: a PNG each, of a sane size."""
    images = []
    for item in _list(value):
        if not isinstance(item, dict):
            raise TypeError("expected a page image object")
        try:
            png = base64.b64decode(_str(item["png"]), validate=True)
        except binascii.Error as exc:
            raise ValueError(f"a page image is not base64: {exc}") from exc
        if not png.startswith(b"\x89PNG\r\n\x1a\n"):
            raise ValueError("a page image is not a PNG")
        width, height = _int(item["width"]), _int(item["height"])
        if not (0 < width <= 4096 and 0 < height <= 8192):
            raise ValueError(f"a page image of {width}x{height} pixels")
        images.append(PageImage(page=_int(item["page"]), width=width, height=height, png=png))
    return tuple(images)


def _line(item: Any) -> Line:
    number, text, page, box, font_size, region = _list(item)
    return Line(
        number=_int(number),
        text=_str(text),
        page=_int(page),
        box=None if box is None else Box(*(_float(v) for v in _list(box)[:4])),
        font_size=None if font_size is None else _float(font_size),
        region=Region(_str(region)),
    )


def _list(value: Any) -> list[Any]:
    if not isinstance(value, list):
        raise TypeError(f"expected a list, got {type(value).__name__}")
    return value


def _int(value: Any) -> int:
    if not isinstance(value, int) or isinstance(value, bool):
        raise TypeError(f"expected an int, got {value!r}")
    return value


def _ints(value: Any) -> tuple[int, ...]:
    return tuple(_int(v) for v in _list(value))


def _float(value: Any) -> float:
    if not isinstance(value, int | float) or isinstance(value, bool):
        raise TypeError(f"expected a number, got {value!r}")
    return float(value)


def _share(value: Any) -> float:
    share = _float(value)
    if not 0.0 <= share <= 1.0:
        raise ValueError(f"expected a share between 0 and 1, got {share!r}")
    return share


def _str(value: Any) -> str:
    if not isinstance(value, str):
        raise TypeError(f"expected a string, got {type(value).__name__}")
    return value
