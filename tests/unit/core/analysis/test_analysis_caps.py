"""Caps that keep a resume a recruiter would stop reading below a complete one (docs/scoring.md:
placeholders at most 40, under 300 words at most 65, any critical problem at most 50)."""

from __future__ import annotations

from resumeroast.core.analysis.scoring import score
from resumeroast.core.feedback import DocumentFacts, Finding, Severity
from tests.unit.core.analysis.analysis_helpers import EXTRAS, GOOD, run, swap

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
