from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from resumeroast.adapters.embedded_redis import EmbeddedRedis
from tests.support.llm_standin import Standin, run_standin
from tests.support.stack import Stack

pytestmark = pytest.mark.integration


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[EmbeddedRedis]:
    server = EmbeddedRedis(tmp_path / "redis").start()
    yield server
    server.stop()


@pytest.fixture
def stack(tmp_path: Path, redis_server: EmbeddedRedis) -> Iterator[Stack]:
    """A fresh stack with the API running; the test starts workers (some need none at first)."""
    the_stack = Stack(data_dir=tmp_path, redis=redis_server)
    try:  # an API that did not come up in time is stopped too
        the_stack.start_api()
        yield the_stack
    finally:
        the_stack.stop()


@pytest.fixture
def standin() -> Iterator[Standin]:
    """An OpenAI-compatible LLM stand-in: a real local HTTP server the test scripts."""
    with run_standin() as server:
        yield server


@pytest.fixture
def llm_stack(stack: Stack, standin: Standin) -> Stack:
    """The stack, its workers reviewing through the production openai provider code and the
    LLM relay, as `resumeroast up` runs them."""
    stack.extra_env.update(standin.provider_env())
    stack.start_relay()
    return stack


@pytest.fixture
def client(stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=stack.base_url, timeout=30) as http:
        yield http


@pytest.fixture(scope="module")
def shared_stack(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Stack]:
    """One stack with one worker for the tests of a module that only read their own jobs."""
    data_dir = tmp_path_factory.mktemp("shared")
    server = EmbeddedRedis(data_dir / "redis").start()
    the_stack = Stack(data_dir=data_dir, redis=server)
    the_stack.start_api()
    the_stack.start_worker()
    yield the_stack
    the_stack.stop()
    server.stop()


@pytest.fixture
def shared_client(shared_stack: Stack) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=shared_stack.base_url, timeout=30) as http:
        yield http
