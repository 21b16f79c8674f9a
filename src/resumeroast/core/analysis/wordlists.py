"""wordfreq's large word-frequency lists (English, German, French, Spanish, Portuguese): how
common a word is, and which of these languages a text is written in. Each list loads once per
process, on first use."""

from __future__ import annotations

import math
import re
from functools import cache

from wordfreq import get_frequency_dict

#: The languages whose lists we check a resume or a job description against.
LANGUAGES = ("en", "de", "fr", "es", "pt")
COMMON = 3.0  #: Zipf frequency (log10 per billion words) of an everyday word
_WORDS = re.compile(r"[^\W\d_]{3,}")


@cache
def frequencies(language: str) -> dict[str, float]:
    """Word -> frequency (share of all words) from wordfreq's large list for the language."""
    return get_frequency_dict(language, wordlist="large")


def zipf(word: str, language: str = "en") -> float:
    """Zipf frequency: log10 of occurrences per billion words; 0 for a word not in the list."""
    frequency = frequencies(language).get(word.casefold().replace("’", "'"), 0.0)
    return math.log10(frequency) + 9 if frequency else 0.0


LANGUAGE_SHARE = 0.7  #: share of words a language's list must know to call a text that language


def other_language(text: str) -> str | None:
    """The language (de, fr, es, pt) of a resume that is not English, when its list knows at
    least LANGUAGE_SHARE of the lower-case words; None otherwise."""
    words = {w for w in _WORDS.findall(text) if w.islower()}
    if not words:
        return None
    shares = {
        language: sum(1 for w in words if zipf(w, language) >= COMMON - 1) / len(words)
        for language in LANGUAGES[1:]
    }
    best = max(shares, key=lambda language: shares[language])
    return best if shares[best] >= LANGUAGE_SHARE else None
