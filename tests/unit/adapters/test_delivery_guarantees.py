"""The delivery guarantees README.md ("Delivery guarantees") and docs/operations.md promise,
held by the Celery configuration the API and the workers are built with.

Expected values are the documented ones, written here; never read from the code's constants.
"""

from __future__ import annotations

import pytest
from celery import Celery

from resumeroast.adapters.queue import make_celery
from resumeroast.core.retry import backoff_delay_s
from resumeroast.settings import Settings

#: README.md, "Delivery guarantees".
SOFT_LIMIT_S, HARD_LIMIT_S = 100, 120
VISIBILITY_TIMEOUT_S = 600
LONGEST_RETRY_COUNTDOWN_S = 60

BROKERS = {
    "redis": "redis://127.0.0.1:1/0",
    "sqs": "sqs://key:secret@localhost:4566",
}


def celery_for(broker: str, **settings: object) -> Celery:
    return make_celery(Settings(broker_url=BROKERS[broker], **settings))  # type: ignore[arg-type]


@pytest.mark.parametrize("broker", sorted(BROKERS))
def test_a_worker_reserves_one_task_at_a_time(broker: str) -> None:
    """Catches a prefetch multiplier above 1: a worker would hold tasks it is not running,
    which wait behind a long review (and die with it) instead of going to a free worker."""
    assert celery_for(broker).conf.worker_prefetch_multiplier == 1


@pytest.mark.parametrize("broker", sorted(BROKERS))
def test_a_message_is_acknowledged_after_the_work(broker: str) -> None:
    """Catches acks_late switched off: a worker killed mid-review would lose the message."""
    assert celery_for(broker).conf.task_acks_late is True


@pytest.mark.parametrize("broker", sorted(BROKERS))
def test_a_killed_worker_child_hands_its_task_back(broker: str) -> None:
    """Catches task_reject_on_worker_lost switched off: with acks_late alone, Celery
    acknowledges the task of a child that was killed (SIGKILL, OOM), and the job waits for the
    reconciler instead of being re-queued at once."""
    assert celery_for(broker).conf.task_reject_on_worker_lost is True


@pytest.mark.parametrize("broker", sorted(BROKERS))
def test_the_documented_limits_and_visibility_timeout_reach_celery(broker: str) -> None:
    """Catches the visibility timeout (or a time limit) not passed to the transport: kombu's
    own default (an hour for Redis) or a shorter one would then apply."""
    conf = celery_for(broker).conf
    assert (conf.task_soft_time_limit, conf.task_time_limit) == (SOFT_LIMIT_S, HARD_LIMIT_S)
    assert conf.broker_transport_options["visibility_timeout"] == VISIBILITY_TIMEOUT_S


def test_the_defaults_are_the_documented_timing() -> None:
    """Catches a default drifting from the documented 100 s / 120 s / 600 s / 60 s."""
    settings = Settings()
    assert settings.task_soft_time_limit_s == SOFT_LIMIT_S
    assert settings.task_time_limit_s == HARD_LIMIT_S
    assert settings.visibility_timeout_s == VISIBILITY_TIMEOUT_S
    assert settings.retry_cap_s == LONGEST_RETRY_COUNTDOWN_S
    assert VISIBILITY_TIMEOUT_S > HARD_LIMIT_S + LONGEST_RETRY_COUNTDOWN_S


@pytest.mark.parametrize("visibility_s", [180, 150, 120, 60])
def test_a_visibility_timeout_within_hard_limit_plus_retry_countdown_is_refused(
    visibility_s: int,
) -> None:
    """Catches the visibility check removed or weakened: Redis would hand a task that is still
    running (or waiting out its retry countdown) to a second worker."""
    with pytest.raises(ValueError, match="VISIBILITY_TIMEOUT_S"):
        Settings(
            visibility_timeout_s=visibility_s,
            task_time_limit_s=HARD_LIMIT_S,
            task_soft_time_limit_s=SOFT_LIMIT_S,
            retry_cap_s=LONGEST_RETRY_COUNTDOWN_S,
            llm_relay_ttl_s=3600,
        )


