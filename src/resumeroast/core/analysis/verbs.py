"""Action verbs and their forms: is this word a verb, which tense, and what is its past tense."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from resumeroast.core.analysis.lexicon import read_toml
from resumeroast.core.analysis.text import words

_VOWELS = frozenset("aeiou")
_AUXILIARIES = frozenset("was were is are am been has have had got".split())
_PRONOUN = re.compile(r"^(?:i|we)\s+", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class VerbLexicon:
    forms: dict[str, frozenset[str]]  #: word -> {"base", "past", "s", "ing"}
    lemmas: dict[str, str]  #: word -> base form
    past: dict[str, str]  #: base -> past tense
    title_words: frozenset[str]  #: -ed words that open titles and company names


@cache
def verb_lexicon() -> VerbLexicon:
    table = read_toml("verbs.toml")
    irregular: dict[str, str] = table["irregular"]
    doubling = frozenset(table["doubling"]["words"])
    forms: dict[str, set[str]] = {}
    lemmas: dict[str, str] = {}
    past: dict[str, str] = {}
    for base in set(table["base"]) | set(irregular):
        past[base] = irregular.get(base) or _regular_past(base, base in doubling)
        for form, word in (
            ("base", base),
            ("past", past[base]),
            ("s", _third_person(base)),
            ("ing", _gerund(base, base in doubling)),
        ):
            forms.setdefault(word, set()).add(form)
            lemmas.setdefault(word, base)
    frozen = {word: frozenset(kinds) for word, kinds in forms.items()}
    return VerbLexicon(frozen, lemmas, past, frozenset(table["title_words"]["words"]))


def _regular_past(base: str, doubles: bool) -> str:
    if base.endswith("e"):
        return base + "d"
    if base.endswith("y") and base[-2:-1] not in _VOWELS:
        return base[:-1] + "ied"
    return base + base[-1] + "ed" if doubles else base + "ed"


def _gerund(base: str, doubles: bool) -> str:
    if base.endswith("ie"):
        return base[:-2] + "ying"
    if base.endswith("e") and not base.endswith(("ee", "ye", "oe")):
        return base[:-1] + "ing"
    return base + base[-1] + "ing" if doubles else base + "ing"


def _third_person(base: str) -> str:
    if base.endswith(("s", "x", "z", "ch", "sh")):
        return base + "es"
    if base.endswith("y") and base[-2:-1] not in _VOWELS:
        return base[:-1] + "ies"
    return base + "s"


def verb_forms(word: str) -> frozenset[str]:
    """The forms a word can be ({"past"}, {"base", "past"} for "set" …); empty if unknown."""
    word = word.lower().strip(".,;:")
    known = verb_lexicon().forms.get(word)
    if known is not None:
        return known
    if len(word) > 4 and word.endswith("ed") and word not in verb_lexicon().title_words:
        return frozenset({"past"})
    return frozenset()


def is_verb(word: str) -> bool:
    return bool(verb_forms(word))


def opens_with_verb(text: str) -> bool:
    """ "Built …", "Successfully built …", "I built …", "Was promoted …"."""
    tokens = words(_PRONOUN.sub("", text))[:2]
    if not tokens:
        return False
    first = tokens[0].lower()
    if is_verb(first) or first.endswith("ing") or first in _AUXILIARIES:
        return True
    return first.endswith("ly") and len(tokens) > 1 and is_verb(tokens[1])


def lemma(word: str) -> str | None:
    word = word.lower().strip(".,;:")
    return verb_lexicon().lemmas.get(word)


def past_tense(word: str) -> str | None:
    """Past tense of a known verb in any form ("managing" -> "managed")."""
    base = lemma(word)
    return verb_lexicon().past.get(base) if base else None


@cache
def nominalizations() -> dict[str, str]:
    """ "development" -> "developed": the verbs inside duty phrases."""
    return {str(k): str(v) for k, v in read_toml("verbs.toml")["nominalizations"].items()}


def is_title_word(word: str) -> bool:
    return word.lower() in verb_lexicon().title_words
