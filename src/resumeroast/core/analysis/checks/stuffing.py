"""Keyword stuffing: blocks of bare keywords written for a parser, not a person."""

from __future__ import annotations

from collections import Counter

from resumeroast.core.analysis.checks.base import WARNING, Context, cite, finding, plural
from resumeroast.core.analysis.keywords import find_skills
from resumeroast.core.analysis.lines import TextLine
from resumeroast.core.analysis.structure import Structure
from resumeroast.core.analysis.text import words
from resumeroast.core.feedback import Finding

LIST_TERMS = 12  #: a line with this many skills, mostly nothing else, outside the skills section
LIST_SHARE = 0.6
MAX_TERMS = 20  #: a line with this many skills anywhere, even in the skills section
REPEAT_TERMS = 8  #: in a line listing at least this many skills …
MAX_REPEATS = 3  #: … the same keyword written this many times


def stuffed_lines(structure: Structure) -> tuple[tuple[TextLine, str], ...]:
    """Lines that are keyword stuffing, with the reason; they earn nothing anywhere else."""
    found = []
    for line in structure.lines:
        reason = _why_stuffed(line, in_skills=structure.kinds.get(line.number) == "skills")
        if reason:
            found.append((line, reason))
    return tuple(found)


def _why_stuffed(line: TextLine, in_skills: bool) -> str | None:
    mentions = find_skills(line.text)
    if len(mentions) < REPEAT_TERMS:
        return None
    counts = Counter(line.text[start:end].lower() for _, start, end in mentions)
    name, most = counts.most_common(1)[0]
    if most >= MAX_REPEATS:
        return f"'{name}' {most} times in one line"
    if len(mentions) >= MAX_TERMS:
        return f"{len(mentions)} keywords in one line"
    covered = sum(len(words(line.text[start:end])) for _, start, end in mentions)
    share = covered / max(len(words(line.text)), 1)
    if not in_skills and len(mentions) >= LIST_TERMS and share >= LIST_SHARE:
        return f"a bare list of {len(mentions)} keywords outside the skills section"
    return None


def check_keyword_stuffing(context: Context) -> list[Finding]:
    stuffed = context.stuffed
    if not stuffed:
        return []
    return [
        finding(
            "ats.keyword_stuffing",
            WARNING,
            f"Keyword stuffing on {plural(len(stuffed), 'line')} ({stuffed[0][1]}). "
            "Recruiters spot it at once, and it earned no job-match credit here.",
            "Keep one short Skills section; show each skill at work in a bullet instead of "
            "repeating it.",
            [cite(line.quote, line.number) for line, _ in stuffed],
        )
    ]
