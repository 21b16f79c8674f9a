"""Job match finding: what the job description asks for that the resume does not show."""

from __future__ import annotations

from resumeroast.core.analysis.checks.base import INFO, WARNING, finding
from resumeroast.core.analysis.job_match import JobMatch
from resumeroast.core.feedback import Finding, KeywordMatch

GOOD_MATCH = 0.8  #: at or above this rate there is nothing to report


def check_job_match(job: JobMatch) -> list[Finding]:
    rate = job.keywords.match_rate
    missing = job.keywords.missing
    if not missing or rate >= GOOD_MATCH:
        return []
    total = len(job.keywords.matched) + len(missing)
    return [
        finding(
            "job_match.missing_keywords",
            WARNING if rate < 0.5 else INFO,
            f"Matches {len(job.keywords.matched)} of {total} things the job asks for "
            f"(weighted {rate:.0%}). Missing: {', '.join(missing[:10])}.",
            "For each one you genuinely have, show it in a bullet where you used it. "
            "Never add a skill you do not have.",
        )
    ]


def cap_reason(keywords: KeywordMatch, cap: int) -> str:
    """One line, no codes: why the overall score cannot go above `cap` for this job."""
    rows = keywords.requirements
    shown = sum(1 for row in rows if row.status == "present")
    return (
        f"At most {cap}/100 for this job: your experience shows {shown} of {len(rows)} "
        "things it asks for, and a recruiter for it would pass."
    )
