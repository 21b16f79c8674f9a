"""One PDF page through pdfium: every character with its box, size, colour and whether a
reader of the printed page could see it.

Hidden text (prompt injection, keyword stuffing) is what a parser reads and a human does
not: render mode "invisible" with no scanned image under it, transparent fill, glyphs
under 2 pt, glyphs outside the page's crop box, glyphs under an opaque shape painted after
them (`pdf_paint`). Two kinds are only suspects until the page is rendered: text the colour
of what is painted under it (white on paper, blue on a blue box), hidden only where the
rendered page shows nothing (white on a dark banner is visible), and text squeezed to no
width (horizontal scaling), hidden unless it sits on visible ink (LaTeX templates tuck
hyperlink targets under their visible link text that way).
"""

from __future__ import annotations

import ctypes
import math
from dataclasses import dataclass, field

import pypdfium2 as pdfium
import pypdfium2.raw as pdfium_c

from resumeroast.core.readers.layout import Glyph, is_squeezed
from resumeroast.core.readers.pdf_ink import glyph_contrasts
from resumeroast.core.readers.pdf_paint import RGB, PaintSurvey, object_address, survey_page
from resumeroast.errors import DocumentTooComplex

TINY_TEXT_PT = 2.0  #: text smaller than this is unreadable on paper
_WHITE_LEVEL = 235  #: every channel at least this bright counts as white
_OUTLINE_MIN_PATHS = 20  #: fewer shapes than this are rules and boxes, not lettering
_SAME_COLOUR = 20  #: text within this of its background on every channel is a suspect
_TRANSPARENT_ALPHA = 16
_VISIBLE_CONTRAST = 40  #: grey levels between the lightest and darkest pixel of a glyph box
_MAX_CHARS_PER_PAGE = 50_000  #: a dense resume page has under 10 000
_MAX_SQUEEZED_SHARE = 0.3
_INVISIBLE_MODES = (pdfium_c.FPDF_TEXTRENDERMODE_INVISIBLE, pdfium_c.FPDF_TEXTRENDERMODE_CLIP)
_STROKE_MODES = (pdfium_c.FPDF_TEXTRENDERMODE_STROKE, pdfium_c.FPDF_TEXTRENDERMODE_STROKE_CLIP)
_PDFIUM_HYPHEN = 0x02  #: pdfium reports a hyphen it found at a line end as U+0002
_HYPHENS = frozenset("-\u2010\u2011")


@dataclass(slots=True)
class PageScan:
    number: int
    width: float
    height: float
    glyphs: list[Glyph] = field(default_factory=list)  #: visible, upright
    sideways: list[list[Glyph]] = field(default_factory=list)  #: rotated runs, content order
    hidden: list[tuple[Glyph, str]] = field(default_factory=list)
    has_images: bool = False
    has_drawings: bool = False  #: vector shapes (a design tool's text flattened to outlines)
    ocr_glyphs: int = 0  #: visible only as a scanned image under an invisible text layer
    chars: int = 0
    unmappable: int = 0


@dataclass(frozen=True, slots=True)
class _View:
    """PDF user space → displayed page, origin top-left, honouring /Rotate."""

    left: float
    bottom: float
    right: float
    top: float
    rotation: int

    @property
    def size(self) -> tuple[float, float]:
        width, height = self.right - self.left, self.top - self.bottom
        return (height, width) if self.rotation in (90, 270) else (width, height)

    def point(self, x: float, y: float) -> tuple[float, float]:
        if self.rotation == 90:
            return y - self.bottom, x - self.left
        if self.rotation == 180:
            return self.right - x, y - self.bottom
        if self.rotation == 270:
            return self.top - y, self.right - x
        return x - self.left, self.top - y

    def box(self, left: float, bottom: float, right: float, top: float) -> tuple[float, ...]:
        xa, ya = self.point(left, bottom)
        xb, yb = self.point(right, top)
        return min(xa, xb), min(ya, yb), max(xa, xb), max(ya, yb)


@dataclass(slots=True)
class _Char:
    glyph: Glyph
    mode: int
    rgba: tuple[int, int, int, int]
    upright: bool
    break_before: bool
    order: int | None  #: paint order of its text object (None: inside a form XObject)


