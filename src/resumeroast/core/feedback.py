"""The Feedback schema: what a person reads, versioned and stored as JSON.

The same model is returned by the API, stored in the database, rendered by the CLI and the
web app. Bump FEEDBACK_SCHEMA_VERSION on any change that is not purely additive.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Final, Literal

from pydantic import BaseModel, ConfigDict, Field

FEEDBACK_SCHEMA_VERSION: Final = 1

Score = Annotated[int, Field(ge=0, le=100)]


class Level(StrEnum):
    """How harsh the wording is. Changes words only, never facts or scores."""

    GENTLE = "gentle"
    HONEST = "honest"
    BRUTAL = "brutal"


class Severity(StrEnum):
    CRITICAL = "critical"  #: blocks the resume (no email, unreadable by ATS, hidden text)
    WARNING = "warning"  #: costs interviews (no numbers, weak verbs, gaps)
    INFO = "info"  #: polish


class Source(StrEnum):
    ANALYZER = "analyzer"  #: deterministic checks
    AI = "ai"  #: the LLM reviewer, grounded before it is shown


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class Evidence(_Model):
    """A verbatim quote from the resume and the line it is on (1-based, reading order)."""

    quote: Annotated[str, Field(max_length=400)]
    line: int | None = None


class Finding(_Model):
    code: str  #: stable id of the check, e.g. "impact.unquantified_bullets"
    severity: Severity
    category: str  #: contact, length, impact, verbs, language, brevity, dates, spelling, ats …
    message: str
    evidence: list[Evidence] = Field(default_factory=list)
    fix: str = ""
    source: Source = Source.ANALYZER


class SectionNote(_Model):
    section: str
    note: str
    source: Source = Source.ANALYZER


class Rewrite(_Model):
    original: str  #: a verbatim quote from the resume
    improved: str
    why: str = ""
    line: int | None = None
    source: Source = Source.ANALYZER


class ScoreNote(_Model):
    """Why a sub-score is not the analyzer's first measure: one grounded reason of the AI
    reviewer (a step of core/review/adjustments.py), or a fact it corrected (a dispute)."""

    sub_score: str  #: impact, clarity, ats, completeness, job_match
    change: int  #: points this reason moved the sub-score (signed)
    reason: str
    quote: str | None = None  #: the resume text the reason rests on (verbatim)
    line: int | None = None
    source: Source = Source.AI


class CheckedFinding(_Model):
    """An analyzer finding the AI reviewer disputed, quoting the resume: withdrawn, neither
    reported as a problem nor scored. Shown as "checked by the AI reviewer"."""

    code: str
    message: str  #: what the analyzer had said
    reason: str  #: why it does not hold, in the AI reviewer's words
    evidence: Evidence  #: the resume text that shows it


class SubScores(_Model):
    impact: Score
    clarity: Score
    ats: Score
    completeness: Score
    job_match: Score | None = None


class JobRequirement(_Model):
    """One thing the job asks for, against the resume: used in a statement (present), only
    listed or shown in a weaker form (implied), or not there (missing)."""

    name: str
    kind: Literal["skill", "tool", "qualification", "seniority"]
    status: Literal["present", "implied", "missing"]
    evidence: str | None = None  #: the resume's line, quoted


class KeywordMatch(_Model):
    matched: list[str] = Field(default_factory=list)
    missing: list[str] = Field(default_factory=list)
    match_rate: Annotated[float, Field(ge=0.0, le=1.0)] = 0.0
    requirements: list[JobRequirement] = Field(default_factory=list)
    #: present counts whole, implied half, over all requirements
    requirement_rate: Annotated[float, Field(ge=0.0, le=1.0)] = 0.0
    #: Too little of what the job asks is shown for a recruiter of that job: it caps the score
    poor_match: bool = False
    #: Why the overall score is held down for this job, in one line; None when nothing holds it
    score_cap_reason: str | None = None


class Contact(_Model):
    email: bool = False
    phone: bool = False
    links: list[str] = Field(default_factory=list)
    location: bool = False


class DocumentFacts(_Model):
    """True, countable facts about the document: what the critique stands on."""

    pages: int = 0
    words: int = 0
    lines: int = 0
    sections: list[str] = Field(default_factory=list)
    bullets: int = 0
    quantified_bullets: int = 0
    roles: int = 0
    years_experience: float | None = None
    contact: Contact = Field(default_factory=Contact)


Fraction = Annotated[float, Field(ge=0.0, le=1.0)]


class MarkArea(_Model):
    """Where a line sits on its page image, as fractions of the page (any image size fits)."""

    left: Fraction
    top: Fraction
    width: Fraction
    height: Fraction


class PageMark(_Model):
    """One quote of one finding, marked where it is on the person's own pages."""

    finding: int  #: index in `findings`
    evidence: int  #: index in that finding's `evidence`
    line: int  #: 1-based, reading order
    page: int  #: 1-based
    area: MarkArea | None = None  #: None: mark the line in the text (no page image)


class ResumeLine(_Model):
    """A line of the resume as read, for showing the person's own text with its marks."""

    number: int  #: 1-based, reading order (what `Evidence.line` names)
    page: int  #: 1-based
    text: str


class ResumeView(_Model):
    """The person's own resume, to mark findings on: page images (PDF) or its lines."""

    page_images: int = 0  #: pages drawn as images (GET /api/resumes/{id}/pages/{n})
    lines: list[ResumeLine] = Field(default_factory=list)


class ReviewInfo(_Model):
    """Who produced the review and what it cost."""

    reviewer: str = "builtin"  #: builtin, openai, anthropic, local
    model: str | None = None
    prompt_version: str | None = None
    analyzer_version: str = ""
    ai_review_discarded: bool = False
    dropped_quotes: int = 0
    dropped_rewrites: int = 0
    verified_quotes: int = 0  #: AI quotes found in the resume (shown)
    repairs: int = 0  #: repair round trips the answer needed (0 = valid on the first try)
    injection_detected: bool = False
    notes: list[str] = Field(default_factory=list)
    tokens_in: int = 0
    tokens_out: int = 0
    cost_usd: float = 0.0
    latency_ms: int = 0
    cached: bool = False


class Feedback(_Model):
    schema_version: Literal[1] = FEEDBACK_SCHEMA_VERSION
    level: Level = Level.HONEST
    overall_score: Score
    verdict: str
    sub_scores: SubScores
    findings: list[Finding] = Field(default_factory=list)
    section_notes: list[SectionNote] = Field(default_factory=list)
    rewrites: list[Rewrite] = Field(default_factory=list)
    keywords: KeywordMatch | None = None
    facts: DocumentFacts = Field(default_factory=DocumentFacts)
    score_notes: list[ScoreNote] = Field(default_factory=list)  #: why sub-scores moved
    checked: list[CheckedFinding] = Field(default_factory=list)  #: findings the AI disputed
    marks: list[PageMark] = Field(default_factory=list)  #: each quoted line on its page
    resume: ResumeView = Field(default_factory=ResumeView)  #: the resume the marks sit on
    review: ReviewInfo = Field(default_factory=ReviewInfo)
