"""Owner and viewer: a share link reads a roast and cannot delete it; the app's files arrive
compressed; Admin is not in a visitor's navigation."""

from __future__ import annotations

import re

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import DESKTOP, StackFactory, screenshot
from tests.e2e.pages import read_job, upload, wait_for_job_page

RESUME = "pdf/resumematcher__single-column.pdf"


def test_a_share_link_reads_the_roast_but_cannot_delete_it(
    page: Page, browser: Browser, make_stack: StackFactory
) -> None:
    stack = make_stack()
    upload(page, stack.base_url, RESUME)
    job_id, owner_token = wait_for_job_page(page)
    expect(page.get_by_test_id("verdict")).to_be_visible(timeout=60_000)
    expect(page.get_by_role("navigation", name="Main")).not_to_contain_text("Admin")

    page.get_by_role("button", name="Copy share link").click()
    share = page.evaluate("navigator.clipboard.readText()")
    assert f"/jobs/{job_id}#view=" in share, share
    assert owner_token not in share  # the owner's token never leaves in a share link

    # Another browser opens the link: it reads the roast and is told it cannot change it.
    other = browser.new_context(viewport=DESKTOP, reduced_motion="reduce")
    try:
        viewer = other.new_page()
        viewer.goto(share)
        expect(viewer.get_by_test_id("verdict")).to_be_visible(timeout=30_000)
        expect(viewer.get_by_test_id("viewer-note")).to_contain_text("only the person who uploaded")
        screenshot(viewer, "shared-roast")

        viewer.get_by_role("navigation", name="Main").get_by_role("link", name="My history").click()
        row = viewer.locator(f'[data-job-id="{job_id}"]')
        expect(row).to_contain_text("Shared with you")
        expect(row.get_by_role("button", name=re.compile("Delete my data"))).to_have_count(0)

        # Even sent by hand, the viewer's token cannot delete.
        viewer_token = share.split("#view=", 1)[1]
        refused = viewer.request.delete(
            f"{stack.base_url}/api/resumes/{job_id}", headers={"X-Job-Token": viewer_token}
        )
        assert refused.status == 403
        row.get_by_role("button", name=re.compile("Remove from list")).click()
        expect(viewer.locator(f'[data-job-id="{job_id}"]')).to_have_count(0)
    finally:
        other.close()

    # The owner's roast is untouched.
    assert read_job(page, stack.base_url, job_id, owner_token)["status"] == "complete"
    page.reload()
    expect(page.get_by_test_id("verdict")).to_be_visible()


def test_the_app_arrives_precompressed(page: Page, make_stack: StackFactory) -> None:
    stack = make_stack(worker=False)
    fetched: list[str] = []
    page.on(
        "response",
        lambda r: fetched.append(r.url) if "/api/" not in r.url else None,
    )
    page.goto(f"{stack.base_url}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    scripts = [url for url in fetched if url.endswith(".js")]
    styles = [url for url in fetched if url.endswith(".css")]
    assert scripts and styles, fetched
    for url in scripts + styles:
        answer = page.request.get(url, headers={"Accept-Encoding": "br, gzip"})
        assert answer.headers.get("content-encoding") == "br", url
        assert answer.headers.get("vary") == "Accept-Encoding"
        gzip_answer = page.request.get(url, headers={"Accept-Encoding": "gzip"})
        assert gzip_answer.headers.get("content-encoding") == "gzip", url
    # What the first load costs on the wire: the compressed fetched of what it fetched.
    wire = sum(_wire_size(page, url) for url in fetched)
    assert 0 < wire < 120_000, f"first load transfers {wire} bytes"


def _wire_size(page: Page, url: str) -> int:
    """The bytes chromium received for the URL, read from its resource timing."""
    size: int = page.evaluate(
        """(url) => {
          const entry = performance.getEntriesByName(url)[0];
          return entry ? entry.encodedBodySize : 0;
        }""",
        url,
    )
    return size
