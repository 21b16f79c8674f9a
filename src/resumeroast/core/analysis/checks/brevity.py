"""Scannability: bullets too long to read, walls of running text.

There is no "short bullet" check: on the gold set each short list item flagged was a course, a
caption or a link, never a thin statement; a statement with no result is what
impact.unquantified_bullets and the statements cap already judge."""

from __future__ import annotations

from resumeroast.core.analysis.checks.base import WARNING, Context, cite, finding, plural
from resumeroast.core.analysis.text import word_count
from resumeroast.core.feedback import Finding

WALL_WORDS = 60  #: a paragraph this long in a role reads as a wall
SUMMARY_WALL_WORDS = 90


def check_walls_of_text(context: Context) -> list[Finding]:
    walls = [
        (p.quote, p.line) for p in context.structure.entries.paragraphs if p.words >= WALL_WORDS
    ]
    walls += _summary_walls(context)
    if not walls:
        return []
    return [
        finding(
            "brevity.wall_of_text",
            WARNING,
            f"{plural(len(walls), 'block')} of running text: recruiters skim, and paragraphs do "
            "not get read.",
            "Break each block into 3–5 bullets, one achievement per bullet.",
            [cite(quote, line) for quote, line in sorted(walls, key=lambda item: item[1])],
        )
    ]


def _summary_walls(context: Context) -> list[tuple[str, int]]:
    walls = []
    for block in context.structure.blocks:
        if block.section.kind != "summary" or not block.lines:
            continue
        prose = [line for line in block.lines if line.glyph is None]
        if sum(word_count(line.text) for line in prose) >= SUMMARY_WALL_WORDS:
            walls.append((" ".join(line.quote for line in prose), prose[0].number))
    return walls
