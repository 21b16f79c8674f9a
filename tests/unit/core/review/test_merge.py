"""The model's answer, grounded and merged: bounded scores, nothing unverified shown."""

from __future__ import annotations

from typing import Any

from resumeroast.core.analysis import analyze, render_feedback
from resumeroast.core.feedback import Level, Source
from resumeroast.core.review.answer import LLMAnswer
from resumeroast.core.review.grounding import QuoteIndex
from resumeroast.core.review.merge import (
    SCORE_STEP,
    GroundingContext,
    ground_answer,
    merged_feedback,
)
from tests.support.llm_resumes import from_text

WEAK_RESUME = """
Sam Doe
Experience
- Responsible for helping customers
- Worked on various projects with the team
- Did tasks as assigned by the manager
Education
High school
"""
LINE = "Worked on various projects with the team"


def _answer(**changes: Any) -> LLMAnswer:
    base: dict[str, Any] = {
        "verdict": "Vague duties everywhere; nothing a recruiter can measure.",
        "findings": [],
        "section_notes": [],
        "rewrites": [],
        "score_adjustments": [],
    }
    return LLMAnswer.model_validate({**base, **changes})


def _raise_everything(quote: str) -> list[dict[str, str]]:
    return [
        {"sub_score": name, "direction": "raise", "quote": quote, "reason": "because I was told to"}
        for name in ("impact", "clarity", "ats", "completeness", "job_match")
    ]


def _context(text: str, placeholders: dict[str, str] | None = None) -> GroundingContext:
    document = from_text(text)
    return GroundingContext(QuoteIndex(document.lines), placeholders or {}, document.text)


def test_a_model_cannot_lift_a_weak_resume_beyond_the_bound() -> None:
    document = from_text(WEAK_RESUME)
    analysis = analyze(document)
    answer = _answer(
        verdict="Outstanding candidate, easily 95/100.",
        score_adjustments=_raise_everything(LINE)[:4],
    )
    grounded = ground_answer(answer, _context(WEAK_RESUME))
    feedback = merged_feedback(analysis, Level.HONEST, grounded)
    assert feedback.overall_score <= analysis.overall_score + SCORE_STEP
    assert feedback.overall_score < 60
    for name in ("impact", "clarity", "ats", "completeness"):
        before = getattr(analysis.sub_scores, name)
        assert before <= getattr(feedback.sub_scores, name) <= before + SCORE_STEP
    assert "95" not in feedback.verdict  # a verdict naming a score the resume never earned


def test_moves_need_a_quote_that_is_in_the_resume() -> None:
    answer = _answer(score_adjustments=_raise_everything("Led 40 engineers at Google")[:4])
    grounded = ground_answer(answer, _context(WEAK_RESUME))
    assert grounded.reasons == []
    assert grounded.dropped_quotes == 4


def test_the_same_quote_twice_for_one_sub_score_is_one_reason() -> None:
    moves = [
        {"sub_score": "impact", "direction": "raise", "quote": LINE, "reason": "a team effort"},
        {"sub_score": "impact", "direction": "raise", "quote": LINE, "reason": "b team effort"},
        {"sub_score": "clarity", "direction": "lower", "quote": LINE, "reason": "vague duty text"},
    ]
    grounded = ground_answer(_answer(score_adjustments=moves), _context(WEAK_RESUME))
    assert [(r.sub_score, r.direction, r.reason) for r in grounded.reasons] == [
        ("impact", 1, "a team effort"),
        ("clarity", -1, "vague duty text"),
    ]


def test_a_reason_that_says_nothing_moves_nothing() -> None:
    moves = [{"sub_score": "impact", "direction": "raise", "quote": LINE, "reason": "x 1"}]
    grounded = ground_answer(_answer(score_adjustments=moves), _context(WEAK_RESUME))
    assert grounded.reasons == []


def test_each_applied_reason_is_shown_beside_its_sub_score() -> None:
    analysis = analyze(from_text(WEAK_RESUME))
    moves = [
        {"sub_score": "clarity", "direction": "lower", "quote": LINE, "reason": "vague duty text"}
    ]
    grounded = ground_answer(_answer(score_adjustments=moves), _context(WEAK_RESUME))
    feedback = merged_feedback(analysis, Level.HONEST, grounded)
    assert feedback.sub_scores.clarity == analysis.sub_scores.clarity - SCORE_STEP
    [note] = feedback.score_notes
    assert (note.sub_score, note.change, note.reason) == ("clarity", -SCORE_STEP, "vague duty text")
    assert note.quote == LINE and note.line == 4 and note.source is Source.AI


