"""With a job description the fit weighs in the overall score, and a poor match caps it
(issue 14: a resume matching 1 of 15 job terms scored 78); without one, nothing changes."""

from __future__ import annotations

import pytest

from resumeroast.core.analysis.scoring import score
from resumeroast.core.feedback import DocumentFacts, JobRequirement, KeywordMatch
from tests.unit.core.analysis.analysis_helpers import GOOD, run

#: A job the backend resume (GOOD) barely touches: it uses Kubernetes and nothing else asked.
ML_JOB = (
    "We are hiring a machine learning engineer. Requirements: PyTorch, TensorFlow, Spark, "
    "Airflow, Snowflake, Scala, Hadoop, Kubernetes, MLflow, Databricks, NLP and computer "
    "vision. Master's degree in computer science. 5+ years of experience."
)
#: A job it shows nearly all of.
BACKEND_JOB = "We need a backend engineer: Python, Kubernetes, Redis and PostgreSQL."
FULL_PAGE = DocumentFacts(words=600, bullets=8, quantified_bullets=8)


def _match(statuses: list[str]) -> KeywordMatch:
    rows = [
        JobRequirement(name=f"Tool {n}", kind="tool", status=status, evidence=None)  # type: ignore[arg-type]
        for n, status in enumerate(statuses)
    ]
    credit = {"present": 1.0, "implied": 0.5, "missing": 0.0}
    rate = round(sum(credit[s] for s in statuses) / len(statuses), 3)
    return KeywordMatch(requirements=rows, requirement_rate=rate, poor_match=rate < 0.5)


def test_a_well_written_resume_for_another_job_is_held_under_getting_there() -> None:
    alone = run(GOOD)
    for_the_job = run(GOOD, job=ML_JOB)

    assert for_the_job.keywords is not None and for_the_job.keywords.poor_match
    assert alone.overall_score >= 80  # strong on its own
    assert for_the_job.overall_score < 60  # "Needs work" for this job: a recruiter passes
    reason = for_the_job.keywords.score_cap_reason
    assert reason is not None
    assert reason.startswith(f"At most {for_the_job.overall_score}/100 for this job")
    shown = sum(1 for row in for_the_job.keywords.requirements if row.status == "present")
    assert f"shows {shown} of {len(for_the_job.keywords.requirements)} things" in reason
    assert "cap." not in reason and "_" not in reason  # no codes


def test_a_good_match_is_not_capped_and_no_reason_is_given() -> None:
    analysis = run(GOOD, job=BACKEND_JOB)

    assert analysis.keywords is not None and not analysis.keywords.poor_match
    assert analysis.keywords.score_cap_reason is None
    assert "cap.poor_job_match" not in {p.code for p in analysis.penalties}
    assert analysis.overall_score >= 80


def test_without_a_job_description_the_score_is_what_it_was() -> None:
    """No job: the four sub-scores at 0.35/0.25/0.20/0.20 and no job cap (docs/scoring.md)."""
    analysis = run(GOOD)
    sub = analysis.sub_scores

    assert analysis.keywords is None
    expected = 0.35 * sub.impact + 0.25 * sub.clarity + 0.20 * sub.ats + 0.20 * sub.completeness
    assert analysis.overall_score == round(expected)
    assert score((), FULL_PAGE, None).overall == score((), FULL_PAGE, None, job=None).overall


@pytest.mark.parametrize(
    ("statuses", "cap"),
    [
        (["missing"] * 8, 40),  # nothing the job asks shown: the graded caps' floor
        (["present"] * 2 + ["missing"] * 6, 50),  # a quarter: halfway to the band
        (["present"] * 3 + ["implied"] + ["missing"] * 4, 57),  # 3.5 of 8: implied is half
    ],
)
def test_the_poor_match_cap_rises_with_what_is_shown(statuses: list[str], cap: int) -> None:
    result = score((), FULL_PAGE, 100, job=_match(statuses))

    assert result.overall == cap
    assert any(p.code == "cap.poor_job_match" for p in result.penalties)


def test_half_the_job_shown_or_too_few_requirements_cap_nothing() -> None:
    half = score((), FULL_PAGE, 100, job=_match(["present"] * 4 + ["missing"] * 4))
    assert not any(p.code == "cap.poor_job_match" for p in half.penalties)
    few = run(GOOD, job="Rust and Scala engineers.")  # 2 requirements, both missing
    assert few.keywords is not None and not few.keywords.poor_match
    assert "cap.poor_job_match" not in {p.code for p in few.penalties}


def test_the_job_weighs_as_much_as_impact_and_clarity_together() -> None:
    weak_fit = score((), FULL_PAGE, 50).overall
    strong_fit = score((), FULL_PAGE, 100).overall

    assert strong_fit - weak_fit == 15  # 0.30 × 50 points of job match


def test_the_job_match_sub_score_is_the_requirements_tables_rate() -> None:
    # One figure: the card, the cap and the headline use the table's rate; so does the sub-score.
    analysis = run(GOOD, job=ML_JOB)

    assert analysis.keywords is not None and analysis.keywords.requirements
    table_rate = round(analysis.keywords.requirement_rate * 100)
    assert table_rate != round(analysis.keywords.match_rate * 100)  # the two rates differ here
    assert analysis.sub_scores.job_match == table_rate
