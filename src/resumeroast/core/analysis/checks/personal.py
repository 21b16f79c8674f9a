"""What does not belong in a resume sent to a US, UK, Canadian or Australian employer: age,
date of birth, marital status and the like (they invite bias, and many employers must set such
resumes aside), and a cover letter pasted into the resume itself."""

from __future__ import annotations

import re

from resumeroast.core.analysis.checks.base import INFO, WARNING, Context, cite, finding
from resumeroast.core.analysis.dates import day_date_years
from resumeroast.core.analysis.lines import TextLine
from resumeroast.core.feedback import Finding

_PERSONAL = re.compile(
    r"\b(?:date of birth|birth ?date|d\.o\.b\.?|dob\b)\s*[:\-–]?\s*\S"
    r"|\bborn (?:on|in) \w"
    r"|\bage\s*[:\-–]\s*\d{2}\b"
    r"|(?<![xX])\b\d{2}\s+years? old\b"
    r"|\b(?:marital|civil|family) status\b"
    r"|\b(?:nationality|religion|gender|sex)\s*:\s*\w"
    r"|\bnumber of children\b|\bchildren\s*:\s*\d"
    # immigration status: "seeking asylum", "refugee status" (work authorisation is no such thing)
    r"|\b(?:seeking|sought|granted|political) asylum\b|\basylum (?:seeker|status)\b"
    r"|\brefugee status\b|\bimmigration status\b"
    r"|\bplace of birth\b|\b(?:father|mother)'?s name\b"
    # French, Spanish, Portuguese, German: the same fields under their own labels
    r"|\b(?:date|lieu) (?:et lieu )?de naissance\b|\bnaissance\s*:?\s*\d|\bn[ée]e? le \d"
    r"|\b[âa]ge\s*:\s*\d"
    r"|\bsituation (?:familiale|matrimoniale)\b|\bnationalit[ée]\s*:"
    r"|\b(?:c[ée]libataire|mariée?|divorcée?)\s*(?:[,;|]|$)"
    r"|\bnom (?:du p[èe]re|de la m[èe]re)\b|\benfants?\s*:"
    r"|\b(?:fecha|lugar) de nacimiento\b|\bedad\s*:|\ba[ñn]os de edad\b|\bestado civil\b"
    r"|\bnacionalidad(?:e)?\s*:|\brelig(?:i[óo]n|i[ãa]o)\s*:|\bhijos\s*:|\bfilhos\s*:"
    r"|\bnombre (?:del padre|de la madre)\b|\bnome d[oa] (?:pai|m[ãa]e)\b|\bfilia[çc][ãa]o\b"
    r"|\bdata de nascimento\b|\bnascid[oa] (?:em|a)\b|\bidade\s*:|\bnaturalidade\s*:"
    r"|\bgeburts(?:datum|ort|tag)\b|\bgeboren (?:am|in)\b|\bgeb\.\s*(?:am\s*)?\d"
    r"|\balter\s*:\s*\d|\bfamilienstand\b|\b(?:staatsangeh[öo]rigkeit|nationalit[äa]t)\s*:"
    r"|\b(?:konfession|religionszugeh[öo]rigkeit)\s*:|\bkinder\s*:|\b(?:vater|mutter)\s*:",
    re.IGNORECASE,
)
_SALUTATION = re.compile(
    r"^\s*dear\s+(?:hiring|recruit|sir|madam|mr|ms|mrs|dr|team|search|selection|[A-Z][a-z]+)"
    r"[^,:]{0,40}[,:]\s*$",
    re.IGNORECASE,
)
_LETTER = re.compile(
    r"\bI am writing to (?:apply|express|submit)|\bplease (?:find|accept) (?:my|the) enclosed"
    r"|\bthank you for (?:your|considering) (?:time|consideration|my application)"
    r"|^\s*(?:yours (?:sincerely|faithfully|truly)|sincerely|kind regards|best regards),?\s*$",
    re.IGNORECASE,
)
MIN_LETTER_MARKS = 2


#: every pattern above holds one of these (lower case): a substring test is cheap, the search not
_STEMS = (
    "birth", "born", "dob", "d.o.b", "age", "old", "status", "national", "relig", "gender", "sex",
    "child", "asylum", "refugee", "father", "mother", "naiss", "né", "nee", "ne le", "âge",
    "situation",
    "célibataire", "celibataire", "marié", "divorcé", "nom d", "enfant", "nacim", "edad", "años",
    "anos", "civil", "nacional", "hijos", "filhos", "nombre d", "nome d", "filia", "nasc", "idade",
    "natural", "geb", "alter", "famil", "staatsangeh", "konfession", "kinder", "vater", "mutter",
)  # fmt: skip


