"""The contract with the model: a strict answer schema, and how an answer is judged usable.

The schema is small on purpose (see docs/llm.md): every object closed
(additionalProperties false), every string bounded (maxLength), every list bounded
(maxItems), every field required. Constrained decoders then cannot wander off or run a
string until the token limit. Over-long strings and lists are cut to their bound before
validation (a long quote is still a quote); anything else that does not match — wrong
types, unknown keys, bad enum values, missing fields, a cut-off answer — is a problem
that earns one repair round trip.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import dataclass
from enum import StrEnum
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError


def _cut_text(limit: int) -> Callable[[Any], Any]:
    return lambda value: value[:limit] if isinstance(value, str) else value


def _cut_list(limit: int) -> Callable[[Any], Any]:
    return lambda value: value[:limit] if isinstance(value, list) else value


# String bounds, in characters. Small on purpose: a model that fills every string to its
# bound (small local models do) must still finish within its output budget.
Verdict = Annotated[str, BeforeValidator(_cut_text(160)), Field(max_length=160)]
Quote = Annotated[str, BeforeValidator(_cut_text(100)), Field(max_length=100)]
Message = Annotated[str, BeforeValidator(_cut_text(140)), Field(max_length=140)]
Advice = Annotated[str, BeforeValidator(_cut_text(120)), Field(max_length=120)]
Reason = Annotated[str, BeforeValidator(_cut_text(100)), Field(max_length=100)]
SectionName = Annotated[str, BeforeValidator(_cut_text(30)), Field(max_length=30)]
ClaimId = Annotated[str, BeforeValidator(_cut_text(40)), Field(max_length=40)]


class AnswerSeverity(StrEnum):
    CRITICAL = "critical"
    WARNING = "warning"
    INFO = "info"


class AnswerCategory(StrEnum):
    IMPACT = "impact"
    CLARITY = "clarity"
    ATS = "ats"
    COMPLETENESS = "completeness"
    LANGUAGE = "language"
    STRUCTURE = "structure"
    JOB_MATCH = "job_match"


class SubScoreName(StrEnum):
    IMPACT = "impact"
    CLARITY = "clarity"
    ATS = "ats"
    COMPLETENESS = "completeness"
    JOB_MATCH = "job_match"


class _Closed(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class AnswerFinding(_Closed):
    severity: AnswerSeverity
    category: AnswerCategory
    message: Message
    quote: Quote  #: verbatim from the resume; findings whose quote is not found are dropped
    fix: Advice


class AnswerSectionNote(_Closed):
    section: SectionName
    note: Message


class AnswerRewrite(_Closed):
    original: Quote  #: verbatim from the resume
    improved: Message
    why: Reason


class AnswerAdjustment(_Closed):
    """A request to move one sub-score one step, with the resume text that justifies it."""

    sub_score: SubScoreName
    direction: Literal["raise", "lower"]
    quote: Quote
    reason: Reason


class AnswerDispute(_Closed):
    """The model disputes one of the analyzer's claims (by its id, e.g. "A2", or its code),
    quoting the resume text that shows the claim is wrong (disputes.py)."""

    claim: ClaimId
    reason: Reason
    quote: Quote  #: verbatim from the resume; an ungrounded dispute changes nothing


#: The most items any answer may carry; AnswerLimits lowers them to fit an output budget
#: and the resume's length (schema.limits_for).
MAX_FINDINGS = 8
MAX_SECTION_NOTES = 3
MAX_REWRITES = 6
MAX_ADJUSTMENTS = 6
MAX_DISPUTES = 3


class LLMAnswer(_Closed):
    verdict: Verdict
    findings: Annotated[
        list[AnswerFinding],
        BeforeValidator(_cut_list(MAX_FINDINGS)),
        Field(max_length=MAX_FINDINGS),
    ]
    section_notes: Annotated[
        list[AnswerSectionNote],
        BeforeValidator(_cut_list(MAX_SECTION_NOTES)),
        Field(max_length=MAX_SECTION_NOTES),
    ]
    rewrites: Annotated[
        list[AnswerRewrite],
        BeforeValidator(_cut_list(MAX_REWRITES)),
        Field(max_length=MAX_REWRITES),
    ]
    score_adjustments: Annotated[
        list[AnswerAdjustment],
        BeforeValidator(_cut_list(MAX_ADJUSTMENTS)),
        Field(max_length=MAX_ADJUSTMENTS),
    ]
    #: Optional for validation (answers written for review_v1 have none); the schema sent to
    #: the model lists it as required like every other key (schema.answer_json_schema).
    disputes: Annotated[
        list[AnswerDispute],
        BeforeValidator(_cut_list(MAX_DISPUTES)),
        Field(max_length=MAX_DISPUTES),
    ] = []


#: The list fields, in the order limits_for fills them.
LIST_FIELDS = ("findings", "rewrites", "disputes", "score_adjustments", "section_notes")
MAX_ITEMS = {
    "findings": MAX_FINDINGS,
    "disputes": MAX_DISPUTES,
    "rewrites": MAX_REWRITES,
    "score_adjustments": MAX_ADJUSTMENTS,
    "section_notes": MAX_SECTION_NOTES,
}


@dataclass(frozen=True)
class AnswerLimits:
    """How many items of each kind the answer may hold (maxItems in the schema sent)."""

    findings: int = MAX_FINDINGS
    section_notes: int = MAX_SECTION_NOTES
    rewrites: int = MAX_REWRITES
    score_adjustments: int = MAX_ADJUSTMENTS
    disputes: int = MAX_DISPUTES

    def of(self, key: str) -> int:
        return int(getattr(self, key))


# --- judging an answer ----------------------------------------------------------------

FinishReason = Literal["stop", "length", "refusal", "other"]


@dataclass(frozen=True)
class AnswerCheck:
    answer: LLMAnswer | None
    problems: tuple[str, ...]  #: why it is unusable, in words the model can act on

    @property
    def ok(self) -> bool:
        return self.answer is not None


_FENCE = re.compile(r"^```(?:json)?\s*|\s*```$", re.IGNORECASE)
MAX_PROBLEMS = 5


def extract_json(text: str) -> Any:
    """Parse a JSON object from a reply that may be fenced or wrapped in prose."""
    body = _FENCE.sub("", text.strip())
    try:
        return json.loads(body)
    except json.JSONDecodeError:
        start, end = body.find("{"), body.rfind("}")
        if start == -1 or end <= start:
            raise
        return json.loads(body[start : end + 1])


def check_answer(text: str | None, finish: FinishReason, limits: AnswerLimits) -> AnswerCheck:
    if finish == "length":
        return AnswerCheck(None, ("the answer was cut off at the token limit: answer shorter",))
    if not text or not text.strip():
        return AnswerCheck(None, ("the answer was empty",))
    try:
        data = extract_json(text)
    except json.JSONDecodeError as exc:
        return AnswerCheck(None, (f"the answer is not valid JSON ({exc.msg} at char {exc.pos})",))
    except RecursionError:
        # A looping model can nest brackets past the parser's depth: a bad answer, not an
        # outage (uncaught, it would reach the worker's retry policy as a transient error).
        return AnswerCheck(None, ("the answer is not valid JSON (nested too deeply)",))
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        return AnswerCheck(None, (f"the answer is not valid JSON ({exc})"[:200],))
    if isinstance(data, dict):
        data = {
            k: v[: limits.of(k)] if k in MAX_ITEMS and isinstance(v, list) else v
            for k, v in data.items()
        }
    try:
        return AnswerCheck(LLMAnswer.model_validate(data), ())
    except ValidationError as exc:
        problems = tuple(
            f"{'.'.join(str(p) for p in err['loc']) or 'answer'}: {err['msg']}"
            for err in exc.errors()[:MAX_PROBLEMS]
        )
        return AnswerCheck(None, problems)
