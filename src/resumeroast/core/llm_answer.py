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
from functools import cache
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


#: The most items any answer may carry; AnswerLimits lowers them to fit an output budget.
MAX_FINDINGS = 4
MAX_SECTION_NOTES = 3
MAX_REWRITES = 3
MAX_ADJUSTMENTS = 4


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


@cache
def _base_schema() -> dict[str, Any]:
    """The model's JSON schema with refs inlined and titles dropped (fewer prompt tokens)."""
    raw = LLMAnswer.model_json_schema()
    defs = raw.pop("$defs", {})

    def inline(node: Any) -> Any:
        if isinstance(node, dict):
            if "$ref" in node:
                return inline(defs[node["$ref"].rsplit("/", 1)[-1]])
            return {k: inline(v) for k, v in node.items() if k not in ("title", "description")}
        if isinstance(node, list):
            return [inline(v) for v in node]
        return node

    schema: dict[str, Any] = inline(raw)
    return schema


# --- sizing the answer to the output budget ---------------------------------------------

#: Worst-case characters per token when a model fills every string to its bound. Measured
#: about 4.5–5.5 for English with JSON indentation (Gemma 3 tokenizer); 4 leaves a margin.
WORST_CHARS_PER_TOKEN = 4
_LIST_KEYS = ("findings", "rewrites", "score_adjustments", "section_notes")  #: fill order
_AT_LEAST_ONE = ("findings", "rewrites")
_MAXIMA = {
    "findings": MAX_FINDINGS,
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

    def of(self, key: str) -> int:
        return int(getattr(self, key))


def _worst_chars(node: dict[str, Any], indent: int = 4) -> int:
    """Characters of the longest JSON text the node allows (indented, as models write it)."""
    kind = node.get("type")
    if kind == "object":
        props = node.get("properties", {})
        inner = sum(len(k) + 6 + indent + _worst_chars(v, indent + 4) for k, v in props.items())
        return int(inner) + 2 + indent
    if kind == "array":
        items = int(node.get("maxItems", 0))
        return 2 + indent + items * (_worst_chars(node["items"], indent + 4) + 2)
    if "enum" in node:
        return max(len(str(v)) for v in node["enum"]) + 2
    return int(node.get("maxLength", 20)) + 2


def worst_case_tokens(limits: AnswerLimits) -> int:
    return -(-_worst_chars(answer_json_schema(limits)) // WORST_CHARS_PER_TOKEN)


def limits_for(max_output_tokens: int) -> AnswerLimits:
    """The richest answer whose worst case still fits max_output_tokens: items are added
    round-robin (finding, rewrite, adjustment, note) while they fit, up to the maxima."""
    counts = dict.fromkeys(_LIST_KEYS, 0)
    grew = True
    while grew:
        grew = False
        for key in _LIST_KEYS:
            if counts[key] >= _MAXIMA[key]:
                continue
            trial = AnswerLimits(**{**counts, key: counts[key] + 1})
            if worst_case_tokens(trial) <= max_output_tokens:
                counts[key] += 1
                grew = True
    return AnswerLimits(**counts)


@cache
def answer_json_schema(limits: AnswerLimits = AnswerLimits()) -> dict[str, Any]:
    """The schema sent to the model, with maxItems lowered to `limits`."""
    schema = json.loads(json.dumps(_base_schema()))
    for key in _LIST_KEYS:
        schema["properties"][key]["maxItems"] = limits.of(key)
    # Ask constrained decoders for at least one finding and one rewrite (every resume has
    # something to fix). Validation does not insist: an empty list is harmless.
    for key in _AT_LEAST_ONE:
        schema["properties"][key]["minItems"] = min(1, limits.of(key))
    result: dict[str, Any] = schema
    return result


# --- extra constraints for grammar-constrained decoders ----------------------------------

#: Digits are one token each in most tokenizers, and a small model stuck in a loop writes
#: "1000000…" until its strings are full: many times the tokens the size estimate assumes.
#: Grammar servers get these patterns: no backslash (no escapes) and a bounded number of
#: digits per string (quotes may need more: "$1,200,000 (2019-2021)").
MAX_DIGITS = 8
MAX_QUOTE_DIGITS = 16
_QUOTE_FIELDS = frozenset({"quote", "original"})
_COMPACT_JSON = {"whitespace_flexible": False, "key_separator": ": ", "item_separator": ", "}


def _digit_pattern(most: int) -> str:
    return rf"^[^0-9\\]*(?:[0-9][^0-9\\]*){{0,{most}}}$"


def _constrain(node: Any, key: str = "") -> Any:
    if isinstance(node, dict):
        if node.get("type") == "string" and "enum" not in node:
            most = MAX_QUOTE_DIGITS if key in _QUOTE_FIELDS else MAX_DIGITS
            return {**node, "pattern": _digit_pattern(most)}
        if "properties" in node:
            props = {k: _constrain(v, k) for k, v in node["properties"].items()}
            return {**node, "properties": props}
        if "items" in node:
            return {**node, "items": _constrain(node["items"], key)}
    return node


def grammar_schema(limits: AnswerLimits) -> dict[str, Any]:
    """The answer schema for servers that decode under a grammar (llama.cpp/llguidance):
    compact JSON (no free whitespace: greedy decoding can loop on newlines) and the digit
    and escape limits above. Validation stays answer_json_schema's: this only narrows."""
    schema: dict[str, Any] = _constrain(answer_json_schema(limits))
    return {**schema, "x-guidance": _COMPACT_JSON}


def _outline(node: dict[str, Any]) -> str:
    kind = node.get("type")
    if kind == "object":
        fields = ", ".join(f'"{k}": {_outline(v)}' for k, v in node["properties"].items())
        return "{" + fields + "}"
    if kind == "array":
        most = int(node.get("maxItems", 0))
        if most == 0:
            return "[] (always empty)"
        least = int(node.get("minItems", 0))
        count = (
            f"up to {most}"
            if not least
            else f"exactly {most}"
            if least == most
            else f"{least} to {most}"
        )
        return f"[{count} of {_outline(node['items'])}]"
    if "enum" in node:
        return "|".join(str(v) for v in node["enum"])
    return f"text(≤{node.get('maxLength', '?')} chars)"


def schema_outline(limits: AnswerLimits) -> str:
    """The answer schema in a compact notation for the prompt (a third of the tokens of the
    JSON schema, which goes in response_format where the server supports it)."""
    return (
        _outline(answer_json_schema(limits))
        + "\nEvery key is required, no other keys; a|b means one of the values a or b."
    )


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
    if isinstance(data, dict):
        data = {
            k: v[: limits.of(k)] if k in _MAXIMA and isinstance(v, list) else v
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
