"""One review, not two lists: the analyzer's and the model's items about the same thing, merged.

- Statements: the resume's statements (the analyzer's bullets) as line spans, so "the same
  line" means the same statement however the model cut its quote, and a rewrite is checked
  against its whole statement (merge.py).
- merge_findings: an AI finding that quotes a line an analyzer finding cites, about the same
  problem (`_problem_score`), becomes one finding: the model's wording, the analyzer's code,
  evidence and counts, the graver severity. Two AI findings on the same statement and of the
  same category are one (the first). Nothing else is dropped.
- merge_rewrites: one rewrite per statement: the model's (already grounded), else the
  analyzer's mechanical one.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

from resumeroast.core.documents import Line
from resumeroast.core.feedback import Finding, Rewrite, Severity, Source
from resumeroast.core.review.grounding import normalise

Span = tuple[int, int]
#: The most evidence a merged finding carries (the analyzer's own limit: checks/base.py).
MAX_MERGED_EVIDENCE = 5


@dataclass(frozen=True)
class Statements:
    """Line spans of the resume's statements, and the text of their lines."""

    spans: tuple[Span, ...]
    texts: dict[int, str]  #: line number → the line's text
    quotes: dict[Span, str] = field(default_factory=dict)  #: span → the statement, verbatim

    @classmethod
    def of(cls, lines: Sequence[Line], statements: Iterable[tuple[Span, str]]) -> Statements:
        quotes = dict(statements)
        return cls(tuple(quotes), {line.number: line.text for line in lines}, quotes)

    def span(self, first: int, last: int | None = None) -> Span:
        """The statement holding lines first..last (or just those lines, if none does)."""
        last = first if last is None else last
        for a, b in self.spans:
            if a <= first <= b:
                return (a, max(b, last))
        return (first, last)

    def text(self, span: Span, part: str = "") -> str:
        """The whole statement holding `part`, from the document: the statement as the
        analyzer read it (without its bullet glyph), or else all its lines."""
        quote = " ".join(self.quotes.get(span, "").split())
        if quote and normalise(part) in normalise(quote):
            return quote
        first, last = span
        lines = (self.texts[n] for n in range(first, last + 1) if n in self.texts)
        return " ".join(" ".join(lines).split())

    def spans_of(self, finding: Finding) -> set[Span]:
        return {self.span(e.line) for e in finding.evidence if e.line is not None}


# --- findings -------------------------------------------------------------------------------

#: AI categories (answer.AnswerCategory) that can name the problem of an analyzer category.
_FAMILY = {
    "impact": {"impact"},
    "verbs": {"impact", "language", "clarity"},
    "content": {"impact", "clarity"},
    "language": {"language", "clarity"},
    "spelling": {"language"},
    "brevity": {"clarity", "structure"},
    "length": {"clarity", "structure"},
    "placeholder": {"clarity", "language"},
    "ats": {"ats", "structure"},
    "sections": {"completeness", "structure"},
    "dates": {"completeness", "structure"},
    "contact": {"completeness"},
    "job_match": {"job_match"},
}
#: Words that say which problem a message is about, by analyzer code (or its category).
_CUES = {
    "impact.unquantified_bullets": r"number|metric|measur|quantif|result|outcome|figure|"
    r"how (?:much|many)|scale|impact",
    "impact": r"number|metric|measur|quantif|result|outcome|impact",
    "verbs": r"verb|dut(?:y|ies)|responsib|opener|opens? with|action|weak|passive",
    "language.passive_voice": r"passive",
    "language.cliche": r"clich|buzzword|generic|filler",
    "language.first_person": r"first person|pronoun|\bI\b",
    "brevity": r"long|wall|dense|paragraph|split|wordy",
    "spelling": r"spell|typo|misspel|doubled",
    "dates": r"date|gap|timeline|overlap",
    "ats": r"\bats\b|applicant tracking|table|column|pars|header|footer",
    "sections": r"section|heading",
    "contact": r"contact|e-?mail|phone|location",
    "content": r"contribution|duplicat|repeat|unit|claim",
    "placeholder": r"placeholder|template|lorem|filler",
}
_SEVERITY_RANK = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}


def _cue(code: str) -> re.Pattern[str] | None:
    pattern = _CUES.get(code) or _CUES.get(code.split(".", 1)[0])
    return re.compile(pattern, re.IGNORECASE) if pattern else None


