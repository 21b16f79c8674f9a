"""My history with "Delete my data", and the admin page behind the admin token."""

from __future__ import annotations

import re
import socket

from playwright.sync_api import Page, expect

from tests.e2e.conftest import StackFactory, screenshot
from tests.e2e.pages import read_job, upload, usability_problems, wait_for_job_page
from tests.support.llm_standin import Standin
from tests.support.stack import ADMIN_TOKEN

RESUME = "pdf/resumematcher__single-column.pdf"


def test_history_lists_my_jobs_and_deletes_my_data(page: Page, make_stack: StackFactory) -> None:
    stack = make_stack()
    upload(page, stack.base_url, RESUME)
    job_id, token = wait_for_job_page(page)
    expect(page.get_by_test_id("verdict")).to_be_visible(timeout=60_000)

    page.get_by_role("navigation", name="Main").get_by_role("link", name="My history").click()
    row = page.locator(f'[data-job-id="{job_id}"]')
    expect(row.get_by_role("link", name="resumematcher__single-column.pdf")).to_have_attribute(
        "href", f"/jobs/{job_id}"
    )
    expect(row).to_contain_text(re.compile(r"Ready · \d+/100"))
    assert usability_problems(page) == []
    screenshot(page, "history")

    row.get_by_role("button", name=re.compile("Delete my data")).click()
    row.get_by_role("button", name="Yes, delete it").click()
    expect(page.get_by_role("status").first).to_contain_text("gone from our servers")
    expect(page.locator(f'[data-job-id="{job_id}"]')).to_have_count(0)
    answer = page.request.get(
        f"{stack.base_url}/api/resumes/{job_id}", headers={"X-Job-Token": token}
    )
    assert answer.status == 404


def test_admin_sees_the_queue_and_replays_a_dead_letter(
    page: Page, make_stack: StackFactory, standin: Standin
) -> None:
    # The model is down for good: retries run out and the job lands in the dead-letter queue.
    # (While the circuit breaker is open a job waits without spending retries: a short
    # LLM_OUTAGE_MAX_WAIT_S sends it to the dead letters soon instead of after half an hour.)
    standin.set_script({"steps": [], "then": {"kind": "status", "status": 500}})
    stack = make_stack(env={**standin.provider_env(), "LLM_OUTAGE_MAX_WAIT_S": "5"})
    upload(page, stack.base_url, RESUME)
    job_id, token = wait_for_job_page(page)
    expect(page.get_by_test_id("failure-reason")).to_be_visible(timeout=90_000)
    failure = read_job(page, stack.base_url, job_id, token)["failure"]

    page.goto(f"{stack.base_url}/admin")
    page.get_by_label("Admin token").fill("not-the-token")
    page.get_by_role("button", name="Open the dashboard").click()
    expect(page.locator("#admin-token-error")).to_contain_text("not accepted")

    page.get_by_label("Admin token").fill(ADMIN_TOKEN)
    page.get_by_role("button", name="Open the dashboard").click()
    expect(page.get_by_text("Queue depth")).to_be_visible()
    expect(page.get_by_text("Jobs failed")).to_be_visible()
    expect(page.get_by_role("heading", name="Dead-letter queue (1)")).to_be_visible()
    # The worker's heartbeat names it host:pid, the pid of the process the stack started.
    live_worker = f"{socket.gethostname()}:{stack.workers[0].pid}"
    workers = page.get_by_role("region", name="Workers seen").get_by_role("listitem")
    expect(workers).to_have_text([live_worker])
    failed_row = page.get_by_role("table", name=re.compile("^Recent failures")).locator(
        f'tr[data-job-id="{job_id}"]'
    )
    expect(failed_row.get_by_role("link", name=job_id)).to_have_attribute("href", f"/jobs/{job_id}")
    expect(failed_row).to_contain_text(failure["code"])
    expect(failed_row).to_contain_text(failure["reason"])
    assert usability_problems(page) == []
    screenshot(page, "admin", full_page=True)

    standin.set_script({"steps": []})  # the model is back
    page.get_by_role("button", name=re.compile(r"^Replay entry \d+")).click()
    expect(page.get_by_text(re.compile(r"is queued again"))).to_be_visible()
    expect(page.get_by_role("heading", name="Dead-letter queue (0)")).to_be_visible()
