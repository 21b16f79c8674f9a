"""Keyword stuffing: blocks of bare keywords written for a parser, not a person.

A block may sit on one line or run over several, and may be pasted more than once; the rules
below read single lines, runs of consecutive list lines, and copies of one line anywhere.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from resumeroast.core.analysis.checks.base import WARNING, Context, cite, finding, plural
from resumeroast.core.analysis.keywords import find_skills
from resumeroast.core.analysis.lines import TextLine
from resumeroast.core.analysis.structure import Structure
from resumeroast.core.analysis.text import words
from resumeroast.core.feedback import Finding

LIST_TERMS = 12  #: a list of this many skills, mostly nothing else, outside the skills section
LIST_SHARE = 0.6  #: … "mostly": skill words make this share of the line
MAX_TERMS = 20  #: a line with this many skills anywhere, even in the skills section
REPEAT_TERMS = 8  #: in a list of at least this many skills …
MAX_REPEATS = 3  #: … the same keyword written this many times
LABELLED_TERMS = 8  #: a list that calls itself "Keywords" (or "Tags") naming this many skills
MIN_LIST_SKILLS = 2  #: a line is part of a list run when it names this many skills, mostly
PURE_SHARE = 0.9  #: … or, where entries name vendors again and again, nothing but skills
#: "2023 AWS Certified Security, Amazon Web Services (AWS)": names repeat here by nature.
_NAMING = frozenset({"certifications", "courses", "publications", "awards"})
_LABEL = re.compile(r"^\W*(?:ats\s+)?(?:key\s?words?|search\s+terms|tags)\b\s*(?:[:\-–—|]|$)", re.I)


@dataclass(frozen=True, slots=True)
class _Listing:
    line: TextLine
    skills: tuple[str, ...]  #: the skill names as written, lower case, in order
    share: float  #: of the line's words that are skill names
    section: str


def stuffed_lines(structure: Structure) -> tuple[tuple[TextLine, str], ...]:
    """Lines that are keyword stuffing, with the reason; they earn nothing anywhere else."""
    listings = [
        _listing(line, structure.kinds.get(line.number, "header")) for line in structure.lines
    ]
    found: dict[int, tuple[TextLine, str]] = {}
    for item in listings:
        reason = _why_stuffed(item)
        if reason:
            found[item.line.number] = (item.line, reason)
    for run, reason in _stuffed_runs(listings) + _copies(listings):
        for item in run:
            found.setdefault(item.line.number, (item.line, reason))
    return tuple(found[item.line.number] for item in listings if item.line.number in found)


def _listing(line: TextLine, section: str) -> _Listing:
    mentions = find_skills(line.text)
    skills = tuple(line.text[start:end].lower() for _, start, end in mentions)
    covered = sum(len(words(line.text[start:end])) for _, start, end in mentions)
    return _Listing(line, skills, covered / max(len(words(line.text)), 1), section)


def _why_stuffed(item: _Listing) -> str | None:
    """One line on its own."""
    if len(item.skills) >= MAX_TERMS:
        return f"{len(item.skills)} keywords in one line"
    return _why_list([item], "in one line", _labelled(item))


def _labelled(item: _Listing) -> bool:
    return item.section == "keywords" or _LABEL.match(item.line.text) is not None


def _why_list(run: list[_Listing], where: str, labelled: bool) -> str | None:
    """The rules a list obeys wherever it is written, on one line or over a run of lines."""
    return _repeat_reason(run, where) or _list_reason(run, labelled)


def _repeat_reason(run: list[_Listing], where: str) -> str | None:
    skills = [skill for item in run for skill in item.skills]
    if len(skills) < REPEAT_TERMS:
        return None
    name, most = Counter(skills).most_common(1)[0]
    return f"'{name}' {most} times {where}" if most >= MAX_REPEATS else None


def _list_reason(run: list[_Listing], labelled: bool) -> str | None:
    count = sum(len(item.skills) for item in run)
    if labelled and count >= LABELLED_TERMS:
        return f"a list of {count} keywords labelled as keywords"
    bare = all(item.share >= LIST_SHARE for item in run)
    outside = all(item.section not in {"skills", "keywords"} for item in run)
    if bare and outside and count >= LIST_TERMS:
        return f"a bare list of {count} keywords outside the skills section"
    return None


def _is_list_line(item: _Listing) -> bool:
    share = PURE_SHARE if item.section in _NAMING else LIST_SHARE
    return len(item.skills) >= MIN_LIST_SKILLS and item.share >= share


def _stuffed_runs(listings: list[_Listing]) -> list[tuple[list[_Listing], str]]:
    """Consecutive list lines read as one list; a "Keywords:" label or a Keywords heading
    just above (or a keywords section) marks the whole run as labelled."""
    found: list[tuple[list[_Listing], str]] = []
    run: list[_Listing] = []
    for index, item in enumerate([*listings, None]):
        if item is not None and _is_list_line(item):
            run.append(item)
            continue
        if len(run) > 1:
            above = listings[index - len(run) - 1 : index - len(run)]
            labelled = any(_labelled(i) for i in run) or any(
                _LABEL.match(i.line.text) for i in above
            )
            if reason := _list_reason(run, labelled):
                found.append((run, reason))
            elif reason := _repeat_reason(run, "in one list"):
                found.append((_repeating(run), reason))
        run = []
    return found


def _repeating(run: list[_Listing]) -> list[_Listing]:
    """The lines that say again what the run said above them: the honest first line stays."""
    seen: set[str] = set()
    repeating = []
    for item in run:
        if seen & set(item.skills):
            repeating.append(item)
        seen.update(item.skills)
    return repeating


def _copies(listings: list[_Listing]) -> list[tuple[list[_Listing], str]]:
    """The same list line pasted again and again, wherever the copies sit."""
    groups: dict[tuple[str, ...], list[_Listing]] = {}
    for item in listings:
        if _is_list_line(item):
            groups.setdefault(item.skills, []).append(item)
    found = []
    for skills, copies in groups.items():
        if len(copies) >= MAX_REPEATS and len(skills) * len(copies) >= REPEAT_TERMS:
            found.append((copies, f"the same list of {len(skills)} keywords {len(copies)} times"))
    return found


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
