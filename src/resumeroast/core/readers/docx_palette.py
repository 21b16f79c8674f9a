"""Colours as Word writes them, as RGB triples: hex values, the document's theme slots with
Word's tint and shade, DrawingML's luminance modifiers, and the named highlight and VML colours.
What is painted where is in docx_colors.py."""

from __future__ import annotations

import colorsys

from lxml import etree

RGB = tuple[int, int, int]

WHITE: RGB = (255, 255, 255)
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_A = "{http://schemas.openxmlformats.org/drawingml/2006/main}"
#: Word's theme colour names (w:themeColor, a:schemeClr) → the theme's colour slots.
_THEME_SLOTS = {
    "dark1": "dk1",
    "light1": "lt1",
    "dark2": "dk2",
    "light2": "lt2",
    "text1": "dk1",
    "background1": "lt1",
    "text2": "dk2",
    "background2": "lt2",
    "tx1": "dk1",
    "bg1": "lt1",
    "tx2": "dk2",
    "bg2": "lt2",
    "hyperlink": "hlink",
    "followedHyperlink": "folHlink",
}


#: Word's sixteen highlight colours (w:highlight).
HIGHLIGHTS: dict[str, RGB] = {
    "black": (0, 0, 0),
    "blue": (0, 0, 255),
    "cyan": (0, 255, 255),
    "green": (0, 255, 0),
    "magenta": (255, 0, 255),
    "red": (255, 0, 0),
    "yellow": (255, 255, 0),
    "white": WHITE,
    "darkBlue": (0, 0, 128),
    "darkCyan": (0, 128, 128),
    "darkGreen": (0, 128, 0),
    "darkMagenta": (128, 0, 128),
    "darkRed": (128, 0, 0),
    "darkYellow": (128, 128, 0),
    "darkGray": (128, 128, 128),
    "lightGray": (192, 192, 192),
}


#: VML's named colours that templates use for fills.
VML_NAMES: dict[str, RGB] = {
    "white": WHITE,
    "black": (0, 0, 0),
    "gray": (128, 128, 128),
    "silver": (192, 192, 192),
    "navy": (0, 0, 128),
    "blue": (0, 0, 255),
}


class Theme:
    """The colour slots of word/theme/theme1.xml (empty when the document has none)."""

    def __init__(self, theme: etree._Element | None) -> None:
        self.slots: dict[str, RGB] = {}
        scheme = None if theme is None else theme.find(f".//{_A}clrScheme")
        for slot in scheme if scheme is not None else ():
            if isinstance(slot.tag, str):
                colour = _plain_colour(slot)
                if colour is not None:
                    self.slots[etree.QName(slot).localname] = colour

    def named(self, name: str | None) -> RGB | None:
        if not name:
            return None
        return self.slots.get(_THEME_SLOTS.get(name, name))


def hex_colour(value: str | None) -> RGB | None:
    if not value or len(value) != 6:
        return None
    try:
        return (int(value[0:2], 16), int(value[2:4], 16), int(value[4:6], 16))
    except ValueError:
        return None


def run_colour(color: etree._Element | None, theme: Theme) -> RGB | None:
    """A w:color element's RGB; None for automatic colour (Word picks black or white to
    contrast with the background, so automatic text is never hidden by colour)."""
    if color is None:
        return None
    themed = theme.named(color.get(_W + "themeColor"))
    if themed is not None:
        return tint_shade(themed, color.get(_W + "themeTint"), color.get(_W + "themeShade"))
    return hex_colour(color.get(_W + "val"))


def drawing_colour(parent: etree._Element, theme: Theme) -> RGB | None:
    """The DrawingML colour inside a fill, with its luminance modifiers applied."""
    for colour in parent:
        if colour.tag == _A + "schemeClr":
            base = theme.named(colour.get("val"))
        elif colour.tag == _A + "srgbClr":
            base = hex_colour(colour.get("val"))
        elif colour.tag == _A + "sysClr":
            base = hex_colour(colour.get("lastClr"))
        else:
            continue
        return None if base is None else _modified(base, colour)
    return None


def _plain_colour(parent: etree._Element) -> RGB | None:
    for colour in parent:
        if colour.tag == _A + "srgbClr":
            return hex_colour(colour.get("val"))
        if colour.tag == _A + "sysClr":
            return hex_colour(colour.get("lastClr"))
    return None


def _modified(colour: RGB, element: etree._Element) -> RGB:
    """a:lumMod / a:lumOff (percent × 1000) change lightness, as Office applies them."""
    hue, light, saturation = colorsys.rgb_to_hls(*(channel / 255 for channel in colour))
    for modifier in element:
        value = _per_mille(modifier.get("val"))
        if value is None:
            continue
        if modifier.tag == _A + "lumMod":
            light *= value
        elif modifier.tag == _A + "lumOff":
            light += value
    red, green, blue = colorsys.hls_to_rgb(hue, min(max(light, 0.0), 1.0), saturation)
    return (round(red * 255), round(green * 255), round(blue * 255))


def tint_shade(colour: RGB, tint: str | None, shade: str | None) -> RGB:
    """w:themeTint mixes toward white, w:themeShade toward black (hex fractions of 255)."""
    red, green, blue = colour
    if (amount := hex_fraction(tint)) is not None:
        red, green, blue = (round(255 - (255 - c) * amount) for c in (red, green, blue))
    if (amount := hex_fraction(shade)) is not None:
        red, green, blue = (round(c * amount) for c in (red, green, blue))
    return (red, green, blue)


def hex_fraction(value: str | None) -> float | None:
    if not value:
        return None
    try:
        return int(value, 16) / 255
    except ValueError:
        return None


def _per_mille(value: str | None) -> float | None:
    if value is None or not value.lstrip("-").isdigit():
        return None
    return int(value) / 100_000
