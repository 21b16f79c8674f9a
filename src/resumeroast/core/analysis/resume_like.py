"""Is this a resume at all? A poem, a paper, a letter or a few random bytes is refused with a
clear reason and what to upload instead, never roasted as a resume.

Decided from what the analysis found. A resume shows at least one of: contact details, a resume
section (experience, education, skills …), a dated role, three or more statements of what was
done. A document with none of them is refused; so is a letter (salutation and sign-off with no
dated role and no statements) and long running prose with at most one of them (an article, a
story, a paper with its author's e-mail). A thin or broken resume still shows one of the four,
and is reviewed.
"""

from __future__ import annotations

from dataclasses import dataclass

from resumeroast.core.analysis.checks.base import plural
from resumeroast.core.analysis.checks.personal import letter_lines
from resumeroast.core.analysis.model import Analysis
from resumeroast.core.analysis.structure import read_structure
from resumeroast.core.analysis.text import ends_sentence
from resumeroast.core.documents import Document
from resumeroast.errors import NotAResume

RESUME_SECTIONS = frozenset(
    "experience education skills projects summary certifications volunteering awards courses "
    "activities".split()
)
MIN_STATEMENTS = 3
MIN_LETTER_LINES = 2
MIN_PROSE_WORDS = 100  #: below this, a few sentences are not yet an article
PROSE_SHARE = 0.5  #: half the lines are whole sentences of eight words or more
PROSE_LINE_WORDS = 8
UPLOAD_INSTEAD = (
    "Upload your resume itself (PDF, DOCX, TXT or Markdown) with your name and contact "
    "details, your experience with dates, and your education."
)


@dataclass(frozen=True, slots=True)
class Signals:
    contact: bool
    sections: bool
    dated_roles: bool
    statements: bool

    @property
    def count(self) -> int:
        return sum((self.contact, self.sections, self.dated_roles, self.statements))


def resume_signals(analysis: Analysis) -> Signals:
    contact = analysis.facts.contact
    return Signals(
        contact=contact.email or contact.phone or bool(contact.links),
        sections=bool(RESUME_SECTIONS & set(analysis.facts.sections)),
        dated_roles=any(role.dates is not None for role in analysis.roles),
        statements=analysis.facts.bullets >= MIN_STATEMENTS,
    )


def not_a_resume(document: Document, analysis: Analysis) -> str | None:
    """Why this is not a resume, in words for the person who uploaded it; None if it is one."""
    if not analysis.readable:
        return None  # no text at all: the no-text review says so already
    signals = resume_signals(analysis)
    words = analysis.facts.words
    if not (signals.dated_roles or signals.statements) and _letter(document):
        return (
            "This does not look like a resume: it reads as a letter. Send a cover letter on its "
            "own, next to the resume."
        )
    if signals.count == 0:
        if words == 0:
            return "This does not look like a resume: the file has no visible text."
        if words < MIN_PROSE_WORDS:
            return (
                f"This does not look like a resume: only {plural(words, 'word')}, and no contact "
                "details, "
                "dates or resume sections."
            )
        return (
            "This does not look like a resume: no contact details, no dated experience, no "
            "resume sections."
        )
    if _article(analysis, signals) and _prose_share(document) >= PROSE_SHARE:
        return "This does not look like a resume: it reads as an article, a story or a paper."
    return None


def ensure_resume(document: Document, analysis: Analysis) -> None:
    """Raise NotAResume, a permanent failure with its reason and what to upload instead."""
    reason = not_a_resume(document, analysis)
    if reason is not None:
        signals = resume_signals(analysis)
        raise NotAResume(
            f"not a resume: {analysis.facts.words} words, {signals}",
            user_message=f"{reason} {UPLOAD_INSTEAD}",
        )


def _article(analysis: Analysis, signals: Signals) -> bool:
    """Long, with one sign at most, and that one an author's e-mail or a few statements: a
    resume written as prose still has a phone, a heading or a dated role."""
    one_weak_sign = signals.count == 1 and not (signals.sections or signals.dated_roles)
    return (
        one_weak_sign
        and not analysis.facts.contact.phone
        and analysis.facts.words >= MIN_PROSE_WORDS
    )


def _letter(document: Document) -> bool:
    return len(letter_lines(read_structure(document).lines)) >= MIN_LETTER_LINES


def _prose_share(document: Document) -> float:
    lines = [line.text.strip() for line in document.lines if line.text.strip()]
    prose = [t for t in lines if len(t.split()) >= PROSE_LINE_WORDS and ends_sentence(t)]
    return len(prose) / len(lines) if lines else 0.0
