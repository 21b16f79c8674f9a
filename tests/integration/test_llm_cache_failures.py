"""Never cache a failure: a discarded AI review is not served again from the review cache."""

from __future__ import annotations

import json

import httpx
import pytest

from tests.support.api import submit, wait_final
from tests.support.llm_standin import Standin
from tests.support.stack import Stack

#: db: the review cache is the real store (SQLite here, PostgreSQL with TEST_DATABASE_URL).
pytestmark = [pytest.mark.integration, pytest.mark.db]

RESUME = "text/hrhelper__sample_resume.txt"


def _chat_calls(standin: Standin) -> int:
    return sum(1 for call in standin.calls if call.path == "/v1/chat/completions")


def test_a_discarded_review_is_not_cached_and_the_next_run_asks_the_model(
    llm_stack: Stack, standin: Standin
) -> None:
    """The review cache on the real store, the workers calling through the LLM relay as in
    production (the relay shares a kept reply within one job only)."""
    # Two unusable answers (the first and its repair): the AI review is discarded.
    standin.set_script({"steps": [{"kind": "junk"}, {"kind": "junk"}]})
    llm_stack.start_worker()
    with httpx.Client(base_url=llm_stack.base_url, timeout=30) as client:
        first = wait_final(client, submit(client, RESUME))
        assert first["status"] == "complete", first
        assert first["feedback"]["review"]["ai_review_discarded"] is True
        assert _chat_calls(standin) == 2

        # The same resume again, the model now answering well: it is asked, and heard.
        standin.set_script({"steps": [], "then": {"kind": "answer"}})  # counts calls anew
        second = wait_final(client, submit(client, RESUME))
        assert second["status"] == "complete", second
        assert _chat_calls(standin) == 1, json.dumps(second["feedback"]["review"])
        review = second["feedback"]["review"]
        assert review["cached"] is False and review["ai_review_discarded"] is False
        ai_items = [
            item
            for kind in ("findings", "rewrites", "section_notes")
            for item in second["feedback"][kind]
            if item["source"] == "ai"
        ]
        assert ai_items, second["feedback"]

        # A good review is cached as before: the third run costs no call.
        third = wait_final(client, submit(client, RESUME))
        assert _chat_calls(standin) == 1
        assert third["feedback"]["review"]["cached"] is True
        assert third["feedback"]["findings"] == second["feedback"]["findings"]
