"""Spelling against a large word-frequency list (wordfreq), in the resume's own language.

A word is a typo when it is rare or absent in the language and a word one slip away (one
keystroke, two swapped letters, or its letters scrambled) is at least a hundred times more
common: "docemunts" -> "documents", "recieve" -> "receive". A correction is never a rarer word
than the original, and a change of ending between two real forms ("recommender" /
"recommended") is not a slip. The lists are loaded once per process, on first use.
"""

from __future__ import annotations

import re
from functools import cache

from spellchecker import SpellChecker

from resumeroast.core.analysis.keywords import skill_index, skill_vocabulary
from resumeroast.core.analysis.lexicon import tech_words
from resumeroast.core.analysis.verbs import is_verb
from resumeroast.core.analysis.wordlists import COMMON, frequencies, zipf

_LETTERS = {
    "en": "abcdefghijklmnopqrstuvwxyz",
    "de": "abcdefghijklmnopqrstuvwxyzäöüß",
    "fr": "abcdefghijklmnopqrstuvwxyzàâæçéèêëîïôœùûüÿ",
    "es": "abcdefghijklmnopqrstuvwxyzáéíñóúü",
    "pt": "abcdefghijklmnopqrstuvwxyzáâãàçéêíóôõú",
}
MARGIN = 2.0  #: a correction is at least 10^MARGIN times more common than the word
SCRAMBLE_MIN = 5  #: shorter words have too many anagrams to call one a scramble
_ENDINGS = ("er", "ers", "ed", "es", "s", "ing", "ings", "or", "ors", "ment", "ly", "al", "e")
_CANDIDATE = re.compile(r"^[a-z][a-z']*[a-z]$")


@cache
def _scrambles(language: str) -> dict[str, tuple[str, ...]]:
    """Common words by their sorted letters: the index that finds "docemunts" -> "documents"."""
    floor = 10 ** (COMMON + 0.5 - 9)
    index: dict[str, list[str]] = {}
    for word, frequency in frequencies(language).items():
        if frequency >= floor and len(word) >= SCRAMBLE_MIN and word.isalpha():
            index.setdefault("".join(sorted(word)), []).append(word)
    return {key: tuple(words) for key, words in index.items()}


