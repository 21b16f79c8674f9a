"""The oracle (tests/oracle/README.md): expert answers for gold resumes, served by the stand-in
through a real provider, and what became of each item in the feedback a person reads.

- load_oracles(): the answers in tests/oracle/answers, each joined to its gold resume (read in
  place from ../shared with the project's parser; never copied) and its expert score.
- Runner(standin).run(oracle, provider): the reviewer built by build_reviewer, exactly as the
  worker builds it, pointed at the stand-in scripted to give this answer; the analyzer's own
  feedback beside it, and the same answer without its disputes (what a dispute changed).
- reached(item, run) / merge_violations(item, run) / duplicate_pairs(run): the rules.
"""

from __future__ import annotations

import hashlib
import json
import re
import tomllib
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from resumeroast.adapters.llm import build_reviewer
from resumeroast.core.analysis import render_feedback
from resumeroast.core.documents import Document, sniff_kind
from resumeroast.core.feedback import Feedback, Level, Source
from resumeroast.core.readers import read_document
from resumeroast.core.review.answer import LLMAnswer
from resumeroast.core.review.grounding import QuoteIndex, normalise
from resumeroast.core.review.request import ReviewRequest, prepare_review
from resumeroast.settings import Settings
from tests.oracle.features import FOUND_BY_FIRST_RUN, NO_LONGER_REPORTED
from tests.support.llm_standin import Standin
from tests.unit.adapters.llm.helpers import anthropic_settings, openai_settings

ROOT = Path(__file__).resolve().parents[2]
ANSWERS = ROOT / "tests" / "oracle" / "answers"
GOLD = ROOT.parent / "shared" / "fixtures" / "gold"

Provider = Literal["openai", "anthropic"]
PROVIDERS: tuple[Provider, ...] = ("openai", "anthropic")
LIST_KINDS = ("findings", "rewrites", "score_adjustments", "section_notes", "disputes")
#: Keys that describe the rule, not the answer: never served to the reviewer.
RULE_KEYS = frozenset({"expect", "kind", "needs", "same_as", "why_expected"})
Expect = Literal["survive", "drop", "merge"]
#: Generous budgets: the answers are sized for main's largest answer (4 findings, 3 rewrites).
MAX_OUTPUT_TOKENS = 4096
CONTEXT_TOKENS = 32768
#: "Present" means this day, so the figures do not drift with the calendar.
AS_OF = date(2026, 12, 5)
#: Compared on this many normalised characters (the schema cuts long strings to their bound).
COMPARED_CHARS = 100


@dataclass(frozen=True)
class Item:
    label: str
    kind: str  #: one of LIST_KINDS, or "verdict"
    index: int
    fields: dict[str, Any]

    @property
    def id(self) -> str:
        return f"{self.label}/{self.kind}[{self.index}]"

    @property
    def expect(self) -> Expect:
        value: Expect = self.fields.get("expect", "survive")
        return value

    @property
    def bad_kind(self) -> str:
        return str(self.fields.get("kind", ""))

    @property
    def needs(self) -> str | None:
        """The feature the item's rule depends on: its own `needs`, or the one the first run
        found (tests/oracle/features.py)."""
        value = self.fields.get("needs") or FOUND_BY_FIRST_RUN.get(self.id)
        return str(value) if value else None

    @property
    def written_needs(self) -> str | None:
        """The feature named in the answer file, as written before any run."""
        value = self.fields.get("needs")
        return str(value) if value else None

    @property
    def served(self) -> dict[str, Any]:
        return {k: v for k, v in self.fields.items() if k not in RULE_KEYS}


@dataclass(frozen=True)
class Oracle:
    label: str
    document_path: Path
    expert_score: int
    job_description: str | None
    verdict: str
    items: tuple[Item, ...]

    def items_of(self, kind: str) -> list[Item]:
        return [item for item in self.items if item.kind == kind]

    def answer(self, *, with_disputes: bool) -> dict[str, Any]:
        """The answer as the model sends it: the answer schema's keys only."""
        answer: dict[str, Any] = {"verdict": self.verdict}
        for kind in LIST_KINDS:
            if kind == "disputes" and not with_disputes:
                continue
            answer[kind] = [item.served for item in self.items_of(kind)]
        return answer

    def document(self) -> Document:
        data = self.document_path.read_bytes()
        return read_document(data, sniff_kind(data, self.document_path.name))


def disputes_supported() -> bool:
    """The answer schema on this branch takes disputes (issue 16, a16's work)."""
    return "disputes" in LLMAnswer.model_fields


def gold_documents() -> dict[str, tuple[Path, dict[str, Any]]]:
    """label → (document, its gold annotation); labels as bench/gold_set.py names them."""
    found = {}
    for annotation in sorted(GOLD.glob("*/*.gold.toml")):
        document = annotation.with_name(annotation.name.removesuffix(".gold.toml"))
        data = document.read_bytes()
        label = f"{document.suffix.lstrip('.').lower()}:{hashlib.sha256(data).hexdigest()[:8]}"
        found[label] = (document, tomllib.loads(annotation.read_text(encoding="utf-8")))
    return found


