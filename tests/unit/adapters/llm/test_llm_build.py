"""Settings choose the reviewer; the API key stays out of everything printed."""

from __future__ import annotations

import json
import select
import subprocess
import sys
from pathlib import Path
from typing import Any

import httpx
import pytest

from resumeroast.adapters.llm.cost import price_for
from resumeroast.adapters.llm.errors import retry_after_s
from resumeroast.adapters.llm.local import LocalReviewer
from resumeroast.core.feedback import Source
from resumeroast.core.review.builtin import BuiltinReviewer
from resumeroast.errors import LLMPermanentError, LLMTransientError
from resumeroast.settings import Settings
from tests.support.llm_resumes import SAMPLE, load, request_for
from tests.support.llm_standin import run_standin
from tests.unit.adapters.llm.conftest import MakeReviewer
from tests.unit.adapters.llm.helpers import API_KEY, anthropic_settings, openai_settings

ROOT = Path(__file__).resolve().parents[4]


def _settings(**values: Any) -> Settings:
    return Settings(_env_file=None, **values)


def test_no_provider_means_the_analyzer_alone(make_reviewer: MakeReviewer) -> None:
    reviewer = make_reviewer(_settings())
    assert isinstance(reviewer, BuiltinReviewer)
    assert (reviewer.identity, reviewer.is_billable) == ("builtin", False)
    feedback = reviewer.review(request_for(load(SAMPLE)))
    assert feedback.review.reviewer == "builtin"


def test_hosted_providers_need_a_model(make_reviewer: MakeReviewer) -> None:
    for provider in ("openai", "anthropic"):
        with pytest.raises(LLMPermanentError):
            make_reviewer(_settings(llm_provider=provider))


def test_identity_names_provider_model_and_prompt_version(make_reviewer: MakeReviewer) -> None:
    reviewer = make_reviewer(_settings(llm_provider="openai", llm_model="gpt-4o-mini"))
    assert reviewer.identity == "openai:gpt-4o-mini:review_v3" and reviewer.is_billable
    claude = make_reviewer(_settings(llm_provider="anthropic", llm_model="claude-haiku-4-5"))
    assert claude.identity == "anthropic:claude-haiku-4-5:review_v3"


def test_the_local_provider_starts_nothing_until_the_first_review(
    make_reviewer: MakeReviewer,
) -> None:
    reviewer = make_reviewer(_settings(llm_provider="local"))
    assert isinstance(reviewer, LocalReviewer)
    assert reviewer.identity == "local:gemma-3-270m-q4_k_m:review_v3"
    assert reviewer.is_billable
    assert "LocalReviewer(" in repr(reviewer)
    reviewer.close()  # closing an unstarted reviewer is fine


def test_a_missing_local_model_file_is_a_permanent_error(
    make_reviewer: MakeReviewer, tmp_path: Path
) -> None:
    reviewer = make_reviewer(
        _settings(llm_provider="local", llm_model_path=tmp_path / "missing.gguf")
    )
    assert reviewer.identity == "local:missing:review_v3"
    with pytest.raises(LLMPermanentError) as caught:
        reviewer.review(request_for(load(SAMPLE)))
    assert "missing.gguf" in caught.value.user_message


def test_the_api_key_is_in_no_repr(make_reviewer: MakeReviewer) -> None:
    settings = _settings(llm_provider="openai", llm_model="gpt-4o", llm_api_key=API_KEY)
    reviewer = make_reviewer(settings)
    assert API_KEY not in repr(settings) and API_KEY not in str(settings.model_dump())
    assert API_KEY not in repr(reviewer)


def test_prices_come_from_the_table_by_model_name() -> None:
    assert price_for("gpt-4o-mini-2024-07-18") == price_for("openai/gpt-4o-mini")
    assert price_for("llama3.1:8b") is None
    price = price_for("gpt-4o")
    assert price is not None and price.cost_usd(1_000_000, 0) == 2.5


