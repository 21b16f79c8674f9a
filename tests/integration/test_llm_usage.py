"""What a review cost is stored with its job and shown in the job's status."""

from __future__ import annotations

import httpx
import pytest

from tests.support.api import submit, wait_final
from tests.support.llm_standin import Standin
from tests.support.stack import Stack

#: db: usage and cost columns written and read back (run on PostgreSQL too).
pytestmark = [pytest.mark.integration, pytest.mark.db]

PRICE_IN, PRICE_OUT = 1.0, 2.0  #: USD per million tokens
DELAY_S = 0.3


def test_tokens_latency_and_cost_of_every_call_are_in_the_status(
    llm_stack: Stack, standin: Standin
) -> None:
    # A bad first answer and a slow repair: both calls are metered, and the wait is timed.
    standin.set_script({"steps": [{"kind": "junk"}, {"kind": "answer", "delay_s": DELAY_S}]})
    llm_stack.extra_env.update(
        {"LLM_PRICE_IN_PER_MTOK": str(PRICE_IN), "LLM_PRICE_OUT_PER_MTOK": str(PRICE_OUT)}
    )
    llm_stack.start_worker()
    with httpx.Client(base_url=llm_stack.base_url, timeout=30) as client:
        result = wait_final(client, submit(client, "text/hrhelper__sample_resume.txt"))

    assert result["status"] == "complete", result
    calls = standin.calls
    assert [c.step for c in calls] == ["junk", "answer"]
    # The stand-in reports 1000 tokens in and 200 out per call.
    tokens_in, tokens_out = 1000 * len(calls), 200 * len(calls)
    usage = result["usage"]
    assert (usage["tokens_in"], usage["tokens_out"]) == (tokens_in, tokens_out)
    cost = (tokens_in * PRICE_IN + tokens_out * PRICE_OUT) / 1_000_000
    assert usage["cost_usd"] == pytest.approx(cost)
    assert usage["latency_ms"] >= DELAY_S * 1000
    review = result["feedback"]["review"]
    assert review["repairs"] == 1 and not review["ai_review_discarded"]
    assert {k: review[k] for k in usage} == usage  # the status and the stored review agree
