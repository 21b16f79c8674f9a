"""What to fix first: ordered by the points the score formula gives back, with evidence."""

from __future__ import annotations

from resumeroast.core.feedback import (
    DocumentFacts,
    Evidence,
    Feedback,
    Finding,
    JobRequirement,
    KeywordMatch,
    Severity,
    SubScores,
)
from resumeroast.core.top_fixes import top_fixes


def finding(code: str, severity: Severity, quotes: int = 1) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        category=code.split(".", 1)[0],
        message=f"{code} message",
        fix=f"fix {code}",
        evidence=[Evidence(quote=f"line text {n}", line=n + 1) for n in range(quotes)],
    )


def feedback(*findings: Finding) -> Feedback:
    return Feedback(
        overall_score=50,
        verdict="v",
        sub_scores=SubScores(impact=40, clarity=80, ats=90, completeness=60),
        findings=list(findings),
        facts=DocumentFacts(pages=1, words=500, bullets=27, quantified_bullets=3, roles=3),
    )


def test_the_fix_worth_most_points_comes_first_whatever_the_order_of_findings() -> None:
    cliche = finding("language.cliche", Severity.INFO)
    no_email = finding("contact.no_email", Severity.CRITICAL, quotes=0)
    unquantified = finding("impact.unquantified_bullets", Severity.WARNING, quotes=24)
    tiny = finding("spelling.tool_name_case", Severity.INFO)
    fixes = top_fixes(feedback(tiny, cliche, unquantified, no_email))
    assert [f.code for f in fixes[:2]] == [
        "contact.no_email",  # a critical finding caps the score at 50
        "impact.unquantified_bullets",
    ]
    gains = [f.expected_gain for f in fixes]
    assert gains == sorted(gains, reverse=True) and gains[0] > 0
    top = fixes[1]
    assert (len(top.evidence), top.evidence_total) == (3, 24)  # folded: 3 of 24
    assert top.fix == "fix impact.unquantified_bullets"
    assert top.finding_index == 2


def test_a_fix_worth_more_points_beats_a_smaller_one_of_the_same_severity() -> None:
    tiny = finding("spelling.tool_name_case", Severity.INFO)
    cliches = finding("language.cliche", Severity.INFO, quotes=3)
    fixes = top_fixes(feedback(tiny, cliches))
    assert [f.code for f in fixes] == ["language.cliche", "spelling.tool_name_case"]
    assert fixes[0].expected_gain > fixes[1].expected_gain


def test_no_findings_no_fixes() -> None:
    assert top_fixes(feedback()) == []


def test_a_poor_match_for_the_job_is_the_first_fix_worth_what_its_cap_takes() -> None:
    """With a poor match the cap holds every other fix to nothing: showing the job is the fix."""
    rows = [
        JobRequirement(name=name, kind="tool", status="missing", evidence=None)
        for name in ("Spark", "Airflow", "Snowflake", "Databricks")
    ]
    poor = KeywordMatch(requirements=rows, requirement_rate=0.0, poor_match=True)
    cliches = finding("language.cliche", Severity.INFO, quotes=3)
    job = finding("job_match.missing_keywords", Severity.WARNING, quotes=0)
    base = feedback(cliches, job)
    sub = base.sub_scores.model_copy(update={"job_match": 10, "impact": 90, "completeness": 90})
    capped = base.model_copy(update={"keywords": poor, "sub_scores": sub})

    fixes = top_fixes(capped)

    assert [f.code for f in fixes] == ["job_match.missing_keywords", "language.cliche"]
    assert fixes[0].expected_gain > 0 and fixes[1].expected_gain == 0
