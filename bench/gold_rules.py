"""How bench/gold.py judges a finding against an expert's annotation (../shared/fixtures/gold).

Two tables decide it, and nothing else:

- ISSUE_CODES: gold issue kind (SCHEMA.md) -> the finding codes that report it. A gold issue is
  found when a finding of a matching code quotes a line overlapping the issue's quote; an issue
  about an absence (quote "") is found when such a finding exists at all; so is one of a kind
  about the whole page (WHOLE_DOCUMENT: mixed date formats, length, first person, passive);
  and a finding about the whole document (no quote) finds an issue of its kind wherever quoted.
- FACT_CODES: gold fact kind -> the finding codes that contradict it. A fact with evidence on a
  line (has-verb, active-voice, not-placeholder) is contradicted only by a finding quoting that
  line; spelled-correctly only by a spelling finding that names the word.

A new check registers here with one line (code prefixes end with "."). Kinds the analyzer does
not cover (grammar, claim-unsupported, inconsistency, other ...) have no row: they are left
out of recall, and printed apart as what no check reports.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from difflib import SequenceMatcher
from typing import Any

from resumeroast.core.feedback import Finding

ISSUE_CODES: dict[str, tuple[str, ...]] = {
    "placeholder": ("placeholder.",),
    "contact-missing-email": ("contact.no_email",),
    "contact-missing-phone": ("contact.no_phone",),
    "contact-missing-location": ("contact.no_location",),
    "contact-unprofessional-email": ("contact.unprofessional_email",),
    "no-metrics": ("impact.unquantified_bullets",),
    "duty-not-achievement": (
        "verbs.weak_opener", "verbs.no_verb", "impact.keyword_bullets",
        "impact.unquantified_bullets", "content.product_not_contribution",
        "sections.empty_role",  # a role with no line on what was done states no achievement
    ),
    "weak-verb": ("verbs.weak_opener",),
    "cliche": ("language.cliche",),
    "buzzwords": ("language.cliche",),
    "first-person": ("language.first_person",),
    "typo": ("spelling.",),
    "passive-overuse": ("language.passive_voice",),
    "too-long": ("length.too_many_pages", "length.too_many_words"),
    "too-short": ("length.too_short", "ats.too_little_text"),
    "wall-of-text": ("brevity.wall_of_text", "content.role_as_paragraph"),
    "date-missing": ("dates.missing", "dates.no_year"),
    "date-gap": ("dates.gap",),
    "date-inconsistent-format": ("dates.mixed_formats",),
    "date-contradiction": (
        "dates.overlap", "dates.future", "dates.contradict", "content.claim_contradicted",
    ),
    "ats-layout": ("ats.columns", "ats.tables", "ats.contact_in_header_footer", "ats.text_box"),
    "ats-unreadable": (
        "ats.unmappable_fonts", "ats.image_only_pages", "ats.too_little_text", "ats.no_text",
        "ats.lost_ligatures", "ats.split_accents",
    ),
    "irrelevant-content": ("personal.", "content.cover_letter", "content.references"),
}  # fmt: skip

#: section-missing is covered only for the sections a check looks for, named in the issue's why
MISSING_SECTION_CODES: dict[str, tuple[str, ...]] = {
    "experience": ("sections.no_experience", "sections.empty_role"),
    "education": ("sections.no_education",),
    "skill": ("sections.no_skills",),
}

FACT_CODES: dict[str, tuple[str, ...]] = {
    "has-email": ("contact.no_email",),
    "has-phone": ("contact.no_phone",),
    "has-location": ("contact.no_location",),
    "has-experience-section": ("sections.no_experience",),
    "has-education-section": ("sections.no_education",),
    "has-skills-section": ("sections.no_skills",),
    "dates-on-every-role": ("dates.missing",),
    "single-column": ("ats.columns",),
    "no-hidden-text": ("red_flag.hidden_text",),
    "language-en": ("language.not_english",),
    "spelled-correctly": ("spelling.",),
    "active-voice": ("language.passive_voice",),
    "has-verb": ("verbs.no_verb",),
    "not-placeholder": ("placeholder.",),
}

#: kinds about the whole page: one finding of the kind finds the issue wherever it quotes
WHOLE_DOCUMENT = frozenset(
    {"date-inconsistent-format", "too-long", "too-short", "first-person", "passive-overuse"}
)

#: facts contradicted only by a finding that quotes their evidence's line
LINE_FACTS = frozenset({"active-voice", "has-verb", "not-placeholder"})

_SPACE = re.compile(r"\s+")
#: "'exceded' → 'exceeded'": the flagged word, not its correction
_FLAGGED = re.compile(r"'([^']{2,40})'(?:\s*→\s*'[^']*')?")
MIN_COMMON = 20  #: characters two quotes must share to be about the same line


def matches(code: str, codes: Iterable[str]) -> bool:
    return any(code == c or (c.endswith(".") and code.startswith(c)) for c in codes)


def issue_codes(issue: dict[str, Any]) -> tuple[str, ...]:
    """The codes that would report this gold issue; () when no check covers it."""
    if issue["kind"] == "section-missing":
        why = str(issue.get("why", "")).lower()
        return tuple(
            code for word, codes in MISSING_SECTION_CODES.items() if word in why for code in codes
        )
    return ISSUE_CODES.get(issue["kind"], ())


def covered(issues: list[dict[str, Any]]) -> list[int]:
    """Indexes of the gold issues some check is meant to report: recall is over these."""
    return [i for i, issue in enumerate(issues) if issue_codes(issue)]


#: Markdown emphasis and code marks: an annotator quotes a .md file's source ("*Jan 2020*"),
#: the reader gives the text a reader sees ("Jan 2020")
_MARKUP = str.maketrans("", "", "*`")


def normal(text: str) -> str:
    return _SPACE.sub(" ", text.replace("\u00a0", " ").translate(_MARKUP)).strip().lower()


def overlaps(one: str, other: str) -> bool:
    """The same line, or most of one: one holds the other, or they share a long run."""
    a, b = normal(one), normal(other)
    if not a or not b:
        return False
    if a in b or b in a:
        return True
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size >= min(MIN_COMMON, len(a), len(b))


def quotes(item: Finding) -> list[str]:
    return [e.quote for e in item.evidence if e.quote.strip()]


def finds(item: Finding, issue: dict[str, Any]) -> bool:
    codes = issue_codes(issue)
    if not codes or not matches(item.code, codes):
        return False
    quote = str(issue.get("quote", ""))
    cited = quotes(item)
    if not quote.strip() or not cited or issue["kind"] in WHOLE_DOCUMENT:
        return True
    return any(overlaps(quote, q) for q in cited)


def contradicts(item: Finding, fact: dict[str, Any]) -> bool:
    kind = str(fact.get("what", ""))
    if not matches(item.code, FACT_CODES.get(kind, ())):
        return False
    evidence = str(fact.get("evidence", ""))
    if kind == "spelled-correctly":
        return _names_word(item, evidence)
    if kind in LINE_FACTS:
        return any(overlaps(evidence, q) for q in quotes(item))
    return True


def _names_word(item: Finding, evidence: str) -> bool:
    """A spelling finding contradicts 'spelled-correctly' when it flags one of its words."""
    correct = {normal(w) for w in re.split(r"[,;]\s*|\s+", evidence) if len(w) > 1}
    flagged = {normal(w) for w in _FLAGGED.findall(item.message.split(". ")[0])}
    flagged |= {normal(q) for q in quotes(item) if " " not in q.strip()}
    words = {w.strip("'\".,:;()") for w in correct}
    return bool(flagged & (correct | words))


@dataclass(frozen=True)
class Judged:
    """One finding, judged: true / trivial / false / unjudged, and why."""

    item: Finding
    verdict: str
    reason: str
    key: str  #: masked quote the verdicts file keys it by
    issues: tuple[int, ...] = ()  #: indexes of the gold issues it finds