def scan_page(page: pdfium.PdfPage, number: int) -> PageScan:
    left, bottom, right, top = page.get_bbox()
    view = _View(left, bottom, right, top, page.get_rotation() % 360)
    width, height = view.size
    scan = PageScan(number=number, width=width, height=height)
    survey = survey_page(page, view.box)
    scan.has_images = bool(survey.image_areas)
    scan.has_drawings = survey.paths >= _OUTLINE_MIN_PATHS
    textpage = page.get_textpage()
    try:
        chars = list(_read_chars(textpage, view, scan, survey))
    finally:
        textpage.close()
    visible, suspects = _classify(chars, scan, survey)
    squeezed = [char for char in visible if is_squeezed(char.glyph)]
    if squeezed and len(squeezed) <= _MAX_SQUEEZED_SHARE * len(visible):
        # (Most of a page squeezed means the font's widths are broken: nothing is hidden.)
        visible = [char for char in visible if not is_squeezed(char.glyph)]
        suspects.extend((char, "tiny") for char in squeezed)
    if suspects:
        visible.extend(_confirm_hidden(page, suspects, scan))
    _place_visible(sorted(visible, key=lambda c: c.glyph.index), scan)
    return scan


def _classify(
    chars: list[_Char], scan: PageScan, survey: PaintSurvey
) -> tuple[list[_Char], list[tuple[_Char, str]]]:
    """Visible characters and suspects; plainly hidden ones go straight to scan.hidden."""
    suspects: list[tuple[_Char, str]] = []
    visible: list[_Char] = []
    for char in chars:
        reason = _hidden_reason(char, scan.width, scan.height, survey.image_areas)
        if reason in (None, "white") and char.order is not None:
            reason = _painted_reason(char, char.order, survey) or reason
        if reason == "ocr":
            scan.ocr_glyphs += 1
            visible.append(char)
        elif reason == "white":
            suspects.append((char, reason))
        elif reason is not None:
            scan.hidden.append((char.glyph, reason))
        else:
            visible.append(char)
    return visible, suspects


def _place_visible(visible: list[_Char], scan: PageScan) -> None:
    for char in visible:
        if char.upright:
            scan.glyphs.append(char.glyph)
        elif char.break_before or not scan.sideways:
            scan.sideways.append([char.glyph])
        else:
            scan.sideways[-1].append(char.glyph)


def _read_chars(
    textpage: pdfium.PdfTextPage, view: _View, scan: PageScan, survey: PaintSurvey
) -> list[_Char]:
    """Every non-space character with its geometry and paint. Render modes are looked up
    per character only when the page has text that is not simply filled."""
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    if count > _MAX_CHARS_PER_PAGE:
        raise DocumentTooComplex(f"page {scan.number} has {count} characters")
    rect = pdfium_c.FS_RECTF()
    matrix = pdfium_c.FS_MATRIX()
    origin_x, origin_y = ctypes.c_double(), ctypes.c_double()
    red, green, blue, alpha = (ctypes.c_uint() for _ in range(4))
    modes: dict[int | None, int] = {}
    chars: list[_Char] = []
    space_before = break_before = False
    last_box: tuple[float, ...] = ()
    for index in range(max(count, 0)):
        code = pdfium_c.FPDFText_GetUnicode(raw, index)
        if code in (0x0A, 0x0D):
            space_before = break_before = True
            continue
        if pdfium_c.FPDFText_IsGenerated(raw, index) or 0 < code < 0x110000 and chr(code).isspace():
            space_before = True
            continue
        scan.chars += 1
        text = _char_text(raw, index, code, scan)
        if not pdfium_c.FPDFText_GetLooseCharBox(raw, index, rect):
            continue
        box = (rect.left, rect.bottom, rect.right, rect.top)
        if text in _HYPHENS and chars and chars[-1].glyph.text in _HYPHENS and box == last_box:
            continue  # one dash glyph mapped to several dash characters ("-\xad‐")
        last_box = box
        pdfium_c.FPDFText_GetMatrix(raw, index, matrix)
        pdfium_c.FPDFText_GetCharOrigin(raw, index, origin_x, origin_y)
        scale = math.sqrt(abs(matrix.a * matrix.d - matrix.b * matrix.c))
        size = abs(pdfium_c.FPDFText_GetFontSize(raw, index)) * scale
        x0, top, x1, bottom = view.box(rect.left, rect.bottom, rect.right, rect.top)
        _, baseline = view.point(origin_x.value, origin_y.value)
        text_object = pdfium_c.FPDFText_GetTextObject(raw, index)
        mode = _render_mode(text_object, modes) if survey.special_modes else 0
        color_of = pdfium_c.FPDFText_GetStrokeColor if mode in _STROKE_MODES else None
        (color_of or pdfium_c.FPDFText_GetFillColor)(raw, index, red, green, blue, alpha)
        angle = math.degrees(math.atan2(matrix.b, matrix.a)) % 360
        glyph = Glyph(text, x0, top, x1, bottom, baseline, size, space_before, index)
        rgba = (red.value, green.value, blue.value, alpha.value)
        upright = _same_angle(angle, view.rotation)
        order = survey.order_of(text_object)
        chars.append(_Char(glyph, mode, rgba, upright, break_before, order))
        space_before = break_before = False
    return chars


