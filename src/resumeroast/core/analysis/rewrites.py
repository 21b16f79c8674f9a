"""Rewrites worth copying, or none: deterministic, and never a fact the writer did not give.

A rewrite is offered only where it makes the line better by itself: the duty phrase cut and the
action put first ("Responsible for managing payroll" -> "Managed payroll"), or the pronoun
dropped before a past-tense action ("I built …" -> "Built …"). "Worked with X" gets none: a
synonym ("Partnered with") still says where the writer was, not what they did. Every number
and name of the original stays; nothing is appended (a missing result is asked for in the
finding's fix, never as a bracket to fill in). Employer lines, fragments cut mid-phrase, text
with template leftovers and resumes not in English get no rewrite at all.
"""

from __future__ import annotations

import re

from resumeroast.core.analysis.checks.verbs import weak_opener
from resumeroast.core.analysis.model import Analysis, Bullet
from resumeroast.core.analysis.phrases import rewrite_reason
from resumeroast.core.analysis.text import word_count, words
from resumeroast.core.analysis.verbs import lemma, nominalizations, past_tense
from resumeroast.core.feedback import Rewrite

MAX_REWRITES = 6
MIN_WORDS = 4  #: shorter, and there is nothing to rewrite
MAX_WORDS = 40  #: longer is a paragraph read as a statement
_OWNERSHIP = ("responsible for", "in charge of", "tasked with")
_COLLABORATION = ("worked with", "worked closely with", "working with", "working closely with")
_NOMINAL = re.compile(r"^(?:the\s+)?(\w+)\s+of\s+", re.IGNORECASE)
_PRONOUN = re.compile(r"^I\s+(?:have\s+|had\s+)?(?:also\s+)?(?=[a-z])")
_AUXILIARIES = frozenset("was were am is are been being had has have did do does".split())
#: what the writer got, not what they did: without the pronoun it is still no achievement
_NOT_ACTIONS = frozenset(
    "gained learned learnt acquired enjoyed loved liked felt thought believed hoped wanted "
    "skills experience knowledge understanding insight".split()
)
_DANGLING = frozenset("and or the a an of to for with in on by at from & ,".split())
_NAME = re.compile(r"\b[A-Z][\w.+#&-]*")
_NUMBER = re.compile(r"\d[\d,.]*")


def suggest_rewrites(analysis: Analysis) -> list[Rewrite]:
    if not analysis.english:
        return []  # the rules below read English; a German line is left as written
    codes = {f.code: {e.line for e in f.evidence} for f in analysis.findings}
    leftovers = {
        e.line for f in analysis.findings if f.code.startswith("placeholder.") for e in f.evidence
    }
    made = [
        rewrite
        for bullet in analysis.bullets
        if _rewritable(bullet, leftovers) and (rewrite := _rewrite(bullet, codes)) is not None
    ]
    return made[:MAX_REWRITES]


def _rewritable(bullet: Bullet, leftovers: set[int | None]) -> bool:
    """A whole statement of the writer's: not a skills list, not a fragment cut mid-phrase,
    not a line with template text left in it."""
    text = bullet.quote.strip()
    if bullet.keyword_list or "\\n" in text or not text[:1].isupper():
        return False
    if leftovers & set(range(bullet.line, bullet.last_line + 1)):
        return False
    last = text.rstrip().rsplit(" ", 1)[-1].lower()
    return MIN_WORDS <= word_count(text) <= MAX_WORDS and last not in _DANGLING


def _rewrite(bullet: Bullet, codes: dict[str, set[int | None]]) -> Rewrite | None:
    if bullet.line in codes.get("verbs.weak_opener", set()):
        improved, why = rewrite_weak_opener(bullet.quote), "weak_opener"
    elif bullet.line in codes.get("language.first_person", set()):
        improved, why = drop_pronoun(bullet.quote), "first_person"
    else:
        return None
    if improved is None or improved == bullet.quote or not keeps_facts(bullet.quote, improved):
        return None
    reason = rewrite_reason(why) + ("" if bullet.quantified else " " + rewrite_reason("result"))
    return Rewrite(original=bullet.quote, improved=improved, why=reason, line=bullet.line)


def rewrite_weak_opener(text: str) -> str | None:
    """ "Responsible for managing payroll" -> "Managed payroll"; None when the true verb is not
    on the page ("Worked on X", "Helped with X": only the writer knows what they did)."""
    phrase = weak_opener(text)
    if phrase is None:
        return None
    rest = _after_phrase(text, phrase)
    if not rest:
        return None
    if phrase in _COLLABORATION:
        return None  # "Partnered with" only swaps one word for where you were for another
    nominal = _NOMINAL.match(rest)
    verb = nominalizations().get(nominal.group(1).lower()) if nominal else None
    if nominal and verb and phrase.endswith(_OWNERSHIP):
        return f"{verb.capitalize()} {rest[nominal.end() :]}"
    first, _, tail = rest.partition(" ")
    duties = "duties" in phrase or "responsibilit" in phrase
    if (duties or phrase.endswith(_OWNERSHIP)) and tail:
        past = _gerund_past(first, tail)
        if past is not None:
            return f"{past.capitalize()} {tail}"
    return None


def drop_pronoun(text: str) -> str | None:
    """ "I built the billing API" -> "Built the billing API"; not "I was …", "I enjoy …"."""
    match = _PRONOUN.match(text)
    if match is None:
        return None
    rest = text[match.end() :]
    verb, following = ([w.lower() for w in words(rest)[:2]] + ["", ""])[:2]
    if verb in _AUXILIARIES or past_tense(verb) != verb or _NOT_ACTIONS & {verb, following}:
        return None
    improved = rest[:1].upper() + rest[1:]
    return None if weak_opener(improved) else improved  # "Worked on …" is no better


def _gerund_past(word: str, tail: str) -> str | None:
    """ "managing payroll" -> "managed"; not "meeting and travel" (a noun in a list)."""
    if not word.lower().endswith("ing") or tail.split(" ", 1)[0] in {"and", "or", "&"}:
        return None
    if lemma(word) is None:
        return None
    return past_tense(word)


def _after_phrase(text: str, phrase: str) -> str:
    match = re.search(re.escape(phrase), text, re.IGNORECASE)
    return text[match.end() :].strip(" ,:;-") if match else ""


def keeps_facts(original: str, improved: str) -> bool:
    """Every number and every capitalised name of the original is still there, and nothing
    new of either kind was added."""
    names, kept = set(_NAME.findall(original)[1:]), set(_NAME.findall(improved)[1:])
    before, after = set(_NUMBER.findall(original)), set(_NUMBER.findall(improved))
    return before == after and names - {"I"} <= kept and kept <= set(_NAME.findall(original))
