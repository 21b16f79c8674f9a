import random

from resumeroast.core.retry import backoff_delay_s


def test_full_jitter_stays_under_the_exponential_ceiling() -> None:
    rng = random.Random(7)
    for retries in range(6):
        ceiling = min(60.0, 1.0 * 2**retries)
        delays = [backoff_delay_s(retries, base_s=1.0, cap_s=60.0, rng=rng) for _ in range(200)]
        assert all(0.0 <= d <= ceiling for d in delays)
        assert max(delays) > ceiling * 0.8  # spread over the whole range, not a fixed step


def test_retry_after_is_honoured_but_capped() -> None:
    rng = random.Random(1)
    assert backoff_delay_s(0, base_s=1.0, cap_s=60.0, retry_after_s=7.0, rng=rng) >= 7.0
    assert backoff_delay_s(0, base_s=1.0, cap_s=60.0, retry_after_s=600.0, rng=rng) == 60.0
