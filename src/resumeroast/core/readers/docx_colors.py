"""What colour Word paints text and what it paints behind it, as RGB triples.

Text colour is the run's w:color (its theme colour first, resolved through the document's
theme, with Word's tint and shade). The background is the nearest fill under the run: the
run's highlight or shading, the paragraph's shading, the table cell's shading, the fill of
the text box or shape holding it (DrawingML wps:spPr or its style's fill reference, VML
fillcolor / v:fill), then the page colour (w:background), else white paper. What shows
through a see-through floating box, or over a shape laid behind the text, is unknown: such
text is never called hidden. The colour values themselves (theme, tint, shade) are in
docx_palette.py.
"""

from __future__ import annotations

from lxml import etree

from resumeroast.core.readers.docx_palette import (
    HIGHLIGHTS,
    RGB,
    VML_NAMES,
    WHITE,
    Theme,
    drawing_colour,
    hex_colour,
    tint_shade,
)

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
_WPS = "{http://schemas.microsoft.com/office/word/2010/wordprocessingShape}"
_V = "{urn:schemas-microsoft-com:vml}"
_WP = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}"


class TableStyles:
    """Cell fills a table style gives: the whole table's, and its header row's."""

    def __init__(self, styles: etree._Element | None, theme: Theme) -> None:
        found = () if styles is None else styles.iter(_W + "style")
        self._styles = {
            s.get(_W + "styleId", ""): s for s in found if s.get(_W + "type") == "table"
        }
        self._theme = theme

    def fill(self, cell: etree._Element) -> RGB | None | str:
        row = cell.getparent()
        table = row.getparent() if row is not None else None
        if table is None or table.tag != _W + "tbl":
            return "none"
        style = self._styles.get(_val(table.find(f"{_W}tblPr/{_W}tblStyle")) or "")
        if style is None:
            return "none"
        if row is table.find(_W + "tr") and _header_row_on(table):
            for part in style.iterfind(_W + "tblStylePr"):
                if part.get(_W + "type") == "firstRow":
                    fill = _shading(part.find(f"{_W}tcPr/{_W}shd"), self._theme)
                    if fill != "none":
                        return fill
        return _shading(style.find(f"{_W}tcPr/{_W}shd"), self._theme)


def _header_row_on(table: etree._Element) -> bool:
    look = table.find(f"{_W}tblPr/{_W}tblLook")
    if look is None:
        return True
    flag = look.get(_W + "firstRow")
    if flag is not None:
        return flag not in ("0", "false", "off")
    return bool(int(look.get(_W + "val", "0020"), 16) & 0x0020)


def background(
    run: etree._Element, theme: Theme, page: RGB | None, tables: TableStyles | None = None
) -> RGB | None:
    """The colour painted behind a run; None when it is a picture or gradient we cannot
    judge (text on a picture is taken as seen)."""
    highlight = _val(run.find(f"{_W}rPr/{_W}highlight"))
    if highlight and highlight != "none":
        return HIGHLIGHTS.get(highlight)
    node: etree._Element | None = run
    while node is not None:
        fill = _own_fill(node, theme)
        if fill == "none" and node.tag == _W + "tc" and tables is not None:
            fill = tables.fill(node)
        if not isinstance(fill, str):
            return fill
        if _floating_shape(node):
            return None  # a see-through box over a banner, a picture or another shape
        node = node.getparent()
    return page


def _floating_shape(node: etree._Element) -> bool:
    """A shape with no fill of its own that floats over the page (anchored DrawingML, or
    VML): what shows through it is drawn elsewhere, so nobody can say it is paper."""
    if node.tag.startswith(_V) and node.tag != _V + "textbox":
        return True
    if node.tag != _WPS + "wsp":
        return False
    parent = node.getparent()
    while parent is not None and parent.tag != _W + "drawing":
        if parent.tag == _WP + "anchor":
            return True
        parent = parent.getparent()
    return False


def page_colour(parts: list[etree._Element], theme: Theme) -> RGB | None:
    """What lies under the text flow: None when a shape or picture is laid behind the text
    (a template's coloured banner), else w:background or paper white. (w:background shows
    only when Word's display-background setting is on, but an exported PDF shows it.)"""
    for part in parts:
        for anchor in part.iter(_WP + "anchor"):
            if anchor.get("behindDoc", "0").lower() in ("1", "true", "on"):
                return None
    fill = parts[0].find(_W + "background")
    if fill is None:
        return WHITE
    themed = theme.named(fill.get(_W + "themeColor"))
    return themed or hex_colour(fill.get(_W + "color")) or WHITE


def _own_fill(node: etree._Element, theme: Theme) -> RGB | None | str:
    """This element's own fill: a colour, None (cannot judge), or "none" (transparent)."""
    tag = node.tag
    if tag == _W + "r":
        return _shading(node.find(f"{_W}rPr/{_W}shd"), theme)
    if tag == _W + "p":
        return _shading(node.find(f"{_W}pPr/{_W}shd"), theme)
    if tag == _W + "tc":
        return _shading(node.find(f"{_W}tcPr/{_W}shd"), theme)
    if tag == _WPS + "wsp":
        return _shape_fill(node, theme)
    if tag.startswith(_V) and tag != _V + "textbox":
        return _vml_fill(node)
    return "none"


def _shading(shading: etree._Element | None, theme: Theme) -> RGB | str:
    if shading is None:
        return "none"
    themed = theme.named(shading.get(_W + "themeFill"))
    if themed is not None:
        tint, shade = shading.get(_W + "themeFillTint"), shading.get(_W + "themeFillShade")
        return tint_shade(themed, tint, shade)
    fill = shading.get(_W + "fill", "auto")
    if fill.lower() == "auto":
        return "none"
    return hex_colour(fill) or "none"


def _shape_fill(shape: etree._Element, theme: Theme) -> RGB | None | str:
    properties = shape.find(_WPS + "spPr")
    for child in properties if properties is not None else ():
        if child.tag == _A + "noFill":
            return "none"
        if child.tag == _A + "solidFill":
            return drawing_colour(child, theme)
        if child.tag in (_A + "gradFill", _A + "blipFill", _A + "pattFill"):
            return None
    reference = shape.find(f"{_WPS}style/{_A}fillRef")
    if reference is not None and reference.get("idx", "0") != "0":
        return drawing_colour(reference, theme)
    return "none"


def _vml_fill(shape: etree._Element) -> RGB | None | str:
    fill = shape.find(_V + "fill")
    if shape.get("filled", "t").lower() in ("f", "false") or (
        fill is not None and fill.get("on", "t").lower() in ("f", "false")
    ):
        return "none"
    if fill is not None and fill.get("type", "solid") != "solid":
        return None
    value = (fill.get("color") if fill is not None else None) or shape.get("fillcolor")
    if not value:
        return "none"
    value = value.split()[0].lstrip("#").lower()
    if value in VML_NAMES:
        return VML_NAMES[value]
    return hex_colour(value) or None


def _val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(_W + "val")
