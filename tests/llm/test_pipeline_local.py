"""The whole pipeline with the real local model: upload → worker → llama.cpp server → complete.

Gemma 270M writes nonsense; what is stored must still be true: every AI quote is in the resume,
scores stay within the analyzer's bounds, and a discarded answer says so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest

from resumeroast.adapters.embedded_redis import EmbeddedRedis
from resumeroast.core.analysis import analyze
from resumeroast.core.documents import sniff_kind
from resumeroast.core.readers import read_document
from resumeroast.core.review.adjustments import OVERALL_BOUND
from resumeroast.core.review.prompts import PROMPT_VERSION
from tests.support.api import submit, wait_final
from tests.support.stack import FIXTURES, Stack

#: The job may take up to WAIT_S (the worker's own limits are below it), plus the stack's
#: start and stop: more than pytest's default 300 s.
WAIT_S = 420
pytestmark = [pytest.mark.llm, pytest.mark.integration, pytest.mark.timeout(WAIT_S + 120)]

RESUME = "text/hrhelper__sample_resume.txt"


def normalised(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", " ", text.lower()).strip()


@pytest.fixture
def local_stack(tmp_path: Path) -> Iterator[Stack]:
    redis_server = EmbeddedRedis(tmp_path / "redis").start()
    stack = Stack(
        data_dir=tmp_path,
        redis=redis_server,
        extra_env={
            "LLM_PROVIDER": "local",
            "LLM_TIMEOUT_S": "240",
            "TASK_SOFT_TIME_LIMIT_S": "280",
            "TASK_TIME_LIMIT_S": "300",
            "VISIBILITY_TIMEOUT_S": "600",
        },
    )
    stack.start_api()
    yield stack
    stack.stop()
    redis_server.stop()


def test_upload_to_complete_through_the_local_model(local_stack: Stack) -> None:
    local_stack.start_worker()
    with httpx.Client(base_url=local_stack.base_url, timeout=30) as client:
        result = wait_final(client, submit(client, RESUME), timeout_s=WAIT_S)
    assert result["status"] == "complete", result
    feedback = result["feedback"]
    review = feedback["review"]
    assert (review["reviewer"], review["prompt_version"]) == ("local", PROMPT_VERSION)
    # The model was really called, and what it cost is in the status.
    usage = result["usage"]
    assert usage["tokens_in"] > 0 and usage["tokens_out"] > 0 and usage["latency_ms"] > 0
    assert usage == {k: review[k] for k in usage} and usage["cost_usd"] == 0.0

    text = normalised((FIXTURES / RESUME).read_text())
    ai_findings = [f for f in feedback["findings"] if f["source"] == "ai"]
    ai_quotes = [e["quote"] for f in ai_findings for e in f["evidence"]]
    ai_quotes += [r["original"] for r in feedback["rewrites"] if r["source"] == "ai"]
    for quote in ai_quotes:  # shown only when grounded
        assert normalised(quote) in text, quote
    assert len(ai_quotes) <= review["verified_quotes"]

    data = (FIXTURES / RESUME).read_bytes()
    analysis = analyze(read_document(data, sniff_kind(data, RESUME)), as_of=date.today())
    # The analyzer's findings are shown whatever the model said, but those it disputed with
    # a quote from the resume.
    withdrawn = {c["code"] for c in feedback["checked"]}
    for checked in feedback["checked"]:
        assert normalised(checked["evidence"]["quote"]) in text
    shown = [f["code"] for f in feedback["findings"] if f["source"] == "analyzer"]
    assert [c for c in shown if c not in withdrawn] == [
        f.code for f in analysis.findings if f.code not in withdrawn
    ]
    if review["ai_review_discarded"]:
        assert any("AI review discarded" in note for note in review["notes"]), review["notes"]
        assert not ai_quotes and feedback["overall_score"] == analysis.overall_score
    else:
        # Used: its quotes were verified or dropped, and the dropped ones are counted aloud.
        assert review["verified_quotes"] + review["dropped_quotes"] > 0, review
        if review["dropped_quotes"]:
            assert any(f"{review['dropped_quotes']} quote(s)" in n for n in review["notes"])
    # The model may move the analyzer's deterministic score only within the documented bound.
    if not withdrawn:
        assert abs(feedback["overall_score"] - analysis.overall_score) <= OVERALL_BOUND