def load_answers() -> list[dict[str, Any]]:
    return [tomllib.loads(p.read_text(encoding="utf-8")) for p in sorted(ANSWERS.glob("*.toml"))]


def load_oracles() -> list[Oracle]:
    gold = gold_documents()
    oracles = []
    for raw in load_answers():
        label = raw["label"]
        path, annotation = gold[label]
        items = [Item(label, "verdict", 0, {"verdict": raw["verdict"]})]
        for kind in LIST_KINDS:
            items += [Item(label, kind, i, dict(f)) for i, f in enumerate(raw.get(kind, []))]
        oracles.append(
            Oracle(
                label=label,
                document_path=path,
                expert_score=int(annotation["expert_score"]),
                job_description=raw.get("job_description"),
                verdict=raw["verdict"],
                items=tuple(items),
            )
        )
    return oracles


# --- running ------------------------------------------------------------------------------


@dataclass
class Run:
    oracle: Oracle
    provider: Provider
    request: ReviewRequest
    feedback: Feedback
    analyzer: Feedback  #: the analyzer alone, for the same request
    #: the same answer without its disputes (None when the answer has none, or the schema
    #: does not take them): what the disputes changed
    without_disputes: Feedback | None = None
    index: QuoteIndex = field(init=False)

    def __post_init__(self) -> None:
        self.index = QuoteIndex(self.request.screened.document.lines)

    def line_of(self, quote: str) -> int | None:
        located = self.index.locate(quote)
        return located.line if located else None


def settings_for(standin: Standin, provider: Provider) -> Settings:
    make = openai_settings if provider == "openai" else anthropic_settings
    url = standin.base_url if provider == "openai" else standin.root_url
    return make(url, llm_max_output_tokens=MAX_OUTPUT_TOKENS, llm_context_tokens=CONTEXT_TOKENS)


class Runner:
    """Reviews each (oracle, provider) once; every test and figure reads the same run."""

    def __init__(self, standin: Standin) -> None:
        self._standin = standin
        self._runs: dict[tuple[str, Provider], Run] = {}
        self._requests: dict[str, ReviewRequest] = {}

    def request(self, oracle: Oracle) -> ReviewRequest:
        if oracle.label not in self._requests:
            self._requests[oracle.label] = prepare_review(
                oracle.document(),
                job_description=oracle.job_description,
                level=Level.HONEST,
                as_of=AS_OF,
            )
        return self._requests[oracle.label]

    def _review(self, oracle: Oracle, provider: Provider, *, with_disputes: bool) -> Feedback:
        # Half the OpenAI answers come fenced in ```json, as strong models often send them.
        fence = provider == "openai" and int(oracle.label.rsplit(":", 1)[-1], 16) % 2 == 1
        step = {"kind": "reply", "answer": oracle.answer(with_disputes=with_disputes)}
        self._standin.set_script({"steps": [], "then": {**step, "fence": fence}})
        reviewer = build_reviewer(settings_for(self._standin, provider))
        try:
            return reviewer.review(self.request(oracle))
        finally:
            close: Callable[[], None] | None = getattr(reviewer, "close", None)
            if close is not None:
                close()

    def run(self, oracle: Oracle, provider: Provider) -> Run:
        key = (oracle.label, provider)
        if key not in self._runs:
            request = self.request(oracle)
            has_disputes = disputes_supported() and bool(oracle.items_of("disputes"))
            self._runs[key] = Run(
                oracle=oracle,
                provider=provider,
                request=request,
                feedback=self._review(oracle, provider, with_disputes=disputes_supported()),
                analyzer=render_feedback(request.analysis, request.level),
                without_disputes=(
                    self._review(oracle, provider, with_disputes=False) if has_disputes else None
                ),
            )
        return self._runs[key]


# --- what reached the person ---------------------------------------------------------------


def _key(text: str) -> str:
    return normalise(text)[:COMPARED_CHARS]


def _shown(texts: Iterator[str] | list[str], text: str) -> bool:
    wanted = _key(text)
    return any(wanted in normalise(t) for t in texts)


def _adjustment_shown(feedback: Feedback, sub_score: str, direction: str, reason: str) -> bool:
    """The step the model asked for is shown with its reason beside its sub-score (a change
    of 0 when the sub-score was already at the end the step goes to)."""
    limit = 100 if direction == "raise" else 0
    final = feedback.sub_scores.model_dump().get(sub_score)
    return any(
        note.sub_score == sub_score
        and (
            (note.change > 0 if direction == "raise" else note.change < 0)
            or (note.change == 0 and final == limit)
        )
        and _key(note.reason) == _key(reason)
        for note in feedback.score_notes
    )


_RANK = {"critical": 0, "warning": 1, "info": 2}


