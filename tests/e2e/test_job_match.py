"""The job front and centre: a roast without a job description gets one from its own page, and
the re-roast of the same upload opens with the match (the server stores no second upload)."""

from __future__ import annotations

import re

from playwright.sync_api import Page, Request, expect

from tests.e2e.conftest import PHONE, StackFactory, screenshot
from tests.e2e.pages import read_job, upload, usability_problems, wait_for_job_page
from tests.support.stack import Stack

RESUME = "text/hrhelper__sample_resume.txt"
BACKEND_JD = """Senior Backend Engineer. Build Python services with FastAPI on AWS, data in
PostgreSQL, events in Kafka. Requirements: 4+ years of Python; Docker and Kubernetes; Datadog;
Snowflake; CI/CD with GitHub Actions. We are a product team that cares about testing."""
ACCOUNTANT_JD = """Staff Accountant. Prepare month-end close, reconciliations and journal entries
in QuickBooks and Excel. Requirements: Bachelor's degree in Accounting; CPA preferred; 3+ years
of general ledger experience; SAP; NetSuite."""


def stored_uploads(stack: Stack) -> int:
    from sqlalchemy import create_engine, text

    engine = create_engine(stack.database_url or f"sqlite:///{stack.data_dir / 'resumeroast.db'}")
    with engine.connect() as connection:
        count = int(connection.execute(text("SELECT COUNT(*) FROM uploads")).scalar_one())
    engine.dispose()
    return count


def test_a_job_description_added_from_the_result_reroasts_the_same_upload(
    page: Page, make_stack: StackFactory
) -> None:
    stack = make_stack()
    uploads: list[str] = []

    def on_request(request: Request) -> None:
        if request.method == "POST" and request.url.endswith("/api/resumes"):
            uploads.append(request.url)

    page.on("request", on_request)
    upload(page, stack.base_url, RESUME)
    first_id, _ = wait_for_job_page(page)
    expect(page.get_by_test_id("verdict")).to_be_visible(timeout=90_000)
    expect(page.get_by_test_id("job-match")).to_have_count(0)

    # The sub-score's hint opens the form; the re-roast sends the job ad, not the file.
    page.get_by_role("button", name="Add a job description to get this score").click()
    expect(page.get_by_label("The job ad")).to_be_focused()
    page.get_by_label("The job ad").fill(BACKEND_JD)
    page.get_by_role("button", name="Roast it against this job").click()
    page.wait_for_url(re.compile(r"/jobs/(?!" + re.escape(first_id) + ")"))
    second_id, second_token = wait_for_job_page(page)

    match = page.get_by_test_id("job-match")
    expect(match).to_be_visible(timeout=90_000)
    table = page.get_by_test_id("requirements")
    expect(table.get_by_role("row", name=re.compile(r"^Docker "))).to_contain_text(
        "Shown in your experience"
    )
    expect(table.get_by_role("row", name=re.compile(r"^Docker "))).to_contain_text(
        "GitHub Actions and Docker"
    )
    expect(table.get_by_role("row", name=re.compile(r"^Kubernetes "))).to_contain_text(
        "Only implied"
    )
    expect(table.get_by_role("row", name=re.compile(r"^Snowflake "))).to_contain_text("Missing")
    for generic in ("product", "testing", "team"):
        expect(table.locator("th", has_text=re.compile(rf"^{generic}", re.I))).to_have_count(0)
    # The match comes before the verdict.
    match_top = match.bounding_box()
    verdict_top = page.get_by_test_id("verdict").bounding_box()
    assert match_top and verdict_top and match_top["y"] < verdict_top["y"]
    assert usability_problems(page) == []
    screenshot(page, "job-match-desktop")

    assert uploads == [f"{stack.base_url}/api/resumes"]  # the browser sent the file once
    assert stored_uploads(stack) == 1  # and the server holds it once
    job = read_job(page, stack.base_url, second_id, second_token)
    assert job["job_description"] == BACKEND_JD.strip()

    # Another job: the form starts from the current ad; a poor match is the headline.
    page.get_by_role("button", name="Change the job description").click()
    expect(page.get_by_label("The job ad")).to_have_value(BACKEND_JD.strip())
    page.get_by_label("The job ad").fill(ACCOUNTANT_JD)
    page.get_by_role("button", name="Roast it against this job").click()
    page.wait_for_url(re.compile(r"/jobs/(?!" + re.escape(second_id) + ")"))
    expect(page.get_by_test_id("job-match-headline")).to_contain_text(
        "A poor match for this job", timeout=90_000
    )
    assert stored_uploads(stack) == 1
    assert len(uploads) == 1

    page.set_viewport_size(PHONE)
    page.evaluate("window.scrollTo(0, 0)")
    screenshot(page, "job-match-phone")


ML_JD = """Machine Learning Engineer. Train models in PyTorch and TensorFlow; pipelines in Spark and
Airflow on Databricks; data in Snowflake. Requirements: MLflow, Scala, Hadoop, NLP, computer
vision; a Master's degree; 8+ years of experience."""


def test_a_poor_match_holds_the_score_down_and_the_page_says_why(
    page: Page, make_stack: StackFactory
) -> None:
    """A physicist's CV against a machine-learning job: "Needs work" for that job, and one line
    above the verdict says the match is what holds it there."""
    stack = make_stack()
    upload(page, stack.base_url, "text/rendercv__sample_cv_text.txt", job_description=ML_JD)
    wait_for_job_page(page)

    expect(page.get_by_test_id("job-match-headline")).to_contain_text(
        "A poor match for this job", timeout=90_000
    )
    reason = page.get_by_test_id("score-cap-reason")
    expect(reason).to_contain_text(re.compile(r"^At most \d+/100 for this job: your experience"))
    held = re.search(r"At most (\d+)/100", reason.inner_text())
    assert held is not None and int(held[1]) < 60
    verdict = page.get_by_test_id("verdict")
    expect(verdict).to_contain_text(f"{held[1]}/100")
    expect(verdict).to_contain_text("Needs work")
    reason_top, verdict_top = reason.bounding_box(), verdict.bounding_box()
    assert reason_top and verdict_top and reason_top["y"] < verdict_top["y"]
    assert usability_problems(page) == []
    screenshot(page, "job-match-capped")
    page.set_viewport_size(PHONE)
    page.evaluate("window.scrollTo(0, 0)")
    expect(reason).to_be_in_viewport()  # the reason is on the first screen at phone width too
    screenshot(page, "job-match-capped-phone")
