"""What a review cost: USD per million tokens (input, output). The vendors' price table is
adapters/llm/cost.py; the review only multiplies."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Price:
    input_per_mtok: float
    output_per_mtok: float

    def cost_usd(self, tokens_in: int, tokens_out: int) -> float:
        total = tokens_in * self.input_per_mtok + tokens_out * self.output_per_mtok
        return round(total / 1_000_000, 6)
