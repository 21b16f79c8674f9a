"""Owner and viewer: a share link reads a roast and can neither delete nor re-roast it; the
app's files arrive compressed and the first load stays small; Admin is not in a visitor's
navigation."""

from __future__ import annotations

import re
from typing import Any

from playwright.sync_api import Browser, Page, expect

from tests.e2e.conftest import DESKTOP, PHONE, StackFactory, screenshot
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
        # Nothing that changes the roast: no job description to add, no revised version.
        expect(viewer.get_by_role("button", name=re.compile("job description"))).to_have_count(0)
        expect(viewer.get_by_test_id("upload-revision")).to_have_count(0)
        screenshot(viewer, "shared-roast")
        viewer.set_viewport_size(PHONE)
        screenshot(viewer, "shared-roast-phone")
        viewer.set_viewport_size(DESKTOP)

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
        reroast = viewer.request.post(
            f"{stack.base_url}/api/resumes/{job_id}/reroasts",
            headers={"X-Job-Token": viewer_token},
            data={"level": "brutal"},
        )
        assert reroast.status == 403
        row.get_by_role("button", name=re.compile("Remove from list")).click()
        expect(viewer.locator(f'[data-job-id="{job_id}"]')).to_have_count(0)
    finally:
        other.close()

    # The owner's roast is untouched.
    assert read_job(page, stack.base_url, job_id, owner_token)["status"] == "complete"
    page.reload()
    expect(page.get_by_test_id("verdict")).to_be_visible()


#: The issue's bound on the first load: every byte chromium received, compressed as sent.
MAX_FIRST_LOAD_BYTES = 120_000

#: Every response of the page so far (the document, assets, API calls), as its resource timing
#: reports it: bytes on the wire (headers included) and the body's compressed size.
TRANSFERS_SCRIPT = """() => performance.getEntriesByType("navigation")
  .concat(performance.getEntriesByType("resource"))
  .map((e) => ({url: e.name, wire: e.transferSize, body: e.encodedBodySize,
                decoded: e.decodedBodySize}))"""


def test_the_app_arrives_precompressed(page: Page, make_stack: StackFactory) -> None:
    stack = make_stack(worker=False)
    encodings: dict[str, str | None] = {}
    page.on(
        "response",
        lambda r: (
            encodings.update({r.url: r.headers.get("content-encoding")})
            if "/api/" not in r.url
            else None
        ),
    )
    page.goto(f"{stack.base_url}/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_load_state("networkidle")
    scripts = [url for url in encodings if url.endswith(".js")]
    styles = [url for url in encodings if url.endswith(".css")]
    assert scripts and styles, encodings
    for url in scripts + styles:
        # chromium itself got it compressed (over plain HTTP it asks for gzip, not brotli)
        assert encodings[url] in ("gzip", "br"), (url, encodings[url])
        answer = page.request.get(url, headers={"Accept-Encoding": "br, gzip"})
        assert answer.headers.get("content-encoding") == "br", url
        assert answer.headers.get("vary") == "Accept-Encoding"
        gzip_answer = page.request.get(url, headers={"Accept-Encoding": "gzip"})
        assert gzip_answer.headers.get("content-encoding") == "gzip", url
        assert gzip_answer.body() == answer.body()  # both decode to the same file

    # What the first load costs on the wire: everything chromium received for the page.
    transfers: list[dict[str, Any]] = page.evaluate(TRANSFERS_SCRIPT)
    wire = sum(t["wire"] for t in transfers)
    body = sum(t["body"] for t in transfers)
    decoded = sum(t["decoded"] for t in transfers)
    for t in transfers:
        print(f"{t['wire']:>8} B on the wire, {t['decoded']:>8} B decoded  {t['url']}")
    print(
        f"first load: {len(transfers)} responses, {wire} B on the wire ({body} B of bodies, "
        f"{decoded} B decoded), encodings {sorted(set(map(str, encodings.values())))}"
    )
    assert all(t["wire"] > 0 for t in transfers), transfers  # none from a cache
    assert wire < MAX_FIRST_LOAD_BYTES, f"first load transfers {wire} bytes"
    assert body < decoded / 2, "the bodies did not arrive compressed"