#: docs/operations.md, "Retries, the breaker and the reconciler": while the breaker is open a
#: job is handed back and asks again after the cool-down (BREAKER_COOLDOWN_S, 30 s by default),
#: plus up to 1 s of jitter; the message waits unacknowledged for it like a retry's countdown.
BREAKER_COOLDOWN_S = 30
HAND_BACK_JITTER_S = 1


def test_the_default_breaker_wait_fits_in_the_visibility_timeout() -> None:
    """Catches a default cool-down drifting from the documented 30 s."""
    assert Settings().breaker_cooldown_s == BREAKER_COOLDOWN_S
    assert VISIBILITY_TIMEOUT_S > HARD_LIMIT_S + BREAKER_COOLDOWN_S + HAND_BACK_JITTER_S


@pytest.mark.parametrize(
    ("cooldown_s", "visibility_s"),
    [
        (600, 600),  # the cool-down alone is the visibility timeout
        (479, 600),  # 120 + 479 + 1 = 600: not strictly more
        (90, 200),  # passes the retry check (200 > 120 + 60), not the breaker's
        (60, 181),  # the jitter counts: 120 + 60 < 181, but 120 + 60 + 1 is not
    ],
)
def test_a_breaker_wait_outlasting_the_visibility_timeout_is_refused(
    cooldown_s: float, visibility_s: int
) -> None:
    """Catches the visibility check ignoring BREAKER_COOLDOWN_S (or its jitter): a job handed
    back while the provider is down waits out the cool-down in a message held unacknowledged,
    and Redis would hand that message to a second worker before it is due, so the job would
    run twice once the provider is back."""
    with pytest.raises(ValueError, match="BREAKER_COOLDOWN_S"):
        Settings(
            breaker_cooldown_s=cooldown_s,
            visibility_timeout_s=visibility_s,
            task_time_limit_s=HARD_LIMIT_S,
            task_soft_time_limit_s=SOFT_LIMIT_S,
            retry_cap_s=LONGEST_RETRY_COUNTDOWN_S,
            llm_relay_ttl_s=3600,
        )


def test_a_breaker_wait_within_the_visibility_timeout_is_accepted() -> None:
    settings = Settings(breaker_cooldown_s=478, visibility_timeout_s=600)
    assert settings.breaker_cooldown_s == 478


def test_a_visibility_timeout_beyond_them_is_accepted() -> None:
    settings = Settings(visibility_timeout_s=HARD_LIMIT_S + LONGEST_RETRY_COUNTDOWN_S + 1)
    assert settings.visibility_timeout_s == 181


def test_the_hard_limit_must_exceed_the_soft_one() -> None:
    """Catches the soft/hard check removed: a task would be killed before it could clean up."""
    with pytest.raises(ValueError, match="TASK_TIME_LIMIT_S"):
        Settings(task_soft_time_limit_s=120, task_time_limit_s=120)


@pytest.mark.parametrize("retry_after_s", [None, 30.0, 600.0, 86_400.0])
def test_no_retry_countdown_outlasts_the_cap(retry_after_s: float | None) -> None:
    """The invariant above holds only if every retry waits at most RETRY_CAP_S, whatever
    Retry-After a provider sends."""
    for retries in range(12):
        delay = backoff_delay_s(
            retries, base_s=1.0, cap_s=LONGEST_RETRY_COUNTDOWN_S, retry_after_s=retry_after_s
        )
        assert 0 <= delay <= LONGEST_RETRY_COUNTDOWN_S


def test_on_redis_a_worker_reads_the_ordinary_queue_before_the_bulk_one() -> None:
    """Catches the queue order left at kombu's round robin, or the queues listed bulk-first:
    an ordinary resume would then wait behind one client's pile of large documents
    (docs/operations.md, "Fairness"; a real worker: tests/integration/test_fairness.py)."""
    conf = celery_for("redis").conf
    assert conf.broker_transport_options["queue_order_strategy"] == "priority"
    assert list(conf.task_queues)[:2] == ["reviews", "reviews-large"]