def _edits(word: str, letters: str) -> set[str]:
    """Words one keystroke away: a letter dropped, added, changed, or two neighbours swapped."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    dropped = {a + b[1:] for a, b in splits if b}
    swapped = {a + b[1] + b[0] + b[2:] for a, b in splits if len(b) > 1}
    changed = {a + c + b[1:] for a, b in splits if b for c in letters}
    added = {a + c + b for a, b in splits for c in letters}
    return (dropped | swapped | changed | added) - {word}


def _same_word_other_ending(word: str, other: str) -> bool:
    """ "recommender" / "recommended", "enablement" / "enabled": two forms, not a slip."""
    for mine in _ENDINGS:
        if word.endswith(mine):
            stem = word[: -len(mine)]
            if other.startswith(stem) and other[len(stem) :] in _ENDINGS:
                return True
    return False


@cache
def correction(word: str, language: str = "en") -> str | None:
    """The common word this one is a slip of, or None when it is a word (or a name) itself."""
    lowered = word.lower().replace("’", "'")
    if lowered in tech_words() or lowered in skill_vocabulary():
        return None
    own = zipf(lowered, language)
    if own >= COMMON or lowered.endswith("s") and zipf(lowered[:-1], language) >= RARE:
        return None  # a common word, or the plural of a real one ("doulas", "practicals")
    if language == "en" and _inflected(lowered):
        return None  # a common word made a verb: "admined", "googling", "emailed"
    likely = [
        slip
        for slip in _slips(lowered, language, listed=own > 0)
        if slip[1] >= COMMON and slip[1] - own >= MARGIN
    ]
    return max(likely)[2] if likely else None


_INFLECTIONS = ("ed", "ing")


def _inflected(word: str) -> bool:
    """An everyday word with a verb ending added as written ("admin" + "ed"): informal, maybe,
    but no slip; "managment" or "devloped" leave no common stem."""
    for ending in _INFLECTIONS:
        stem = word.removesuffix(ending)
        doubled = stem + stem[-1:] + ending  # "formated" is a slip of "formatted"
        if stem != word and len(stem) >= 4 and zipf(stem) >= COMMON + 0.5 > zipf(doubled):
            return True
    return False


def _slips(word: str, language: str, listed: bool) -> list[tuple[int, float, str]]:
    """Candidates as (how typos are made, Zipf, word), the likeliest slip last when sorted.

    Letters swapped or scrambled ("recieve") beat a letter left out ("managment"), which beats
    a letter changed, which beats a letter added. A word the list holds, though rarely, is a
    slip only by a swap or a left-out letter, unless it is rarer still ("sinse"): "claps" and
    "continua" are words."""
    near = _edits(word, _LETTERS[language])
    if len(word) >= SCRAMBLE_MIN:
        key = "".join(sorted(word))
        near |= {w for w in _scrambles(language).get(key, ()) if w[0] == word[0]}
    frequency, floor = frequencies(language), 10 ** (COMMON - 9)
    slips = []
    for candidate in [c for c in near if frequency.get(c, 0.0) >= floor]:  # common words only
        if _same_word_other_ending(word, candidate):
            continue
        kind = _slip_kind(word, candidate)
        if listed and kind < LEFT_OUT and zipf(word, language) >= RARE:
            continue
        slips.append((kind, zipf(candidate, language), candidate))
    return slips


SWAPPED, LEFT_OUT, CHANGED, ADDED = 3, 2, 1, 0  #: the likelier kind of slip ranks higher
RARE = 1.5  #: Zipf under which a listed word is as likely a slip as a word


def _slip_kind(word: str, candidate: str) -> int:
    if sorted(word) == sorted(candidate):
        return SWAPPED
    if len(candidate) > len(word):
        return LEFT_OUT
    return CHANGED if len(candidate) == len(word) else ADDED


def suggest(word: str, language: str = "en") -> str | None:
    """The correction, capitalised like the word."""
    guess = correction(word, language)
    if guess is None:
        return None
    return guess.capitalize() if word[:1].isupper() else guess


@cache
def verb_nearby(word: str) -> str | None:
    """A verb the word is a slip of ("Devloped" -> "Developed"): how a typo in a bullet's first
    word looks, as opposed to a name the list does not know."""
    guess = correction(word)
    return guess.capitalize() if guess is not None and is_verb(guess) else None


COMPOUND_PART = 4  #: "toolset" (tool + set) and "inbox" are words; "highschool" is not
COMPOUND_PART_ZIPF = 4.5  #: each half an everyday word ("high", "school", "long", "term")
COMPOUND_ZIPF = 3.5  #: "wellbeing", "lifelong", "nonprofit": joined forms common enough to be words


@cache
def split_compound(word: str) -> str | None:
    """Two everyday words run together ("highschool", "longterm", "fulltime"): 'high school'.

    Only for a word that no dictionary or technology list knows ("codebase", "workflow" are
    words) and that is itself rare; each half must be a very common word of four letters or
    more, so prefixes ("preprocessing") and short joins ("toolset") are never split."""
    lowered = word.lower()
    if not lowered.isalpha() or is_known(lowered) or zipf(lowered) >= COMPOUND_ZIPF:
        return None
    for at in range(COMPOUND_PART, len(lowered) - COMPOUND_PART + 1):
        left, right = lowered[:at], lowered[at:]
        if min(zipf(left), zipf(right)) >= COMPOUND_PART_ZIPF:
            return f"{left} {right}"
    return None


MIN_TECH_NAME = 6  #: shorter names ("Redis", "Kafka") are too close to people's names to guess


@cache
def _tech_names() -> dict[str, str]:
    """One-word technology names from the skills lexicon, by their lower-case spelling."""
    names = (skill.name for skill in skill_index().folded.values())
    return {n.lower(): n for n in names if n.isalpha() and len(n) >= MIN_TECH_NAME}


@cache
def tech_name_nearby(word: str) -> str | None:
    """A technology name one keystroke away, swapped letters included ("Kuberentes" ->
    "Kubernetes", "Pyhton" -> "Python"): a capitalised word the list does not know is
    usually a name, but not when it is a product name with a slip in it."""
    lowered = word.lower()
    names = _tech_names()
    if len(word) < MIN_TECH_NAME or lowered.rstrip("s") in names or zipf(lowered) > 0:
        return None  # the name itself, its plural, or a word ("election", "Cython")
    near = sorted(names[e] for e in _edits(lowered, _LETTERS["en"]) if e in names)
    return near[0] if near else None


@cache
def _english_words() -> SpellChecker:
    """pyspellchecker's list decides only whether a text reads as English (the analyzer's gate):
    wordfreq's large list also holds many foreign words, so it would call German English."""
    return SpellChecker(distance=1)


def in_dictionary(word: str) -> bool:
    """An everyday English word (pyspellchecker's list), technology names not counted."""
    return word.lower() in _english_words()


def is_known(word: str) -> bool:
    """An English word as written (any case, possessive dropped) or a technology name."""
    lowered = word.lower().replace("’", "'").removesuffix("'s")
    return lowered in _english_words() or lowered in tech_words()


def english_share(text: str) -> float:
    """Share of plain lower-case words that are English; 0 when most letters are not Latin."""
    letters = [ch for ch in text if ch.isalpha()]
    latin = sum(1 for ch in letters if ch.isascii())
    if letters and latin < 0.5 * len(letters):
        return 0.0
    candidates = {t for t in text.lower().split() if _CANDIDATE.match(t) and len(t) >= 3}
    if not candidates:
        return 1.0
    known = _english_words()
    return sum(1 for t in candidates if t in known or t in tech_words()) / len(candidates)
