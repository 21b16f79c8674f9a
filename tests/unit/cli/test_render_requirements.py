"""`roast --job`: the CLI shows the job's requirements, each with the resume's evidence."""

from __future__ import annotations

from rich.console import Console

from resumeroast.cli.render import render_feedback
from resumeroast.core.analysis.job_match import match_job
from resumeroast.core.feedback import DocumentFacts, Feedback, SubScores

JOB = "Backend engineer: Python, Kafka and Datadog. 3+ years of experience. We value testing."
RESUME = "Skills: Python, Go\n- Moved billing to Kafka, cutting lag by 90%\n- Led a team of 4"


def test_the_requirements_table_comes_with_evidence() -> None:
    match = match_job(JOB, RESUME)
    assert match is not None
    feedback = Feedback(
        overall_score=60,
        verdict="60/100.",
        sub_scores=SubScores(impact=60, clarity=60, ats=60, completeness=60, job_match=50),
        findings=[],
        facts=DocumentFacts(pages=1, words=20, bullets=2, quantified_bullets=1, roles=1),
        keywords=match.keywords,
    )
    console = Console(record=True, width=160)
    render_feedback(feedback.model_dump(mode="json"), console)
    text = console.export_text()
    assert "1 of 5 requirements shown in use" in text
    kafka = next(line for line in text.splitlines() if "Kafka" in line and "present" in line)
    assert "Moved billing to Kafka" in kafka
    assert any("Python" in line and "implied" in line for line in text.splitlines())
    assert any("Datadog" in line and "missing" in line for line in text.splitlines())
    assert "testing" not in text.split("requirement")[1]


def test_the_cli_says_why_a_poor_match_holds_the_score_down() -> None:
    reason = (
        "At most 44/100 for this job: your experience shows 1 of 17 things it asks for, "
        "and a recruiter for it would pass."
    )
    match = match_job(JOB, RESUME)
    assert match is not None
    keywords = match.keywords.model_copy(update={"poor_match": True, "score_cap_reason": reason})
    feedback = Feedback(
        overall_score=44,
        verdict="44/100.",
        sub_scores=SubScores(impact=90, clarity=90, ats=90, completeness=90, job_match=7),
        keywords=keywords,
    )
    console = Console(record=True, width=200)
    render_feedback(feedback.model_dump(mode="json"), console)
    lines = console.export_text().splitlines()

    assert reason in lines  # one line, right under the score
    assert lines.index(reason) < next(i for i, line in enumerate(lines) if "impact" in line)
