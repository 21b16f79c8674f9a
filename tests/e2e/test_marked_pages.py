"""The resume, marked up: the person's own PDF pages with every quoted line boxed; a mark
opens its finding and the finding leads back to its mark; a text resume shows its lines."""

from __future__ import annotations

import re

from playwright.sync_api import Page, expect

from tests.e2e.conftest import PHONE, StackFactory, screenshot
from tests.e2e.pages import read_job, upload, usability_problems, wait_for_job_page

PDF = "pdf/resumematcher__single-column.pdf"
TEXT = "text/hrhelper__sample_resume.txt"


def test_a_mark_on_the_pdf_page_opens_its_finding_and_back(
    page: Page, make_stack: StackFactory
) -> None:
    stack = make_stack()
    upload(page, stack.base_url, PDF)
    job_id, token = wait_for_job_page(page)
    expect(page.get_by_test_id("verdict")).to_be_visible(timeout=90_000)
    job = read_job(page, stack.base_url, job_id, token)
    feedback = job["feedback"]
    pages = feedback["resume"]["page_images"]
    boxed = [mark for mark in feedback["marks"] if mark["area"] and mark["page"] <= pages]
    assert pages >= 1 and boxed, feedback["marks"]

    # Folded at first: the result keeps its height; nothing is fetched until asked for.
    expect(page.get_by_test_id("marked-resume")).to_have_count(0)
    page.get_by_role("button", name=re.compile(r"^See them on your resume")).click()
    view = page.get_by_test_id("marked-resume")
    expect(view.get_by_role("img", name="Page 1 of your resume")).to_be_visible()
    natural = view.get_by_role("img", name="Page 1 of your resume").evaluate("i => i.naturalWidth")
    assert natural > 0  # the worker's picture of the page, not a broken image

    # The box sits where the reader found the line: its place on the page in fractions.
    mark = boxed[0]
    box = page.locator(f"#resume-line-{mark['line']}")
    sheet = box.locator("xpath=..").bounding_box()
    placed = box.bounding_box()
    assert sheet and placed
    assert abs((placed["x"] - sheet["x"]) / sheet["width"] - mark["area"]["left"]) < 0.02
    assert abs((placed["y"] - sheet["y"]) / sheet["height"] - mark["area"]["top"]) < 0.02

    # A mark opens its finding (unfolded, scrolled to, focused) ...
    finding = mark["finding"]
    box.click()
    card = page.locator(f"#finding-{finding}")
    expect(card).to_be_focused()
    expect(card).to_have_class(re.compile("is-current"))
    expect(card).to_contain_text(feedback["findings"][finding]["message"])
    expect(card.locator(".evidence__item").first).to_be_visible()
    screenshot(page, "marked-pages-finding")

    # ... and the finding leads back to its mark.
    card.get_by_role("button", name="Show on your resume").click()
    first_line = min(
        (m for m in feedback["marks"] if m["finding"] == finding),
        key=lambda m: (m["page"], m["line"]),
    )["line"]
    expect(page.locator(f"#resume-line-{first_line}")).to_be_focused()
    assert usability_problems(page) == []
    page.locator("#resume-heading").scroll_into_view_if_needed()
    screenshot(page, "marked-pages-desktop")

    page.set_viewport_size(PHONE)
    page.locator("#resume-heading").scroll_into_view_if_needed()
    screenshot(page, "marked-pages-phone")
    wide = page.evaluate("document.documentElement.scrollWidth")
    assert wide <= PHONE["width"], f"{wide} px wide at phone width"


def test_a_text_resume_shows_its_lines_with_the_same_marks(
    page: Page, make_stack: StackFactory
) -> None:
    stack = make_stack()
    upload(page, stack.base_url, TEXT)
    job_id, token = wait_for_job_page(page)
    expect(page.get_by_test_id("verdict")).to_be_visible(timeout=90_000)
    feedback = read_job(page, stack.base_url, job_id, token)["feedback"]
    assert feedback["resume"]["page_images"] == 0
    assert feedback["marks"], "the text resume has quoted lines"

    page.get_by_role("button", name=re.compile(r"^See them on your resume")).click()
    mark = feedback["marks"][0]
    line = page.locator(f"#resume-line-{mark['line']}")
    expected = next(x for x in feedback["resume"]["lines"] if x["number"] == mark["line"])
    expect(line).to_have_text(expected["text"])
    line.press("Enter")  # a mark is a button: the keyboard opens it as a click does
    expect(page.locator(f"#finding-{mark['finding']}")).to_be_focused()
