"""Was a line wrapped by the layout (it runs to the right margin), or did the writer end it?"""

from __future__ import annotations

from collections import defaultdict

from resumeroast.core.analysis.lines import TextLine

_MARGIN_SHARE = 0.08  #: within 8% of the column width from its right edge counts as full
_LENGTH_SHARE = 0.8  #: without boxes: 80% of the long-line length counts as full


class WrapModel:
    def __init__(
        self,
        lines: tuple[TextLine, ...],
        *,
        paragraph_per_line: bool,
        column_pages: tuple[int, ...] = (),
    ) -> None:
        self._paragraph_per_line = paragraph_per_line
        self._column_pages = frozenset(column_pages)
        self._edges = self._column_edges(lines)
        lengths = sorted(len(line.text) for line in lines if len(line.text.split()) >= 3)
        long_line = lengths[int(0.9 * (len(lengths) - 1))] if lengths else 0
        self._min_chars = max(40.0, _LENGTH_SHARE * long_line)

    def is_wrapped(self, line: TextLine) -> bool:
        if self._paragraph_per_line:
            return False
        if line.box is not None:
            edge = self._edges.get(self._column_of(line))
            if edge is not None:
                left, right = edge
                return line.box.x1 >= right - _MARGIN_SHARE * (right - left)
        return len(line.text) >= self._min_chars

    def measured(self, line: TextLine) -> bool:
        """True when wrapping is judged from the line's box, not from its length."""
        return line.box is not None and self._column_of(line) in self._edges

    def _column_of(self, line: TextLine) -> tuple[int, int]:
        if line.box is None or line.page not in self._column_pages:
            return line.page, 0
        return line.page, 0 if line.box.x0 < self._page_middle.get(line.page, 0.0) else 1

    def _column_edges(
        self, lines: tuple[TextLine, ...]
    ) -> dict[tuple[int, int], tuple[float, float]]:
        boxed = [line for line in lines if line.box is not None]
        self._page_middle: dict[int, float] = {}
        pages: dict[int, list[TextLine]] = defaultdict(list)
        for line in boxed:
            pages[line.page].append(line)
        for page, members in pages.items():
            left = min(m.box.x0 for m in members if m.box)
            right = max(m.box.x1 for m in members if m.box)
            self._page_middle[page] = (left + right) / 2
        edges: dict[tuple[int, int], tuple[float, float]] = {}
        for line in boxed:
            assert line.box is not None
            key = self._column_of(line)
            left, right = edges.get(key, (line.box.x0, line.box.x1))
            edges[key] = (min(left, line.box.x0), max(right, line.box.x1))
        return edges
