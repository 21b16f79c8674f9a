"""The answer schema as sent to a model, sized to the output budget.

- answer_json_schema(limits): the JSON schema of LLMAnswer (refs inlined, titles dropped) with
  maxItems lowered to `limits`; what `response_format` and tool `input_schema` carry.
- limits_for(max_output_tokens, words=…, claims=…): the richest answer whose longest possible
  text still fits, and no richer than the resume's length calls for.
- grammar_schema(limits): narrower still, for grammar-constrained local servers.
- schema_outline(limits): the same shape in a compact notation, for the prompt.
"""

from __future__ import annotations

import json
from functools import cache
from typing import Any

from resumeroast.core.review.answer import (
    LIST_FIELDS,
    MAX_ITEMS,
    AnswerLimits,
    LLMAnswer,
)

#: Constrained decoders are asked for at least one of these (every resume has something to
#: fix); validation does not insist.
ASK_AT_LEAST_ONE = ("findings", "rewrites")


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


#: How many findings and rewrites a resume's length calls for: a one-page resume of 300 words
#: has about 4 things worth saying and 3 lines worth rewriting; every WORDS_PER_ITEM more
#: words, one more of each, up to the maxima of answer.py.
WORDS_PER_ITEM = 150
MIN_LENGTH_FINDINGS = 3
MIN_LENGTH_REWRITES = 2


def length_limits(words: int | None, claims: int | None) -> dict[str, int]:
    """The most items of each kind a resume of `words` words with `claims` analyzer findings
    shown to the model can use (None: no bound from the resume)."""
    most = dict(MAX_ITEMS)
    if words is not None:
        extra = max(0, words) // WORDS_PER_ITEM
        most["findings"] = min(MAX_ITEMS["findings"], MIN_LENGTH_FINDINGS + extra)
        most["rewrites"] = min(MAX_ITEMS["rewrites"], MIN_LENGTH_REWRITES + extra)
    if claims is not None:
        most["disputes"] = min(MAX_ITEMS["disputes"], max(0, claims))
    return most


#: The order items are granted in while they fit: a finding with its quote says most, then a
#: rewrite and a score reason; a dispute and a section note once per two findings.
FILL_ORDER = (
    "findings",
    "rewrites",
    "score_adjustments",
    "findings",
    "disputes",
    "rewrites",
    "section_notes",
)


def limits_for(
    max_output_tokens: int, *, words: int | None = None, claims: int | None = None
) -> AnswerLimits:
    """The richest answer whose worst case still fits max_output_tokens: items are granted in
    FILL_ORDER, round after round, up to what the resume calls for (length_limits); a kind
    that no longer fits gets no more. Deterministic: the same inputs give the same limits."""
    most = length_limits(words, claims)
    counts = dict.fromkeys(LIST_FIELDS, 0)
    while any(counts[key] < most[key] for key in LIST_FIELDS):
        for key in FILL_ORDER:
            if counts[key] >= most[key]:
                continue
            trial = AnswerLimits(**{**counts, key: counts[key] + 1})
            if worst_case_tokens(trial) > max_output_tokens:
                most[key] = counts[key]  # full: smaller kinds may still fit
                continue
            counts[key] += 1
    return AnswerLimits(**counts)


@cache
def answer_json_schema(limits: AnswerLimits = AnswerLimits()) -> dict[str, Any]:
    """The schema sent to the model, with maxItems lowered to `limits`."""
    schema = json.loads(json.dumps(_base_schema()))
    for key in LIST_FIELDS:
        schema["properties"][key]["maxItems"] = limits.of(key)
    for key in ASK_AT_LEAST_ONE:
        schema["properties"][key]["minItems"] = min(1, limits.of(key))
    # Optional when validating (older answers lack it); every key is required of the model.
    schema["required"] = list(schema["properties"])
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