def _personal(text: str) -> bool:
    lowered = text.lower()
    return any(stem in lowered for stem in _STEMS) and _PERSONAL.search(text) is not None


#: a date to the day this long ago, in the contact block, is a date of birth ("͎ 10. Januar 1966"
#: beside an icon, with no label): no one puts another day of their teens there
BIRTH_YEARS_AGO = 15
_CONTACT_BLOCKS = frozenset({"header", "contact"})
#: a national identity number under its label: an identity thief's first line, on a public page
_ID_NUMBER = re.compile(
    r"(?:^|[|•·;,]\s*)(?:ID|I\.D\.|ID (?:number|no\.?)|identity (?:number|no\.?|card)|national id"
    r"(?: number)?|SSN|social security (?:number|no\.?)|CPF|DNI|NIE|CURP|c[ée]dula"
    r"(?: de (?:ciudadan[ií]a|identidad))?|AHV-?(?:Nr\.?)?|n[°º] de s[ée]curit[ée] sociale"
    r"|Personalausweis(?:nummer)?|Steuer-?ID)\s*(?:n[°º]\.?|nr\.?|#)?\s*[:#]?\s*"
    r"(\d[\d .\-/]{6,}\d)(?![\d])",
    re.IGNORECASE,
)
MIN_ID_DIGITS = 8  #: shorter numbers are a member's or a student's number, no identity's


def _birth_dates(context: Context) -> list[TextLine]:
    oldest = context.as_of.year - BIRTH_YEARS_AGO
    return [
        line
        for block in context.structure.blocks
        if block.section.kind in _CONTACT_BLOCKS
        for line in block.lines
        # the raw line: "10. Januar 1966" alone reads as item 10 of a numbered list
        if any(year <= oldest for year in day_date_years(line.raw))
    ]


def _id_numbers(context: Context) -> list[TextLine]:
    return [
        line
        for line in context.lines
        if (match := _ID_NUMBER.search(line.text)) is not None
        and sum(ch.isdigit() for ch in match[1]) >= MIN_ID_DIGITS
        and set(match[1]) - set("0 .-/")  # "000-00-0000" is a template's (placeholder checks)
    ]


def check_id_number(context: Context) -> list[Finding]:
    hits = _id_numbers(context)
    if not hits:
        return []
    return [
        finding(
            "personal.id_number",
            WARNING,
            "A national identity number is on the page: anyone who gets the file can use it to "
            "impersonate you, and no employer needs it to decide on an interview.",
            "Delete it; give it only to an employer who has hired you, on their own form.",
            [cite(line.quote, line.number) for line in hits],
        )
    ]


def check_personal_details(context: Context) -> list[Finding]:
    labelled = [line for line in context.lines if _personal(line.text)]
    seen = {line.number for line in labelled}
    hits = labelled + [line for line in _birth_dates(context) if line.number not in seen]
    hits.sort(key=lambda line: line.number)
    if not hits:
        return []
    return [
        finding(
            "personal.details",
            INFO,
            "Personal details (age, date of birth, marital status, nationality, immigration "
            "status …): for US, UK, "
            "Canadian or Australian employers they invite bias, and many must set such resumes "
            "aside.",
            "Remove them (and any photo) for those markets; keep them only where the employer "
            "asks for them, as some European applications still do.",
            [cite(line.quote, line.number) for line in hits],
        )
    ]


def letter_lines(lines: tuple[TextLine, ...]) -> list[TextLine]:
    """Lines that only a letter has: a salutation, "I am writing to apply", a sign-off."""
    return [line for line in lines if _SALUTATION.match(line.text) or _LETTER.search(line.text)]


def check_cover_letter(context: Context) -> list[Finding]:
    marks = letter_lines(context.lines)
    if len(marks) < MIN_LETTER_MARKS and not any(_SALUTATION.match(m.text) for m in marks):
        return []
    return [
        finding(
            "content.cover_letter",
            WARNING,
            "A cover letter is pasted into the resume: an ATS reads it as part of your "
            "experience, and a recruiter has to hunt for where the resume starts.",
            "Send the cover letter as its own document (or in the application's cover letter "
            "field) and upload the resume alone.",
            [cite(line.quote, line.number) for line in marks],
        )
    ]
