"""What a person does on the pages, as small helpers for the e2e tests."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from playwright.sync_api import FilePayload, Page, expect

from tests.e2e.conftest import PHONE
from tests.support.stack import FIXTURES

A11Y_SCRIPT = Path(__file__).with_name("a11y.js")
JOB_URL = re.compile(r"/jobs/(?P<id>[0-9a-f-]+)(#token=(?P<token>[\w-]+))?$")


def upload(
    page: Page,
    base_url: str,
    resume: Path | str | FilePayload,
    *,
    job_description: str | None = None,
    level: str | None = None,
) -> None:
    """Open the upload page, choose the file (a path, or {name, mimeType, buffer}) and submit."""
    page.goto(f"{base_url}/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Honest feedback")
    file_input = page.get_by_label(re.compile("drop your resume here", re.I))
    if isinstance(resume, dict):
        file_input.set_input_files(files=[resume])
    else:
        path = Path(resume)
        file_input.set_input_files(str(path if path.is_absolute() else FIXTURES / path))
    if job_description is not None:
        page.get_by_label("Job description").fill(job_description)
    if level is not None:
        page.get_by_role("radio", name=re.compile(level, re.I)).check()
    page.get_by_role("button", name="Roast my resume").click()


def wait_for_job_page(page: Page) -> tuple[str, str]:
    """After a successful upload: the job's id and token, from the shareable URL."""
    page.wait_for_url(JOB_URL)
    match = JOB_URL.search(page.url)
    assert match and match["token"], page.url
    return match["id"], match["token"]


def step(page: Page, name: str) -> Any:
    return page.locator(f'[data-step="{name}"]')


def expect_step(page: Page, name: str, state: str, *, timeout_ms: float = 30_000) -> None:
    expect(step(page, name)).to_have_attribute("data-state", state, timeout=timeout_ms)


def read_job(page: Page, base_url: str, job_id: str, token: str) -> dict[str, Any]:
    answer = page.request.get(f"{base_url}/api/resumes/{job_id}", headers={"X-Job-Token": token})
    assert answer.ok, answer.status
    body: dict[str, Any] = answer.json()
    return body


def accessibility_problems(page: Page) -> list[str]:
    """Unnamed controls and text under WCAG AA contrast (tests/e2e/a11y.js)."""
    problems: list[str] = page.evaluate(A11Y_SCRIPT.read_text())
    return problems


# When the page scrolls sideways: the elements whose right edge sets the scroll width (a
# clipped table inside a scroll box reaches further, but does not make the page scroll).
TOO_WIDE_SCRIPT = """() => {
  const root = document.documentElement;
  if (root.scrollWidth <= root.clientWidth) return [];
  const edge = (el) => el.getBoundingClientRect().right + window.scrollX;
  const culprits = [...document.body.querySelectorAll("*")].filter(
    (el) => Math.abs(edge(el) - root.scrollWidth) <= 1);
  const name = (el) => el.tagName.toLowerCase() + "." + (el.getAttribute("class") || "")
    + ` "${(el.textContent || "").trim().slice(0, 30)}"`;
  return [`${root.scrollWidth} px wide`, ...culprits.slice(-3).map(name)];
}"""


def usability_problems(page: Page) -> list[str]:
    """accessibility_problems in the light and the dark theme, and sideways scroll at phone width.

    The page is left as it was found: light colours, the same viewport.
    """
    problems = [f"light: {p}" for p in accessibility_problems(page)]
    page.emulate_media(color_scheme="dark")
    problems += [f"dark: {p}" for p in accessibility_problems(page)]
    page.emulate_media(color_scheme="light")
    viewport = page.viewport_size
    page.set_viewport_size(PHONE)
    too_wide: list[str] = page.evaluate(TOO_WIDE_SCRIPT)
    problems += [f"scrolls sideways at {PHONE['width']} px: {e}" for e in too_wide]
    if viewport is not None:
        page.set_viewport_size(viewport)
    return problems
