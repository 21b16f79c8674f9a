"""Spelling mistakes and doubled words.

A word is reported when it is rare or unknown in the resume's language (wordfreq's large list,
English, German, French, Spanish or Portuguese; plus the technology vocabulary) and a far more
common word is one slip away (core/analysis/speller.py). Capitalised words are names (and German
nouns), except the first word of an English bullet, which is reported only when it is a slip of
a verb ("Devloped"), and a word one keystroke from a technology name of six letters or more
("Kuberentes"). Links, e-mail addresses and reference lists are not spell-checked.
"""

from __future__ import annotations

import re
import unicodedata

from resumeroast.core.analysis.capitals import caps_slip, known_elsewhere
from resumeroast.core.analysis.checks.base import WARNING, Context, cite, finding, plural
from resumeroast.core.analysis.lines import TextLine
from resumeroast.core.analysis.speller import (
    split_compound,
    suggest,
    tech_name_nearby,
    verb_nearby,
)
from resumeroast.core.analysis.wordlists import COMMON, LANGUAGES, other_language, zipf
from resumeroast.core.feedback import Finding

_EDGE = "\"'()[]{}<>,;:!?“”‘’*_^†"
_SKIP = re.compile(r"[\d@\\#+_=|.:<>]|^https?|^www", re.IGNORECASE)
_WORD = re.compile(r"^[^\W\d_]+(?:['’][^\W\d_]+)?$")
_CONTACT = re.compile(r"@|https?://|www\.|\.(?:com|org|net|io|dev)\b", re.IGNORECASE)
_TOKENS = re.compile(r"[\s()\[\]{},;]+")
_QUOTED = re.compile(r"^[\"'“‘][^\s\"'“”‘’]+[\"'”’][.,;:!?)]*$")
_DOUBLED = re.compile(r"\b([A-Za-z]+)\s+\1\b", re.IGNORECASE)
_ALLOWED_DOUBLES = frozenset({"had", "bora", "walla"})
_NOT_CHECKED = frozenset({"publications", "references", "contact"})
#: French and Italian elisions ("d'un", "l'équipe", "qu'il"): the word is what follows.
_ELISION = re.compile(r"^(?:[cdjlmnst]|qu|jusqu|lorsqu|puisqu|dell|nell|all|dall|sull)['’]", re.I)
_DASHES = "-–—|&+/•·"  #: punctuation between words, not an icon before a handle
LONG_NAME = 8  #: a capitalised word this long and this rare is checked like any other
RARE_NAME = 2.0  #: Zipf under which a long capitalised word is no everyday word or name
LONG_SLIP_MARGIN = 2.5  #: how much more common its correction must be
MIN_PART = 4  #: parts of hyphenated words shorter than this ("add-ons") are not checked
KNOWN_PART = 2.5  #: Zipf over which a part of a hyphenated word is a word ("Baby-sitter")
FOREIGN_LEAD = 1.0  #: how much more common in another language a word must be to belong to it
FOREIGN_KNOWN = 1.5  #: Zipf over which a word is known in the language of the phrase around it
FOREIGN_SHARE = 0.5  #: share of a line's words in another language that makes it that language's


def check_spelling(context: Context) -> list[Finding]:
    language = "en" if context.english else other_language(context.document.text)
    if language is None:
        return []  # no list for this language: say nothing rather than guess
    hits: list[tuple[TextLine, str, str | None]] = []
    ocr_pages = frozenset(context.document.layout.ocr_pages)
    for line in _checked_lines(context):
        if _skipped(context, line):
            continue
        top = context.section_of(line.number) == "header"
        words = _misspelled(line, line.number in context.bullet_starts, language, top)
        if words and language == "en" and _foreign_line(line.text):
            continue  # asked only of lines with a typo: each word is looked up in five lists
        for word in words:
            fix = _correction(word, language)
            if line.page in ocr_pages and _accent_only(word, fix):
                continue  # OCR reads "ó" as "ô" or "ö": the page has it right
            hits.append((line, word, fix))
    if not hits:
        return []
    pairs = list(
        dict.fromkeys(f"'{word}'" + (f" → '{fix}'" if fix else "") for _, word, fix in hits)
    )[:6]
    return [
        finding(
            "spelling.misspelling",
            WARNING,
            f"{plural(len(hits), 'likely typo')}: {', '.join(pairs)}. One typo can end a read.",
            "Fix each, then read the page aloud once; spell checkers miss real-word slips.",
            [cite(line.quote, line.number) for line, _, _ in hits],
        )
    ]


def _accent_only(word: str, fix: str | None) -> bool:
    """The two differ only in their accents ("configuraciôn" / "configuración")."""
    return fix is not None and _unaccented(word) == _unaccented(fix)


def _unaccented(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word.lower())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def _checked_lines(context: Context) -> list[TextLine]:
    """The writer's own lines, a languages list included ("Franzsisch"): no headings, contact
    details, references or publications (other people's words and titles)."""
    headings = {s.heading_line for s in context.structure.sections}
    return [
        line
        for line in context.lines
        if context.section_of(line.number) not in _NOT_CHECKED and line.number not in headings
    ]


def _skipped(context: Context, line: TextLine) -> bool:
    """Reference lists, and the top of the page: contact lines, names and handles."""
    section = context.section_of(line.number)
    if section in _NOT_CHECKED:
        return True
    top = section in {"header", "contact"}
    return top and (_CONTACT.search(line.text) is not None or len(line.text.split()) <= 4)


