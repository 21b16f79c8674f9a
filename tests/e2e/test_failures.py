"""What goes wrong, said clearly: files refused up front, and a job that fails in the worker."""

from __future__ import annotations

import re
from pathlib import Path

from playwright.sync_api import FilePayload, Page, Request, expect

from tests.e2e.conftest import PHONE, StackFactory, screenshot
from tests.e2e.pages import JOB_URL, read_job, upload, usability_problems, wait_for_job_page
from tests.support.llm_standin import Standin

ENCRYPTED = "hostile/pypdfsamples__libreoffice-writer-password.pdf"
RESUME = "pdf/resumematcher__single-column.pdf"


def uploads_seen(page: Page) -> list[Request]:
    seen: list[Request] = []
    page.on(
        "request",
        lambda r: seen.append(r) if r.method == "POST" and r.url.endswith("/api/resumes") else None,
    )
    return seen


def payload(name: str, mime_type: str, data: bytes) -> FilePayload:
    return {"name": name, "mimeType": mime_type, "buffer": data}


def test_a_bad_file_gets_a_message_next_to_the_file_field(
    page: Page, make_stack: StackFactory
) -> None:
    stack = make_stack(worker=False)
    posts = uploads_seen(page)

    picture = payload("me.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64))
    upload(page, stack.base_url, picture)
    expect(page.locator("#file-error")).to_contain_text("not a PDF, DOCX, TXT or Markdown")
    file_input = page.get_by_label(re.compile("drop your resume here", re.I))
    expect(file_input).to_have_attribute("aria-invalid", "true")
    expect(file_input).to_be_focused()
    screenshot(page, "upload-error")

    huge = payload("big.pdf", "application/pdf", b"%PDF-1.7\n" + bytes(6 << 20))
    upload(page, stack.base_url, huge)
    expect(page.locator("#file-error")).to_contain_text(re.compile(r"6 MB; the limit is 5 MB"))

    empty = payload("empty.txt", "text/plain", b"")
    upload(page, stack.base_url, empty)
    expect(page.locator("#file-error")).to_contain_text("The file is empty")
    assert posts == [], "the browser sent a file it should have refused"

    # A ZIP that is not a Word document passes the browser's first-bytes check: the API says no.
    fake_docx = payload("cv.docx", "application/zip", b"PK\x03\x04" + bytes(64))
    with page.expect_response(re.compile(r"/api/resumes$")) as answer:
        upload(page, stack.base_url, fake_docx)
    problem = answer.value.json()
    assert answer.value.status in (415, 422), problem
    expect(page.locator("#file-error")).to_contain_text(problem["detail"])
    assert JOB_URL.search(page.url) is None


def test_a_file_that_cannot_work_says_what_to_do_and_offers_no_try_again(
    page: Page, make_stack: StackFactory
) -> None:
    """Another try with a password-protected PDF fails the same way: no "Try again" for it."""
    stack = make_stack()
    upload(page, stack.base_url, ENCRYPTED)
    job_id, token = wait_for_job_page(page)

    reason = page.get_by_test_id("failure-reason")
    expect(reason).to_contain_text("password-protected", timeout=60_000)
    expect(page.get_by_role("heading", name="What to do")).to_be_visible()
    expect(page.get_by_text("remove the password", exact=False)).to_be_visible()
    expect(page.get_by_role("button", name="Try again")).to_have_count(0)
    expect(page.get_by_role("link", name="Upload a different file")).to_be_visible()
    expect(page.locator("main")).not_to_contain_text("encrypted_document")  # no codes
    failure = read_job(page, stack.base_url, job_id, token)["failure"]
    assert (failure["code"], failure["retryable"]) == ("encrypted_document", False)
    assert usability_problems(page) == []
    screenshot(page, "failed")
    page.set_viewport_size(PHONE)
    screenshot(page, "failed-phone")


def test_a_failure_that_can_pass_keeps_try_again_and_it_resubmits(
    page: Page, make_stack: StackFactory, standin: Standin
) -> None:
    # The model is down for good: the job fails after its retries, a failure another try can
    # fix once the model is back.
    standin.set_script({"steps": [], "then": {"kind": "status", "status": 500}})
    stack = make_stack(env={**standin.provider_env(), "LLM_OUTAGE_MAX_WAIT_S": "5"})
    upload(page, stack.base_url, RESUME)
    first_id, first_token = wait_for_job_page(page)
    expect(page.get_by_test_id("failure-reason")).to_be_visible(timeout=90_000)
    assert read_job(page, stack.base_url, first_id, first_token)["failure"]["retryable"] is True

    # After a reload the file is no longer in memory: it comes back from this browser's storage.
    standin.set_script({"steps": []})  # the model is back
    page.reload()
    page.get_by_role("button", name="Try again").click()
    page.wait_for_url(lambda url: first_id not in url and JOB_URL.search(url) is not None)
    second_id, second_token = wait_for_job_page(page)
    assert second_id != first_id
    expect(page.get_by_test_id("verdict")).to_be_visible(timeout=90_000)
    assert read_job(page, stack.base_url, second_id, second_token)["filename"] == Path(RESUME).name

    # The first job's file went to its retry; "Try again" there asks for the file, choices kept.
    page.goto(f"{stack.base_url}/jobs/{first_id}")
    page.get_by_role("button", name="Try again").click()
    expect(page.get_by_text("Choose the file again to resubmit it")).to_be_visible()
    expect(page.get_by_role("radio", name=re.compile("honest", re.I))).to_be_checked()


def test_an_unknown_or_tokenless_job_link_says_so(page: Page, make_stack: StackFactory) -> None:
    stack = make_stack(worker=False)
    page.goto(f"{stack.base_url}/jobs/00000000-0000-0000-0000-000000000000#token=nope")
    expect(page.get_by_role("heading", level=1)).to_have_text("Job not found")
