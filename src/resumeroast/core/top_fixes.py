"""What to fix first: the findings whose fix would raise the overall score most.

Each finding's expected gain is the score formula run again without it (analysis/scoring.py,
the formula that made the score): for unquantified bullets, as if they had their numbers. The
three largest gains come first; ties, and findings the formula does not score, keep the
analyzer's order (what costs the interview most). Read-only over the stored feedback: any job,
old or new, gets its top fixes.
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

from resumeroast.core.analysis.scoring import score
from resumeroast.core.feedback import (
    DocumentFacts,
    Evidence,
    Feedback,
    Finding,
    KeywordMatch,
    Severity,
)

TOP = 3
EVIDENCE_SHOWN = 3
_UNQUANTIFIED = "impact.unquantified_bullets"
_JOB_MATCH = "job_match.missing_keywords"
_SEVERITY_RANK = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}


class TopFix(BaseModel):
    """One of the fixes that would raise the score most, with what it stands on."""

    model_config = ConfigDict(frozen=True)

    code: str
    severity: Severity
    category: str
    message: str
    fix: str
    evidence: list[Evidence] = Field(default_factory=list)  #: the first few quotes
    evidence_total: int = 0  #: every quote the finding has
    expected_gain: int  #: overall points the formula gives back once fixed (0: not scored)
    finding_index: int  #: its place in feedback.findings, to link to it


def top_fixes(feedback: Feedback, limit: int = TOP) -> list[TopFix]:
    findings = tuple(f for f in feedback.findings if f.category != "red_flag" and f.fix)
    if not findings:
        return []
    job = feedback.sub_scores.job_match
    base = score(findings, feedback.facts, job, job=feedback.keywords).overall
    gains = {
        index: max(0, _without(findings, index, feedback.facts, job, feedback.keywords) - base)
        for index in range(len(findings))
    }
    order = sorted(
        range(len(findings)),
        key=lambda i: (-gains[i], _SEVERITY_RANK[findings[i].severity], i),
    )
    picked = order[:limit]
    return [_top_fix(feedback, findings[i], gains[i]) for i in picked]


def _without(
    findings: tuple[Finding, ...],
    index: int,
    facts: DocumentFacts,
    job: int | None,
    keywords: KeywordMatch | None,
) -> int:
    removed = findings[index]
    if removed.code == _JOB_MATCH:  # fixed: enough of the job shown that its cap lifts
        keywords = None
    rest = findings[:index] + findings[index + 1 :]
    if removed.code == _UNQUANTIFIED:  # fixed: the bullets it quotes have their numbers
        quantified = min(facts.bullets, facts.quantified_bullets + max(len(removed.evidence), 1))
        facts = facts.model_copy(update={"quantified_bullets": quantified})
    return score(rest, facts, job, job=keywords).overall


def _top_fix(feedback: Feedback, item: Finding, gain: int) -> TopFix:
    return TopFix(
        code=item.code,
        severity=item.severity,
        category=item.category,
        message=item.message,
        fix=item.fix,
        evidence=item.evidence[:EVIDENCE_SHOWN],
        evidence_total=len(item.evidence),
        expected_gain=gain,
        finding_index=feedback.findings.index(item),
    )
