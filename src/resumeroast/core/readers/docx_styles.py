"""What Word styles say about a run or paragraph: hidden, white, tiny, or a list item.

Direct formatting wins over the run's character style, which wins over the paragraph
style, which wins over the document defaults; styles inherit through w:basedOn.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_TINY_HALF_POINTS = 4  #: w:sz counts half points: under 2 pt nobody reads it
_WHITE_LEVEL = 0xF0  #: every channel at least this bright counts as white
_MAX_STYLE_DEPTH = 20


@dataclass(frozen=True, slots=True)
class _RunLook:
    vanish: bool | None = None
    color: str | None = None
    half_points: int | None = None

    def over(self, base: _RunLook) -> _RunLook:
        return _RunLook(
            vanish=self.vanish if self.vanish is not None else base.vanish,
            color=self.color if self.color is not None else base.color,
            half_points=self.half_points if self.half_points is not None else base.half_points,
        )


class StyleIndex:
    def __init__(self, styles: etree._Element) -> None:
        self._styles = {style.get(_W + "styleId", ""): style for style in styles.iter(_W + "style")}
        defaults = styles.find(f"{_W}docDefaults/{_W}rPrDefault/{_W}rPr")
        self.defaults = _look(defaults)
        self._looks: dict[str, _RunLook] = {}
        self._lists: dict[str, bool] = {}

    def style_look(self, style_id: str | None) -> _RunLook:
        if not style_id:
            return _RunLook()
        if style_id not in self._looks:
            look = _RunLook()
            for style in self._chain(style_id):
                look = look.over(_look(style.find(_W + "rPr")))
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
    look = _look(run.find(_W + "rPr"))
    look = look.over(styles.style_look(_val(run.find(f"{_W}rPr/{_W}rStyle"))))
    look = look.over(styles.style_look(_val(paragraph.find(f"{_W}pPr/{_W}pStyle"))))
    look = look.over(styles.defaults)
    if look.vanish:
        return "invisible"
    if look.half_points is not None and look.half_points < _TINY_HALF_POINTS:
        return "tiny"
    if _is_white(look.color) and not _on_shading(run):
        return "white"
    return None


def _look(rpr: etree._Element | None) -> _RunLook:
    if rpr is None:
        return _RunLook()
    vanish = rpr.find(_W + "vanish")
    size = _val(rpr.find(_W + "sz"))
    return _RunLook(
        vanish=None if vanish is None else _on(vanish),
        color=_val(rpr.find(_W + "color")),
        half_points=int(size) if size and size.isdigit() else None,
    )


def _on_shading(run: etree._Element) -> bool:
    """Does a run, its paragraph or its table cell sit on a coloured background?"""
    highlight = _val(run.find(f"{_W}rPr/{_W}highlight"))
    if highlight and highlight not in ("none", "white"):
        return True
    node: etree._Element | None = run
    while node is not None:
        for shading in (
            node.find(f"{_W}rPr/{_W}shd"),
            node.find(f"{_W}pPr/{_W}shd"),
            node.find(f"{_W}tcPr/{_W}shd"),
        ):
            fill = shading.get(_W + "fill") if shading is not None else None
            if fill and fill.lower() != "auto" and not _is_white(fill):
                return True
        node = node.getparent()
    return False


def _is_white(color: str | None) -> bool:
    if not color or len(color) != 6:
        return False
    try:
        channels = [int(color[i : i + 2], 16) for i in (0, 2, 4)]
    except ValueError:
        return False
    return min(channels) >= _WHITE_LEVEL


def _val(element: etree._Element | None) -> str | None:
    return None if element is None else element.get(_W + "val")


def _on(element: etree._Element) -> bool:
    return element.get(_W + "val", "true").lower() not in ("0", "false", "off")
