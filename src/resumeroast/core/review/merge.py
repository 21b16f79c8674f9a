"""From a validated model answer to feedback a person can trust.

Grounding (core/review/grounding.py) decides what of the answer survives; this module applies it
and merges what survives into the analyzer's feedback.

Scores (docs/llm.md, "Scores"): the model's grounded reasons move sub-scores a step each,
within how far the analyzer's measure can be wrong (adjustments.py); a grounded dispute of an
analyzer finding withdraws it and corrects the facts and scores it stood on (disputes.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, replace

from resumeroast.core.analysis import Analysis, render_feedback
from resumeroast.core.feedback import (
    Evidence,
    Feedback,
    Finding,
    Level,
    Rewrite,
    SectionNote,
    Severity,
    Source,
)
from resumeroast.core.review.adjustments import (
    STEP,
    ScoreReason,
    apply_reasons,
    distinct_reasons,
    gives_a_reason,
)
from resumeroast.core.review.answer import LLMAnswer
from resumeroast.core.review.disputes import (
    Dispute,
    DisputeContext,
    Resolution,
    ground_disputes,
)
from resumeroast.core.review.grounding import (
    QuoteIndex,
    invented_facts,
    normalise,
    unsupported_numbers,
)
from resumeroast.core.review.prompts.redaction import restore

SCORE_STEP = STEP  #: one grounded reason moves a sub-score this many points
MIN_REMARK_WORDS = 3


@dataclass(frozen=True)
class GroundingContext:
    index: QuoteIndex  #: the resume the model was shown (injected text removed)
    placeholders: Mapping[str, str]  #: redacted personal details, to restore
    known_text: str  #: resume, analyzer facts and findings, job ad: where numbers may come from
    disputes: DisputeContext = DisputeContext()  #: the claims shown, for the model's disputes


@dataclass
class Grounded:
    """What survives of one answer, and what was dropped."""

    verdict: str | None = None
    findings: list[Finding] = field(default_factory=list)
    section_notes: list[SectionNote] = field(default_factory=list)
    rewrites: list[Rewrite] = field(default_factory=list)
    reasons: list[ScoreReason] = field(default_factory=list)  #: grounded score adjustments
    disputes: list[Dispute] = field(default_factory=list)  #: grounded disputes of claims
    verified_quotes: int = 0
    dropped_quotes: int = 0
    dropped_rewrites: int = 0
    dropped_remarks: int = 0  #: remarks citing numbers that are nowhere in the input


class _Grounder:
    def __init__(self, context: GroundingContext) -> None:
        self.context = context
        self.result = Grounded()

    def text(self, value: str) -> str:
        return " ".join(restore(value, self.context.placeholders).split())

    def quote(self, value: str) -> Evidence | None:
        located = self.context.index.locate(self.text(value))
        if located is None:
            self.result.dropped_quotes += 1
            return None
        self.result.verified_quotes += 1
        return Evidence(quote=located.text[:400], line=located.line)

    def supported(self, value: str) -> bool:
        if unsupported_numbers(value, self.context.known_text):
            self.result.dropped_remarks += 1
            return False
        return True


def _says_something(text: str) -> bool:
    """A remark must say something: at least a few words with letters in them."""
    return sum(any(c.isalpha() for c in word) for word in text.split()) >= MIN_REMARK_WORDS


def ground_answer(answer: LLMAnswer, context: GroundingContext) -> Grounded:
    g = _Grounder(context)
    verdict = g.text(answer.verdict)
    g.result.verdict = verdict if _says_something(verdict) and g.supported(verdict) else None
    _ground_findings(g, answer)
    for note in answer.section_notes:
        text = g.text(note.note)
        if _says_something(text) and g.supported(text):
            g.result.section_notes.append(
                SectionNote(section=g.text(note.section) or "general", note=text, source=Source.AI)
            )
    _ground_rewrites(g, answer)
    _ground_reasons(g, answer)
    g.result.disputes = ground_disputes(
        answer.disputes, context.disputes, quote=g.quote, text=g.text, supported=g.supported
    )
    return g.result


def _ground_reasons(g: _Grounder, answer: LLMAnswer) -> None:
    """Each adjustment with a quote found in the resume and a reason that says something is
    one step (adjustments.py); the same quote twice for one sub-score is one reason."""
    for move in answer.score_adjustments:
        evidence = g.quote(move.quote)
        reason = g.text(move.reason)
        if evidence is None or not gives_a_reason(reason) or not g.supported(reason):
            continue
        name = move.sub_score.value
        if not distinct_reasons(g.result.reasons, f"{name}:{evidence.quote.casefold()}"):
            continue
        direction = 1 if move.direction == "raise" else -1
        g.result.reasons.append(ScoreReason(name, direction, reason, evidence))


def _ground_findings(g: _Grounder, answer: LLMAnswer) -> None:
    seen: set[tuple[str, str]] = set()
    for item in answer.findings:
        evidence = g.quote(item.quote)
        message = g.text(item.message)
        if evidence is None or not _says_something(message) or not g.supported(message):
            continue
        key = (item.category.value, normalise(evidence.quote))
        if key in seen:
            continue
        seen.add(key)
        g.result.findings.append(
            Finding(
                code=f"ai.{item.category.value}",
                severity=Severity(item.severity.value),
                category=item.category.value,
                message=message,
                evidence=[evidence],
                fix=g.text(item.fix),
                source=Source.AI,
            )
        )


def _ground_rewrites(g: _Grounder, answer: LLMAnswer) -> None:
    for item in answer.rewrites:
        evidence = g.quote(item.original)
        improved = g.text(item.improved)
        if (
            evidence is None
            or not _says_something(improved)
            or normalise(improved) == normalise(evidence.quote)
            or invented_facts(evidence.quote, improved)
        ):
            g.result.dropped_rewrites += 1
            continue
        g.result.rewrites.append(
            Rewrite(
                original=evidence.quote,
                improved=improved,
                why=g.text(item.why),
                line=evidence.line,
                source=Source.AI,
            )
        )


def merged_feedback(
    analysis: Analysis, level: Level, grounded: Grounded, resolution: Resolution | None = None
) -> Feedback:
    """The analyzer's feedback (corrected by the grounded disputes when `resolution` is given),
    worded for the final (bounded) scores, plus the grounded AI review. Rendering after the
    move keeps every score the analyzer mentions consistent."""
    if resolution is not None:
        analysis = resolution.analysis
    sub_scores, overall, notes = apply_reasons(
        analysis.sub_scores, analysis.overall_score, grounded.reasons
    )
    base = render_feedback(replace(analysis, sub_scores=sub_scores, overall_score=overall), level)
    return base.model_copy(
        update={
            "score_notes": [*(resolution.notes if resolution else []), *notes],
            "checked": list(resolution.checked) if resolution else [],
            "verdict": grounded.verdict or base.verdict,
            "findings": [*base.findings, *grounded.findings],
            "section_notes": [*base.section_notes, *grounded.section_notes],
            "rewrites": [*base.rewrites, *grounded.rewrites],
        }
    )


def grounding_notes(grounded: Grounded) -> list[str]:
    notes = []
    if grounded.dropped_quotes:
        notes.append(
            f"{grounded.dropped_quotes} quote(s) the AI attributed to your resume were not found "
            "in it and were dropped."
        )
    if grounded.dropped_rewrites:
        notes.append(
            f"{grounded.dropped_rewrites} AI rewrite(s) were dropped: they did not quote your "
            "resume or added facts (employers, titles, dates, degrees, numbers) it does not state."
        )
    if grounded.dropped_remarks:
        notes.append(
            f"{grounded.dropped_remarks} AI remark(s) were dropped: they cited numbers that are "
            "not in your resume."
        )
    return notes
