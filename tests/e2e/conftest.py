"""End-to-end: a real stack (tests/support/stack.py) and Debian's chromium driven by Playwright.

Nothing downloads a browser: chromium comes from apt (.ci/run installs it), the web app from
`make web`. Screenshots land in docs/screenshots/ (the README shows them).
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, ViewportSize, sync_playwright

from resumeroast.adapters.embedded_redis import EmbeddedRedis
from tests.support.llm_standin import Standin, run_standin
from tests.support.stack import Stack

REPO = Path(__file__).resolve().parents[2]
SCREENSHOTS = REPO / "docs" / "screenshots"
CHROMIUM = Path(os.environ.get("CHROMIUM_PATH", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
PHONE: ViewportSize = {"width": 390, "height": 844}


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).parent
    for item in items:
        if here in Path(str(item.fspath)).parents:
            item.add_marker(pytest.mark.e2e)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    if not CHROMIUM.exists():
        pytest.fail(f"no chromium at {CHROMIUM}: apt-get install chromium (or set CHROMIUM_PATH)")
    if not (REPO / "frontend" / "dist" / "index.html").exists():
        pytest.fail("the web app is not built: run `make web`")
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    """A fresh browser profile (empty localStorage); fails on script errors and CSP refusals."""
    context = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    context.grant_permissions(["clipboard-read", "clipboard-write"])
    tab = context.new_page()
    tab.set_default_timeout(30_000)
    problems: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error" and "Content Security Policy" in message.text:
            problems.append(message.text)

    tab.on("console", on_console)
    tab.on("pageerror", lambda error: problems.append(f"page error: {error}"))
    yield tab
    context.close()
    assert problems == [], problems


@pytest.fixture
def redis_server(tmp_path: Path) -> Iterator[EmbeddedRedis]:
    server = EmbeddedRedis(tmp_path / "redis").start()
    yield server
    server.stop()


StackFactory = Callable[..., Stack]


@pytest.fixture
def make_stack(tmp_path: Path, redis_server: EmbeddedRedis) -> Iterator[StackFactory]:
    """Starts the API (and a worker unless told not to) with extra environment."""
    stacks: list[Stack] = []

    def start(*, worker: bool = True, env: dict[str, str] | None = None) -> Stack:
        stack = Stack(data_dir=tmp_path, redis=redis_server, extra_env=dict(env or {}))
        stacks.append(stack)
        stack.start_api()
        if worker:
            stack.start_worker()
        return stack

    yield start
    for stack in stacks:
        stack.stop()


@pytest.fixture
def standin() -> Iterator[Standin]:
    """An OpenAI-compatible stand-in model server (tests/support/llm_standin.py)."""
    with run_standin() as server:
        yield server


def screenshot(page: Page, name: str, *, full_page: bool = False) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SCREENSHOTS / f"{name}.png"), full_page=full_page)
