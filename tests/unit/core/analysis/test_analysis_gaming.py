"""A resume cannot game the score: keyword bullets and near-empty pages do not score well."""

from __future__ import annotations

import pytest

from resumeroast.core.analysis.skill_lists import is_keyword_list
from tests.unit.core.analysis.analysis_helpers import GOOD, found, quotes, run, swap

JOB = (
    "Backend engineer: Python, Go, AWS, Kubernetes, PostgreSQL, Kafka, GraphQL, Docker, "
    "Terraform, Redis. You will run services on Kubernetes and tune PostgreSQL."
)
#: Three bullets per role, each a short list of what the job asks for (none repeated, so this
#: is not keyword stuffing: the bullets themselves are the problem).
KEYWORD_BULLETS = [
    ["Python, Go, AWS", "Kubernetes, PostgreSQL, Kafka", "GraphQL, Docker, Terraform"],
    ["Redis, Python, Kafka", "AWS, Terraform, Go", "Docker, PostgreSQL, GraphQL"],
    ["Kubernetes, Redis, Python", "Go, Kafka, Docker", "Terraform, AWS, PostgreSQL"],
]


def _keyword_resume(prefix: str = "") -> str:
    """GOOD's headings, roles and contact, with every experience bullet a list of the job's
    skills, and enough summary to be long enough."""
    roles = [
        "Senior Software Engineer | Acme Payments | Jan 2021 - Present",
        "Software Engineer | Northwind Data | Mar 2017 - Dec 2020",
        "Software Engineer | Contoso Cloud | Jan 2014 - Feb 2017",
    ]
    experience = "\n".join(
        role + "\n" + "\n".join(f"• {prefix}{line}" for line in bullets)
        for role, bullets in zip(roles, KEYWORD_BULLETS, strict=True)
    )
    summary = (
        "Backend engineer with a long record of building payment and data systems for growing "
        "companies across finance, retail and logistics.\nFocused on services that stay fast "
        "under load, on teams that ship small changes every day, and on code that the next "
        "person can read without a guide.\nLooking for a team that builds payment "
        "infrastructure, where careful engineering and plain communication both matter."
    )
    interests = (
        "Mentoring new developers at a local meetup every month\n"
        "Writing about reliability and incident reviews for a small newsletter\n"
        "Keeping the donation site of a food bank running through the holiday season\n"
        "Long-distance cycling, sourdough baking and restoring old mechanical keyboards\n"
    )
    return (
        "Jane Smith\njane.smith@example.test | +1 (555) 201-3344 | Portland, OR | "
        f"linkedin.com/in/janesmith\nSummary\n{summary}\nExperience\n{experience}\n"
        "Education\nB.S. Computer Science | Oregon State University | 2010 - 2014\n"
        "Skills\nPython, Go, PostgreSQL, Redis, Kubernetes, Docker, AWS, Terraform\n"
        f"Interests\n{interests}"
    )


@pytest.mark.parametrize("prefix", ["", "5 years of "])
def test_keyword_list_bullets_under_an_experience_heading_do_not_score_well(prefix: str) -> None:
    listing = run(_keyword_resume(prefix), job=JOB)
    real = run(GOOD, job=JOB)

    assert listing.keywords is not None and listing.keywords.match_rate >= 0.8  # every term named
    assert "length.too_short" not in {f.code for f in listing.findings}  # not just thin
    assert listing.sub_scores.impact == 0  # "5 years of" is not a result
    assert listing.overall_score <= 40 < real.overall_score
    assert found(listing, "ats.keyword_stuffing") is None
    assert len(quotes(listing, "impact.keyword_bullets")) == 9


def test_a_few_keyword_bullets_among_real_ones_cost_in_proportion() -> None:
    one = run(swap("• Mentored 4 junior developers", "• Python, Go, AWS, Kubernetes, Redis\n"
                   "• Mentored 4 junior developers"))  # fmt: skip
    replaced = run(swap(
        "• Mentored 4 junior developers, two of whom were promoted within a year",
        "• Python, Go, AWS, Kubernetes, Redis",
    ))  # fmt: skip

    assert quotes(one, "impact.keyword_bullets") == ["Python, Go, AWS, Kubernetes, Redis"]
    assert 80 <= one.overall_score < run(GOOD).overall_score
    assert replaced.overall_score <= one.overall_score


@pytest.mark.parametrize(
    "text",
    [
        "Python, Go, AWS, Kubernetes",
        "5 years of Kafka",
        "Proficient in SQL and Tableau",
        "Used Python, Docker and AWS",
    ],
)
def test_statements_that_only_name_skills_are_keyword_lists(text: str) -> None:
    assert is_keyword_list(text)


@pytest.mark.parametrize(
    "text",
    [
        "Built a billing API in Python on AWS serving 2M requests a day",
        "Migrated 40 services to Kubernetes",
        "Responsible for Django backend development",  # a duty phrase: its own finding
        "Payment reconciliation platform for 3 markets",  # no verb, but not a list of skills
    ],
)
def test_statements_that_say_what_was_done_are_not_keyword_lists(text: str) -> None:
    assert not is_keyword_list(text)


def test_a_caption_naming_the_tools_of_a_role_neither_earns_nor_costs() -> None:
    captioned = run(swap("• Mentored 4 junior developers", "Stack: Python, Go, AWS, Redis\n"
                         "• Mentored 4 junior developers"))  # fmt: skip

    assert found(captioned, "impact.keyword_bullets") is None
    assert captioned.facts.bullets == run(GOOD).facts.bullets
    assert captioned.sub_scores.impact == run(GOOD).sub_scores.impact


THIN = """\
Jane Smith
jane.smith@example.test | +1 (555) 201-3344 | Portland, OR | linkedin.com/in/janesmith
Experience
Senior Software Engineer | Acme Payments | Jan 2021 - Present
• Cut checkout latency by 38% by redesigning the payment service cache in Redis
Education
B.S. Computer Science | Oregon State University | 2013 - 2017
Skills
Python, Go, PostgreSQL, Redis
"""
MORE = [
    "• Led a team of 5 engineers that shipped 3 fraud models, blocking $2.1M in losses a year",
    "• Migrated 40 services from a monolith to Kubernetes with zero customer downtime",
    "• Built an ingestion pipeline in Python that processes 12M events per day",
    "• Reduced monthly cloud spend by $18K by rightsizing 200 PostgreSQL instances",
]


def test_a_near_empty_resume_cannot_score_well() -> None:
    thin = run(THIN)

    assert thin.facts.words < 60
    assert thin.overall_score < 60
    assert thin.sub_scores.impact < 50  # one bullet is not a record of impact
    assert any(p.code == "cap.few_statements" for p in thin.penalties)


def test_filler_never_buys_points_on_a_thin_resume() -> None:
    cut = "• Cut checkout latency by 38% by redesigning the payment service cache in Redis"
    padded = swap(cut, cut + ", a strong work ethic throughout, as a hard-working self-starter",
                  THIN)  # fmt: skip

    before, after = run(THIN), run(padded)

    assert after.facts.words > before.facts.words
    assert after.overall_score <= before.overall_score


def test_each_good_bullet_added_to_a_thin_resume_raises_its_score() -> None:
    scores = []
    text = THIN
    for bullet in MORE:
        scores.append(run(text).overall_score)
        text = swap("Education\n", f"{bullet}\nEducation\n", text)
    scores.append(run(text).overall_score)

    assert scores == sorted(scores) and scores[-1] > scores[0] + 10, scores
