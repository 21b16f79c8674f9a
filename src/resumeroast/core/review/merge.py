"""From a validated model answer to feedback a person can trust.

Grounding (core/review/grounding.py) decides what of the answer survives; this module applies it
and merges what survives into the analyzer's feedback.

Scores (docs/llm.md, "Scores"): the model's grounded reasons move sub-scores a step each,
within how far the analyzer's measure can be wrong (adjustments.py); a grounded dispute of an
analyzer finding withdraws it and corrects the facts and scores it stood on (disputes.py).
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
)
from resumeroast.core.review.adjustments import (
    STEP,
    ScoreReason,
    apply_reasons,
    distinct_reasons,
    gives_a_reason,
    problem_reasons,
)
from resumeroast.core.review.answer import LLMAnswer
from resumeroast.core.review.dedupe import Statements, merge_findings, merge_rewrites
from resumeroast.core.review.disputes import (
    Dispute,
    DisputeContext,
    Resolution,
    ground_disputes,
)
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

SCORE_STEP = STEP  #: one grounded reason moves a sub-score this many points
MIN_REMARK_WORDS = 3


@dataclass(frozen=True)
class GroundingContext:
    index: QuoteIndex  #: the resume the model was shown (injected text removed)
    placeholders: Mapping[str, str]  #: redacted personal details, to restore
    known_text: str  #: resume, analyzer facts and findings, job ad: where numbers may come from
    disputes: DisputeContext = DisputeContext()  #: the claims shown, for the model's disputes
    #: the resume's statements: what a rewrite is checked against, what "the same line" means
    statements: Statements = field(default_factory=lambda: Statements((), {}))
    counts: ResumeCounts | None = None  #: how many lines, bullets … (numbers about the resume)
    #: first line of a statement → the header of the role it is under (the role's own title,
    #: employer and dates, which a rewrite of the statement may name)
    headers: Mapping[int, str] = field(default_factory=dict)

    @classmethod
    def of(
        cls,
        lines: Sequence[Line],
        analysis: Analysis,
        placeholders: Mapping[str, str],
        known_text: str,
        disputes: DisputeContext | None = None,
    ) -> GroundingContext:
        """The context for a resume (its lines, as the model saw them) and its analysis."""
        statements = [((b.line, b.last_line), b.quote) for b in analysis.bullets]
        facts = analysis.facts
        return cls(
            index=QuoteIndex(lines, [span for span, _ in statements]),
            placeholders=placeholders,
            known_text=known_text,
            disputes=disputes or DisputeContext(),
            statements=Statements.of(lines, statements),
            counts=resume_counts(lines, facts.bullets, len(facts.sections), facts.roles),
            headers={
                b.line: analysis.roles[b.role].header
                for b in analysis.bullets
                if b.role is not None and b.role < len(analysis.roles)
            },
        )


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
        header = ""
        located = g.locate(item.original)
        improved = g.text(item.improved)
        if located is None:
            problem = "unquoted"
        elif not _says_something(improved) or normalise(improved) == normalise(located.text):
            problem = "unchanged"
        else:
            statements = g.context.statements
            span = statements.span(located.line, located.end)
            statement = statements.text(span, located.text)
            whole = statement if len(statement) > len(located.text) else located.text
            header = g.context.headers.get(span[0], "")
            invented = invented_facts(whole, improved, header)
            problem = f"invented: {'; '.join(invented)}" if invented else ""
        if located is None or problem:
            g.result.dropped_rewrites += 1
            g.result.rewrite_drops[problem] += 1
            continue
        original = located.text
        if len(whole) <= _MAX_ORIGINAL and (
            invented_facts(original, improved, header) or _cut_mid_word(original, whole)
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


def merged_feedback(
    analysis: Analysis, level: Level, grounded: Grounded, resolution: Resolution | None = None
) -> Feedback:
    """The analyzer's feedback (corrected by the grounded disputes when `resolution` is given),
    worded for the final (bounded) scores, plus the grounded AI review. Rendering after the
    move keeps every score the analyzer mentions consistent."""
    if resolution is not None:
        analysis = resolution.analysis
    # The analyzer's findings are worded the same whatever the scores (wording.py), so the
    # merge is done once, before the scores move: what the model alone found lowers them.
    findings = merge_findings(
        render_feedback(analysis, level).findings, grounded.findings, grounded.statements
    )
    new_problems = problem_reasons(findings, grounded.reasons)
    sub_scores, overall, notes = apply_reasons(
        analysis.sub_scores, analysis.overall_score, [*grounded.reasons, *new_problems]
    )
    base = render_feedback(replace(analysis, sub_scores=sub_scores, overall_score=overall), level)
    return base.model_copy(
        update={
            "score_notes": [*(resolution.notes if resolution else []), *notes],
            "checked": list(resolution.checked) if resolution else [],
            "verdict": grounded.verdict or base.verdict,
            "findings": findings,
            "section_notes": [*base.section_notes, *grounded.section_notes],
            "rewrites": merge_rewrites(base.rewrites, grounded.rewrites, grounded.statements),
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
