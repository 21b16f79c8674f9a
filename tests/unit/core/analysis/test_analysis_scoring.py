"""Scores: deterministic, documented, capped, and monotone (fixing a problem never lowers one)."""

from __future__ import annotations

import pytest

from resumeroast.core.analysis.scoring import WEIGHTS, score
from resumeroast.core.feedback import DocumentFacts
from tests.unit.core.analysis.analysis_helpers import GOOD, run, swap

#: (a problem, the same resume with it fixed), one per kind of finding that touches a score.
BROKEN_AND_FIXED = [
    ("• Responsible for migrating services to Kubernetes",
     "• Migrated services to Kubernetes"),
    ("• Migrated services from a monolith to Kubernetes",
     "• Migrated 40 services from a monolith to Kubernetes"),
    ("• A hard-working team player who migrated 40 services to Kubernetes",
     "• Migrated 40 services to Kubernetes"),
    ("• I migrated 40 services to Kubernetes and I owned the rollout",
     "• Migrated 40 services to Kubernetes and owned the rollout"),
    ("• Migrated 40 servcies from a monolith to Kubernetes",
     "• Migrated 40 services from a monolith to Kubernetes"),
    ("• Migrated 40 services from a a monolith to Kubernetes",
     "• Migrated 40 services from a monolith to Kubernetes"),
    ("• Migrated 40 services",
     "• Migrated 40 services from a monolith to Kubernetes with zero downtime"),
    ("• 40 services were migrated to Kubernetes by the team",
     "• Migrated 40 services to Kubernetes"),
]  # fmt: skip
MIGRATED = "• Migrated 40 services from a monolith to Kubernetes with zero customer downtime"


def _scores(text: str) -> tuple[int, ...]:
    analysis = run(text)
    sub = analysis.sub_scores
    return analysis.overall_score, sub.impact, sub.clarity, sub.ats, sub.completeness


@pytest.mark.parametrize(("broken", "fixed"), BROKEN_AND_FIXED)
def test_fixing_a_problem_never_lowers_any_score(broken: str, fixed: str) -> None:
    broken_run, fixed_run = run(swap(MIGRATED, broken)), run(swap(MIGRATED, fixed))
    before = _scores(swap(MIGRATED, broken))
    after = _scores(swap(MIGRATED, fixed))

    assert len(fixed_run.findings) < len(broken_run.findings)  # the pair really fixes something
    assert all(a >= b for a, b in zip(after, before, strict=True)), (before, after)


@pytest.mark.parametrize(
    ("old", "new"),
    [("jane.smith@example.com | ", ""), ("Education\n", "Schooling Notes\n"),
     ("Mar 2017 - Dec 2020", "Mar 2017 - Oct 2019")],
)  # fmt: skip
def test_adding_a_problem_never_raises_a_score(old: str, new: str) -> None:
    before = _scores(GOOD)
    after = _scores(swap(old, new))

    assert all(a <= b for a, b in zip(after, before, strict=True))
    assert after[0] < before[0]


def test_the_same_resume_always_gets_the_same_result() -> None:
    first, second = run(GOOD, job="Python and Kafka"), run(GOOD, job="Python and Kafka")

    assert first == second


def test_overall_is_the_documented_weighted_mean_of_the_sub_scores() -> None:
    analysis = run(swap(MIGRATED, "• Responsible for migrating services"))
    sub = analysis.sub_scores.model_dump()

    expected = round(sum(weight * sub[name] for name, weight in WEIGHTS.items()))

    assert analysis.overall_score == expected
    assert sum(p.points for p in analysis.penalties if p.score == "clarity") == 100 - sub["clarity"]


def test_nothing_to_show_caps_the_overall_score() -> None:
    facts = DocumentFacts(bullets=0)

    result = score((), facts, job_score=100)

    assert result.overall <= 40
    assert any(p.code == "cap.no_bullets" for p in result.penalties)
