"""One typed Settings, read from the environment (and .env) once, never at import.

Environment names are the field names in upper case (REDIS_URL, DATABASE_URL, LLM_PROVIDER …).
docs/operations.md has the table of every setting.
"""

from __future__ import annotations

import ipaddress
import os
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

from pydantic import AliasChoices, Field, SecretStr, field_validator, model_validator
from pydantic.fields import FieldInfo
from pydantic_settings import BaseSettings, PydanticBaseSettingsSource, SettingsConfigDict

LLMProvider = Literal["builtin", "openai", "anthropic", "local"]


class FileReferences(PydanticBaseSettingsSource):
    """NAME_FILE=/run/secrets/name sets NAME to that file's content, trailing newline dropped:
    Docker and Kubernetes mount secrets as files, which keeps them out of the environment."""

    def get_field_value(self, field: FieldInfo, field_name: str) -> tuple[Any, str, bool]:
        path = os.environ.get(f"{field_name.upper()}_FILE")
        if not path:
            return None, field_name, False
        return Path(path).read_text().rstrip("\r\n"), field_name, False

    def __call__(self) -> dict[str, Any]:
        found: dict[str, Any] = {}
        for name, field in self.settings_cls.model_fields.items():
            value, _, _ = self.get_field_value(field, name)
            if value is not None:
                found[name] = value
        return found


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_file=".env", extra="ignore", frozen=True)

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        """The environment first, then NAME_FILE references, then .env."""
        files = FileReferences(settings_cls)
        return init_settings, env_settings, files, dotenv_settings, file_secret_settings

    environment: Literal["development", "production"] = "development"
    #: Where the embedded Redis, the SQLite database and logs live.
    data_dir: Path = Path("resumeroast-data")

    # --- services: unset means "embedded" (a redis-server we start, SQLite in data_dir)
    redis_url: str | None = None
    broker_url: str | None = None  #: defaults to redis_url; sqs://… switches the broker
    #: Amazon SQS (BROKER_URL=sqs://…): region, queue name prefix, and the dead-letter queue that
    #: the queue's redrive policy moves messages to (read by `resumeroast dlq`).
    sqs_region: str = "us-east-1"
    sqs_queue_prefix: str = "resumeroast-"
    sqs_dead_letter_queue: str | None = None
    sqs_wait_time_s: int = 5
    database_url: str | None = None
    #: The password DATABASE_URL leaves out (DATABASE_PASSWORD_FILE: the database's own secret),
    #: so the URL need not repeat the password by hand.
    database_password: SecretStr | None = None

    # --- uploads
    max_upload_bytes: int = 5 * 1024 * 1024
    max_pdf_pages: int = 20
    max_job_description_chars: int = 20_000
    #: Parsing runs in a child process under these limits (hostile files hang or bloat parsers).
    parse_timeout_s: float = 20.0
    parse_memory_mb: int = 512

    # --- worker and queue (see docs/operations.md: why these numbers)
    task_soft_time_limit_s: int = 100
    task_time_limit_s: int = 120
    #: Redis redelivers an unacknowledged task only after this; must exceed the hard time
    #: limit plus the longest countdown (a retry's, or the breaker's cool-down + 1 s while
    #: the provider is down), or a slow task would run twice.
    visibility_timeout_s: int = 600
    max_retries: int = 3
    retry_base_s: float = 1.0
    retry_cap_s: float = 60.0
    #: A job 'processing' whose lease ran out, or 'queued' and untouched this long, is
    #: re-enqueued by the reconciler.
    reconcile_interval_s: float = 30.0
    reconcile_stale_after_s: float = 60.0
    #: Worker processes run at this CPU niceness (0–19): on a machine shared with the API,
    #: uploads are answered first and reviews use what is left.
    worker_nice: int = Field(default=10, ge=0, le=19)

    # --- the reviewer
    llm_provider: LLMProvider | None = None  #: None → builtin
    llm_model: str | None = None
    llm_base_url: str | None = None
    llm_api_key: SecretStr | None = Field(
        default=None,
        validation_alias=AliasChoices("LLM_API_KEY", "OPENAI_API_KEY", "ANTHROPIC_API_KEY"),
    )
    llm_timeout_s: float = 60.0
    llm_max_output_tokens: int = 1024
    llm_temperature: float = 0.0
    llm_context_tokens: int = 8192
    llm_model_path: Path | None = None  #: a .gguf file for the local provider
    #: openai provider: how to ask for JSON. auto = json_schema, falling back to json_object,
    #: then the schema in the prompt alone, when the server rejects a response_format.
    llm_structured_output: Literal["auto", "json_schema", "json_object", "prompt"] = "auto"
    #: local provider: a llama.cpp chat template name (e.g. "gemma", "chatml"); unset → the
    #: model's own template ("gemma" for the bundled demo model, which has none).
    llm_chat_template: str | None = None
    llm_threads: int | None = None  #: local provider: CPU threads; unset → half the cores
    #: local provider: a CPU writes 15–40 tokens/s under a JSON grammar, so the local answer
    #: budget is smaller (the answer schema shrinks to fit it); LLM_MAX_OUTPUT_TOKENS caps it.
    llm_local_max_output_tokens: int = 512
    #: Price overrides in USD per million tokens (else the table in adapters/llm/cost.py).
    llm_price_in_per_mtok: float | None = None
    llm_price_out_per_mtok: float | None = None
    #: openai and anthropic providers: reach the provider through `resumeroast llm-relay` at this
    #: URL, so a call in flight when its worker dies is not paid for twice (`up` starts one and
    #: sets it). Unset: workers call the provider directly.
    llm_relay_url: str | None = None
    #: How long the relay keeps a successful reply for the task that replaces a killed one;
    #: longer than VISIBILITY_TIMEOUT_S, the latest such a task comes back.
    llm_relay_ttl_s: float = 1800.0

    #: Circuit breaker per provider, shared by all workers (in Redis).
    breaker_window: int = 10
    breaker_failure_ratio: float = 0.5
    breaker_cooldown_s: float = 30.0
    #: While the breaker is open jobs wait without spending retries; a job still waiting this
    #: long after its first attempt goes to the dead-letter queue (replay it once it is back).
    llm_outage_max_wait_s: float = 1800.0
    #: The provider's requests per minute, shared by all workers (in Redis); 0 = no limit. A
    #: job over it waits for a slot (at most a minute at a time) without spending a retry.
    llm_quota_rpm: int = 0
    #: The provider's tokens per minute (each call reserves its estimated tokens); 0 = no limit.
    llm_quota_tpm: int = 0
    #: Today's (UTC) model spend at which model reviews pause: jobs then get the analyzer's
    #: review, labelled as such. 0 = no cap.
    llm_daily_spend_cap_usd: float = 0.0

    # --- security and privacy
    #: Uploads per client address per minute (0: no limit). Counted in Redis, so it holds
    #: across API processes.
    upload_rate_limit_per_minute: int = 30
    #: Jobs one client address may have queued or running at once (0: no cap, and no extra
    #: jobs told apart); the next upload answers 429 until one of them is finished. Counted in
    #: Redis, across API processes. A client's jobs beyond its first unfinished one go to the
    #: bulk queue.
    max_queued_per_client: int = 10
    #: Uploads of this many bytes or more go to the bulk queue, which workers read only when the
    #: ordinary one is empty (on Redis), so ordinary resumes never wait behind a pile of large
    #: documents (0: by size, never).
    large_upload_bytes: int = 1024 * 1024
    #: Uploads, text, feedback and cached reviews are deleted this long after submission.
    retention_days: float = 30.0
    retention_interval_s: float = 3600.0
    admin_token: SecretStr | None = None
    #: Addresses or CIDR blocks of the proxies in front of the API whose X-Forwarded-For and
    #: X-Forwarded-Proto are believed (a JSON list, e.g. ["10.0.0.0/8"]; none: the peer's own
    #: address is the client). The rate limit keys on the client found through them.
    trusted_proxies: list[str] = Field(default_factory=list)
    #: Seconds a request's headers may take from its first byte (or from the connection);
    #: then the connection is closed (api/connection_guard.py).
    header_timeout_s: float = 10.0
    #: Seconds a request's body may take after its headers; then the connection is closed.
    body_timeout_s: float = 60.0
    #: Seconds an idle keep-alive connection stays open between requests.
    keep_alive_s: float = 5.0
    #: Connections and requests in flight per API process; past it requests answer 503.
    max_connections: int = 1000
    #: Event streams one client may follow at once per API process; past it 429.
    event_streams_per_client: int = 20
    #: Browser origins allowed to call the API from another site (none: same origin only).
    cors_origins: list[str] = Field(default_factory=list)
    #: Serve the OpenAPI schema and its /docs and /redoc pages.
    api_docs_enabled: bool = True
    #: Signs job access tokens. Unset in development: generated once into DATA_DIR/secret.key.
    secret_key: SecretStr | None = None

    @field_validator("trusted_proxies")
    @classmethod
    def _proxies_are_networks(cls, values: list[str]) -> list[str]:
        for value in values:
            ipaddress.ip_network(value.strip(), strict=False)  # ValueError names the bad one
        return values

    @model_validator(mode="after")
    def _refuse_unsafe_production(self) -> Settings:
        if self.environment == "production" and self.database_url is None:
            raise ValueError("DATABASE_URL must be set in production (SQLite is for one machine)")
        if self.environment == "production" and (
            self.secret_key is None or len(self.secret_key.get_secret_value()) < 32
        ):
            raise ValueError(
                "SECRET_KEY must be set in production, at least 32 characters "
                "(it signs job access tokens)"
            )
        if self.task_time_limit_s <= self.task_soft_time_limit_s:
            raise ValueError("TASK_TIME_LIMIT_S must exceed TASK_SOFT_TIME_LIMIT_S")
        # A countdown message is held unacknowledged until it is due, then runs up to the hard
        # limit: a retry waits at most RETRY_CAP_S; a job handed back while the breaker is open
        # waits out the cool-down plus up to 1 s of jitter (pipeline/failure.py).
        # A job over the provider quota waits at most the quota's one-minute window + 1 s.
        quota_wait_s = 61.0 if self.llm_quota_rpm or self.llm_quota_tpm else 0.0
        longest_countdown_s = max(self.retry_cap_s, self.breaker_cooldown_s + 1.0, quota_wait_s)
        if self.visibility_timeout_s <= self.task_time_limit_s + longest_countdown_s:
            raise ValueError(
                "VISIBILITY_TIMEOUT_S must exceed TASK_TIME_LIMIT_S + the longest countdown "
                "(RETRY_CAP_S, or BREAKER_COOLDOWN_S + 1 s), "
                "or Redis would hand a running task to a second worker"
            )
        if self.llm_relay_ttl_s <= self.visibility_timeout_s:
            raise ValueError(
                "LLM_RELAY_TTL_S must exceed VISIBILITY_TIMEOUT_S, or a redelivered task would "
                "find its reply gone and pay for the call again"
            )
        return self

    @property
    def uses_hosted_llm(self) -> bool:
        """A provider that bills per call, the one the relay stands in front of."""
        return self.effective_provider in ("openai", "anthropic")

    @property
    def effective_provider(self) -> LLMProvider:
        return self.llm_provider or "builtin"

    @property
    def sqlite_path(self) -> Path:
        return self.data_dir / "resumeroast.db"

    @property
    def effective_database_url(self) -> str:
        if self.database_url is None:
            return f"sqlite:///{self.sqlite_path.resolve()}"
        if self.database_password is None:
            return self.database_url
        from sqlalchemy.engine import make_url  # only the database's URL needs it

        url = make_url(self.database_url).set(password=self.database_password.get_secret_value())
        return url.render_as_string(hide_password=False)


_chosen: Settings | None = None


def use_settings(settings: Settings) -> None:
    """The settings an entry point chose (a command-line option over the environment):
    get_settings() answers them from now on, in this process and the ones it forks. Processes
    it starts are told through their own environment (see cli/supervisor.child_env)."""
    global _chosen
    _chosen = settings
    get_settings.cache_clear()


@lru_cache(maxsize=1)
def get_settings() -> Settings:
    return _chosen or Settings()
