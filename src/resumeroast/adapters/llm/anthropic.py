"""Anthropic, through the official anthropic SDK: structured output by forced tool use.

The model must call one tool, `submit_review`, whose input schema is the answer schema;
the tool input is the answer. The reviewer validates it like any other answer.
This SDK version has no sampling temperature; a stable score comes from the bounded merge
and the review cache, not from sampling.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any, cast

import anthropic

from resumeroast.adapters.llm.errors import translate_error
from resumeroast.core.review.answer import AnswerLimits, FinishReason
from resumeroast.core.review.prompts import Message
from resumeroast.core.review.schema import answer_json_schema
from resumeroast.ports import ChatReply, llm_scope_headers

ANTHROPIC_BASE_URL = "https://api.anthropic.com"
TOOL_NAME = "submit_review"
_FINISH: dict[str, FinishReason] = {
    "end_turn": "stop",
    "tool_use": "stop",
    "stop_sequence": "stop",
    "max_tokens": "length",
    "refusal": "refusal",
}


class AnthropicChatClient:
    def __init__(self, sdk: anthropic.Anthropic, *, model: str, max_output_tokens: int) -> None:
        self._sdk = sdk
        self._model = model
        self._max_output_tokens = max_output_tokens

    def __repr__(self) -> str:
        return f"AnthropicChatClient(model={self._model!r})"

    @property
    def model(self) -> str:
        return self._model

    def close(self) -> None:
        self._sdk.close()

    def complete(
        self, messages: Sequence[Message], limits: AnswerLimits, *, timeout_s: float
    ) -> ChatReply:
        system = "\n\n".join(m.content for m in messages if m.role == "system")
        turns = [{"role": m.role, "content": m.content} for m in messages if m.role != "system"]
        tool = {
            "name": TOOL_NAME,
            "description": "Submit the resume review. Call this exactly once.",
            "input_schema": answer_json_schema(limits),
        }
        try:
            response = self._sdk.messages.create(
                model=self._model,
                max_tokens=self._max_output_tokens,
                system=system,
                messages=cast(Any, turns),
                tools=cast(Any, [tool]),
                tool_choice={"type": "tool", "name": TOOL_NAME},
                timeout=timeout_s,
                extra_headers=llm_scope_headers() or None,
            )
        except anthropic.AnthropicError as exc:
            raise translate_error(exc, "anthropic") from None
        return _reply(response)


def _reply(response: Any) -> ChatReply:
    usage = getattr(response, "usage", None)
    tokens_in = int(getattr(usage, "input_tokens", 0) or 0)
    tokens_out = int(getattr(usage, "output_tokens", 0) or 0)
    finish = _FINISH.get(str(response.stop_reason), "other")
    for block in response.content:
        if getattr(block, "type", None) == "tool_use" and block.name == TOOL_NAME:
            return ChatReply(json.dumps(block.input), finish, tokens_in, tokens_out)
    text = "".join(getattr(block, "text", "") for block in response.content)
    return ChatReply(text or None, finish, tokens_in, tokens_out)


def make_anthropic_sdk(
    *, api_key: str | None, base_url: str | None, timeout_s: float
) -> anthropic.Anthropic:
    """The SDK client: no SDK-side retries (the worker owns the retry policy)."""
    return anthropic.Anthropic(
        api_key=api_key or "not-set",
        base_url=base_url or ANTHROPIC_BASE_URL,
        timeout=timeout_s,
        max_retries=0,
    )
