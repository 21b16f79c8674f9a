"""Settings → a Reviewer. The only place that reads the LLM settings and the API key.

A vendor's module (and its SDK: anthropic's takes seconds to import on a loaded machine) is
imported when a reviewer of that vendor is built, not with this module: an API process, the
analyzer-only reviewer and the use cases' tests never pay for SDKs they do not use.
"""

from __future__ import annotations

import time

import structlog

from resumeroast.adapters.llm.cost import FREE, price_for
from resumeroast.adapters.llm.local import (
    BUNDLED_TEMPLATE,
    LocalModelServer,
    LocalReviewer,
    LocalServerConfig,
    default_threads,
)
from resumeroast.core.review.builtin import BuiltinReviewer
from resumeroast.core.review.cost import Price
from resumeroast.core.review.prompts import PromptBudget
from resumeroast.core.review.reviewer import LLMReviewer
from resumeroast.errors import LLMPermanentError
from resumeroast.ports import Reviewer
from resumeroast.settings import Settings

log = structlog.get_logger(__name__)


def _api_key(settings: Settings) -> str | None:
    return settings.llm_api_key.get_secret_value() if settings.llm_api_key else None


def _max_output_tokens(settings: Settings) -> int:
    if settings.effective_provider == "local":
        return min(settings.llm_max_output_tokens, settings.llm_local_max_output_tokens)
    return settings.llm_max_output_tokens


def _price(settings: Settings, model: str) -> Price | None:
    table = price_for(model)
    given_in, given_out = settings.llm_price_in_per_mtok, settings.llm_price_out_per_mtok
    if given_in is None and given_out is None:
        if table is None:  # for the operator: the job seeker is never told about our costs
            log.warning("llm_cost_unknown", model=model, shown_as=0)
        return table
    fallback = table or FREE
    return Price(
        given_in if given_in is not None else fallback.input_per_mtok,
        given_out if given_out is not None else fallback.output_per_mtok,
    )


def relay_upstream(settings: Settings) -> str:
    """The provider URL that the relay forwards to (and workers call without one)."""
    if settings.llm_base_url:
        return settings.llm_base_url
    if settings.effective_provider == "anthropic":
        from resumeroast.adapters.llm.anthropic import ANTHROPIC_BASE_URL

        return ANTHROPIC_BASE_URL
    from resumeroast.adapters.llm.openai_compat import OPENAI_BASE_URL

    return OPENAI_BASE_URL


def _hosted_url(settings: Settings) -> str:
    """Where a worker sends hosted-provider calls: the relay when there is one."""
    return settings.llm_relay_url or relay_upstream(settings)


def _model(settings: Settings) -> str:
    if not settings.llm_model:
        raise LLMPermanentError(
            "LLM_MODEL is not set",
            user_message=f"Set LLM_MODEL for the {settings.effective_provider} provider.",
        )
    return settings.llm_model


def openai_reviewer(
    settings: Settings,
    *,
    name: str = "openai",
    base_url: str | None = None,
    model: str | None = None,
    price: Price | None = None,
    grammar_hints: bool = False,
) -> LLMReviewer:
    from resumeroast.adapters.llm.openai_compat import OpenAIChatClient, make_openai_sdk

    model = model or _model(settings)
    sdk = make_openai_sdk(
        api_key=_api_key(settings),
        base_url=base_url or _hosted_url(settings),
        timeout_s=settings.llm_timeout_s,
    )
    client = OpenAIChatClient(
        sdk,
        model=model,
        provider=name,
        max_output_tokens=_max_output_tokens(settings),
        temperature=settings.llm_temperature,
        mode=settings.llm_structured_output,
        grammar_hints=grammar_hints,
        upstream_url=base_url or relay_upstream(settings),
    )
    budget = PromptBudget(settings.llm_context_tokens, _max_output_tokens(settings))
    return LLMReviewer(
        client,
        name=name,
        budget=budget,
        price=price or _price(settings, model),
        timeout_s=settings.llm_timeout_s,
        clock=time.monotonic,
    )


def anthropic_reviewer(settings: Settings) -> LLMReviewer:
    from resumeroast.adapters.llm.anthropic import AnthropicChatClient, make_anthropic_sdk

    model = _model(settings)
    sdk = make_anthropic_sdk(
        api_key=_api_key(settings), base_url=_hosted_url(settings), timeout_s=settings.llm_timeout_s
    )
    client = AnthropicChatClient(sdk, model=model, max_output_tokens=settings.llm_max_output_tokens)
    budget = PromptBudget(settings.llm_context_tokens, settings.llm_max_output_tokens)
    return LLMReviewer(
        client,
        name="anthropic",
        budget=budget,
        price=_price(settings, model),
        timeout_s=settings.llm_timeout_s,
        clock=time.monotonic,
    )


def local_reviewer(settings: Settings) -> LocalReviewer:
    bundled = settings.llm_model_path is None
    config = LocalServerConfig(
        model_path=settings.llm_model_path,
        context_tokens=settings.llm_context_tokens,
        threads=settings.llm_threads or default_threads(),
        chat_template=settings.llm_chat_template or (BUNDLED_TEMPLATE if bundled else None),
        startup_timeout_s=max(settings.llm_timeout_s, 30.0),
    )
    server = LocalModelServer(config)

    def connect(base_url: str) -> LLMReviewer:
        # Exactly the reviewer a user of the `openai` provider gets, pointed at our server.
        return openai_reviewer(
            settings,
            name="local",
            base_url=base_url,
            model=server.model_name,
            price=FREE,
            grammar_hints=True,
        )

    return LocalReviewer(server, connect)


def build_reviewer(settings: Settings) -> Reviewer:
    """The reviewer the settings ask for; `builtin` (the analyzer alone) when none is set.

    Its `close()` (which stops a local model server) is called by Runtime.close on shutdown.
    """
    provider = settings.effective_provider
    if provider == "openai":
        return openai_reviewer(settings)
    if provider == "anthropic":
        return anthropic_reviewer(settings)
    if provider == "local":
        return local_reviewer(settings)
    return BuiltinReviewer()
