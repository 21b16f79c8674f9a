"""What every check reads (Context) and how a finding is made."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from functools import cached_property

from resumeroast.core.analysis.contact import find_location
from resumeroast.core.analysis.entries import EXPERIENCE_LIKE
from resumeroast.core.analysis.lines import TextLine
from resumeroast.core.analysis.model import Bullet, Role
from resumeroast.core.analysis.sections import fold_accents
from resumeroast.core.analysis.skill_lists import is_caption
from resumeroast.core.analysis.structure import Structure
from resumeroast.core.analysis.text import clip, words
from resumeroast.core.documents import Document
from resumeroast.core.feedback import Evidence, Finding, Severity

CRITICAL, WARNING, INFO = Severity.CRITICAL, Severity.WARNING, Severity.INFO
MAX_EVIDENCE = 40
MIN_WORDS = 3  #: a statement says who did what; one or two words are a title or a label
HEADER_TAIL_LINES = 3  #: lines after a role's dates that its header may have taken in
_RUNNING_TEXT = re.compile(r"[^\W\d_]-\s*$|[^\W\d_]{3}[.,]\s*$")
DUTY_LIST_ITEMS = 4  #: "Führung, Organisation, Verwaltung, Personal": a list of duties


def _description_shaped(text: str) -> bool:
    """Running text (a word broken at the line end, a full stop or comma) or four duties or
    more; a place ("Springfield, IL") or an employer is neither."""
    if _RUNNING_TEXT.search(text):
        return True
    items = [item for item in text.split(",") if item.strip()]
    return len(items) >= DUTY_LIST_ITEMS and find_location(text) is None


IMPACT_SECTIONS = frozenset({"experience", "projects"})

#: a heading with one of these words, beside a Publications section, makes an academic CV
ACADEMIC_RECORD = ("teaching", "research", "grants", "fellowships", "supervision")
#: an academic CV's length: the same, and other languages' words (matched without accents)
ACADEMIC_LENGTH = (
    *ACADEMIC_RECORD, "conference", "academic",
    "enseignement", "recherche", "bourses", "conferences", "academique",
    "docencia", "investigacion", "becas", "congresos", "academica",
    "ensino", "pesquisa", "bolsas", "congressos", "academico",
    "lehre", "forschung", "stipendien", "konferenzen", "tagungen", "vortrage",
)  # fmt: skip
#: a doctorate held or under way, beside a Publications section, also makes a CV academic
DOCTORATE = re.compile(
    r"\b(?:ph\.?\s?d|doctorate|doctoral|doctorant|doctorante|doctorat|doctorado|doctorando|"
    r"doutorado|doutoramento|doutorando|doktorand|doktorandin|dr\.\s?rer|dr\.\s?phil)\b",
    re.IGNORECASE,
)

#: Sections whose lines are not the writer's prose (contact lines, other people's words, the titles
#: of a publication list: "My House, Your Faction" is a paper, not a first-person line).
NOT_PROSE = frozenset({"contact", "references", "languages", "publications"})


ACADEMIC_RECORD_PAGES = 2  #: an academic CV longer than this is a full record


@dataclass(frozen=True)
class Context:
    document: Document
    structure: Structure
    as_of: date
    english: bool
    job_description: str | None = None
    stuffed: tuple[tuple[TextLine, str], ...] = ()  #: keyword-stuffed lines (left out of the rest)

    @cached_property
    def academic(self) -> bool:
        """An academic CV: Publications beside teaching or research. A hiring committee reads
        every paper, grant and course; a research statement in the first person is its norm."""
        sections = self.structure.sections
        if not any(s.kind == "publications" for s in sections):
            return False
        return any(word in s.title.lower() for s in sections for word in ACADEMIC_RECORD)

    @cached_property
    def academic_length(self) -> bool:
        """An academic CV by its length's measure: publications beside research or teaching in
        any of the five languages, or beside a doctorate. Its length is its papers and talks;
        the other allowances (no number per bullet …) stay with `academic` (gold: kept true)."""
        if self.academic:
            return True
        if not any(s.kind == "publications" for s in self.structure.sections):
            return False
        titles = [fold_accents(s.title.lower()) for s in self.structure.sections]
        if any(word in title for title in titles for word in ACADEMIC_LENGTH):
            return True
        return any(DOCTORATE.search(line.text) for line in self.lines)

    @cached_property
    def academic_record(self) -> bool:
        """A full academic record (an academic CV over two pages): judged by its papers, grants
        and teaching, not by a number or a strong verb in every post's bullets."""
        return self.academic and self.document.layout.pages > ACADEMIC_RECORD_PAGES

    @property
    def lines(self) -> tuple[TextLine, ...]:
        return self.structure.lines

    @property
    def bullets(self) -> tuple[Bullet, ...]:
        """Statements in the experience-like sections (experience, projects, volunteering …)."""
        return self.structure.entries.bullets

    @property
    def roles(self) -> tuple[Role, ...]:
        return self.structure.entries.roles

    @cached_property
    def jobs(self) -> tuple[Role, ...]:
        """Dated roles in the experience section proper: what the timeline is made of."""
        return tuple(r for r in self.roles if r.section == "experience" and r.dates is not None)

    def section_of(self, line: int) -> str:
        return self.structure.kinds.get(line, "header")

    def described(self, role: Role) -> bool:
        """Statements under the role, or a line of running text read into its header after the
        dates ("… seit 02/2022" then "Backend, Modellierung von OZG-Formulare für NRW-"): a word
        broken at the line end or a full stop is a description, never a title ("Lecturer in
        Earth Sciences" after the dates is the title of an empty role, gold: true)."""
        if role.bullets or role.dates is None:
            return bool(role.bullets)
        after = range(role.dates.line + 1, role.dates.line + 1 + HEADER_TAIL_LINES)
        return any(
            line.text.strip() in role.header
            and len(words(line.text)) >= MIN_WORDS
            and _description_shaped(line.text)
            for number in after
            if (line := self._by_number.get(number)) is not None
        )

    @cached_property
    def _by_number(self) -> dict[int, TextLine]:
        return {line.number: line for line in self.lines}

    @cached_property
    def prose_lines(self) -> tuple[TextLine, ...]:
        """The writer's own running text: no headings, no contact or reference sections."""
        headings = {s.heading_line for s in self.structure.sections}
        return tuple(
            line
            for line in self.lines
            if self.section_of(line.number) not in NOT_PROSE and line.number not in headings
        )

    @cached_property
    def own_words(self) -> tuple[TextLine, ...]:
        """Prose lines minus quotations (recommendations quote other people, in their words)."""
        return tuple(line for line in self.prose_lines if line.number not in self._quoted)

    @cached_property
    def _quoted(self) -> frozenset[int]:
        quoted: set[int] = set()
        inside = False
        for line in self.lines:
            text = line.text.strip()
            opens = text[:1] in '"“'
            if inside or opens:
                quoted.add(line.number)
                body = text[1:] if opens and not inside else text
                inside = not any(mark in body for mark in '"”')
        return frozenset(quoted)

    @cached_property
    def bullet_starts(self) -> frozenset[int]:
        """Lines where a statement in an experience-like section begins."""
        return frozenset(b.line for b in self.bullets)

    def in_experience(self, bullet: Bullet) -> bool:
        return bullet.section in EXPERIENCE_LIKE

    @cached_property
    def impact_bullets(self) -> tuple[Bullet, ...]:
        """The statements impact is judged on: Experience and Projects; Volunteering and
        Activities only when a resume has nothing else (a student's first resume). A caption
        naming a role's tools ("Stack: Go, AWS") is no statement: it neither earns nor costs; nor
        is a word or two alone ("Nursing", "Stagehand / Rigger"), a title or a label."""
        statements = tuple(
            b
            for b in self.bullets
            if not (b.keyword_list and is_caption(b.text)) and len(words(b.text)) >= MIN_WORDS
        )
        main = tuple(b for b in statements if b.section in IMPACT_SECTIONS)
        return main or tuple(b for b in statements if self.in_experience(b))


def cite(quote: str, line: int | None) -> Evidence:
    return Evidence(quote=clip(quote.strip()), line=line)


def finding(
    code: str,
    severity: Severity,
    message: str,
    fix: str,
    evidence: Iterable[Evidence] = (),
) -> Finding:
    """A finding; its category is the first part of its code ("verbs.weak_opener" -> "verbs")."""
    cited = list(evidence)[:MAX_EVIDENCE]
    return Finding(
        code=code,
        severity=severity,
        category=code.split(".", 1)[0],
        message=message,
        evidence=cited,
        fix=fix,
    )


def plural(count: int, word: str, many: str | None = None) -> str:
    return f"{count} {word if count == 1 else many or word + 's'}"
