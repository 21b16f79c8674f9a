"""How bullets open: duty phrases instead of verbs, no verb at all, the same verb again."""

from __future__ import annotations

import re
from collections import Counter

from resumeroast.core.analysis.checks.base import INFO, WARNING, Context, cite, finding, plural
from resumeroast.core.analysis.checks.paragraph_roles import MIN_PROSE_WORDS, written_as_prose
from resumeroast.core.analysis.headerlike import reads_as_header
from resumeroast.core.analysis.lexicon import weak_openers
from resumeroast.core.analysis.model import Bullet
from resumeroast.core.analysis.tagger import has_verb
from resumeroast.core.analysis.text import words
from resumeroast.core.analysis.verbs import opens_with_verb
from resumeroast.core.feedback import Finding

_PRONOUN = re.compile(r"^(?:i|we)\s+", re.IGNORECASE)
_LABEL = re.compile(r"^[\"']?[\w\s/&+-]{1,30}[\"']?\s*(?::|\s[-–—])\s")


#: "Working with: L. Panico, O. Thévenon": a label over the people or tools of the role
_COMPANY_LABELS = frozenset({"worked with", "working with", "worked closely with"})


def weak_opener(text: str) -> str | None:
    """The duty phrase a statement opens with ("Responsible for"), or None."""
    lowered = _PRONOUN.sub("", text.lower().lstrip("-–—•* "))
    for phrase in weak_openers():
        if lowered.startswith(phrase) and not lowered[len(phrase) : len(phrase) + 1].isalpha():
            if phrase in _COMPANY_LABELS and lowered[len(phrase) :].lstrip().startswith(":"):
                return None
            return phrase
    return None


def check_weak_openers(context: Context) -> list[Finding]:
    if context.academic_record:
        return []  # "Contributed to" a grant or a paper is the honest word for shared work
    weak = [b for b in context.bullets if context.in_experience(b) and weak_opener(b.text)]
    if not weak:
        return []
    phrases = sorted({weak_opener(b.text) or "" for b in weak})
    return [
        finding(
            "verbs.weak_opener",
            WARNING,
            f"{plural(len(weak), 'bullet')} open with a duty, not an action "
            f"({', '.join(repr(p.capitalize()) for p in phrases[:4])}): they say what the job "
            "was, not what you did.",
            "Open with what you did and end with what changed: "
            "'Responsible for payroll' becomes 'Ran payroll for 120 staff with zero errors'.",
            [cite(b.quote, b.line) for b in weak],
        )
    ]


def check_missing_verbs(context: Context) -> list[Finding]:
    """Statements with no verb at all, as the part-of-speech tagger reads them: "is bringing"
    or "was keeping" further in is a verb, though not an opening one."""
    bare = [b for b in context.bullets if _checkable(b) and not opens_with_verb(b.text)]
    bare = [b for b in bare if not weak_opener(b.text) and not b.keyword_list]  # own finding
    bare = [b for b in bare if not has_verb(b.text)]
    # a role written as prose is content.role_as_paragraph (or a wall), and a sentence that
    # shares its line with another is running text: neither is a bullet that lacks a verb
    prose = {b.line for role in context.roles if written_as_prose(role) for b in role.bullets}
    prose |= _paragraph_lines(context.bullets)
    bare = [b for b in bare if b.line not in prose]
    if not bare:
        return []
    return [
        finding(
            "verbs.no_verb",
            INFO,
            f"No verb in {plural(len(bare), 'bullet')} ({_opening(bare[0].text)}): a list of "
            "nouns hides what you did.",
            "Start each bullet with a past-tense action verb: built, cut, led, launched, sold.",
            [cite(b.quote, b.line) for b in bare],
        )
    ]


def _paragraph_lines(bullets: tuple[Bullet, ...]) -> set[int]:
    """Lines of a paragraph: a run of consecutive lines with no bullet glyph, one of which holds
    two sentences or more ("Duties: Deployed oysters. Collecting cores. Video transects."), as
    long as a paragraph ("Inventory management. Vendor selection." is a terse list)."""
    shared = Counter(b.line for b in bullets)
    lines = sorted({b.line for b in bullets if not b.glyph})
    runs: list[list[int]] = []
    for line in lines:
        if runs and line == runs[-1][-1] + 1:
            runs[-1].append(line)
        else:
            runs.append([line])
    words = Counter({b.line: 0 for b in bullets})
    for bullet in bullets:
        words[bullet.line] += len(bullet.text.split())
    return {
        line
        for run in runs
        if any(shared[n] > 1 for n in run) and sum(words[n] for n in run) >= MIN_PROSE_WORDS
        for line in run
    }


def _opening(text: str) -> str:
    return "'" + " ".join(words(text)[:4]) + " …'"


def _checkable(bullet: Bullet) -> bool:
    return (
        bullet.section == "experience"
        and len(words(bullet.text)) >= 3
        and not _LABEL.match(bullet.text)
        and not reads_as_header(bullet.text)
    )
