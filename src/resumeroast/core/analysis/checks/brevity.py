"""Scannability: bullets too long to read, too short to say anything, walls of running text."""

from __future__ import annotations

from resumeroast.core.analysis.checks.base import INFO, WARNING, Context, cite, finding, plural
from resumeroast.core.analysis.text import word_count
from resumeroast.core.analysis.verbs import opens_with_verb
from resumeroast.core.feedback import Finding

LONG_BULLET_WORDS = 30  #: above this a bullet takes more than two lines to read
SHORT_BULLET_WORDS = 4  #: below this a bullet cannot hold an action and a result
WALL_WORDS = 60  #: a paragraph this long in a role reads as a wall
SUMMARY_WALL_WORDS = 90


def check_bullet_length(context: Context) -> list[Finding]:
    bullets = [b for b in context.bullets if context.in_experience(b) and b.glyph]
    long = [b for b in bullets if word_count(b.text) > LONG_BULLET_WORDS]
    # A short item that opens with no verb is a list entry (a course, a link), not a statement.
    short = [
        b for b in bullets if word_count(b.text) < SHORT_BULLET_WORDS and opens_with_verb(b.text)
    ]
    found: list[Finding] = []
    if long:
        found.append(
            finding(
                "brevity.long_bullet",
                INFO,
                f"{plural(len(long), 'bullet')} over {LONG_BULLET_WORDS} words: too long to scan.",
                "Keep each bullet to one or two lines: action, what, result. "
                "Split or cut the rest.",
                [cite(b.quote, b.line) for b in long],
            )
        )
    if short:
        found.append(
            finding(
                "brevity.short_bullet",
                INFO,
                f"{plural(len(short), 'bullet')} under {SHORT_BULLET_WORDS} words: "
                "too short to say "
                "what you achieved.",
                "Say what you did, to what, and with what result, in 8–25 words.",
                [cite(b.quote, b.line) for b in short],
            )
        )
    return found


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
