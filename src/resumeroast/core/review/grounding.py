"""Grounding: nothing the model says about the resume is shown unless the resume backs it.

- Quotes are checked against the resume text after normalising case, punctuation and
  whitespace (and Unicode compatibility forms). A quote that is found is shown as the
  resume's own text, so what the person reads is always verbatim.
- Rewrites may not add employers, titles, dates, degrees or numbers that their original
  does not have (`invented_facts`). Names are capitalised words, sentence-initial ones
  included unless they are ordinary words (a verb, a function word); a lowercase word
  after "at" is an employer ("at amazon") unless it is an ordinary word ("at scale").
- Free remarks may not cite numbers that appear nowhere in what the model was given
  (`unsupported_numbers`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass

from resumeroast.core.analysis.lexicon import stopwords
from resumeroast.core.analysis.verbs import is_verb
from resumeroast.core.documents import Line

#: A quote must carry at least this many letters or digits to count as evidence (a single
#: short word such as "Python" proves nothing about where the model was looking).
MIN_QUOTE_ALNUM = 8
_LEADING_SIGNS = frozenset("$€£¥#([+")
_TRAILING_SIGNS = frozenset("%)]+")


def _fold(char: str) -> str:
    """One character → its normalised form ('' for marks, ' ' for punctuation)."""
    out = []
    for c in unicodedata.normalize("NFKC", char).casefold():
        kind = unicodedata.category(c)
        if kind.startswith("M"):
            continue
        out.append(c if c.isalnum() else " ")
    return "".join(out)


def normalise(text: str) -> str:
    return " ".join("".join(_fold(char) for char in text).split())


@dataclass(frozen=True)
class Located:
    text: str  #: the resume's own words for the quote (verbatim, lines joined by a space)
    line: int  #: the 1-based number of the line the quote starts on


class QuoteIndex:
    """The resume text, normalised once, with a map back to the original characters."""

    def __init__(self, lines: Sequence[Line]) -> None:
        self._original = "\n".join(line.text for line in lines)
        chars: list[str] = []
        sources: list[int] = []
        starts: list[tuple[int, int]] = []  # (offset in original, line number)
        offset = 0
        for line in lines:
            starts.append((offset, line.number))
            offset += len(line.text) + 1
        for position, char in enumerate(self._original):
            for folded in _fold(char) if char != "\n" else " ":
                if folded == " " and (not chars or chars[-1] == " "):
                    continue
                chars.append(folded)
                sources.append(position)
        self._text = "".join(chars)
        self._sources = sources
        self._line_starts = starts

    def locate(self, quote: str) -> Located | None:
        needle = normalise(quote)
        if sum(c.isalnum() for c in needle) < MIN_QUOTE_ALNUM:
            return None
        found = self._text.find(needle)
        if found == -1:
            return None
        first, last = self._sources[found], self._sources[found + len(needle) - 1]
        original = self._original
        # Keep the signs that belong to a word: "40%", "(p95)", "$2M", "C++".
        while first > 0 and original[first - 1] in _LEADING_SIGNS:
            first -= 1
        while last + 1 < len(original) and original[last + 1] in _TRAILING_SIGNS:
            last += 1
        text = " ".join(original[first : last + 1].split())
        return Located(text=text, line=self._line_at(first))

    def _line_at(self, position: int) -> int:
        number = self._line_starts[0][1] if self._line_starts else 1
        for start, line_number in self._line_starts:
            if start > position:
                break
            number = line_number
        return number


# --- facts a rewrite may not invent ---------------------------------------------------

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty "
    "fifty sixty seventy eighty ninety hundred hundreds thousand thousands million millions "
    "billion billions dozen dozens half halved halving percent twice thrice".split()
)
#: Multipliers are numbers too: "doubling throughput" claims a figure.
_MULTIPLIER_WORDS = frozenset(
    f"{stem}{ending}"
    for stem in ("doubl", "tripl", "quadrupl")
    for ending in ("e", "ed", "es", "ing")
) | frozenset("twofold threefold fourfold fivefold tenfold hundredfold".split())
_MONTHS = frozenset(
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec".split()
)
_TITLES = frozenset(
    "senior junior lead principal staff head chief director manager vp president founder "
    "cofounder co-founder ceo cto cfo coo cio architect supervisor intern partner owner "
    "officer executive".split()
) | frozenset(  # role nouns, singular: "as a software engineer" names the person's title
    "engineer developer programmer scientist analyst consultant designer researcher "
    "specialist coordinator administrator accountant strategist recruiter technician "
    "technologist statistician economist auditor advisor adviser".split()
)
_DEGREES = frozenset(
    "bachelor bachelors bachelor's master masters master's phd doctorate mba bsc msc ba ma bs "
    "ms beng meng degree diploma certified certification certificate licensed license".split()
)
_EMPLOYER_SUFFIXES = frozenset("inc ltd llc gmbh corp corporation plc ag sa co company".split())
_WORD = re.compile(r"[A-Za-z][\w'&+.-]*[\w+]|[A-Za-z]")
_SENTENCE_START = re.compile(r"(?:^|[.!?;:•\n-]\s+|^\s*[-*•]\s*)$")
_AFTER_AT = re.compile(r"\bat\s+([a-z][a-z'&-]*)")
#: Ordinary words that open a sentence of a rewrite, or follow "at", besides function
#: words and verbs: capitalised there, they are not names.
_ORDINARY = frozenset(
    "key main core new first second top multiple various numerous daily weekly monthly "
    "cross-functional end-to-end hands-on full-stack team teams project projects result "
    "results customer customers client clients user users data revenue sales cost costs "
    "latency performance quality support product products service services scale pace "
    "speed peak launch work home risk level length volume runtime large low high lower "
    "higher minimal reduced record company org organisation organization".split()
)


def _ordinary(word: str) -> bool:
    word = word.lower()
    if word in _ORDINARY or word in stopwords() or is_verb(word):
        return True
    # Gerunds and adverbs ("Leading", "Successfully"); a short stem keeps "Boeing" a name.
    return any(word.endswith(end) and len(word) - len(end) >= 4 for end in ("ing", "ly"))


def _numbers(text: str) -> set[str]:
    return {re.sub(r"[.,]", "", n) for n in _NUMBER.findall(text)}


def _words(text: str) -> set[str]:
    return {w.lower().strip(".'") for w in _WORD.findall(text)}


def _proper_nouns(text: str) -> set[str]:
    """Capitalised words and acronyms; at the start of a sentence or a bullet, only those
    that are not ordinary words ("Google: built …" names Google, "Built …" names nothing)."""
    found: set[str] = set()
    for match in _WORD.finditer(text):
        word = match.group(0).rstrip(".")
        if len(word) < 2 or not word[0].isupper():
            continue
        opens = not word.isupper() and _SENTENCE_START.search(text[: match.start()])
        if not opens or not _ordinary(word):
            found.add(word.lower())
    return found


def _employers_after_at(text: str) -> set[str]:
    """Lowercase names after "at": "built APIs at amazon"."""
    return {w for w in _AFTER_AT.findall(text) if not _ordinary(w)}


def invented_facts(original: str, improved: str) -> list[str]:
    """What `improved` claims that `original` does not say: numbers, dates, titles, degrees,
    employers and other proper nouns. Empty when the rewrite only rephrases."""
    problems: list[str] = []
    new_numbers = _numbers(improved) - _numbers(original)
    if new_numbers:
        problems.append("numbers " + ", ".join(sorted(new_numbers)))
    before, after = _words(original), _words(improved)
    before |= {w[:-1] for w in before if w.endswith("s")}  # "engineers" allows "engineer"
    for label, vocabulary in (
        ("number words", _NUMBER_WORDS | _MULTIPLIER_WORDS),
        ("dates", _MONTHS),
        ("titles", _TITLES),
        ("degrees", _DEGREES),
        ("employers", _EMPLOYER_SUFFIXES),
    ):
        added = (after & vocabulary) - before
        if added:
            problems.append(f"{label} " + ", ".join(sorted(added)))
    employers = _employers_after_at(improved) - before
    if employers:
        problems.append("employers " + ", ".join(sorted(employers)))
    names = _proper_nouns(improved) - before - employers
    if names:
        problems.append("names " + ", ".join(sorted(names)))
    return problems


def unsupported_numbers(text: str, known: str) -> set[str]:
    """Numbers in `text` that never appear in `known` (the resume, its facts, the job ad)."""
    return _numbers(text) - _numbers(known)
