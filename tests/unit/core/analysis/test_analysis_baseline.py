"""The clean baseline resume really is clean: every other test changes one thing in it."""

from __future__ import annotations

from tests.unit.core.analysis.analysis_helpers import GOOD, run


def test_the_baseline_has_no_findings_and_scores_high() -> None:
    analysis = run(GOOD)

    assert [f.code for f in analysis.findings] == []
    assert analysis.overall_score >= 90


def test_the_baseline_is_read_as_the_person_wrote_it() -> None:
    analysis = run(GOOD)

    assert [s.kind for s in analysis.sections] == [
        "header", "summary", "experience", "projects", "education", "skills",
        "certifications", "awards", "languages", "interests",
    ]  # fmt: skip
    jobs = [r for r in analysis.roles if r.section == "experience"]
    assert [r.employer for r in jobs] == ["Acme Payments", "Northwind Data"]
    assert [r.title for r in jobs] == ["Senior Software Engineer", "Software Engineer"]
    assert analysis.facts.bullets == 8
    assert analysis.facts.quantified_bullets == 8
    assert analysis.facts.years_experience is not None
    assert 8 <= analysis.facts.years_experience <= 8.5
