"""Wording: clichés, first person, passive voice."""

from __future__ import annotations

import re
from functools import cache

from resumeroast.core.analysis.checks.base import (
    IMPACT_SECTIONS,
    INFO,
    WARNING,
    Context,
    cite,
    finding,
    plural,
)
from resumeroast.core.analysis.lexicon import cliches, pronouns, soft_skills
from resumeroast.core.analysis.lines import TextLine
from resumeroast.core.analysis.tagger import Tagged, tag
from resumeroast.core.feedback import Finding

_CONTACT_LINE = re.compile(r"@|https?://|www\.|\d{3}[\s.)-]+\d{3}")
_PASSIVE = re.compile(
    r"\b(?:was|were|been|being|is|are|got)\s+(?:\w+ly\s+)?"
    r"(\w+ed|built|made|given|taken|done|written|led|chosen|seen|known|shown|grown|run|won|sent|"
    r"held|kept|paid|sold|taught|brought|told|drawn|driven|begun|found|set|cut|put)\b",
    re.IGNORECASE,
)
_NOT_PASSIVE = frozenset(
    "promoted awarded selected elected named invited recognized recognised honored honoured "
    "nominated accepted admitted based located interested involved required expected engaged "
    "skilled experienced dedicated focused committed excited qualified certified licensed "
    "registered married listed featured ranked published funded sponsored hired".split()
)


def _phrase_pattern(phrase: str) -> str:
    parts = [re.escape(part) for part in re.split(r"[\s-]+", phrase)]
    return r"\b" + r"[\s-]?".join(parts) + r"\b"


@cache
def _cliche_regex() -> re.Pattern[str]:
    ordered = sorted(cliches(), key=len, reverse=True)
    return re.compile("|".join(_phrase_pattern(p) for p in ordered), re.IGNORECASE)


@cache
def _pronoun_regex() -> re.Pattern[str]:
    """ "my", "me" anywhere; "I" only before a lower-case word ("I led"), so that "Engineer I,"
    and an icon read as "I" do not count."""
    lower = [re.escape(p) for p in pronouns() if p != "I" and not p.startswith("I'")]
    upper = [re.escape(p) for p in pronouns() if p == "I" or p.startswith("I'")]
    return re.compile(
        rf"(?i:\b(?:{'|'.join(lower)})\b)|(?<![\w.&/-])(?:{'|'.join(upper)})(?=\s+[a-z])"
    )


@cache
def _soft_skill_regex() -> re.Pattern[str]:
    ordered = sorted(soft_skills(), key=len, reverse=True)
    return re.compile("|".join(_phrase_pattern(p) for p in ordered), re.IGNORECASE)


#: what separates the items of a skills list: "Critical Thinking, Problem Solving & Organization"
_ITEM_SEPARATOR = re.compile(r"\s*(?:[,;|•·:&/()]|\band\b)\s*", re.IGNORECASE)


def _soft_skill_hits(context: Context) -> list[tuple[TextLine, list[str]]]:
    """Soft skills named as a bare item of a list, or anywhere in the summary."""
    pattern = _soft_skill_regex()
    hits = []
    for line in context.own_words:
        summary = context.section_of(line.number) == "summary"
        found = [
            m.group(0) for m in pattern.finditer(line.text) if summary or _whole_item(line.text, m)
        ]
        if found:
            hits.append((line, found))
    return hits


def _whole_item(text: str, match: re.Match[str]) -> bool:
    before = _ITEM_SEPARATOR.split(text[: match.start()])[-1]
    after = _ITEM_SEPARATOR.split(text[match.end() :])[0]
    return not before.strip(" .-–") and not after.strip(" .-–")


def _scan(
    lines: tuple[TextLine, ...], pattern: re.Pattern[str]
) -> list[tuple[TextLine, list[str]]]:
    hits = []
    for line in lines:
        found = [m.group(0) for m in pattern.finditer(line.text)]
        if found:
            hits.append((line, found))
    return hits


def check_cliches(context: Context) -> list[Finding]:
    merged: dict[int, tuple[TextLine, list[str]]] = {}
    for line, found in _scan(context.own_words, _cliche_regex()) + _soft_skill_hits(context):
        merged.setdefault(line.number, (line, []))[1].extend(found)
    return cliche_findings([merged[number] for number in sorted(merged)])


def cliche_findings(hits: list[tuple[TextLine, list[str]]], *, language: str = "") -> list[Finding]:
    """The one cliché finding for the lines that hold them (`language`: "in the resume's own
    language" for a resume not in English)."""
    if not hits:
        return []
    phrases = sorted({phrase.lower() for _, found in hits for phrase in found})
    return [
        finding(
            "language.cliche",
            WARNING,
            f"Clichés recruiters skip over: {', '.join(repr(p) for p in phrases[:6])}.",
            "Replace each with the evidence behind it: not 'team player' but what the team "
            f"shipped with you{language}.",
            [cite(line.quote, line.number) for line, _ in hits],
        )
    ]


