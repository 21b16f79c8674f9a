"""Dates pushed to the right margin: a gutter of labels, not a second column.

Many one-column resumes (LaTeX tabulars, Word right tabs) put each role's place and dates
flush against the right margin, sometimes stacked on two lines beside the role's first
bullet. Read as a column, every date would move to the end of the page and each role
would lose its dates; read row by row, a date stacked under the place would land on a
bullet's line. So: a right side whose short lines end on one edge, start anywhere and sit
beside the left side's lines is a gutter, and a date stacked under a flush-right label
joins that label's line.
"""

from __future__ import annotations

import re

from resumeroast.core.readers.layout import Fragment, baseline_bands, median
from resumeroast.core.readers.normalize import is_bullet

_FLUSH_PT = 3.0  #: line ends this close together are one right edge
_MIN_FLUSH_SHARE = 0.7  #: share of the gutter's lines that end on the right edge
_MAX_LEFT_ALIGNED_SHARE = 0.5  #: a real column starts most lines at one x; a gutter does not
_MAX_LABEL_CHARS = 40  #: a place or a date range, not running text
_NEAR_EM = 1.6  #: a label sits within this many ems of a line of the body
_STACK_EM = 1.8  #: a date this close under a flush-right label belongs to its line
_DATE = re.compile(
    r"\b(?:19|20)\d{2}\b|\b(?:present|current|today|now|heute|aktuell|actuel(?:le)?|"
    r"aujourd'hui|presente|actualidad|actual|atual|atualmente)\b",
    re.IGNORECASE,
)


def is_flush_right_gutter(left: list[Fragment], right: list[Fragment]) -> bool:
    """Is the right side a margin of places and dates beside a single column?"""
    if not right or len(right) > len(left):
        return False
    labels = [band[-1] for band in baseline_bands(right)]
    if _aligned_share([f.x1 for f in labels]) < _MIN_FLUSH_SHARE:
        return False
    if _aligned_share([f.x0 for f in labels]) > _MAX_LEFT_ALIGNED_SHARE:
        return False  # a justified column: both edges straight
    if median(len(f.text) for f in labels) > _MAX_LABEL_CHARS:
        return False
    body = baseline_bands(left)
    near = sum(1 for f in labels if _near_a_line(f, body))
    return near >= _MIN_FLUSH_SHARE * len(labels)


def attach_stacked_dates(rows: list[list[Fragment]]) -> list[list[Fragment]]:
    """Move a flush-right date that sits just under a flush-right label (a place) to the
    end of that label's line: the role's line keeps its dates."""
    result: list[list[Fragment]] = []
    for row in rows:
        previous = result[-1] if result else None
        date = row[-1]
        if previous is not None and len(row) >= 1 and _stacked_under(date, previous, row):
            previous.append(date)
            if len(row) > 1:
                result.append(row[:-1])
            continue
        result.append(row)
    return result


def _stacked_under(date: Fragment, previous: list[Fragment], row: list[Fragment]) -> bool:
    label = previous[-1]
    if len(previous) < 2 or not _DATE.search(date.text) or _DATE.search(label.text):
        return False
    if abs(label.x1 - date.x1) > _FLUSH_PT or len(date.text) > _MAX_LABEL_CHARS:
        return False
    if len(row) > 1 and (row[-2].x1 > min(date.x0, label.x0) or not is_bullet(row[0].text)):
        return False  # a line of its own (a job title under the employer) keeps its date
    return 0 < date.baseline - label.baseline <= _STACK_EM * max(label.size, date.size, 1.0)


def _aligned_share(edges: list[float]) -> float:
    """The largest share of these edges that line up (within a few points)."""
    best = max(sum(1 for x in edges if abs(x - edge) <= _FLUSH_PT) for edge in edges)
    return best / len(edges)


def _near_a_line(label: Fragment, bands: list[list[Fragment]]) -> bool:
    reach = _NEAR_EM * max(label.size, 1.0)
    return any(abs(band[0].baseline - label.baseline) <= reach for band in bands)
