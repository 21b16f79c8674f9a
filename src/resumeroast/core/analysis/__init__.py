"""The built-in analyzer: deterministic checks → findings with evidence → scores.

Public surface (used by the pipeline and the LLM reviewer):
- analyze(document, job_description=None) -> Analysis   facts, findings, scores; no level wording
- render_feedback(analysis, level) -> Feedback           the roast, worded for the level; for a
                                                         document with no text (readable=False),
                                                         its one no-text finding
- ensure_resume(document, analysis)                      raises NotAResume for a poem, a letter …

How the score is computed, and why the disputed words are treated as they are: docs/scoring.md.
"""

from resumeroast.core.analysis.analyzer import analyze
from resumeroast.core.analysis.model import (
    ANALYZER_VERSION,
    Analysis,
    Bullet,
    ContactInfo,
    Corrections,
    DateRange,
    Link,
    Penalty,
    Role,
    Section,
    YearMonth,
)
from resumeroast.core.analysis.resume_like import ensure_resume
from resumeroast.core.analysis.wording import render_feedback

__all__ = [
    "ANALYZER_VERSION",
    "Analysis",
    "Bullet",
    "ContactInfo",
    "Corrections",
    "DateRange",
    "Link",
    "Penalty",
    "Role",
    "Section",
    "YearMonth",
    "analyze",
    "ensure_resume",
    "render_feedback",
]
