"""Page geometry, part two: fragments → reading order. Pure: positions in, order out.

PDF content streams draw text in whatever order the writer chose; a two-column resume
often comes out with the sidebar interleaved into the experience bullets. So the order
is rebuilt from positions:

1. a *gutter* is a vertical strip that (almost) no fragment crosses, with running text on
   both sides over a good part of the height; the left side is read before the right;
2. fragments that cross a gutter well into both sides (a name across the top, a
   full-width section heading), with what shares their row, and centred lines above
   where the other column starts, cut the page into slabs read top to bottom;
3. a side whose lines sit on the other side's baselines is not a column when it only
   labels entries (dates in a margin: sparse lines; places and dates flush against the
   right margin: `date_gutter`) or when the writer drew the two sides row by row (a
   table); those are read row by row.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from resumeroast.core.readers.date_gutter import attach_stacked_dates, is_flush_right_gutter
from resumeroast.core.readers.layout import Fragment, baseline_bands, median

_MIN_SIDE_FRAGMENTS = 3  #: a column needs at least this many fragments
_MIN_OVERLAP_SHARE = 0.3  #: columns must stand side by side over this share of the height
_MAX_CROSSING_SHARE = 0.12  #: at most this share of fragments may cross a gutter
_MAX_DEPTH = 4
_MIN_GUTTER_PT = 6.0  #: columns are separated by at least this much white space
_MAX_LEVELS = 12  #: crossing counts tried above the fewest (bounds the work on odd pages)
_MAX_RUNS = 4  #: widest candidate gutters tried per crossing count
_MAX_PAGE_PT = 15_000  #: PDF pages are at most 200 inches wide
_DENSE_LINE_EM = 2.5  #: lines of running text are at most this far apart (baseline to baseline)
_MIN_DENSE_SHARE = 0.4  #: a column is running text: this share of its lines are dense
_POKE_EM = 2.0  #: a fragment reaching further than this past a gutter spans both columns
_CENTRED_SHARE = 0.05  #: a line whose middle is this close to the page's middle is centred


@dataclass(frozen=True, slots=True)
class PageOrder:
    lines: list[list[Fragment]]  #: each line's fragments left to right, lines in reading order
    columns: int


def order_fragments(fragments: list[Fragment]) -> PageOrder:
    return _order(fragments, depth=0)


def _order(fragments: list[Fragment], depth: int) -> PageOrder:
    gutter = None if depth >= _MAX_DEPTH else find_gutter(fragments)
    if gutter is None:
        return PageOrder(rows(fragments), columns=1)
    left, right, separators = _split_at(fragments, gutter)
    if not separators:
        first, second = _order(left, depth + 1), _order(right, depth + 1)
        return PageOrder(first.lines + second.lines, first.columns + second.columns)
    return _order_slabs(left + right, separators, depth)


def _order_slabs(columns: list[Fragment], separators: list[Fragment], depth: int) -> PageOrder:
    """Full-width fragments cut the page into slabs; each slab is ordered on its own."""
    lines: list[list[Fragment]] = []
    most_columns = 1
    remaining = sorted(columns, key=lambda f: f.top)
    for band in baseline_bands(separators):
        cut = min(f.top for f in band)
        slab = [f for f in remaining if f.baseline < cut]
        remaining = [f for f in remaining if f.baseline >= cut]
        if slab:
            ordered = _order(slab, depth + 1)
            lines.extend(ordered.lines)
            most_columns = max(most_columns, ordered.columns)
        lines.append(sorted(band, key=lambda f: f.x0))
    if remaining:
        ordered = _order(remaining, depth + 1)
        lines.extend(ordered.lines)
        most_columns = max(most_columns, ordered.columns)
    return PageOrder(lines, most_columns)


def rows(fragments: Iterable[Fragment]) -> list[list[Fragment]]:
    """Plain top-to-bottom, left-to-right order: one line per baseline band (a date
    stacked under a role's flush-right place joins the role's line)."""
    return attach_stacked_dates(
        [sorted(band, key=lambda f: f.x0) for band in baseline_bands(fragments)]
    )


@dataclass(frozen=True, slots=True)
class Gutter:
    x0: float
    x1: float


def find_gutter(fragments: Sequence[Fragment]) -> Gutter | None:
    """The widest vertical strip that separates two real columns, if there is one."""
    if len(fragments) < 2 * _MIN_SIDE_FRAGMENTS:
        return None
    left_edge = min(f.x0 for f in fragments)
    right_edge = max(f.x1 for f in fragments)
    crossings = _crossing_counts(fragments, left_edge, right_edge)
    margin = int(0.08 * (right_edge - left_edge))
    inner = crossings[margin : len(crossings) - margin]
    if not inner:
        return None
    fewest = min(inner)
    allowed = min(max(2, int(_MAX_CROSSING_SHARE * len(fragments))), fewest + _MAX_LEVELS)
    for level in range(fewest, allowed + 1):
        runs = _runs_at_most(crossings, level, margin, len(crossings) - margin)
        for start, end in sorted(runs, key=lambda run: run[0] - run[1])[:_MAX_RUNS]:
            gutter = Gutter(left_edge + start, left_edge + end)
            if end - start >= _MIN_GUTTER_PT and _separates_columns(fragments, gutter):
                return gutter
    return None


def _crossing_counts(
    fragments: Sequence[Fragment], left_edge: float, right_edge: float
) -> list[int]:
    """How many fragments cover each whole point between the text's left and right edges."""
    width = int(min(right_edge - left_edge, _MAX_PAGE_PT)) + 2
    delta = [0] * (width + 1)
    for f in fragments:
        start = max(0, int(f.x0 - left_edge) + 1)
        end = min(width, int(f.x1 - left_edge))
        if end > start:
            delta[start] += 1
            delta[end] -= 1
    counts: list[int] = []
    running = 0
    for step in delta[:width]:
        running += step
        counts.append(running)
    return counts


