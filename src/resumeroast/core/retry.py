"""Retry timing: exponential backoff with full jitter, honouring a provider's Retry-After."""

from __future__ import annotations

import random


def backoff_delay_s(
    retries_so_far: int,
    *,
    base_s: float,
    cap_s: float,
    retry_after_s: float | None = None,
    rng: random.Random | None = None,
) -> float:
    """Full jitter: uniform(0, min(cap, base·2^n)); never sooner than Retry-After."""
    ceiling = min(cap_s, base_s * (2**retries_so_far))
    delay = (rng or random).uniform(0.0, ceiling)
    if retry_after_s is not None:
        delay = max(delay, min(retry_after_s, cap_s))
    return delay
