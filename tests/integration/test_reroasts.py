"""A re-roast: the same stored upload roasted again with a job description, nothing sent again;
only the owner's token may ask for it."""

from __future__ import annotations

import httpx
import pytest

from tests.support.api import JobRef, submit, wait_final
from tests.support.stack import Stack

pytestmark = pytest.mark.integration

RESUME = "text/hrhelper__sample_resume.txt"
BACKEND_JD = (
    "Senior Backend Engineer. Build Python services with FastAPI on AWS, data in PostgreSQL.\n"
    "Requirements: 4+ years of Python; Docker and Kubernetes; Datadog; Snowflake."
)


def stored_uploads(stack: Stack) -> int:
    """How many files the database holds (the uploads table's rows)."""
    from sqlalchemy import create_engine, text

    url = stack.database_url or f"sqlite:///{stack.data_dir / 'resumeroast.db'}"
    engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://"))
    with engine.connect() as connection:
        count = connection.execute(text("SELECT COUNT(*) FROM uploads")).scalar_one()
    engine.dispose()
    return int(count)


def reroast(client: httpx.Client, job: JobRef, token: str, **body: object) -> httpx.Response:
    return client.post(f"/api/resumes/{job.id}/reroasts", json=body, headers={"X-Job-Token": token})


@pytest.mark.db
def test_a_reroast_reviews_the_stored_upload_against_the_new_job_description(
    stack: Stack, client: httpx.Client
) -> None:
    stack.start_worker()
    first = submit(client, RESUME, level="gentle")
    done = wait_final(client, first)
    assert done["status"] == "complete"
    assert done["feedback"]["keywords"] is None  # no job description yet

    answer = reroast(client, first, first.token, job_description=BACKEND_JD)
    assert answer.status_code == 202, answer.text
    body = answer.json()
    again = JobRef(body["job_id"], body["access_token"])
    assert again.id != first.id
    result = wait_final(client, again)
    assert result["status"] == "complete"
    assert result["level"] == "gentle"  # kept from the first roast
    assert result["filename"] == done["filename"]
    table = {row["name"]: row["status"] for row in result["feedback"]["keywords"]["requirements"]}
    assert table["Docker"] == "present"  # in a bullet
    assert table["Kubernetes"] == "implied"  # in the skills list only
    assert table["Snowflake"] == "missing"
    assert stored_uploads(stack) == 1  # nothing sent or stored again

    # The first roast is untouched; another level on the re-roast reads the same file.
    assert wait_final(client, first)["feedback"]["keywords"] is None
    brutal = reroast(client, again, again.token, level="brutal")
    assert brutal.status_code == 202, brutal.text
    third = JobRef(brutal.json()["job_id"], brutal.json()["access_token"])
    assert wait_final(client, third)["level"] == "brutal"
    assert stored_uploads(stack) == 1


def test_only_the_owner_may_reroast(stack: Stack, client: httpx.Client) -> None:
    first = submit(client, RESUME)  # no worker needed: nothing is reviewed
    shared = client.get(f"/api/resumes/{first.id}", headers=first.headers).json()["viewer_token"]
    refused = reroast(client, first, shared, job_description=BACKEND_JD)
    assert refused.status_code == 403
    assert refused.json()["code"] == "owner_only"
    assert reroast(client, first, "not-a-token", job_description=BACKEND_JD).status_code == 404
    too_long = reroast(client, first, first.token, job_description="x" * 30_000)
    assert too_long.status_code == 422
    assert stored_uploads(stack) == 1


#: A job the sample CV (a physicist's) shows none of: a recruiter for it would pass.
ML_JD = (
    "Machine Learning Engineer. Train models in PyTorch and TensorFlow; pipelines in Spark and "
    "Airflow on Databricks; data in Snowflake. Requirements: MLflow, Scala, Hadoop, NLP, "
    "computer vision; a Master's degree; 8+ years of experience."
)


def test_a_reroast_for_a_job_the_resume_barely_matches_scores_lower_and_says_why(
    stack: Stack, client: httpx.Client
) -> None:
    stack.start_worker()
    first = submit(client, "text/rendercv__sample_cv_text.txt")
    alone = wait_final(client, first)
    assert alone["status"] == "complete"

    answer = reroast(client, first, first.token, job_description=ML_JD)
    assert answer.status_code == 202, answer.text
    again = JobRef(answer.json()["job_id"], answer.json()["access_token"])
    for_the_job = wait_final(client, again)

    assert for_the_job["status"] == "complete"
    before, after = alone["feedback"]["overall_score"], for_the_job["feedback"]["overall_score"]
    assert after < before and after < 60, (before, after)  # under "Getting there" for this job
    assert for_the_job["score_band"]["key"] == "needs_work"
    keywords = for_the_job["feedback"]["keywords"]
    assert keywords["poor_match"] is True
    assert keywords["score_cap_reason"].startswith(f"At most {after}/100 for this job")
    assert for_the_job["top_fixes"][0]["code"] == "job_match.missing_keywords"
