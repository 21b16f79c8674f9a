"""Caps that keep a resume a recruiter would stop reading below a complete one (docs/scoring.md:
placeholders at most 40, under 300 words at most 65, any critical problem at most 50)."""

from __future__ import annotations

from resumeroast.core.analysis.scoring import Statements, score
from resumeroast.core.feedback import DocumentFacts, Finding, Severity
from tests.unit.core.analysis.analysis_helpers import EXTRAS, GOOD, SECOND_ROLE, run, swap

STATEMENTS_OF_FIRST_ROLE = """\
• Cut checkout latency by 38% by redesigning the payment service cache in Redis
• Led a team of 5 engineers that shipped 3 fraud models, blocking $2.1M in losses a year
• Migrated 40 services from a monolith to Kubernetes with zero customer downtime
"""

COMPLETE = DocumentFacts(words=450, bullets=8, quantified_bullets=8)


def _finding(code: str, severity: Severity = Severity.WARNING) -> Finding:
    return Finding(code=code, severity=severity, category=code.split(".")[0], message="m")


def test_any_placeholder_finding_caps_the_score_at_40() -> None:
    clean = score((), COMPLETE, None)
    for code in ("placeholder.filler", "placeholder.some_future_kind"):
        held = score((_finding(code),), COMPLETE, None)

        assert clean.overall == 100
        assert held.overall == 40
        assert ("overall", "cap.placeholder") in {(p.score, p.code) for p in held.penalties}


def test_a_code_that_only_mentions_placeholders_sets_no_cap() -> None:
    held = score((_finding("content.placeholder_like"),), COMPLETE, None)

    assert held.overall == 100


def test_a_critical_problem_caps_the_score_at_50() -> None:
    held = score((_finding("ats.unmappable_fonts", Severity.CRITICAL),), COMPLETE, None)

    assert held.overall == 50


def test_under_300_words_the_score_is_at_most_65() -> None:
    thin = run(swap(EXTRAS, ""))
    complete = run(GOOD)

    assert thin.facts.words < 300 <= complete.facts.words
    assert [f.code for f in thin.findings] == [] and complete.overall_score == 100
    assert thin.overall_score == 65


def test_the_thin_cap_ends_at_300_words() -> None:
    at_300 = score((), DocumentFacts(words=300, bullets=8, quantified_bullets=8), None)
    at_299 = score((), DocumentFacts(words=299, bullets=8, quantified_bullets=8), None)

    assert (at_299.overall, at_300.overall) == (65, 100)


def test_a_role_with_nothing_under_it_caps_the_score_by_the_share_described() -> None:
    """docs/scoring.md: 40 + 60 × share of dated Experience and Projects roles with a statement."""
    for roles, empty, cap in ((3, 1, 80), (2, 1, 70), (5, 3, 64), (4, 4, 40)):
        statements = Statements(total=8, quantified=8, roles=roles, empty_roles=empty)

        assert score((), COMPLETE, None, statements).overall == cap
    assert score((), COMPLETE, None, Statements(8, 8, roles=3, empty_roles=0)).overall == 100


def test_a_bare_role_on_the_page_sets_the_empty_roles_cap() -> None:
    """GOOD has three dated roles (two jobs, one project); leaving a job bare caps it."""
    bare = run(GOOD.replace(SECOND_ROLE, "") + EXTRAS)  # still over 300 words

    assert run(GOOD).overall_score == 100
    assert bare.facts.words >= 300 and bare.overall_score == 80
    assert ("overall", "cap.empty_roles") in {(p.score, p.code) for p in bare.penalties}


def test_describing_one_more_role_lifts_the_empty_roles_cap() -> None:
    both_bare = run(swap(SECOND_ROLE, "", swap(STATEMENTS_OF_FIRST_ROLE, "")))
    one_bare = run(swap(SECOND_ROLE, ""))

    assert both_bare.overall_score < one_bare.overall_score
