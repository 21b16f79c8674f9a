"""What the analyzer knows about one resume, before any wording by level."""

from __future__ import annotations

from dataclasses import dataclass, field

from resumeroast.core.feedback import DocumentFacts, Finding, KeywordMatch, SubScores

ANALYZER_VERSION = "0.1.0"


@dataclass(frozen=True)
class Analysis:
    facts: DocumentFacts
    findings: tuple[Finding, ...]
    sub_scores: SubScores
    overall_score: int
    keywords: KeywordMatch | None = None
    version: str = ANALYZER_VERSION
    extras: dict[str, object] = field(default_factory=dict)