def _runs_at_most(values: list[int], level: int, start: int, stop: int) -> list[tuple[int, int]]:
    """Maximal stretches [a, b) of `values[start:stop]` at or below `level`."""
    runs: list[tuple[int, int]] = []
    run_start: int | None = None
    for index in range(start, stop):
        if values[index] <= level and run_start is None:
            run_start = index
        elif values[index] > level and run_start is not None:
            runs.append((run_start, index))
            run_start = None
    if run_start is not None:
        runs.append((run_start, stop))
    return runs


def _split_at(
    fragments: Iterable[Fragment], gutter: Gutter
) -> tuple[list[Fragment], list[Fragment], list[Fragment]]:
    left: list[Fragment] = []
    right: list[Fragment] = []
    crossing: list[Fragment] = []
    for f in fragments:
        if f.x1 <= gutter.x0 + 1:
            left.append(f)
        elif f.x0 >= gutter.x1 - 1:
            right.append(f)
        else:
            crossing.append(f)
    body_size = median(f.size for f in left + right + crossing)
    separators: list[Fragment] = []
    for f in crossing:
        reach = _POKE_EM * max(min(f.size, body_size), 1.0)
        if f.x1 - gutter.x1 > reach and gutter.x0 - f.x0 > reach:
            separators.append(f)  # well into both sides: a full-width row
        elif f.x1 - gutter.x1 > gutter.x0 - f.x0:
            right.append(f)  # a line of one column poking into the gutter
        else:
            left.append(f)
    # What shares a row with a full-width fragment belongs to that row, not to a column.
    separators += _centered_preamble(left, right)
    left = [f for f in left if f not in separators]
    right = [f for f in right if f not in separators]
    row_mates = [f for f in left + right if any(_beside(f, s) for s in separators)]
    separators.extend(row_mates)
    left = [f for f in left if f not in row_mates]
    right = [f for f in right if f not in row_mates]
    return left, right, separators


def _centered_preamble(left: list[Fragment], right: list[Fragment]) -> list[Fragment]:
    """Centred lines above where the other column begins (a contact line under a centred
    name) are part of the page header, even when they happen to clear the gutter."""
    everything = left + right
    if not left or not right:
        return []
    middle = (min(f.x0 for f in everything) + max(f.x1 for f in everything)) / 2
    width = max(f.x1 for f in everything) - min(f.x0 for f in everything)
    preamble: list[Fragment] = []
    for side, other in ((left, right), (right, left)):
        other_top = min(f.top for f in other)
        for f in side:
            centred = abs((f.x0 + f.x1) / 2 - middle) <= _CENTRED_SHARE * width
            if centred and f.bottom <= other_top:
                preamble.append(f)
    return preamble


