"""Settings for reviewers pointed at a stand-in server (a base URL)."""

from __future__ import annotations

from typing import Any

from resumeroast.settings import Settings

API_KEY = "sk-test-7c1d9e0f-never-show-me"


def openai_settings(base_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "llm_provider": "openai",
        "llm_model": "gpt-4o-mini",
        "llm_base_url": base_url,
        "llm_api_key": API_KEY,
        "llm_timeout_s": 10.0,
        **overrides,
    }
    return Settings(_env_file=None, **values)


def anthropic_settings(root_url: str, **overrides: Any) -> Settings:
    values: dict[str, Any] = {
        "llm_provider": "anthropic",
        "llm_model": "claude-haiku-4-5",
        "llm_base_url": root_url,
        "llm_api_key": API_KEY,
        "llm_timeout_s": 10.0,
        **overrides,
    }
    return Settings(_env_file=None, **values)
