"""English spelling with a technology vocabulary, so "Kubernetes" and "PostgreSQL" are words."""

from __future__ import annotations

import re
from functools import cache

from spellchecker import SpellChecker

from resumeroast.core.analysis.keywords import skill_index, skill_vocabulary
from resumeroast.core.analysis.lexicon import tech_words
from resumeroast.core.analysis.verbs import is_verb

_BRITISH = (
    ("isation", "ization"), ("ise", "ize"), ("ised", "ized"), ("ising", "izing"), ("ises", "izes"),
    ("yse", "yze"), ("ysed", "yzed"), ("our", "or"), ("ours", "ors"), ("tre", "ter"),
    ("tres", "ters"), ("lled", "led"), ("lling", "ling"), ("ogue", "og"), ("ence", "ense"),
    ("mme", "m"), ("mmes", "ms"),
)  # fmt: skip
_SUFFIXES = ("s", "es", "ed", "ing", "er", "ers", "ly")
_CANDIDATE = re.compile(r"^[a-z][a-z']*[a-z]$")


@cache
def speller() -> SpellChecker:
    checker = SpellChecker(distance=1)
    checker.word_frequency.load_words(sorted(tech_words() | skill_vocabulary()))
    return checker


@cache
def is_known(word: str) -> bool:
    """Known as written, as an American spelling of a British one, or as an inflection."""
    word = word.lower().replace("’", "'")
    if word.endswith("'s"):
        word = word[:-2]
    checker = speller()
    if word in checker or word in tech_words():
        return True
    for british, american in _BRITISH:
        if word.endswith(british) and word[: -len(british)] + american in checker:
            return True
    sibilant = word.endswith(("ses", "xes", "zes", "ches", "shes", "oes"))
    stem = word[:-2] if sibilant else word[:-1]
    if word.endswith("s") and len(stem) >= 4 and stem in checker:
        return True
    return any(word.endswith(s) and word[: -len(s)] in tech_words() for s in _SUFFIXES)


@cache
def suggest(word: str) -> str | None:
    """The likeliest word one edit away (a slip of the finger), or None."""
    lowered = word.lower()
    guess = speller().correction(lowered)
    if guess is None or guess == lowered:
        return None
    return guess.capitalize() if word[:1].isupper() else guess


@cache
def verb_nearby(word: str) -> str | None:
    """A verb one keystroke away ("Devloped" -> "Developed"): how a typo in a bullet's first
    word looks, as opposed to a name the dictionary does not know."""
    candidates = speller().candidates(word.lower()) or set()
    verbs = sorted(c for c in candidates if c != word.lower() and is_verb(c))
    return verbs[0].capitalize() if verbs else None


MIN_TECH_NAME = 6  #: shorter names ("Redis", "Kafka") are too close to people's names to guess


@cache
def _tech_names() -> dict[str, str]:
    """One-word technology names from the skills lexicon, by their lower-case spelling."""
    names = (skill.name for skill in skill_index().folded.values())
    return {n.lower(): n for n in names if n.isalpha() and len(n) >= MIN_TECH_NAME}


@cache
def tech_name_nearby(word: str) -> str | None:
    """A technology name one keystroke away, swapped letters included ("Kuberentes" ->
    "Kubernetes", "Pyhton" -> "Python"): a capitalised word the dictionary does not know is
    usually a name, but not when it is a product name with a slip in it."""
    if len(word) < MIN_TECH_NAME:
        return None
    names = _tech_names()
    near = sorted(names[e] for e in speller().edit_distance_1(word.lower()) if e in names)
    return near[0] if near else None


def english_share(text: str) -> float:
    """Share of plain lower-case words that are English; 0 when most letters are not Latin."""
    letters = [ch for ch in text if ch.isalpha()]
    latin = sum(1 for ch in letters if ch.isascii())
    if letters and latin < 0.5 * len(letters):
        return 0.0
    candidates = {t for t in text.lower().split() if _CANDIDATE.match(t) and len(t) >= 3}
    if not candidates:
        return 1.0
    return sum(1 for t in candidates if is_known(t)) / len(candidates)
