"""What to fix first: the roast opens with the fixes worth the most points; long quote lists
fold; the phone view of a 3-page resume stays a few screens tall."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import DESKTOP, PHONE, StackFactory, screenshot
from tests.e2e.pages import read_job, upload, usability_problems, wait_for_job_page

THREE_PAGES = "pdf/awesomecv__resume.pdf"
#: The issue's bound: a 3-page resume's result at 390 px, before anything is expanded.
MAX_PHONE_SCREENS = 6


def test_the_roast_opens_with_the_top_fixes_and_folds_long_lists(
    page: Page, make_stack: StackFactory
) -> None:
    stack = make_stack()
    upload(page, stack.base_url, THREE_PAGES)
    job_id, token = wait_for_job_page(page)
    expect(page.get_by_test_id("verdict")).to_be_visible(timeout=90_000)
    job = read_job(page, stack.base_url, job_id, token)
    top = job["top_fixes"]
    assert 1 <= len(top) <= 3, top
    gains = [item["expected_gain"] for item in top]
    assert gains == sorted(gains, reverse=True)

    # The first part after the verdict: the same fixes, in the same order, as the API's.
    headings = page.locator("article h2").all_inner_texts()
    assert headings.index("Fix these first") < headings.index("Findings"), headings
    items = page.get_by_test_id("top-fixes").locator(":scope > li")
    expect(items).to_have_count(len(top))
    for index, item in enumerate(top):
        expect(items.nth(index)).to_contain_text(item["fix"])

    # A finding quoted under a top fix already: under Findings its quotes wait for a click.
    findings = job["feedback"]["findings"]
    pinned = {item["finding_index"] for item in top}
    for index in pinned:
        quoted = len(findings[index]["evidence"])
        if quoted:
            card = page.locator(f"#finding-{index}")
            expect(card.locator(".evidence__item")).to_have_count(0)
            button = card.get_by_role("button", name=re.compile(rf"Show the {quoted} quoted"))
            expect(button).to_be_visible()
    # The longest list folds: under a top fix to 2 quotes and a link to all of them under
    # Findings, where they wait for a click; otherwise to "3 of N — show all".
    longest = max(range(len(findings)), key=lambda i: len(findings[i]["evidence"]))
    total = len(findings[longest]["evidence"])
    assert total > 4, "a 3-page resume has a finding with a long list of quotes"
    card = page.locator(f"#finding-{longest}")
    if longest in pinned:
        fix = next(item for item in top if item["finding_index"] == longest)
        shown = items.nth(top.index(fix))
        expect(shown.locator(".evidence__item")).to_have_count(2)
        expect(shown).to_contain_text(f"2 of {fix['evidence_total']} quoted")
        toggle = card.get_by_role("button", name=f"Show the {total} quoted lines")
    else:
        expect(card.locator(".evidence__item")).to_have_count(3)
        toggle = card.get_by_role("button", name=f"3 of {total} — show all")
    expect(toggle).to_have_attribute("aria-expanded", "false")

    # Jump links move to a part of the roast.
    nav = page.get_by_role("navigation", name="Parts of the roast")
    nav.get_by_role("link", name=re.compile(r"^Findings")).click()
    expect(page.locator("#findings-heading")).to_be_focused()
    assert usability_problems(page) == []
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "top-fixes")

    page.set_viewport_size(PHONE)
    page.evaluate("window.scrollTo(0, 0)")
    height = page.evaluate("document.documentElement.scrollHeight")
    screens = height / PHONE["height"]
    print(f"phone result height: {height} px = {screens:.1f} screens")
    screenshot(page, "top-fixes-phone")
    assert height < MAX_PHONE_SCREENS * PHONE["height"], f"{height} px is {screens:.1f} screens"

    # The folded list, at phone width and on a desktop; then opened in full.
    card.scroll_into_view_if_needed()
    screenshot(page, "folded-evidence-phone")
    page.set_viewport_size(DESKTOP)
    card.scroll_into_view_if_needed()
    screenshot(page, "folded-evidence")
    toggle.click()
    expect(card.locator(".evidence__item")).to_have_count(total)
    expect(card.locator(".evidence__toggle")).to_have_attribute("aria-expanded", "true")