def _char_text(raw: object, index: int, code: int, scan: PageScan) -> str:
    if code == _PDFIUM_HYPHEN and pdfium_c.FPDFText_IsHyphen(raw, index) or code == 0xAD:
        return "-"  # a drawn soft hyphen is a visible hyphen
    unmappable = (
        code == 0
        or code == 0xFFFD
        or code < 0x20
        or 0xD800 <= code <= 0xDFFF
        or 0xE000 <= code <= 0xF8FF
        or code > 0x10FFFF
        or bool(pdfium_c.FPDFText_HasUnicodeMapError(raw, index))
    )
    if unmappable:
        scan.unmappable += 1
    if code == 0 or code < 0x20 or 0xD800 <= code <= 0xDFFF or code > 0x10FFFF:
        return "\ufffd"
    return chr(code)


def _render_mode(obj: object, cache: dict[int | None, int]) -> int:
    key = object_address(obj)
    if key not in cache:
        cache[key] = int(pdfium_c.FPDFTextObj_GetTextRenderMode(obj)) if obj else 0
    return cache[key]


def _same_angle(angle: float, rotation: int) -> bool:
    difference = abs((angle - rotation + 180) % 360 - 180)
    return difference < 10


def _hidden_reason(
    char: _Char, width: float, height: float, image_areas: list[tuple[float, ...]]
) -> str | None:
    glyph = char.glyph
    if glyph.x1 <= 0 or glyph.x0 >= width or glyph.bottom <= 0 or glyph.top >= height:
        return "off_page"
    if char.mode in _INVISIBLE_MODES:
        return "ocr" if _inside_any(glyph, image_areas) else "invisible"
    if char.rgba[3] < _TRANSPARENT_ALPHA:
        return "invisible"
    if glyph.size < TINY_TEXT_PT:
        return "tiny"
    if min(char.rgba[:3]) >= _WHITE_LEVEL:
        return "white"
    return None


def _painted_reason(char: _Char, order: int, survey: PaintSurvey) -> str | None:
    """Covered by a shape painted over it, or the colour of the shape painted under it."""
    box = (char.glyph.x0, char.glyph.top, char.glyph.x1, char.glyph.bottom)
    if survey.covered(box, order):
        return "covered"
    behind = survey.behind(box, order)
    if behind is not None and _same_colour(char.rgba[:3], behind):
        return "white"
    return None


def _same_colour(text: tuple[int, ...], behind: RGB) -> bool:
    return all(abs(a - b) <= _SAME_COLOUR for a, b in zip(text, behind, strict=True))


def _inside_any(glyph: Glyph, areas: list[tuple[float, ...]]) -> bool:
    x = (glyph.x0 + glyph.x1) / 2
    y = (glyph.top + glyph.bottom) / 2
    return any(x0 <= x <= x1 and top <= y <= bottom for x0, top, x1, bottom in areas)


def _confirm_hidden(
    page: pdfium.PdfPage, suspects: list[tuple[_Char, str]], scan: PageScan
) -> list[_Char]:
    """Render the page and look where each suspect glyph sits: white text on a dark banner
    shows, white on white does not; a squeezed hyperlink target over the visible link text
    is not hiding anything. Returns the suspects that turn out visible."""
    glyphs = [char.glyph for char, _ in suspects]
    contrasts = glyph_contrasts(page, glyphs, scan.width, scan.height)
    shown: list[_Char] = []
    for (char, reason), contrast in zip(suspects, contrasts, strict=True):
        if contrast >= _VISIBLE_CONTRAST:
            shown.append(char)
        else:
            scan.hidden.append((char.glyph, reason))
    return shown
