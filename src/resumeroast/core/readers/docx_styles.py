"""What Word styles say about a run or paragraph: hidden, tiny, coloured like what is
behind it, or a list item.

Direct formatting wins over the run's character style, which wins over the paragraph
style, which wins over the document defaults; styles inherit through w:basedOn. White text
on a blue text box is a heading; white on white paper (or blue on that blue box) is hidden.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from resumeroast.core.readers.docx_colors import TableStyles, background
from resumeroast.core.readers.docx_palette import RGB, WHITE, Theme, run_colour

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TINY_HALF_POINTS = 4  #: w:sz counts half points: under 2 pt nobody reads it
_SAME_COLOUR = 0x14  #: text within this of its background on every channel cannot be read
_AUTO: RGB = (-1, -1, -1)  #: automatic colour: Word makes it contrast with the background
_MAX_STYLE_DEPTH = 20


@dataclass(frozen=True, slots=True)
class _RunLook:
    vanish: bool | None = None
    color: RGB | None = None
    half_points: int | None = None

    def over(self, base: _RunLook) -> _RunLook:
        return _RunLook(
            vanish=self.vanish if self.vanish is not None else base.vanish,
            color=self.color if self.color is not None else base.color,
            half_points=self.half_points if self.half_points is not None else base.half_points,
        )


class StyleIndex:
    def __init__(
        self, styles: etree._Element, theme: Theme | None = None, page: RGB | None = WHITE
    ) -> None:
        self.theme = theme or Theme(None)
        self.page = page
        self.tables = TableStyles(styles, self.theme)
        self._styles = {style.get(_W + "styleId", ""): style for style in styles.iter(_W + "style")}
        defaults = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        self.defaults = _look(defaults, self.theme)
        self._looks: dict[str, _RunLook] = {}
        self._lists: dict[str, bool] = {}

    def style_look(self, style_id: str | None) -> _RunLook:
        if not style_id:
            return _RunLook()
        if style_id not in self._looks:
            look = _RunLook()
            for style in self._chain(style_id):
                look = look.over(_look(style.find(_W + "rPr"), self.theme))
            self._looks[style_id] = look
        return self._looks[style_id]

    def is_list_item(self, paragraph: etree._Element) -> bool:
        num_id = paragraph.find(f"{_W}pPr/{_W}numPr/{_W}numId")
        if num_id is not None:
            return bool(num_id.get(_W + "val", "0") != "0")
        style_id = _val(paragraph.find(f"{_W}pPr/{_W}pStyle"))
        if not style_id:
            return False
        if style_id not in self._lists:
            self._lists[style_id] = any(
                style.find(f"{_W}pPr/{_W}numPr/{_W}numId") is not None
                for style in self._chain(style_id)
            )
        return self._lists[style_id]

    def _chain(self, style_id: str) -> list[etree._Element]:
        """The style and its ancestors, nearest first (cycles and deep chains cut off)."""
        chain: list[etree._Element] = []
        current: str | None = style_id
        while current and current in self._styles and len(chain) < _MAX_STYLE_DEPTH:
            style = self._styles[current]
            if any(style is seen for seen in chain):
                break
            chain.append(style)
            current = _val(style.find(_W + "basedOn"))
        return chain


def hidden_reason(run: etree._Element, paragraph: etree._Element, styles: StyleIndex) -> str | None:
    look = _look(run.find(_W + "rPr"), styles.theme)
    look = look.over(styles.style_look(_val(run.find(f"{_W}rPr/{_W}rStyle"))))
    look = look.over(styles.style_look(_val(paragraph.find(f"{_W}pPr/{_W}pStyle"))))
    look = look.over(styles.defaults)
    if look.vanish:
        return "invisible"
    if look.half_points is not None and look.half_points < _TINY_HALF_POINTS:
        return "tiny"
    if look.color is not None and look.color != _AUTO:
        behind = background(run, styles.theme, styles.page, styles.tables)
        if behind is not None and _same_colour(look.color, behind):
            return "white"
    return None


def _look(rpr: etree._Element | None, theme: Theme) -> _RunLook:
    if rpr is None:
        return _RunLook()
    vanish = rpr.find(_W + "vanish")
    size = _val(rpr.find(_W + "sz"))
    color = rpr.find(_W + "color")
    return _RunLook(
        vanish=None if vanish is None else _on(vanish),
        color=None if color is None else run_colour(color, theme) or _AUTO,
        half_points=int(size) if size and size.isdigit() else None,
    )


def _same_colour(text: RGB, behind: RGB) -> bool:
    return all(abs(a - b) <= _SAME_COLOUR for a, b in zip(text, behind, strict=True))


def _val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(_W + "val")


def _on(element: etree._Element) -> bool:
    return element.get(_W + "val", "true").lower() not in ("0", "false", "off")
