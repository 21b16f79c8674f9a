"""Every revision compared: upload a resume, then a revised version from its result; the
revision's page opens with what it fixed, left open and added, and the lines that changed."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import DESKTOP, PHONE, StackFactory, screenshot
from tests.e2e.pages import FIXTURES, read_job, upload, usability_problems, wait_for_job_page

RESUME = FIXTURES / "text" / "hrhelper__sample_resume.txt"
WEAK = "Participated in agile development processes with 2-week sprint cycles"
STRONG = "Ran 2-week agile sprints for a team of 6, shipping 24 releases a year"
SUMMARY = "and distributed systems."
CLICHE = "and distributed systems. A hard-working team player who thinks outside the box."


def test_a_revised_version_is_compared_with_the_first(page: Page, make_stack: StackFactory) -> None:
    stack = make_stack()
    original = RESUME.read_text()
    revised = original.replace(WEAK, STRONG).replace(SUMMARY, CLICHE)
    upload(
        page,
        stack.base_url,
        {"name": "cv.txt", "mimeType": "text/plain", "buffer": original.encode()},
    )
    first_id, first_token = wait_for_job_page(page)
    expect(page.get_by_test_id("verdict")).to_be_visible(timeout=90_000)

    page.get_by_test_id("upload-revision").click()
    expect(page.get_by_test_id("revising")).to_contain_text("cv.txt")
    page.get_by_label(re.compile("drop your resume here", re.I)).set_input_files(
        files=[{"name": "cv-2.txt", "mimeType": "text/plain", "buffer": revised.encode()}]
    )
    page.get_by_role("button", name="Roast my resume").click()
    page.wait_for_url(re.compile(r"/jobs/(?!" + re.escape(first_id) + ")"))
    second_id, second_token = wait_for_job_page(page)
    expect(page.get_by_test_id("verdict")).to_be_visible(timeout=90_000)

    first = read_job(page, stack.base_url, first_id, first_token)["feedback"]
    second = read_job(page, stack.base_url, second_id, second_token)["feedback"]
    compared = page.locator(".version-compare")
    counts = compared.locator("[data-count]")
    expect(counts).to_have_count(3, timeout=30_000)
    expect(counts.nth(0)).to_have_text("1 fixed")
    expect(counts.nth(1)).to_have_text(f"{len(first['findings']) - 1} still open")
    expect(counts.nth(2)).to_have_text("1 new")
    expect(compared).to_contain_text(
        f"Overall: {first['overall_score']} → {second['overall_score']}"
    )
    assert len(second["findings"]) == len(first["findings"])
    # The right ones: the weak opener fixed, the cliché new (their quotes).
    fixed = compared.locator(".version-compare__group--fixed")
    fixed.locator("summary").click()
    expect(fixed.locator("q")).to_have_text(re.compile(r"^Participated"))
    new = compared.locator(".version-compare__group--new")
    new.locator("summary").click()
    expect(new).to_contain_text("team player")
    # The lines that changed: the weak bullet out, the strong one in.
    changed = page.get_by_test_id("changed-lines")
    changed.locator("summary").click()
    expect(changed.locator("del").filter(has_text=WEAK)).to_have_count(1)
    expect(changed.locator("ins").filter(has_text=STRONG)).to_have_count(1)
    # The comparison is the first thing on the revision's page, above the verdict.
    compared_box = compared.bounding_box()
    verdict_box = page.get_by_test_id("verdict").bounding_box()
    assert compared_box and verdict_box and compared_box["y"] < verdict_box["y"]
    assert usability_problems(page) == []  # contrast in both themes, no sideways scroll
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "revision-compared")
    page.set_viewport_size(PHONE)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "revision-compared-phone")

    page.goto(f"{stack.base_url}/history")
    expect(page.get_by_test_id("version-trend")).to_contain_text("2 versions")
    expect(page.get_by_role("img", name=re.compile(r"^Score trend: \d+, then \d+"))).to_be_visible()
    expect(page.locator(f'[data-job-id="{second_id}"]')).to_contain_text("Honest roast")
    screenshot(page, "history-versions-phone")
    page.set_viewport_size(DESKTOP)
    screenshot(page, "history-versions")
