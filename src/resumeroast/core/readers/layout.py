"""Page geometry, part one: glyph boxes → fragments (pure, no PDF library).

A fragment is a run of glyphs on one baseline with no gap wider than about one em, so
side-by-side columns never share one. Fake-bold double drawing is dropped, superscripts
join the word they touch, and two texts drawn over each other are kept apart.
`reading_order` then orders fragments. Coordinates are PDF points, origin top-left.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Protocol, TypeVar

_FRAGMENT_GAP_EM = 1.0  #: a horizontal gap wider than this (in font sizes) splits fragments
_SPACE_GAP_EM = 0.15  #: a gap at least this wide between glyphs is a word space
_SQUEEZED_WIDTH_EM = 0.05  #: a glyph narrower than this share of its size prints as nothing
_BASELINE_TOLERANCE_EM = 0.4  #: glyphs within this of a line's baseline belong to it
_CONTENT_RUN_GAP = 3  #: characters (spaces, line breaks) between glyphs of one text run
_SCRIPT_MAX_GLYPHS = 4  #: a superscript or subscript is at most this long ("th", "TM", "2")
_SCRIPT_SIZE_RATIO = 0.85
_SCRIPT_MAX_FRAGMENTS = 1500


@dataclass(frozen=True, slots=True)
class Glyph:
    """One visible character with its loose box (font ascent to descent, full advance)."""

    text: str
    x0: float
    top: float
    x1: float
    bottom: float
    baseline: float
    size: float  #: effective font size in points
    space_before: bool = False  #: the content stream had a space right before it
    index: int = 0  #: position in the content stream


@dataclass(slots=True, eq=False)  # compared by identity: two fragments can read the same
class Fragment:
    """Glyphs on one baseline with no wide gap between them, left to right."""

    glyphs: list[Glyph]
    x0: float = field(init=False)
    top: float = field(init=False)
    x1: float = field(init=False)
    bottom: float = field(init=False)
    baseline: float = field(init=False)
    size: float = field(init=False)

    def __post_init__(self) -> None:
        self.x0 = min(g.x0 for g in self.glyphs)
        self.x1 = max(g.x1 for g in self.glyphs)
        self.top = min(g.top for g in self.glyphs)
        self.bottom = max(g.bottom for g in self.glyphs)
        self.baseline = median(g.baseline for g in self.glyphs)
        self.size = median(g.size for g in self.glyphs)

    @property
    def text(self) -> str:
        return glyph_text(self.glyphs)


def glyph_text(glyphs: Sequence[Glyph]) -> str:
    parts: list[str] = []
    previous: Glyph | None = None
    for glyph in glyphs:
        if previous is not None and _is_word_gap(previous, glyph):
            parts.append(" ")
        parts.append(glyph.text)
        previous = glyph
    return "".join(parts)


def _is_word_gap(left: Glyph, right: Glyph) -> bool:
    if is_squeezed(left) and is_squeezed(right):
        return right.space_before  # no geometry to go by
    gap = right.x0 - left.x1
    em = max(left.size, right.size, 1.0)
    return gap >= _SPACE_GAP_EM * em or (right.space_before and gap >= 0.05 * em)


def is_squeezed(glyph: Glyph) -> bool:
    """Squeezed to (almost) no width: it prints as nothing or a smudge."""
    if glyph.x1 - glyph.x0 >= _SQUEEZED_WIDTH_EM * glyph.size:
        return False
    return unicodedata.category(glyph.text[:1]) not in ("Mn", "Me", "Cf")


def median(values: Iterable[float]) -> float:
    """The middle value (mean of the middle two); 0.0 for no values. (The statistics
    module would cost the parse sandbox an import of decimal and fractions.)"""
    ordered = sorted(values)
    if not ordered:
        return 0.0
    middle = len(ordered) // 2
    return ordered[middle] if len(ordered) % 2 else (ordered[middle - 1] + ordered[middle]) / 2


# --- glyphs → fragments -------------------------------------------------------------------


def build_fragments(glyphs: Iterable[Glyph]) -> list[Fragment]:
    fragments: list[Fragment] = []
    for band in baseline_bands(glyphs):
        fragments.extend(_split_band(band))
    return _attach_scripts(fragments)


def _attach_scripts(fragments: list[Fragment]) -> list[Fragment]:
    """Superscripts and subscripts ("1st", "CO2", "™") join the text they touch."""
    if len(fragments) > _SCRIPT_MAX_FRAGMENTS:
        return fragments  # quadratic below; a page this fragmented is not a resume
    kept = sorted(fragments, key=lambda f: (len(f.glyphs), f.size))
    index = 0
    while index < len(kept):
        script = kept[index]
        host = _script_host(script, kept)
        if host is None:
            index += 1
            continue
        kept.remove(script)
        kept[kept.index(host)] = Fragment(sorted(host.glyphs + script.glyphs, key=lambda g: g.x0))
    return sorted(kept, key=lambda f: (f.baseline, f.x0))


def _script_host(script: Fragment, fragments: list[Fragment]) -> Fragment | None:
    if len(script.glyphs) > _SCRIPT_MAX_GLYPHS:
        return None
    for host in fragments:
        if host is script or script.size > _SCRIPT_SIZE_RATIO * host.size:
            continue
        reach = 0.3 * host.size
        touching = script.x0 >= host.x0 - reach and script.x1 <= host.x1 + reach
        if touching and script.top < host.bottom and host.top < script.bottom:
            return host
    return None


class _OnBaseline(Protocol):
    @property
    def baseline(self) -> float: ...

    @property
    def size(self) -> float: ...


_T = TypeVar("_T", bound=_OnBaseline)


def baseline_bands(items: Iterable[_T]) -> list[list[_T]]:
    """Group items whose baselines lie within a fraction of an em of each other."""
    bands: list[list[_T]] = []
    reference: _T | None = None
    for item in sorted(items, key=lambda i: i.baseline):
        # The smaller of the two sizes decides: a small subtitle tucked under a large name
        # must not be merged into the name's line.
        smaller = min(item.size, reference.size) if reference is not None else item.size
        tolerance = _BASELINE_TOLERANCE_EM * max(smaller, 1.0)
        if reference is None or item.baseline - reference.baseline > tolerance:
            bands.append([item])
            reference = item
        else:
            bands[-1].append(item)
    return bands


def _split_band(band: list[Glyph]) -> list[Fragment]:
    ordered = _drop_overprint(sorted(band, key=lambda g: g.x0))
    if not _collides(ordered):
        return _split_gaps(ordered)
    # Two texts drawn over each other (an overlay on a web page): keep each text whole
    # instead of interleaving their letters.
    fragments: list[Fragment] = []
    for run in content_runs(ordered):
        fragments.extend(_split_gaps(sorted(run, key=lambda g: g.x0)))
    return fragments


def _collides(ordered: list[Glyph]) -> bool:
    return any(
        right.x0 < left.x1 - 0.3 * max(left.size, right.size, 1.0)
        and abs(right.index - left.index) > 1
        for left, right in zip(ordered, ordered[1:], strict=False)
    )


def content_runs(glyphs: Iterable[Glyph]) -> list[list[Glyph]]:
    """Glyphs that follow each other in the content stream on one line."""
    runs: list[list[Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: g.index):
        if runs:
            last = runs[-1][-1]
            backwards = glyph.x0 < last.x0 - max(glyph.size, 1.0) or (
                abs(glyph.baseline - last.baseline) > _BASELINE_TOLERANCE_EM * glyph.size
            )
            if glyph.index - last.index <= _CONTENT_RUN_GAP and not backwards:
                runs[-1].append(glyph)
                continue
        runs.append([glyph])
    return runs


def _split_gaps(ordered: list[Glyph]) -> list[Fragment]:
    pieces: list[list[Glyph]] = [[ordered[0]]]
    for glyph in ordered[1:]:
        previous = pieces[-1][-1]
        em = max(previous.size, glyph.size, 1.0)
        if glyph.x0 - previous.x1 > _FRAGMENT_GAP_EM * em:
            pieces.append([glyph])
        else:
            pieces[-1].append(glyph)
    return [Fragment(piece) for piece in pieces]


def _drop_overprint(ordered: list[Glyph]) -> list[Glyph]:
    """Fake bold draws each glyph twice, a hair apart: keep one copy."""
    kept: list[Glyph] = []
    for glyph in ordered:
        if any(_same_glyph(glyph, other) for other in kept[-3:]):
            continue
        kept.append(glyph)
    return kept


def _same_glyph(a: Glyph, b: Glyph) -> bool:
    """A second drawing of the same glyph in the same spot. Neighbours in the content
    stream are not copies: pdfium splits a ligature ("tt", "ffi") into characters that
    share one box."""
    return (
        a.text == b.text
        and abs(a.index - b.index) > 1
        and abs(a.x0 - b.x0) < min(0.15 * max(a.size, 1.0), 0.5 * (a.x1 - a.x0))
        and abs(a.baseline - b.baseline) < 0.15 * max(a.size, 1.0)
    )
