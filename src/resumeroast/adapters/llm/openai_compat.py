"""Any OpenAI-compatible chat-completions server, through the official openai SDK.

OpenAI, Ollama, vLLM, llama.cpp's server, LM Studio, OpenRouter … and our own embedded
local server. Structured output, best first: `response_format` json_schema, then
json_object, then the schema in the prompt alone (it is always in the prompt too). In
"auto" mode a server whose HTTP 400/422 names the response_format is asked again at once
with the next mode, and the mode that worked is kept for later reviews. Every answer is
validated by the reviewer whatever the mode.

Sampling parameters: OpenAI itself gets `max_completion_tokens` (its reasoning models,
gpt-5 and the o-series, reject `max_tokens`); every other server gets `max_tokens`, which
llama.cpp, Ollama and vLLM accept. A 400 that names `max_tokens` switches to
`max_completion_tokens`, and one that names `temperature` stops sending it (reasoning
models take only their default); each change is made once and kept. Any other 400 is a
permanent error, never read as a rejected response_format.

`grammar_hints=True` (used for our embedded llama.cpp server) sends
`core.review.schema.grammar_schema` instead: the same schema plus llguidance's options for
compact JSON and limits on digits and escapes, which keep a looping small model within its
output budget.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Literal
from urllib.parse import urlsplit

import openai

from resumeroast.adapters.llm.errors import translate_error
from resumeroast.core.review.answer import AnswerLimits, FinishReason
from resumeroast.core.review.prompts import Message
from resumeroast.core.review.schema import answer_json_schema, grammar_schema
from resumeroast.ports import ChatReply, llm_scope_headers

StructuredMode = Literal["json_schema", "json_object", "prompt"]
MODES: tuple[StructuredMode, ...] = ("json_schema", "json_object", "prompt")
OPENAI_BASE_URL = "https://api.openai.com/v1"
SEED = 7  #: fixed sampling seed: same prompt, same answer, where the server honours it
OPENAI_HOST = "api.openai.com"
_REJECTED = (openai.BadRequestError, openai.UnprocessableEntityError)
_FORMAT_WORDS = ("response_format", "json_schema", "json_object")
TokenLimit = Literal["max_tokens", "max_completion_tokens"]
_FINISH: dict[str, FinishReason] = {"stop": "stop", "length": "length", "content_filter": "refusal"}


class OpenAIChatClient:
    def __init__(
        self,
        sdk: openai.OpenAI,
        *,
        model: str,
        provider: str,
        max_output_tokens: int,
        temperature: float,
        mode: StructuredMode | Literal["auto"] = "auto",
        grammar_hints: bool = False,
        upstream_url: str | None = None,
    ) -> None:
        """upstream_url: the provider behind a relay, when sdk.base_url is the relay's."""
        self._sdk = sdk
        self._model = model
        self._provider = provider
        self._max_output_tokens = max_output_tokens
        self._temperature = temperature
        self._auto = mode == "auto"
        self._mode: StructuredMode = "json_schema" if mode == "auto" else mode
        self._grammar_hints = grammar_hints
        self._token_limit: TokenLimit = token_limit_for(upstream_url or str(sdk.base_url))
        self._send_temperature = True

    def __repr__(self) -> str:
        return f"OpenAIChatClient(model={self._model!r}, mode={self._mode!r})"

    @property
    def model(self) -> str:
        return self._model

    @property
    def mode(self) -> StructuredMode:
        return self._mode

    def close(self) -> None:
        self._sdk.close()

    def complete(
        self, messages: Sequence[Message], limits: AnswerLimits, *, timeout_s: float
    ) -> ChatReply:
        while True:
            try:
                response = self._sdk.chat.completions.create(
                    model=self._model,
                    messages=[{"role": m.role, "content": m.content} for m in messages],  # type: ignore[misc]
                    seed=SEED,
                    timeout=timeout_s,
                    extra_headers=llm_scope_headers() or None,
                    **self._sampling(),
                    **self._format(limits),
                )
            except _REJECTED as exc:
                if not self._adapt_to(exc):
                    raise translate_error(exc, self._provider) from None
            except openai.OpenAIError as exc:
                raise translate_error(exc, self._provider) from None
            else:
                return _reply(response)

    def _adapt_to(self, rejection: openai.APIStatusError) -> bool:
        """Change what is sent to suit a server that rejected a request; False when the
        rejection names nothing we can change (each change is made at most once)."""
        param = (rejection.param or "").lower()
        text = f"{param} {rejection.message}".lower()
        names_max_tokens = param == "max_tokens" or (
            "max_tokens" in text and "max_completion_tokens" in text
        )
        if names_max_tokens and self._token_limit == "max_tokens":
            self._token_limit = "max_completion_tokens"
            return True
        if "temperature" in text and self._send_temperature:
            self._send_temperature = False
            return True
        if self._auto and self._mode != "prompt" and any(w in text for w in _FORMAT_WORDS):
            self._mode = MODES[MODES.index(self._mode) + 1]
            return True
        return False

    def _sampling(self) -> dict[str, Any]:
        sampling: dict[str, Any] = {self._token_limit: self._max_output_tokens}
        if self._send_temperature:
            sampling["temperature"] = self._temperature
        return sampling

    def _format(self, limits: AnswerLimits) -> dict[str, Any]:
        if self._mode == "json_schema":
            hints = self._grammar_hints
            schema = grammar_schema(limits) if hints else answer_json_schema(limits)
            spec = {"name": "resume_review", "schema": schema, "strict": False}
            return {"response_format": {"type": "json_schema", "json_schema": spec}}
        if self._mode == "json_object":
            return {"response_format": {"type": "json_object"}}
        return {}


def _reply(response: Any) -> ChatReply:
    usage = getattr(response, "usage", None)
    tokens_in = int(getattr(usage, "prompt_tokens", 0) or 0)
    tokens_out = int(getattr(usage, "completion_tokens", 0) or 0)
    if not response.choices:
        return ChatReply(None, "other", tokens_in, tokens_out)
    choice = response.choices[0]
    message = choice.message
    if getattr(message, "refusal", None):
        return ChatReply(None, "refusal", tokens_in, tokens_out)
    finish = _FINISH.get(str(choice.finish_reason), "other")
    if finish == "other" and message.content:
        finish = "stop"
    return ChatReply(message.content, finish, tokens_in, tokens_out)


def token_limit_for(base_url: str) -> TokenLimit:
    """OpenAI's own API wants max_completion_tokens; other servers know max_tokens."""
    host = urlsplit(base_url).hostname or ""
    return "max_completion_tokens" if host == OPENAI_HOST else "max_tokens"


def make_openai_sdk(
    *, api_key: str | None, base_url: str | None, timeout_s: float
) -> openai.OpenAI:
    """The SDK client: no SDK-side retries (the worker owns the retry policy)."""
    return openai.OpenAI(
        api_key=api_key or "not-needed",
        base_url=base_url or OPENAI_BASE_URL,
        timeout=timeout_s,
        max_retries=0,
    )
