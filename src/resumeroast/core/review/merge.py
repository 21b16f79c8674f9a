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

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace

from resumeroast.core.analysis import Analysis, render_feedback
from resumeroast.core.documents import Line
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
from resumeroast.core.review.dedupe import Statements, merge_findings, merge_rewrites
from resumeroast.core.review.grounding import (
    Located,
    QuoteIndex,
    ResumeCounts,
    invented_facts,
    normalise,
    resume_counts,
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
    #: the resume's statements: what a rewrite is checked against, what "the same line" means
    statements: Statements = field(default_factory=lambda: Statements((), {}))
    counts: ResumeCounts | None = None  #: how many lines, bullets … (numbers about the resume)

    @classmethod
    def of(
        cls,
        lines: Sequence[Line],
        analysis: Analysis,
        placeholders: Mapping[str, str],
        known_text: str,
    ) -> GroundingContext:
        """The context for a resume (its lines, as the model saw them) and its analysis."""
        statements = [((b.line, b.last_line), b.quote) for b in analysis.bullets]
        facts = analysis.facts
        return cls(
            index=QuoteIndex(lines, [span for span, _ in statements]),
            placeholders=placeholders,
            known_text=known_text,
            statements=Statements.of(lines, statements),
            counts=resume_counts(lines, facts.bullets, len(facts.sections), facts.roles),
        )


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
    #: why rewrites were dropped: "unquoted", "unchanged", "invented: numbers 50" …
    rewrite_drops: Counter[str] = field(default_factory=Counter)
    statements: Statements = field(default_factory=lambda: Statements((), {}))
    dropped_remarks: int = 0  #: remarks citing numbers that are nowhere in the input


class _Grounder:
    def __init__(self, context: GroundingContext) -> None:
        self.context = context
        self.result = Grounded()

    def text(self, value: str) -> str:
        return " ".join(restore(value, self.context.placeholders).split())

    def locate(self, value: str) -> Located | None:
        located = self.context.index.locate(self.text(value))
        if located is None:
            self.result.dropped_quotes += 1
            return None
        self.result.verified_quotes += 1
        return located

    def quote(self, value: str) -> Evidence | None:
        located = self.locate(value)
        return None if located is None else Evidence(quote=located.text[:400], line=located.line)

    def supported(self, value: str) -> bool:
        if unsupported_numbers(value, self.context.known_text, self.context.counts):
            self.result.dropped_remarks += 1
            return False
        return True


def _says_something(text: str) -> bool:
    """A remark must say something: at least a few words with letters in them."""
    return sum(any(c.isalpha() for c in word) for word in text.split()) >= MIN_REMARK_WORDS


def ground_answer(answer: LLMAnswer, context: GroundingContext) -> Grounded:
    g = _Grounder(context)
    g.result.statements = context.statements
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
    seen: set[tuple[str, tuple[int, int]]] = set()
    for item in answer.findings:
        evidence = g.quote(item.quote)
        message = g.text(item.message)
        if evidence is None or not _says_something(message) or not g.supported(message):
            continue
        key = (item.category.value, g.context.statements.span(evidence.line or 0))
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
    """A rewrite is checked against its whole statement (every line of it, from the
    document), not the quote: a quote cut at its bound may leave out the figures the
    rewrite rightly keeps. When it keeps such figures, the whole statement is shown as the
    original."""
    for item in answer.rewrites:
        located = g.locate(item.original)
        improved = g.text(item.improved)
        if located is None:
            problem = "unquoted"
        elif not _says_something(improved) or normalise(improved) == normalise(located.text):
            problem = "unchanged"
        else:
            statements = g.context.statements
            statement = statements.text(statements.span(located.line, located.end), located.text)
            whole = statement if len(statement) > len(located.text) else located.text
            invented = invented_facts(whole, improved)
            problem = f"invented: {'; '.join(invented)}" if invented else ""
        if located is None or problem:
            g.result.dropped_rewrites += 1
            g.result.rewrite_drops[problem] += 1
            continue
        original = located.text
        if len(whole) <= _MAX_ORIGINAL and (
            invented_facts(original, improved) or _cut_mid_word(original, whole)
        ):
            original = whole  # the rewrite keeps facts from the rest, or the quote was cut
        g.result.rewrites.append(
            Rewrite(
                original=original[:_MAX_ORIGINAL],
                improved=improved,
                why=g.text(item.why),
                line=located.line,
                source=Source.AI,
            )
        )


_MAX_ORIGINAL = 400


def _cut_mid_word(part: str, whole: str) -> bool:
    """The quote stops inside a word of its statement ("… across three regi")."""
    at = whole.find(part)
    end = at + len(part)
    return at != -1 and end < len(whole) and whole[end - 1].isalnum() and whole[end].isalnum()


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
    statements = grounded.statements
    return base.model_copy(
        update={
            "verdict": grounded.verdict or base.verdict,
            "findings": merge_findings(base.findings, grounded.findings, statements),
            "section_notes": [*base.section_notes, *grounded.section_notes],
            "rewrites": merge_rewrites(base.rewrites, grounded.rewrites, statements),
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
            f"{grounded.dropped_rewrites} AI rewrite(s) were dropped: "
            + "; ".join(_rewrite_drop_reasons(grounded.rewrite_drops))
            + "."
        )
    if grounded.dropped_remarks:
        notes.append(
            f"{grounded.dropped_remarks} AI remark(s) were dropped: they cited numbers that are "
            "not in your resume."
        )
    return notes


def _rewrite_drop_reasons(drops: Counter[str]) -> list[str]:
    """What was wrong with the dropped rewrites, in words that are true of each."""
    reasons = []
    if drops["unquoted"]:
        reasons.append(f"{drops['unquoted']} rewrote a line that is not in your resume")
    invented = {r.split(": ", 1)[1]: n for r, n in drops.items() if r.startswith("invented")}
    if invented:
        reasons.append(
            f"{sum(invented.values())} added facts your resume does not state "
            f"({'; '.join(sorted(invented))})"
        )
    if drops["unchanged"]:
        reasons.append(f"{drops['unchanged']} did not change the line")
    return reasons or ["they could not be checked against your resume"]
