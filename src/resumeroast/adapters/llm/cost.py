"""Estimated cost: USD per million tokens (input, output), by model name prefix.

List prices as published by the providers; they change, so the figure is an estimate.
LLM_PRICE_IN_PER_MTOK / LLM_PRICE_OUT_PER_MTOK override the table (for OpenRouter,
a private deployment or new models). Local models cost nothing.
"""

from __future__ import annotations

from resumeroast.core.review.cost import Price

FREE = Price(0.0, 0.0)

_TABLE: dict[str, Price] = {
    "gpt-4o-mini": Price(0.15, 0.60),
    "gpt-4o": Price(2.50, 10.00),
    "gpt-4.1-nano": Price(0.10, 0.40),
    "gpt-4.1-mini": Price(0.40, 1.60),
    "gpt-4.1": Price(2.00, 8.00),
    "gpt-5-nano": Price(0.05, 0.40),
    "gpt-5-mini": Price(0.25, 2.00),
    "gpt-5": Price(1.25, 10.00),
    "o4-mini": Price(1.10, 4.40),
    "claude-3-haiku": Price(0.25, 1.25),
    "claude-3-5-haiku": Price(0.80, 4.00),
    "claude-haiku-4": Price(1.00, 5.00),
    "claude-3-5-sonnet": Price(3.00, 15.00),
    "claude-3-7-sonnet": Price(3.00, 15.00),
    "claude-sonnet-4": Price(3.00, 15.00),
    "claude-opus-4-5": Price(5.00, 25.00),
    "claude-opus-4": Price(15.00, 75.00),
}


def price_for(model: str) -> Price | None:
    """The longest table prefix of the model name (an 'org/' prefix is ignored); None if unknown."""
    name = model.rsplit("/", 1)[-1].lower()
    matches = [prefix for prefix in _TABLE if name.startswith(prefix)]
    return _TABLE[max(matches, key=len)] if matches else None