def _beside(a: Fragment, b: Fragment) -> bool:
    return a.top < b.bottom and b.top < a.bottom


def _separates_columns(fragments: Sequence[Fragment], gutter: Gutter) -> bool:
    left, right, _ = _split_at(fragments, gutter)
    if len(left) < _MIN_SIDE_FRAGMENTS or len(right) < _MIN_SIDE_FRAGMENTS:
        return False
    height = max(f.bottom for f in fragments) - min(f.top for f in fragments)
    overlap = min(_bottom(left), _bottom(right)) - max(_top(left), _top(right))
    if overlap < _MIN_OVERLAP_SHARE * height:
        return False
    if not (_is_running_text(left) and _is_running_text(right)):
        return False  # scattered labels (a chart's legend) are not a column
    return not _is_label_margin(left, right)


def _is_running_text(fragments: list[Fragment]) -> bool:
    """Enough text, in lines close enough together, to be read as a column: not a stack
    of bullet glyphs or icons, not a chart's scattered labels."""
    lines = [band[0] for band in baseline_bands(fragments)]
    if len(lines) < _MIN_SIDE_FRAGMENTS:
        return False
    if median(len(f.glyphs) for f in fragments) <= 2:
        return False
    dense = sum(
        1
        for upper, lower in zip(lines, lines[1:], strict=False)
        if lower.baseline - upper.baseline <= _DENSE_LINE_EM * max(upper.size, lower.size, 1.0)
    )
    return dense >= _MIN_DENSE_SHARE * (len(lines) - 1)


def _top(fragments: Iterable[Fragment]) -> float:
    return min(f.top for f in fragments)


def _bottom(fragments: Iterable[Fragment]) -> float:
    return max(f.bottom for f in fragments)


def _is_label_margin(left: list[Fragment], right: list[Fragment]) -> bool:
    """True when the smaller side only labels rows of the other (dates in a margin, a table).

    Its lines sit on the other side's baselines: nearly all of them, or most of them with
    blank space between (one label per entry of several lines).
    """
    if is_flush_right_gutter(left, right):
        return True
    small, large = (left, right) if len(left) <= len(right) else (right, left)
    small_lines = [band[0] for band in baseline_bands(small)]
    large_lines = baseline_bands(large)
    aligned = sum(1 for f in small_lines if _has_row_partner(f, large_lines))
    aligned_share = aligned / len(small_lines)
    if aligned_share < 0.6:
        return False
    if _sparse_share(small_lines) >= 0.5:
        return True  # one label per entry of several lines
    # Lines with partners across the gap: a table, or two columns that happen to share a
    # line grid. Only the drawing order can tell: writers draw a table row by row and
    # columns one after the other.
    return _drawn_row_by_row(left, right)


def _drawn_row_by_row(left: list[Fragment], right: list[Fragment]) -> bool:
    left_ids = {id(f) for f in left}
    drawn = sorted(left + right, key=lambda f: min(g.index for g in f.glyphs))
    switches = sum(
        1
        for a, b in zip(drawn, drawn[1:], strict=False)
        if (id(a) in left_ids) != (id(b) in left_ids)
    )
    return switches >= min(len(left), len(right))


def _has_row_partner(fragment: Fragment, bands: list[list[Fragment]]) -> bool:
    tolerance = 0.25 * max(fragment.size, 1.0)
    return any(abs(band[0].baseline - fragment.baseline) <= tolerance for band in bands)


def _sparse_share(lines: list[Fragment]) -> float:
    """Share of consecutive lines separated by more than a normal line spacing."""
    if len(lines) < 2:
        return 1.0
    sparse = sum(
        1
        for upper, lower in zip(lines, lines[1:], strict=False)
        if lower.baseline - upper.baseline > 1.8 * max(upper.size, lower.size, 1.0)
    )
    return sparse / (len(lines) - 1)
