"""From a validated model answer to feedback a person can trust.

Grounding (core/review/grounding.py) decides what of the answer survives; this module applies it
and merges what survives into the analyzer's feedback.

Bounded scores (docs/llm.md, "Scores"):
- every sub-score starts at the analyzer's deterministic value;
- the model may move a sub-score by one step of SCORE_STEP points up or down, and only with a
  quote that is found in the resume; a second request for the same sub-score is ignored;
- the overall score moves by the mean of the sub-score moves, so at most SCORE_STEP points;
- everything is clamped to 0–100.
So a resume the analyzer scores 30 ends between 25 and 35 whatever the model says.
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
    SubScores,
)
from resumeroast.core.review.answer import LLMAnswer
from resumeroast.core.review.grounding import (
    QuoteIndex,
    invented_facts,
    normalise,
    unsupported_numbers,
)
from resumeroast.core.review.prompts.redaction import restore

SCORE_STEP = 5
MIN_REMARK_WORDS = 3
_SUB_SCORES = ("impact", "clarity", "ats", "completeness", "job_match")


@dataclass(frozen=True)
class GroundingContext:
    index: QuoteIndex  #: the resume the model was shown (injected text removed)
    placeholders: Mapping[str, str]  #: redacted personal details, to restore
    known_text: str  #: resume, analyzer facts and findings, job ad: where numbers may come from


@dataclass
class Grounded:
    """What survives of one answer, and what was dropped."""

    verdict: str | None = None
    findings: list[Finding] = field(default_factory=list)
    section_notes: list[SectionNote] = field(default_factory=list)
    rewrites: list[Rewrite] = field(default_factory=list)
    moves: dict[str, int] = field(default_factory=dict)  #: sub-score → ±SCORE_STEP
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
    for move in answer.score_adjustments:
        if move.sub_score.value in g.result.moves:
            continue
        if g.quote(move.quote) is not None:
            step = SCORE_STEP if move.direction == "raise" else -SCORE_STEP
            g.result.moves[move.sub_score.value] = step
    return g.result


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


def bounded_scores(
    sub_scores: SubScores, overall: int, moves: Mapping[str, int]
) -> tuple[SubScores, int]:
    """Apply the model's grounded moves within the documented bounds (module docstring)."""
    values = sub_scores.model_dump()
    deltas: list[int] = []
    for name in _SUB_SCORES:
        if values.get(name) is None:
            continue
        delta = max(-SCORE_STEP, min(SCORE_STEP, moves.get(name, 0)))
        values[name] = max(0, min(100, values[name] + delta))
        deltas.append(delta)
    shift = round(sum(deltas) / len(deltas)) if deltas else 0
    return SubScores.model_validate(values), max(0, min(100, overall + shift))


def merged_feedback(analysis: Analysis, level: Level, grounded: Grounded) -> Feedback:
    """The analyzer's feedback, worded for the final (bounded) scores, plus the grounded AI
    review. Rendering after the move keeps every score the analyzer mentions consistent."""
    sub_scores, overall = bounded_scores(
        analysis.sub_scores, analysis.overall_score, grounded.moves
    )
    base = render_feedback(replace(analysis, sub_scores=sub_scores, overall_score=overall), level)
    return base.model_copy(
        update={
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