def _misspelled(line: TextLine, starts_statement: bool, language: str, top: bool) -> list[str]:
    found = []
    tokens = _TOKENS.split(line.text)
    for index, raw in enumerate(tokens):
        before = tokens[index - 1] if index else ""
        if len(before) == 1 and not before.isalnum() and before not in _DASHES:
            continue  # a handle after an icon: "§ jdoe"
        if _QUOTED.match(raw):
            continue  # put in quotes on purpose: "a virtual 'fieldtrip'"
        token = raw.strip(_EDGE)
        if token.endswith(".") and len(token) <= 5:
            continue  # an abbreviation: "vol.", "approx."
        token = token.rstrip(".")
        if language != "en":
            token = _ELISION.sub("", token)
        if not token or _SKIP.search(token):
            continue
        parts = re.split(r"[-/]", token)
        opens = index == 0 and starts_statement or index > 0 and _ends_sentence(tokens[index - 1])
        for part in parts:
            if len(parts) > 1 and (len(part) < MIN_PART or _known_part(part, language)):
                continue
            if language != "en" and zipf(part) >= COMMON:
                continue  # an English word in a German CV ("Baby-sitter", "Team") is no typo
            if top and part.isupper():
                continue  # a name or a title in capitals at the top of the page
            if _is_typo(part, opens and language == "en", language) and not (
                language == "en" and _in_foreign_phrase(token, tokens, index)
            ):  # "Etude Longitudinale": a name or title in another language
                found.append(part)
    return found


def _known_part(part: str, language: str) -> bool:
    """A part of a compound that is a word in the resume's language or in English."""
    return max(zipf(part, language), zipf(part)) >= KNOWN_PART


def _foreign(word: str) -> str | None:
    """The other language (de, fr, es, pt) a word clearly belongs to rather than English."""
    english = zipf(word)
    for language in LANGUAGES[1:]:
        if zipf(word, language) >= COMMON and zipf(word, language) - english >= FOREIGN_LEAD:
            return language
    return None


def _foreign_line(text: str) -> bool:
    """Most of the line's words are another language's: a title or a quote, not the writer's
    English (a French paper title in an English CV)."""
    found = re.findall(r"[^\W\d_]{3,}", text)
    if len(found) < 3:
        return False
    return sum(1 for w in found if _foreign(w)) / len(found) >= FOREIGN_SHARE


def _in_foreign_phrase(token: str, tokens: list[str], index: int) -> bool:
    """A word of another language beside a common word of the same language: a name such as
    "Etude Longitudinale"; a slip beside English words ("Profesional experience") stays."""
    word = token.strip(_EDGE).rstrip(".")
    neighbours = tokens[max(index - 1, 0) : index] + tokens[index + 1 : index + 2]
    for near in neighbours:
        near = near.strip(_EDGE).rstrip(".")
        other = _foreign(near) if len(near) >= MIN_PART - 1 else None
        if other is not None and zipf(word, other) >= FOREIGN_KNOWN:
            return True
    return False


def _ends_sentence(token: str) -> bool:
    """ "done." ends a sentence; an initial ("B.") or an abbreviation ("Dr.") does not."""
    return token[-1:] in "!?" or token.endswith(".") and len(token.strip(_EDGE + ".")) > 3


def _is_typo(word: str, first: bool, language: str) -> bool:
    if len(word) < 3 or not _WORD.match(word):
        return False
    if word.isupper() and len(word) > 1:
        return caps_slip(word, language) is not None
    if word[1:] != word[1:].lower():
        return False  # "PostgreSQL", "iOS": a name written its own way
    if tech_name_nearby(word) is not None:
        return True
    if word[0].isupper():
        if first and verb_nearby(word) is not None:
            return True
        return _long_slip(word, language)
    if language == "en" and split_compound(word) is not None:
        return True
    return suggest(word, language) is not None


def _long_slip(word: str, language: str) -> bool:
    """ "Adminstration", "Fundementals", "Nachilfe": too long and too close to a very common
    word of the resume's language to be a name; names stay names ("Okonkwo", "Healthcareer"
    match no such word). A slip keeps the first letter: a word that differs there ("Creality" /
    "Reality") is a brand, not a typo. Every German noun is capitalised, so this is the rule
    that reads them."""
    guess = suggest(word, language)
    if len(word) < LONG_NAME or guess is None or guess[0].lower() != word[0].lower():
        return False
    if language != "en" and (zipf(word, language) > 0 or _accent_only(word, guess)):
        return False  # listed, however rarely ("Entregai"), or a name's accents ("Betancourt")
    if language != "en" and known_elsewhere(word, language):
        return False  # a word or name of another language ("Emiratos" in a Portuguese CV)
    own = max(zipf(word, language), zipf(word))  # an English name in a German CV is a name
    return own < RARE_NAME and zipf(guess, language) - own >= LONG_SLIP_MARGIN


def _correction(word: str, language: str) -> str | None:
    if word.isupper() and len(word) > 1:
        return caps_slip(word, language)
    tech = tech_name_nearby(word)
    if tech is not None:
        return tech
    if word[0].isupper():
        return verb_nearby(word) or suggest(word, language)
    if language == "en" and (halves := split_compound(word)) is not None:
        return f"{halves}' or '{halves.replace(' ', '-')}"
    return suggest(word, language)


def check_doubled_words(context: Context) -> list[Finding]:
    hits = []
    for line in context.prose_lines:
        for match in _DOUBLED.finditer(line.text):
            first, second = match.group(0).split()[0], match.group(0).split()[-1]
            if match.group(1).lower() in _ALLOWED_DOUBLES or (
                first[0].isupper() and second[0].isupper()
            ):
                continue
            hits.append((line, match.group(0)))
    if not hits:
        return []
    return [
        finding(
            "spelling.doubled_word",
            WARNING,
            f"Doubled words: {', '.join(repr(d) for _, d in hits[:5])}.",
            "Delete the repeat.",
            [cite(line.quote, line.number) for line, _ in hits],
        )
    ]
