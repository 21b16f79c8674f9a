"""The job's requirements against real resumes: present, missing or only implied, with a quote."""

from __future__ import annotations

from pathlib import Path

import pytest

from resumeroast.core.analysis.requirements import Kind, Status, requirement_table

FIXTURES = Path(__file__).resolve().parents[5] / "shared" / "fixtures" / "resumes"

BACKEND_JD = """Senior Backend Engineer. You will build Python services with FastAPI and Django REST
Framework on AWS, with event-driven messaging in Kafka and data in PostgreSQL. We are a product
team that cares about testing and the web.
Requirements: 4+ years of professional Python experience; Docker and Kubernetes; Redis caching;
CI/CD with GitHub Actions; Datadog. BS in Computer Science or equivalent."""

ACCOUNTANT_JD = """Staff Accountant. Prepare month-end close, reconciliations and journal entries
in QuickBooks and Excel. Requirements: Bachelor's degree in Accounting; CPA preferred; 3+ years of
experience in general ledger accounting. Our team values testing new ideas and product quality."""

DATA_JD = """Machine Learning Engineer. Train and deploy models with PyTorch and scikit-learn,
pipelines in Airflow and Spark, serving on Kubernetes. Master's degree in a quantitative field,
7+ years of experience. You will work on web products with a great team."""

GENERIC = {"web", "product", "testing", "team", "experience", "requirements", "engineer"}


def _resume(name: str) -> str:
    path = FIXTURES / name
    if not path.exists():
        pytest.skip(f"fixture {name} not available")
    return path.read_text(encoding="utf-8")


def _rows(jd: str, resume: str) -> dict[str, tuple[Status, str | None]]:
    table = requirement_table(jd, resume)
    return {row.name: (row.status, row.evidence) for row in table.rows}


@pytest.mark.parametrize("jd", [BACKEND_JD, ACCOUNTANT_JD, DATA_JD])
def test_no_generic_words_are_requirements(jd: str) -> None:
    table = requirement_table(jd, _resume("text/hrhelper__sample_resume.txt"))
    assert table.rows
    assert not {row.name.lower() for row in table.rows} & GENERIC


def test_backend_resume_against_backend_job() -> None:
    resume = _resume("text/hrhelper__sample_resume.txt")
    rows = _rows(BACKEND_JD, resume)
    # Used in a bullet: present, with that bullet quoted.
    assert rows["FastAPI"] == (Status.PRESENT, "Built RESTful APIs using FastAPI and PostgreSQL")
    assert rows["Kafka"][0] is Status.PRESENT
    # Only in the skills list: implied, quoting the list.
    assert rows["Kubernetes"] == (
        Status.IMPLIED,
        "Infrastructure: AWS, Docker, Kubernetes, Terraform",
    )
    # A related, narrower skill: Django for Django REST Framework.
    status, evidence = rows["Django REST Framework"]
    assert status is Status.IMPLIED and evidence is not None and "Django" in evidence
    assert rows["Datadog"] == (Status.MISSING, None)
    assert rows["Bachelor's degree"][0] is Status.PRESENT
    assert rows["4+ years of experience"][0] is Status.PRESENT
    for _status, evidence in rows.values():
        assert evidence is None or evidence in resume


def test_software_resume_against_accounting_job_is_a_poor_match() -> None:
    table = requirement_table(ACCOUNTANT_JD, _resume("text/hrhelper__sample_resume.txt"))
    rows = {row.name: row for row in table.rows}
    assert rows["QuickBooks"].status is Status.MISSING
    assert rows["CPA"].kind is Kind.QUALIFICATION and rows["CPA"].status is Status.MISSING
    assert table.match_rate < 0.4
    assert (
        table.match_rate
        < requirement_table(BACKEND_JD, _resume("text/hrhelper__sample_resume.txt")).match_rate
    )


def test_seniority_and_degree_above_what_the_resume_shows() -> None:
    rows = _rows(DATA_JD, _resume("text/hrhelper__sample_resume.txt"))
    # A B.S. is a weaker form of the Master's asked for; 5 years stated is short of 7.
    assert rows["Master's degree"][0] is Status.IMPLIED
    assert rows["7+ years of experience"][0] is not Status.PRESENT
    assert rows["PyTorch"] == (Status.MISSING, None)


def test_match_rate_counts_implied_as_half() -> None:
    table = requirement_table(
        "Python and Rust developer.", "Skills: Python, Go\n- Wrote Rust services"
    )
    assert [row.status for row in table.rows] == [Status.IMPLIED, Status.PRESENT]
    assert table.match_rate == 0.75
