"""What the analyzer knows about one resume, before any wording by level.

Everything here is a plain, frozen value: the pipeline stores the Feedback built from it, and the
LLM reviewer reads the structured facts (sections, roles, bullets with line numbers) to ground
its critique.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from resumeroast.core.feedback import DocumentFacts, Finding, KeywordMatch, SubScores

ANALYZER_VERSION = "1.9.1"


@dataclass(frozen=True, slots=True, order=True)
class YearMonth:
    year: int
    month: int | None = None  #: None when only the year is written

    @property
    def first_month(self) -> int:
        """Months since year 0, reading a bare year as its January."""
        return self.year * 12 + (self.month or 1) - 1

    @property
    def last_month(self) -> int:
        """Months since year 0, reading a bare year as its December."""
        return self.year * 12 + (self.month or 12) - 1


@dataclass(frozen=True, slots=True)
class DateRange:
    start: YearMonth
    end: YearMonth | None  #: None when current
    current: bool
    text: str  #: as written, e.g. "Jan 2020 – Present"
    line: int
    styles: tuple[
        str, ...
    ]  #: per written date: month_abbr, month_full, month, numeric, iso, season, year


@dataclass(frozen=True, slots=True)
class Section:
    kind: str  #: experience, education, skills … ; "header" before the first heading; "other"
    title: str  #: the heading as written ("" for the header block)
    heading_line: int | None
    first_line: int  #: first line of the section (its heading, if any)
    last_line: int
    standard: bool  #: a heading every ATS recognises


@dataclass(frozen=True, slots=True)
class Bullet:
    text: str  #: cleaned text of the statement
    quote: str  #: verbatim from the resume (lines joined by a space)
    line: int  #: first line
    last_line: int
    section: str
    role: int | None  #: index into Analysis.roles
    glyph: bool  #: written as a list item (False: a sentence from a paragraph)
    quantified: bool  #: carries a number or a scale word
    keyword_list: bool = False  #: names skills, does nothing with them (skill_lists.py)


@dataclass(frozen=True, slots=True)
class Role:
    header: str  #: the header lines joined, verbatim
    title: str | None
    employer: str | None
    location: str | None
    dates: DateRange | None
    line: int
    section: str  #: experience, projects, volunteering, activities
    bullets: tuple[Bullet, ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    kind: str  #: linkedin, github, portfolio, other
    url: str
    line: int


@dataclass(frozen=True, slots=True)
class ContactInfo:
    email: str | None = None
    email_line: int | None = None
    phone: str | None = None
    phone_line: int | None = None
    links: tuple[Link, ...] = ()
    location: str | None = None
    location_line: int | None = None
    only_in_header_footer: bool = False  #: email/phone found, but only in page headers or footers


@dataclass(frozen=True, slots=True)
class Penalty:
    """One line of the score's working: which finding took how many points from which score."""

    score: str  #: impact, clarity, ats, completeness, overall
    code: str
    points: float


@dataclass(frozen=True)
class Corrections:
    """What a reviewer showed, quoting the resume, to be wrong in an analysis
    (core/review/disputes.py). Analysing again with these corrects the facts the wrong
    findings stood on, and every score that follows from them."""

    withdrawn: frozenset[str] = frozenset()  #: finding codes neither reported nor scored
    #: (code, line): one cited instance of a finding withdrawn; the finding goes with its last
    withdrawn_lines: frozenset[tuple[str, int]] = frozenset()
    experience_headings: frozenset[int] = frozenset()  #: lines read as an Experience heading

    def __bool__(self) -> bool:
        return bool(self.withdrawn or self.withdrawn_lines or self.experience_headings)

    def apply(self, findings: list[Finding]) -> list[Finding]:
        """The findings without the withdrawn ones and the withdrawn instances."""
        kept = []
        for item in findings:
            if item.code in self.withdrawn:
                continue
            evidence = [e for e in item.evidence if (item.code, e.line) not in self.withdrawn_lines]
            if len(evidence) < len(item.evidence):
                if not evidence:
                    continue
                item = item.model_copy(update={"evidence": evidence})
            kept.append(item)
        return kept


@dataclass(frozen=True)
class Analysis:
    facts: DocumentFacts
    findings: tuple[Finding, ...]
    sub_scores: SubScores
    overall_score: int
    keywords: KeywordMatch | None = None
    version: str = ANALYZER_VERSION
    sections: tuple[Section, ...] = ()
    roles: tuple[Role, ...] = ()
    bullets: tuple[Bullet, ...] = ()
    contact: ContactInfo = field(default_factory=ContactInfo)
    penalties: tuple[Penalty, ...] = ()
    english: bool = True
    as_of: date | None = None  #: the day "Present" meant
    readable: bool = True  #: False when there was no text to analyze: the review stops there
