"""Typos in words written in capitals ("SIENCES", "INGINEERING", "BACCALEAUREAT").

A word in capitals is checked as its lower-case form against the resume's language and English
(core/analysis/speller.py). Capitals are also where acronyms and names live, and where accents
are dropped by custom, so the rules are stricter than for lower-case words.
"""

from __future__ import annotations

import unicodedata
from functools import cache

from resumeroast.core.analysis.speller import MARGIN, correction
from resumeroast.core.analysis.wordlists import COMMON, LANGUAGES, frequencies, zipf

CAPS_MIN = 6  #: shorter words in capitals are acronyms ("AWS", "HIPAA") more often than words
CAPS_RARE = 1.0  #: wordfreq lists start at Zipf 1: a word in capitals any list knows is a word
CAPS_LONG = 8  #: a word this long with one letter too many inside is a slip, not an acronym
CAPS_CHANGED = 9  #: a word this long with one letter changed is a slip, not a name
KNOWN_ELSEWHERE = 2.0  #: Zipf over which another list knows a word well: a word or a name there
_PLAIN = "abcdefghijklmnopqrstuvwxyz"


def known_elsewhere(word: str, language: str) -> bool:
    """A word or a name of another of the five languages ("Elisabete", "Emiratos"); rarer
    entries there are as often misspellings of English ("sience" in the German list)."""
    return max(zipf(word, other) for other in LANGUAGES if other != language) >= KNOWN_ELSEWHERE


@cache
def caps_slip(word: str, language: str = "en") -> str | None:
    """The common word of the resume's language or of English this word in capitals is a slip
    of, in capitals; None for a word, an acronym or a name.

    Capitals drop accents by custom ("EXPERIENCE" for "expérience"): a correction that only adds
    an accent is no correction, and a slip is looked for among the words without their accents
    too ("BACCALEAUREAT" -> "BACCALAURÉAT"); see _slip_shape for the slips that count."""
    lowered = word.lower()
    if len(word) < CAPS_MIN or max(zipf(lowered, language), zipf(lowered)) >= CAPS_RARE:
        return None
    if known_elsewhere(lowered, language):
        return None
    for candidate_language in dict.fromkeys((language, "en")):
        guess = correction(lowered, candidate_language) or _accent_dropped(
            lowered, candidate_language
        )
        if guess is not None and _slip_shape(lowered, guess):
            return guess.upper()
    return None


def _slip_shape(word: str, guess: str) -> bool:
    """How a slip looks in capitals. A letter left out after the first ("SIENCES") or two
    neighbours swapped is a slip; a letter changed or one too many turns names into words
    ("KEIDRA" / "KENDRA", "COACHE" / "COACH"), so it counts only in a word longer than most
    names; a scramble ("DAGORN" / "DRAGON") and an accent added ("EXPERIENCE") never do."""
    plain, fixed = _unaccented(word), _unaccented(guess)
    if len(fixed) == len(plain) + 1:
        return plain[0] == fixed[0]  # "APTIVE" / "CAPTIVE": a name that lacks a word's first
    if len(fixed) + 1 == len(plain):
        return len(plain) >= CAPS_LONG and plain[0] == fixed[0] and plain[-1] == fixed[-1]
    if len(fixed) != len(plain) or plain == fixed:
        return False
    apart = [i for i, (a, b) in enumerate(zip(plain, fixed, strict=True)) if a != b]
    if sorted(plain) == sorted(fixed):
        return len(apart) == 2 and apart[1] == apart[0] + 1
    return len(apart) == 1 and len(plain) >= CAPS_CHANGED


def _accent_dropped(word: str, language: str) -> str | None:
    """A common accented word one slip from the word once both are read without accents."""
    index = _by_unaccented(language)
    own = zipf(word, language)
    near = {index[e] for e in _edits(_unaccented(word)) if e in index}
    likely = [(zipf(w, language), w) for w in near if zipf(w, language) - own >= MARGIN]
    return max(likely)[1] if likely else None


def _edits(word: str) -> set[str]:
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    dropped = {a + b[1:] for a, b in splits if b}
    swapped = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changed = {a + c + b[1:] for a, b in splits if b for c in _PLAIN}
    added = {a + c + b for a, b in splits for c in _PLAIN}
    return dropped | swapped | changed | added


@cache
def _by_unaccented(language: str) -> dict[str, str]:
    """Common words with accents by their letters without them ("baccalaureat")."""
    floor, index = 10 ** (COMMON - 9), dict[str, str]()
    best: dict[str, float] = {}
    for word, frequency in frequencies(language).items():
        if frequency < floor or word.isascii() or not word.isalpha():
            continue
        plain = _unaccented(word)
        if frequency > best.get(plain, 0.0):
            best[plain], index[plain] = frequency, word
    return index


def _unaccented(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))
