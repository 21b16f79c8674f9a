"""Score adjustments: each grounded reason is a step, several reasons several steps, never
past how far the analyzer's measure can be wrong, never past the analyzer's caps."""

from __future__ import annotations

from resumeroast.core.analysis.scoring import weighted_overall
from resumeroast.core.feedback import Evidence, Finding, Severity, Source, SubScores
from resumeroast.core.review.adjustments import (
    MEASURE_BOUND,
    OVERALL_BOUND,
    STEP,
    ScoreReason,
    apply_reasons,
    problem_reasons,
)

SUB = SubScores(impact=50, clarity=60, ats=90, completeness=80)
OVERALL = weighted_overall(SUB)  #: the weighted sum of SUB (docs/scoring.md): no cap


def _reason(name: str, direction: int, n: int) -> ScoreReason:
    return ScoreReason(name, direction, f"reason {n}", Evidence(quote=f"quote {n}", line=n))


def test_each_reason_is_one_step_and_is_shown_with_its_quote() -> None:
    reasons = [_reason("impact", 1, 1), _reason("impact", 1, 2), _reason("clarity", -1, 3)]
    sub, overall, notes = apply_reasons(SUB, OVERALL, reasons)
    assert (sub.impact, sub.clarity) == (SUB.impact + 2 * STEP, SUB.clarity - STEP)
    assert [(n.sub_score, n.change, n.reason, n.quote) for n in notes] == [
        ("impact", STEP, "reason 1", "quote 1"),
        ("impact", STEP, "reason 2", "quote 2"),
        ("clarity", -STEP, "reason 3", "quote 3"),
    ]
    expected = 0.35 * (50 + 2 * STEP) + 0.25 * (60 - STEP) + 0.2 * 90 + 0.2 * 80
    assert overall == round(expected)


def test_reasons_past_the_measures_bound_are_not_applied() -> None:
    many = [_reason(name, 1, n) for name in MEASURE_BOUND for n in range(10)]
    sub, overall, notes = apply_reasons(SUB, OVERALL, many)
    for name in ("impact", "clarity", "ats", "completeness"):
        moved = getattr(sub, name) - getattr(SUB, name)
        assert 0 < moved <= MEASURE_BOUND[name]
    assert sum(n.change for n in notes if n.sub_score == "impact") == MEASURE_BOUND["impact"]
    assert 0 < overall - OVERALL <= OVERALL_BOUND
    # ats starts at 90: one step reaches 100; the steps past the bound are not shown.
    assert sub.ats == 100 and [n.change for n in notes if n.sub_score == "ats"] == [10]


def test_a_step_against_a_score_already_at_its_end_is_shown_moving_nothing() -> None:
    floored = SubScores(impact=50, clarity=60, ats=90, completeness=0)
    sub, _, notes = apply_reasons(
        floored, weighted_overall(floored), [_reason("completeness", -1, 1)]
    )
    assert sub.completeness == 0
    assert [(n.sub_score, n.change, n.reason) for n in notes] == [("completeness", 0, "reason 1")]


def test_the_bound_is_on_the_net_move_in_either_direction() -> None:
    down = [_reason("clarity", -1, n) for n in range(10)]
    sub, _, _ = apply_reasons(SUB, OVERALL, down)
    assert sub.clarity == SUB.clarity - MEASURE_BOUND["clarity"]
    mixed = [_reason("clarity", 1, 1), _reason("clarity", -1, 2), _reason("clarity", -1, 3)]
    assert apply_reasons(SUB, OVERALL, mixed)[0].clarity == SUB.clarity - STEP


def test_no_adjustment_lifts_the_overall_score_past_the_analyzers_cap() -> None:
    capped = 40  #: e.g. a critical finding or template text held the overall at 40
    raised = [_reason(name, 1, n) for name in ("impact", "clarity") for n in range(3)]
    sub, overall, _ = apply_reasons(SUB, capped, raised)
    assert sub.impact > SUB.impact and overall == capped
    lowered = [_reason(name, -1, n) for name in ("impact", "clarity") for n in range(3)]
    assert apply_reasons(SUB, capped, lowered)[1] <= capped


def test_under_a_cap_a_lowering_reason_still_lowers_the_overall() -> None:
    capped = 40
    lowered = [_reason("impact", -1, 1), _reason("clarity", -1, 1)]
    _, overall, _ = apply_reasons(SUB, capped, lowered)
    assert overall == capped - round(0.35 * STEP + 0.25 * STEP)
    # Up and down under a cap: the net change, never above the cap.
    mixed = [_reason("impact", 1, 1), _reason("impact", 1, 2), _reason("clarity", -1, 1)]
    assert apply_reasons(SUB, capped, mixed)[1] == capped


def test_a_job_match_score_is_moved_only_when_there_is_one() -> None:
    sub, _, notes = apply_reasons(SUB, OVERALL, [_reason("job_match", 1, 1)])
    assert sub.job_match is None and notes == []


def test_the_same_reasons_give_the_same_scores() -> None:
    reasons = [_reason(name, (-1) ** n, n) for n in range(8) for name in MEASURE_BOUND]
    assert apply_reasons(SUB, OVERALL, reasons) == apply_reasons(SUB, OVERALL, reasons)


def test_the_overall_bound_is_what_the_sub_score_bounds_allow() -> None:
    assert OVERALL_BOUND == 19  # 0.30*20 + 0.20*20 + 0.15*10 + 0.20*20 + 0.15*20, with a job ad


def _ai_finding(code: str, severity: Severity, category: str, quote: str) -> Finding:
    return Finding(
        code=code,
        severity=severity,
        category=category,
        message=f"{category} problem at {quote}",
        evidence=[Evidence(quote=quote, line=1)],
        source=Source.AI,
    )


def test_a_problem_only_the_model_found_lowers_its_sub_score() -> None:
    findings = [
        _ai_finding("ai.completeness", Severity.CRITICAL, "completeness", "From: 2012 - Present"),
        _ai_finding("ai.language", Severity.WARNING, "language", "I was instrumental"),
        _ai_finding("ai.clarity", Severity.INFO, "clarity", "Minor polish"),
        # merged with an analyzer finding: the analyzer's score already counts it
        _ai_finding("bullets.no_metrics", Severity.WARNING, "impact", "Managed the store"),
    ]
    reasons = problem_reasons(findings, [])
    assert [(r.sub_score, r.direction, r.steps) for r in reasons] == [
        ("completeness", -1, 2),
        ("clarity", -1, 1),
    ]
    sub, overall, notes = apply_reasons(SUB, OVERALL, reasons)
    assert sub.completeness == SUB.completeness - 2 * STEP
    assert sub.clarity == SUB.clarity - STEP and sub.impact == SUB.impact
    assert overall < OVERALL
    assert [n.reason for n in notes] == [f.message for f in findings[:2]]


def test_a_problem_the_model_also_adjusted_for_counts_once() -> None:
    explicit = [ScoreReason("completeness", -1, "No line on the current job", _quote("From"))]
    findings = [_ai_finding("ai.completeness", Severity.WARNING, "completeness", "From")]
    assert problem_reasons(findings, explicit) == []


def _quote(text: str) -> Evidence:
    return Evidence(quote=text, line=1)
