"""Deterministic rewrite suggestions that never invent a fact.

What we know goes in as written; what only the writer knows goes in as a bracketed question
("[result: how many, how much, how fast?]"). No number, employer, tool or outcome is made up.
"""

from __future__ import annotations

import re

from resumeroast.core.analysis.checks.verbs import weak_opener
from resumeroast.core.analysis.model import Analysis, Bullet
from resumeroast.core.analysis.phrases import rewrite_reason
from resumeroast.core.analysis.verbs import nominalizations, past_tense
from resumeroast.core.feedback import Rewrite

MAX_REWRITES = 6
RESULT_SLOT = "[result: how many, how much, how fast?]"
_OWNERSHIP = ("responsible for", "in charge of", "duties included", "duties include", "tasked with")
_PREPOSITIONS = (" for", " with", " in", " on", " of", " to")
_COLLABORATION = ("worked with", "worked closely with", "working with", "working closely with")
_NOMINAL = re.compile(r"^(?:the\s+)?(\w+)\s+of\s+", re.IGNORECASE)
_PARTIAL = ("helped", "helping", "assisted", "assisting", "contributed to", "participated in")
_PRIORITY = tuple(rewrite_reason(kind) for kind in ("weak_opener", "first_person", "unquantified"))
_PRONOUN = re.compile(r"^(?:I|We)\s+(?:have\s+|had\s+)?(?=[a-z])")


def suggest_rewrites(analysis: Analysis) -> list[Rewrite]:
    codes = {f.code: {e.line for e in f.evidence} for f in analysis.findings}
    leftovers = {
        e.line for f in analysis.findings if f.code.startswith("placeholder.") for e in f.evidence
    }
    made = [
        r
        for bullet in analysis.bullets
        if not leftovers & set(range(bullet.line, bullet.last_line + 1))
        and (r := _rewrite(bullet, codes)) is not None
    ]
    order = {reason: rank for rank, reason in enumerate(_PRIORITY)}
    made.sort(key=lambda r: order.get(r.why, len(order)))
    return made[:MAX_REWRITES]


def _rewrite(bullet: Bullet, codes: dict[str, set[int | None]]) -> Rewrite | None:
    if bullet.line in codes.get("verbs.weak_opener", set()):
        improved, why = rewrite_weak_opener(bullet.quote), "weak_opener"
    elif bullet.line in codes.get("language.first_person", set()) and _PRONOUN.match(bullet.quote):
        improved, why = _capitalise(_PRONOUN.sub("", bullet.quote)), "first_person"
    elif (
        bullet.glyph
        and not bullet.quantified
        and bullet.line in codes.get("impact.unquantified_bullets", set())
    ):
        improved, why = with_result_slot(bullet.quote), "unquantified"
    else:
        return None
    if improved is None or improved == bullet.quote:
        return None
    if not bullet.quantified and RESULT_SLOT not in improved:
        improved = with_result_slot(improved)
    return Rewrite(
        original=bullet.quote, improved=improved, why=rewrite_reason(why), line=bullet.line
    )


def rewrite_weak_opener(text: str) -> str | None:
    """ "Responsible for managing payroll" -> "Managed payroll"; "Worked on X" -> "[Built…] X"."""
    phrase = weak_opener(text)
    if phrase is None:
        return None
    rest = _after_phrase(text, phrase)
    if not rest:
        return None
    if phrase in _COLLABORATION:
        return f"Partnered with {rest}"
    nominal = _NOMINAL.match(rest)
    verb = nominalizations().get(nominal.group(1).lower()) if nominal else None
    if nominal and verb:
        return f"{verb.capitalize()} {rest[nominal.end() :]}"
    first, _, tail = rest.partition(" ")
    takes_gerund = phrase.endswith(_PREPOSITIONS) or "duties" in phrase or "responsibilit" in phrase
    past = _gerund_past(first, tail) if takes_gerund else None
    if past is not None:
        scope = "[which part?] " if phrase.startswith(_PARTIAL) else ""
        return f"{past.capitalize()} {scope}{tail}".strip()
    if any(owner in phrase for owner in _OWNERSHIP):
        return f"Owned {rest}"
    if phrase.startswith(_PARTIAL) or phrase in {"handled", "dealt with"}:
        return None  # what the writer did is not on the page; the finding's fix asks for it
    return f"[Built / Improved / Shipped: pick the true verb] {rest}"


def _gerund_past(word: str, tail: str) -> str | None:
    """ "managing payroll" -> "managed"; not "meeting and travel" (a noun in a list)."""
    if not word.lower().endswith("ing") or tail.split(" ", 1)[0] in {"and", "or", "&"}:
        return None
    return past_tense(word)


def _after_phrase(text: str, phrase: str) -> str:
    match = re.search(re.escape(phrase), text, re.IGNORECASE)
    return text[match.end() :].strip(" ,:;-") if match else ""


def with_result_slot(text: str) -> str:
    return f"{text.rstrip(' .;')}, {RESULT_SLOT}"


def _capitalise(text: str) -> str:
    return text[:1].upper() + text[1:]
