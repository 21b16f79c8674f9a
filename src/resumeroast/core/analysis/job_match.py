"""Job match: the skills and keywords a job description asks for, which the resume shows."""

from __future__ import annotations

from dataclasses import dataclass

from resumeroast.core.analysis.keywords import find_skills, has_phrase, job_terms
from resumeroast.core.analysis.requirements import requirement_table
from resumeroast.core.feedback import JobRequirement, KeywordMatch

HARD_WEIGHT = 1.0
SOFT_WEIGHT = 0.5
PHRASE_WEIGHT = 0.5
#: Under this share of the job's requirements shown (present whole, implied half) a recruiter
#: for that job passes: the match is the headline and caps the overall score (scoring.py).
POOR_MATCH = 0.5
MIN_REQUIREMENTS = 4  #: fewer are too few to judge the fit on (a one-line job description)


@dataclass(frozen=True, slots=True)
class JobMatch:
    keywords: KeywordMatch
    score: int  #: 0–100: the requirements table's match rate, the figure the page shows


def match_job(description: str, resume_text: str) -> JobMatch | None:
    """None when the description names nothing we can match (too short, or not English)."""
    terms = job_terms(description)
    if not terms.skills and not terms.phrases:
        return None
    present = {skill.name for skill, _, _ in find_skills(resume_text)}
    weighted: list[tuple[str, float, bool]] = [
        (skill.name, HARD_WEIGHT if skill.hard else SOFT_WEIGHT, skill.name in present)
        for skill in terms.skills
    ]
    weighted += [(p, PHRASE_WEIGHT, has_phrase(p, resume_text)) for p in terms.phrases]
    total = sum(weight for _, weight, _ in weighted)
    covered = sum(weight for _, weight, hit in weighted if hit)
    rate = covered / total if total else 0.0
    table = requirement_table(description, resume_text)
    keywords = KeywordMatch(
        matched=[name for name, _, hit in weighted if hit],
        missing=[name for name, _, hit in weighted if not hit],
        match_rate=round(rate, 3),
        requirements=[
            JobRequirement(
                name=row.name, kind=row.kind.value, status=row.status.value, evidence=row.evidence
            )
            for row in table.rows
        ],
        requirement_rate=table.match_rate,
        poor_match=len(table.rows) >= MIN_REQUIREMENTS and table.match_rate < POOR_MATCH,
    )
    # One job-match figure everywhere: the sub-score is the table's rate (card, cap, headline).
    # A description whose terms make no table row falls back to the weighted keyword rate.
    shown = table.match_rate if table.rows else rate
    return JobMatch(keywords, round(100 * shown))
