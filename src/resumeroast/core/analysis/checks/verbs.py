"""How bullets open: duty phrases instead of verbs, no verb at all, the same verb again."""

from __future__ import annotations

import re

from resumeroast.core.analysis.checks.base import INFO, WARNING, Context, cite, finding, plural
from resumeroast.core.analysis.headerlike import reads_as_header
from resumeroast.core.analysis.lexicon import weak_openers
from resumeroast.core.analysis.model import Bullet
from resumeroast.core.analysis.tagger import has_verb
from resumeroast.core.analysis.text import words
from resumeroast.core.analysis.verbs import opens_with_verb
from resumeroast.core.feedback import Finding

_PRONOUN = re.compile(r"^(?:i|we)\s+", re.IGNORECASE)
_LABEL = re.compile(r"^[\"']?[\w\s/&+-]{1,30}[\"']?\s*(?::|\s[-–—])\s")


def weak_opener(text: str) -> str | None:
    """The duty phrase a statement opens with ("Responsible for"), or None."""
    lowered = _PRONOUN.sub("", text.lower().lstrip("-–—•* "))
    for phrase in weak_openers():
        if lowered.startswith(phrase) and not lowered[len(phrase) : len(phrase) + 1].isalpha():
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


def _opening(text: str) -> str:
    return "'" + " ".join(words(text)[:4]) + " …'"


def _checkable(bullet: Bullet) -> bool:
    return (
        bullet.section == "experience"
        and len(words(bullet.text)) >= 3
        and not _LABEL.match(bullet.text)
        and not reads_as_header(bullet.text)
    )