#: A web address, with or without its scheme ("name.github.io/my-resume/"): its words are a
#: path, not the writer's voice.
FIRST_PERSON_LINES = 2  #: lines in the first person that make it the resume's voice
_LEADING_I = re.compile(r"^\W*I(?:'m|'ve|’m|’ve)?\s", re.UNICODE)
_WEB_ADDRESS = re.compile(
    r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.[a-z]{2,}/\S*", re.IGNORECASE
)


def check_first_person(context: Context) -> list[Finding]:
    if context.academic_record:
        return []  # a full academic record: its research statement is written in the first person
    lines = tuple(line for line in context.own_words if not _CONTACT_LINE.search(line.text))
    pattern = _pronoun_regex()
    hits = [
        (line, found)
        for line in lines
        if (found := [m.group(0) for m in pattern.finditer(_WEB_ADDRESS.sub(" ", line.text))])
    ]
    if len(hits) < FIRST_PERSON_LINES and not any(_LEADING_I.match(ln.text) for ln, _ in hits):
        return []  # one 'my' inside a sentence is a slip; "I built …" is the voice (and a rewrite)
    return [
        finding(
            "language.first_person",
            INFO,
            f"First-person words ('I', 'my', 'me') on {plural(len(hits), 'line')}: a resume is "
            "understood to be about you.",
            "Drop the pronoun and start with the verb: 'I managed' becomes 'Managed'.",
            [cite(line.quote, line.number) for line, _ in hits],
        )
    ]


def check_passive_voice(context: Context) -> list[Finding]:
    """Passive voice where the candidate's own work is the subject ("The schema was migrated"):
    the regular expression picks the suspects, the part-of-speech tagger confirms a past
    participle after "was", "were" or "got". A present passive ("is used by 3,000 students") or a
    present perfect one ("has been made to load fast") describes a product, and a pronoun subject is
    someone else ("they were trained"); none of those is reported."""
    hits: list[tuple[TextLine, str]] = []
    for line in context.prose_lines:
        if context.section_of(line.number) not in IMPACT_SECTIONS or not _PASSIVE.search(line.text):
            continue
        phrase = _passive_phrase(line.text)
        if phrase is not None:
            hits.append((line, phrase))
    if not hits:
        return []
    quoted = ", ".join(f"'{phrase}'" for phrase in dict.fromkeys(p for _, p in hits[:4]))
    return [
        finding(
            "language.passive_voice",
            INFO,
            f"Passive voice on {plural(len(hits), 'line')} ({quoted}) hides who did it.",
            "Make yourself the subject and open with the verb: 'The schema was migrated' "
            "becomes 'Migrated the schema'.",
            [cite(line.quote, line.number) for line, _ in hits],
        )
    ]


#: A past event hidden in the passive; "has been made" describes how a product stands.
_PAST_BE = frozenset({"was", "were", "got"})


def _passive_phrase(text: str) -> str | None:
    """ "was rebuilt" when the tagger reads a past passive whose subject is not a pronoun."""
    tagged = tag(text)
    for index, (word, _) in enumerate(tagged):
        if word.lower() not in _PAST_BE:
            continue
        rest = tagged[index + 1 :]
        adverbs = 0
        while adverbs < len(rest) and rest[adverbs].tag == "RB":
            adverbs += 1
        if adverbs == len(rest) or rest[adverbs].tag != "VBN":
            continue
        participle = rest[adverbs].word
        subject = _subject_tag(tagged, index)
        if subject in _SOMEONE and participle.lower() not in _NOT_PASSIVE:
            return " ".join(t.word for t in tagged[index : index + adverbs + 2])
    return None


def _subject_tag(tagged: tuple[Tagged, ...], index: int) -> str:
    """The tag of what stands before "was" / "had not yet been", past auxiliaries and adverbs:
    "which had not yet been identified" is about "which" (someone else's things), not the work."""
    before = index - 1
    while before >= 0 and (tagged[before].tag in _HELPERS or tagged[before].word in ("not", "n't")):
        before -= 1
    return tagged[before].tag if before >= 0 else ""


_HELPERS = frozenset({"RB", "VBD", "VBZ", "VBP", "MD"})  #: had, has, have, will, not, yet, also
#: What may stand before "was": a noun (the work), a closing bracket or quote, or nothing.
_SOMEONE = frozenset({"", "NN", "NNS", "NNP", "NNPS", "-RRB-", "''", ",", "CD", "JJ", "RB"})