def dispute_applied(item: Item, run: Run) -> bool:
    """A dispute took effect: the analyzer finding it names is withdrawn, downgraded or no
    longer cites the quoted line; or (a claim about a fact) the feedback differs from the same
    answer without disputes. A dispute of a finding the analyzer no longer reports holds when no
    finding of that code reaches the person (tests/oracle/features.py, NO_LONGER_REPORTED)."""
    gone = NO_LONGER_REPORTED.get(item.id)
    if gone is not None:
        return all(f.code != gone for f in run.feedback.findings)
    if run.without_disputes is None:
        return False
    claim = str(item.fields["claim"])
    before = [f for f in run.without_disputes.findings if f.code == claim]
    if before:
        after = [f for f in run.feedback.findings if f.code == claim]
        if not after:
            return True
        worst = min(_RANK[f.severity.value] for f in before)
        if min(_RANK[f.severity.value] for f in after) > worst:
            return True
        line = run.line_of(str(item.fields["quote"]))
        cited = [
            any(e.line == line for g in group for e in g.evidence) for group in (before, after)
        ]
        return line is not None and cited == [True, False]
    return _comparable(run.feedback) != _comparable(run.without_disputes)


def _comparable(feedback: Feedback) -> str:
    return json.dumps(feedback.model_dump(mode="json", exclude={"review"}), sort_keys=True)


def reached(item: Item, run: Run) -> bool:
    """Whether the item reaches the person (its rule's subject, see tests/oracle/README.md)."""
    fb, f = run.feedback, item.fields
    if item.kind == "verdict":
        return _key(fb.verdict) == _key(f["verdict"])
    if item.kind == "findings":
        return _shown([x.message for x in fb.findings], f["message"])
    if item.kind == "rewrites":
        return _shown([x.improved for x in fb.rewrites], f["improved"])
    if item.kind == "section_notes":
        return _shown([x.note for x in fb.section_notes], f["note"])
    if item.kind == "score_adjustments":
        # Shown as its own note beside the sub-score (a16:score-reasons): compared with the
        # analyzer's first measure, a dispute applied in the same answer could hide the step.
        return _adjustment_shown(fb, f["sub_score"], f["direction"], f["reason"])
    if item.kind == "disputes":
        return dispute_applied(item, run)
    raise ValueError(item.kind)


def _said_twice(item: Item, run: Run) -> list[tuple[int, str, str]]:
    """(line, AI code, analyzer code) for a finding marked merge shown beside its twin."""
    f = item.fields
    line = run.line_of(f["quote"])
    if line is None:
        return []
    return [
        (line, mine.code, theirs.code)
        for mine in run.feedback.findings
        if _shown([mine.message], f["message"])
        for theirs in run.feedback.findings
        if theirs is not mine
        and theirs.code == f["same_as"]
        and any(e.line == line for e in theirs.evidence)
    ]


def merge_violations(item: Item, run: Run) -> list[str]:
    """For an item marked merge: the ways the person is told the same thing twice."""
    if item.kind == "rewrites":
        line = run.line_of(item.fields["original"])
        on_line = [r for r in run.feedback.rewrites if line is not None and r.line == line]
        return [f"{len(on_line)} rewrites of line {line}"] if len(on_line) > 1 else []
    return [f"{a} and {b} both on line {n}" for n, a, b in _said_twice(item, run)]


def _pair(line: int, one: str, other: str) -> tuple[int, str, str]:
    first, second = sorted((one, other))
    return line, first, second


def duplicate_pairs(run: Run) -> list[str]:
    """Pairs the person reads twice: two findings citing one line for the same problem (the
    same category, or an oracle item marked merge beside its analyzer twin), one of them the
    AI's; and two rewrites of one line."""
    pairs: set[tuple[int, str, str]] = set()
    findings = run.feedback.findings
    for i, a in enumerate(findings):
        for b in findings[i + 1 :]:
            if Source.AI not in (a.source, b.source) or a.category != b.category:
                continue
            shared = ({e.line for e in a.evidence} & {e.line for e in b.evidence}) - {None}
            pairs |= {_pair(n, a.code, b.code) for n in shared if n is not None}
    for item in run.oracle.items:
        if item.expect == "merge" and item.kind == "findings":
            pairs |= {_pair(n, a, b) for n, a, b in _said_twice(item, run)}
    shown = [f"{a} / {b} on line {n}" for n, a, b in sorted(pairs)]
    lines = [r.line for r in run.feedback.rewrites if r.line is not None]
    shown += [
        f"{lines.count(n)} rewrites of line {n}" for n in sorted(set(lines)) if lines.count(n) > 1
    ]
    return shown


_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")
_PHONE = re.compile(r"\(?\d{3}\)?[ .-]\d{3}[ .-]\d{4}")


def personal_data(text: str) -> list[str]:
    """E-mail addresses and phone numbers: never in the oracle's files."""
    return _EMAIL.findall(text) + _PHONE.findall(text)