def _problem_score(ai: Finding, analyzer: Finding) -> int:
    """How surely the two name the same problem: 2 for the message's words, 1 for a related
    category; 0 is a different problem. A related category alone is not enough ("split this
    bullet" is clarity, and so is a weak verb), the same category is."""
    cue = _cue(analyzer.code)
    said = cue is not None and cue.search(f"{ai.message} {ai.fix}") is not None
    if not said and ai.category != analyzer.category:
        return 0
    related = ai.category in _FAMILY.get(analyzer.category, {analyzer.category})
    return 2 * said + related


_COUNT_CLAUSE = re.compile(r"^[^:;]*\d[^:;]*")


def _counts(analyzer: Finding, ai_message: str) -> str:
    """The analyzer's counted statement ("17 of 17 bullets have no number"), unless the
    model's wording already states those numbers."""
    clause = _COUNT_CLAUSE.match(analyzer.message)
    if clause is None:
        return ""
    numbers = set(re.findall(r"\d+", clause.group(0)))
    if numbers <= set(re.findall(r"\d+", ai_message)):
        return ""
    return clause.group(0).strip().rstrip(".")


def _merged(analyzer: Finding, ai: Finding) -> Finding:
    counts = _counts(analyzer, ai.message)
    message = ai.message if not counts else f"{ai.message.rstrip('.')}. {counts}."
    evidence = list(ai.evidence)
    seen = {e.line for e in evidence}
    evidence += [e for e in analyzer.evidence if e.line not in seen]
    severity = min(ai.severity, analyzer.severity, key=lambda s: _SEVERITY_RANK[s])
    return analyzer.model_copy(
        update={
            "severity": severity,
            "message": message,
            "evidence": evidence[:MAX_MERGED_EVIDENCE],
            "fix": ai.fix or analyzer.fix,
            "source": Source.AI,
        }
    )


def merge_findings(
    analyzer: Sequence[Finding], ai: Sequence[Finding], statements: Statements
) -> list[Finding]:
    """The analyzer's findings (in their order), each merged with the first AI finding about
    the same statement and problem, then the AI findings that said something new."""
    merged: list[Finding] = list(analyzer)
    taken: set[int] = set()  # analyzer findings already merged with an AI finding
    extra: list[Finding] = []
    extra_keys: set[tuple[Span, str]] = set()
    for item in ai:
        spans = statements.spans_of(item)
        keys = {(span, item.category) for span in spans}
        if keys & extra_keys:
            continue  # the model said this about this statement already
        best, best_score = None, 0
        for index, finding in enumerate(merged):
            if not spans & statements.spans_of(finding):
                continue
            score = _problem_score(item, analyzer[index])
            if score > best_score:
                best, best_score = index, score
        if best is not None and best not in taken:
            merged[best] = _merged(analyzer[best], item)
            taken.add(best)
            continue
        if best is not None:  # merged already: this line is now said by the new finding
            kept = [e for e in merged[best].evidence if statements.span(e.line or 0) not in spans]
            merged[best] = merged[best].model_copy(update={"evidence": kept})
        extra.append(item)
        extra_keys |= keys
    return _cited_once([*merged, *extra], [analyzer[i] for i in sorted(taken)], statements)


def _cited_once(
    findings: list[Finding], merged_from: Sequence[Finding], statements: Statements
) -> list[Finding]:
    """A merged finding speaks in the model's words: of the analyzer's evidence it took on, it
    gives up the statements another finding of its category already cites (else the person
    reads the model's wording beside that finding, on the same line, for the same kind of
    problem). Its own quote, and the analyzer's count in its message, stay."""
    borrowed = {f.code for f in merged_from}
    kept: list[Finding] = []
    for finding in findings:
        if finding.source is not Source.AI or finding.code not in borrowed:
            kept.append(finding)
            continue
        others = {
            span
            for other in findings
            if other is not finding and other.category == finding.category
            for span in statements.spans_of(other)
        }
        evidence = [
            e
            for index, e in enumerate(finding.evidence)
            if index == 0 or statements.span(e.line or 0) not in others
        ]
        kept.append(finding.model_copy(update={"evidence": evidence}))
    return kept


# --- rewrites -------------------------------------------------------------------------------


def merge_rewrites(
    analyzer: Sequence[Rewrite], ai: Sequence[Rewrite], statements: Statements
) -> list[Rewrite]:
    """One rewrite per statement: the model's first, then the analyzer's for the rest."""
    kept: list[Rewrite] = []
    claimed: set[Span] = set()
    for rewrite in [*ai, *analyzer]:
        span = statements.span(rewrite.line) if rewrite.line is not None else None
        if span is not None and span in claimed:
            continue
        if span is not None:
            claimed.add(span)
        kept.append(rewrite)
    return kept
