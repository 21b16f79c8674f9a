"""What a PDF page paints besides text, in paint order: images and opaque filled shapes.

A reader sees the last thing painted at each spot. Text painted before an opaque shape that
covers it is hidden (an edited PDF keeps its old text under a white box, with the new text
drawn on top); text the colour of the shape painted under it is a suspect the rendered
page confirms; white text on a blue banner is visible.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

Box = tuple[float, ...]  #: x0, top, x1, bottom on the displayed page
RGB = tuple[int, int, int]

_MAX_FORM_OBJECTS = 2000  #: objects inspected inside form XObjects, per page
_MAX_FORM_DEPTH = 6
_MAX_FILLS = 400  #: the largest opaque shapes kept per page (a chart has thousands)
_MIN_FILL_SIDE = 3.0  #: points; rules and bullets cover no text
_OPAQUE = 250
_EDGE = 1.0  #: points a glyph may stick out of the shape that covers it
_INVISIBLE_MODES = (pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE, pdfium_c.FPDF_TEXTRENDERMODE_CLIP)
_STROKE_MODES = (pdfium_c.FPDF_TEXTRENDERMODE_STROKE, pdfium_c.FPDF_TEXTRENDERMODE_STROKE_CLIP)


@dataclass(frozen=True, slots=True)
class Fill:
    order: int  #: position among the page's objects: later paints over earlier
    box: Box
    rgb: RGB


@dataclass(slots=True)
class PaintSurvey:
    image_areas: list[Box] = field(default_factory=list)
    fills: list[Fill] = field(default_factory=list)
    special_modes: bool = False  #: text drawn invisible or stroked somewhere on the page
    paths: int = 0  #: vector shapes drawn (text turned into outlines is thousands of them)
    text_order: dict[int, int] = field(default_factory=dict)  #: text object address → order

    def order_of(self, text_object: object) -> int | None:
        address = object_address(text_object)
        return None if address is None else self.text_order.get(address)

    def covered(self, box: Box, order: int) -> bool:
        """Does an opaque shape painted later lie over the whole glyph?"""
        return any(fill.order > order and _contains(fill.box, box) for fill in self.fills)

    def behind(self, box: Box, order: int) -> RGB | None:
        """The colour of the last opaque shape painted under the glyph (None: the page)."""
        under = [f for f in self.fills if f.order < order and _contains(f.box, box)]
        return max(under, key=lambda f: f.order).rgb if under else None


def object_address(obj: object) -> int | None:
    """A pdfium object's address: the same object reached two ways compares equal."""
    if not obj:
        return None
    return ctypes.cast(obj, ctypes.c_void_p).value  # type: ignore[arg-type]


def survey_page(page: pdfium.PdfPage, to_view: Callable[..., Box]) -> PaintSurvey:
    """Images (a form XObject holding an image counts as one), opaque filled shapes and
    the paint order of text objects, from the page's top-level objects."""
    survey = PaintSurvey()
    budget = [_MAX_FORM_OBJECTS]
    special = [False]
    for index in range(max(pdfium_c.FPDFPage_CountObjects(page.raw), 0)):
        obj = pdfium_c.FPDFPage_GetObject(page.raw, index)
        kind = _kind(obj, special)
        if kind == pdfium_c.FPDF_PAGEOBJ_TEXT:
            address = object_address(obj)
            if address is not None:
                survey.text_order[address] = index
        elif kind == pdfium_c.FPDF_PAGEOBJ_PATH:
            survey.paths += 1
            _add_fill(obj, index, to_view, survey)
        elif kind == pdfium_c.FPDF_PAGEOBJ_IMAGE or (
            kind == pdfium_c.FPDF_PAGEOBJ_FORM and _form_has_image(obj, 1, budget, special)
        ):
            bounds = _bounds(obj)
            if bounds is not None:
                survey.image_areas.append(to_view(*bounds))
    survey.fills.sort(key=_area, reverse=True)
    del survey.fills[_MAX_FILLS:]
    survey.special_modes = special[0] or budget[0] < 0
    return survey