@pytest.mark.parametrize(
    ("headers", "expected"),
    [
        ({"retry-after": "7"}, 7.0),
        ({"retry-after": "1.5"}, 1.5),
        ({"retry-after-ms": "250", "retry-after": "9"}, 0.25),
        ({"retry-after": "Wed, 21 Oct 2015 07:28:10 GMT"}, 10.0),
        ({"retry-after": "soon"}, None),
        ({}, None),
    ],
)
def test_retry_after_is_read_in_every_form(headers: dict[str, str], expected: float | None) -> None:
    now = 1445412480.0  # 07:28:00 on that date
    assert retry_after_s(headers, now=now) == expected


@pytest.mark.integration  # starts a process: not in test-quick
def test_the_reviewer_against_the_standin_process_the_chaos_tests_use(
    make_reviewer: MakeReviewer,
) -> None:
    """The reviewer's behaviour through the stand-in as the chaos tests run it (its own
    process): a 503 is a transient error, and the next answer becomes grounded AI feedback."""
    script = json.dumps({"steps": [{"kind": "status", "status": 503}]})
    command = [sys.executable, "-m", "tests.support.llm_standin", "--port", "0", "--script", script]
    with subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, text=True) as process:
        try:
            assert process.stdout is not None
            ready, _, _ = select.select([process.stdout], [], [], 20)
            assert ready, "the stand-in did not start listening within 20 s"
            root = process.stdout.readline().split()[1]
            reviewer = make_reviewer(openai_settings(root + "/v1"))
            with pytest.raises(LLMTransientError, match="HTTP 503"):
                reviewer.review(request_for(load(SAMPLE)))
            feedback = reviewer.review(request_for(load(SAMPLE)))  # script used up: an answer
            assert feedback.review.reviewer == "openai"
            assert any(f.source is Source.AI for f in feedback.findings)
            calls = httpx.get(root + "/_standin/calls").json()
            assert [c["step"] for c in calls["calls"]] == ["status", "answer"]
        finally:
            process.terminate()
            assert process.wait(timeout=10) == 0


def test_a_file_that_is_not_a_model_is_a_permanent_error(
    make_reviewer: MakeReviewer, tmp_path: Path
) -> None:
    pytest.importorskip("xllamacpp")
    bogus = tmp_path / "notes.gguf"
    bogus.write_text("not a model")
    reviewer = make_reviewer(_settings(llm_provider="local", llm_model_path=bogus))
    with pytest.raises(LLMPermanentError) as caught:
        reviewer.review(request_for(load(SAMPLE)))
    assert "could not be loaded" in caught.value.user_message


def test_with_a_relay_hosted_calls_go_to_it_under_the_providers_own_rules(
    make_reviewer: MakeReviewer,
) -> None:
    """LLM_RELAY_URL: the SDKs call the relay; what to send still follows the real provider
    (api.openai.com wants max_completion_tokens), and the local provider never uses it."""
    with run_standin() as relay:
        openai_direct = openai_settings("https://api.openai.com/v1", llm_relay_url=relay.base_url)
        feedback = make_reviewer(openai_direct).review(request_for(load(SAMPLE)))
        assert feedback.review.reviewer == "openai"
        claude = anthropic_settings("https://api.anthropic.com", llm_relay_url=relay.root_url)
        assert make_reviewer(claude).review(request_for(load(SAMPLE))).review.reviewer == (
            "anthropic"
        )
        first, second = relay.calls
    assert first.path == "/v1/chat/completions"
    assert "max_completion_tokens" in first.body and "max_tokens" not in first.body
    assert second.path == "/v1/messages"


def test_only_the_billed_providers_go_through_the_relay() -> None:
    settings = _settings(llm_provider="local", llm_relay_url="http://127.0.0.1:1")
    assert not settings.uses_hosted_llm
    assert _settings(llm_provider="openai", llm_model="m").uses_hosted_llm


def test_the_relay_keeps_replies_past_the_redelivery_delay() -> None:
    with pytest.raises(ValueError, match="LLM_RELAY_TTL_S must exceed VISIBILITY_TIMEOUT_S"):
        _settings(visibility_timeout_s=600, llm_relay_ttl_s=300)