def test_findings_are_shown_only_with_a_verified_quote_in_the_resumes_own_words() -> None:
    findings = [
        {
            "severity": "warning",
            "category": "impact",
            "message": "A duty, not a result.",
            "quote": "worked on VARIOUS projects, with the team",
            "fix": "Say what changed because of you.",
        },
        {
            "severity": "critical",
            "category": "impact",
            "message": "Impressive scale.",
            "quote": "Managed a budget of $4M",
            "fix": "Keep it.",
        },
    ]
    grounded = ground_answer(_answer(findings=findings), _context(WEAK_RESUME))
    assert [f.message for f in grounded.findings] == ["A duty, not a result."]
    shown = grounded.findings[0]
    assert shown.source is Source.AI
    assert shown.evidence[0].quote == LINE and shown.evidence[0].line == 4
    assert (grounded.verified_quotes, grounded.dropped_quotes) == (1, 1)


def test_rewrites_that_invent_facts_are_dropped_and_counted() -> None:
    rewrites = [
        {"original": LINE, "improved": "Delivered projects with the team", "why": "Active."},
        {"original": LINE, "improved": "Led 12 projects at Google", "why": "Bigger."},
        {"original": "Built a rocket ship", "improved": "Built a faster rocket ship", "why": "x"},
    ]
    grounded = ground_answer(_answer(rewrites=rewrites), _context(WEAK_RESUME))
    assert [r.improved for r in grounded.rewrites] == ["Delivered projects with the team"]
    assert grounded.rewrites[0].original == LINE and grounded.rewrites[0].line == 4
    assert grounded.dropped_rewrites == 2


def test_a_rewrite_that_changes_nothing_is_dropped() -> None:
    rewrites = [{"original": LINE, "improved": LINE.lower() + ".", "why": "Same."}]
    grounded = ground_answer(_answer(rewrites=rewrites), _context(WEAK_RESUME))
    assert grounded.rewrites == [] and grounded.dropped_rewrites == 1


def test_a_verdict_that_says_nothing_or_invents_numbers_falls_back_to_the_analyzers() -> None:
    analysis = analyze(from_text(WEAK_RESUME))
    analyzers_verdict = render_feedback(analysis, Level.HONEST).verdict
    for verdict in ("100", "Great!", "Twelve years at Google and 15 promotions."):
        grounded = ground_answer(_answer(verdict=verdict), _context(WEAK_RESUME))
        assert grounded.verdict is None
        assert merged_feedback(analysis, Level.HONEST, grounded).verdict == analyzers_verdict
    kept = ground_answer(_answer(), _context(WEAK_RESUME))
    assert merged_feedback(analysis, Level.HONEST, kept).verdict == _answer().verdict


def test_redacted_details_are_restored_in_what_is_shown() -> None:
    text = "Sam Doe\nsam@example.test\nWorked on various projects with the team"
    notes = [{"section": "contact", "note": "Use a better address than [EMAIL_1]."}]
    grounded = ground_answer(
        _answer(section_notes=notes), _context(text, {"[EMAIL_1]": "sam@example.test"})
    )
    assert grounded.section_notes[0].note == "Use a better address than sam@example.test."


def test_remarks_that_say_nothing_are_not_shown() -> None:
    """What a small model writes when it has nothing to say: digits and single words."""
    answer = _answer(
        findings=[
            {
                "severity": "critical",
                "category": "impact",
                "message": "impact",
                "quote": LINE,
                "fix": "impact",
            }
        ],
        section_notes=[{"section": "1", "note": "1"}],
        rewrites=[{"original": LINE, "improved": "1", "why": "1"}],
    )
    grounded = ground_answer(answer, _context(WEAK_RESUME))
    assert (grounded.findings, grounded.section_notes, grounded.rewrites) == ([], [], [])
    assert grounded.dropped_rewrites == 1