def _add_fill(obj: object, order: int, to_view: Callable[..., Box], survey: PaintSurvey) -> None:
    fill_mode, stroke = ctypes.c_int(), ctypes.c_int()
    if not pdfium_c.FPDFPath_GetDrawMode(obj, fill_mode, stroke) or fill_mode.value == 0:
        return
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetFillColor(obj, red, green, blue, alpha):
        return
    if alpha.value < _OPAQUE:
        return
    bounds = _bounds(obj)
    if bounds is None:
        return
    clip = _clip_bounds(obj)
    if clip is not None:  # a page-sized white box clipped to the header covers the header only
        bounds = (
            max(bounds[0], clip[0]),
            max(bounds[1], clip[1]),
            min(bounds[2], clip[2]),
            min(bounds[3], clip[3]),
        )
    if bounds[2] <= bounds[0] or bounds[3] <= bounds[1]:
        return
    box = to_view(*bounds)
    if box[2] - box[0] >= _MIN_FILL_SIDE and box[3] - box[1] >= _MIN_FILL_SIDE:
        survey.fills.append(Fill(order, box, (red.value, green.value, blue.value)))


def _clip_bounds(obj: object) -> tuple[float, float, float, float] | None:
    """The box of the object's clip path (all its paths intersected), in page space."""
    clip = pdfium_c.FPDFPageObj_GetClipPath(obj)
    paths = pdfium_c.FPDFClipPath_CountPaths(clip) if clip else -1
    box: tuple[float, float, float, float] | None = None
    x, y = ctypes.c_float(), ctypes.c_float()
    for path in range(max(paths, 0)):
        xs: list[float] = []
        ys: list[float] = []
        for index in range(max(pdfium_c.FPDFClipPath_CountPathSegments(clip, path), 0)):
            segment = pdfium_c.FPDFClipPath_GetPathSegment(clip, path, index)
            if segment and pdfium_c.FPDFPathSegment_GetPoint(segment, x, y):
                xs.append(x.value)
                ys.append(y.value)
        if xs:
            here = (min(xs), min(ys), max(xs), max(ys))
            box = (
                here
                if box is None
                else (
                    max(box[0], here[0]),
                    max(box[1], here[1]),
                    min(box[2], here[2]),
                    min(box[3], here[3]),
                )
            )
    return box


def _contains(outer: Box, inner: Box) -> bool:
    return (
        outer[0] - _EDGE <= inner[0]
        and outer[1] - _EDGE <= inner[1]
        and inner[2] <= outer[2] + _EDGE
        and inner[3] <= outer[3] + _EDGE
    )


def _area(fill: Fill) -> float:
    return (fill.box[2] - fill.box[0]) * (fill.box[3] - fill.box[1])


def _kind(obj: object, special: list[bool]) -> int:
    if not obj:
        return int(pdfium_c.FPDF_PAGEOBJ_UNKNOWN)
    kind = int(pdfium_c.FPDFPageObj_GetType(obj))
    if kind == pdfium_c.FPDF_PAGEOBJ_TEXT and not special[0]:
        mode = pdfium_c.FPDFTextObj_GetTextRenderMode(obj)
        special[0] = mode in _INVISIBLE_MODES or mode in _STROKE_MODES
    return kind


def _form_has_image(form: object, depth: int, budget: list[int], special: list[bool]) -> bool:
    if depth > _MAX_FORM_DEPTH:
        return False
    found = False
    for index in range(max(pdfium_c.FPDFFormObj_CountObjects(form), 0)):
        budget[0] -= 1
        if budget[0] < 0:
            return found
        obj = pdfium_c.FPDFFormObj_GetObject(form, index)
        kind = _kind(obj, special)
        if kind == pdfium_c.FPDF_PAGEOBJ_IMAGE:
            found = True
        elif kind == pdfium_c.FPDF_PAGEOBJ_FORM:
            found = _form_has_image(obj, depth + 1, budget, special) or found
    return found


def _bounds(obj: object) -> tuple[float, float, float, float] | None:
    left, bottom, right, top = (ctypes.c_float() for _ in range(4))
    if not pdfium_c.FPDFPageObj_GetBounds(obj, left, bottom, right, top):
        return None
    return left.value, bottom.value, right.value, top.value
