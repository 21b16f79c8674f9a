"""One review, not two lists: findings and rewrites about the same statement merge."""

from __future__ import annotations

from typing import Any

from resumeroast.core.analysis import analyze
from resumeroast.core.feedback import Evidence, Feedback, Finding, Level, Severity, Source
from resumeroast.core.review.answer import LLMAnswer
from resumeroast.core.review.dedupe import Statements, merge_findings
from resumeroast.core.review.merge import (
    Grounded,
    GroundingContext,
    ground_answer,
    grounding_notes,
    merged_feedback,
)
from tests.support.llm_resumes import from_text

RESUME = """Sam Doe
sam@example.test
Experience
Store Manager, Acme Retail, 2019 - 2023
- Responsible for helping customers
- Worked on various projects with the team and onboarded 400+ accounts in 6 weeks across
  three regions while keeping churn low
- Did tasks as assigned by the manager
Education
BSc Business, 2018
"""
HELPING = "Responsible for helping customers"
LONG = "Worked on various projects with the team and onboarded 400+ accounts in 6 weeks"
NO_OUTCOME = {
    "severity": "warning",
    "category": "impact",
    "message": "Lists what the job was with no outcome for the customers helped",
    "quote": HELPING,
    "fix": "Say how many customers and what changed",
}


def _review(**answer: Any) -> tuple[Feedback, Grounded]:
    base: dict[str, Any] = {
        "verdict": "Duties, not results: the one real figure is buried.",
        "findings": [],
        "section_notes": [],
        "rewrites": [],
        "score_adjustments": [],
    }
    document = from_text(RESUME)
    analysis = analyze(document)
    context = GroundingContext.of(document.lines, analysis, {}, document.text)
    grounded = ground_answer(LLMAnswer.model_validate({**base, **answer}), context)
    return merged_feedback(analysis, Level.HONEST, grounded), grounded


def _line_problem_pairs(feedback: Feedback) -> list[tuple[int | None, str]]:
    return [(e.line, f.code) for f in feedback.findings for e in f.evidence]


def test_a_model_finding_about_an_analyzer_problem_merges_into_one() -> None:
    feedback, _ = _review(findings=[NO_OUTCOME])
    about_helping = [
        f
        for f in feedback.findings
        if f.category == "impact" and any(e.line == 5 for e in f.evidence)
    ]
    assert len(about_helping) == 1
    merged = about_helping[0]
    assert merged.code == "impact.unquantified_bullets"  # the analyzer's check
    assert merged.message.startswith(NO_OUTCOME["message"])  # the model's wording
    assert "2 of 3" in merged.message  # the analyzer's counts
    assert {e.line for e in merged.evidence} == {5, 8}  # the analyzer's evidence kept
    assert merged.source is Source.AI and merged.fix == NO_OUTCOME["fix"]
    pairs = _line_problem_pairs(feedback)
    assert len(pairs) == len(set(pairs))


def test_a_different_problem_on_the_same_line_stays_its_own_finding() -> None:
    split = {
        "severity": "info",
        "category": "clarity",
        "message": "This bullet buries its result; split it into 2-3 bullets",
        "quote": LONG,
        "fix": "Lead with the 400+ accounts",
    }
    feedback, _ = _review(findings=[split])
    weak_opener = next(f for f in feedback.findings if f.code == "verbs.weak_opener")
    assert weak_opener.source is Source.ANALYZER
    assert any(f.code == "ai.clarity" and f.message == split["message"] for f in feedback.findings)


def test_the_model_saying_the_same_thing_twice_about_a_statement_is_shown_once() -> None:
    again = {**NO_OUTCOME, "message": "No result for the customers you helped", "quote": "helping"}
    again["quote"] = "for helping customers"
    feedback, _ = _review(findings=[NO_OUTCOME, again])
    assert sum(1 for f in feedback.findings if f.source is Source.AI) == 1


def test_one_rewrite_per_line_the_models_when_it_passes() -> None:
    rewrites = [
        {"original": HELPING, "improved": "Helped customers resolve [N] issues a week", "why": "x"},
        # Invents a title: dropped, so the analyzer's mechanical rewrite of that line stays.
        {
            "original": "Did tasks as assigned",
            "improved": "Did tasks as shift supervisor",
            "why": "y",
        },
    ]
    feedback, _ = _review(rewrites=rewrites)
    by_line: dict[int | None, list[Any]] = {}
    for rewrite in feedback.rewrites:
        by_line.setdefault(rewrite.line, []).append(rewrite)
    assert all(len(items) == 1 for items in by_line.values())
    assert by_line[5][0].source is Source.AI
    assert by_line[5][0].improved.startswith("Helped customers resolve")


def test_a_rewrite_keeping_figures_from_later_in_the_statement_passes() -> None:
    cut = LONG + " across thr"  # a quote cut at its bound, mid-word
    improved = "Onboarded 400+ accounts in 6 weeks across three regions while keeping churn low"
    feedback, grounded = _review(rewrites=[{"original": cut, "improved": improved, "why": "x"}])
    assert grounded.dropped_rewrites == 0
    shown = next(r for r in feedback.rewrites if r.source is Source.AI)
    assert shown.improved == improved and shown.line == 6
    assert shown.original.endswith("while keeping churn low")  # the whole statement
    assert not any("added facts" in note for note in grounding_notes(grounded))


def test_a_rewrite_inventing_a_number_still_fails_and_the_note_names_it() -> None:
    improved = "Onboarded 400+ accounts in 6 weeks for 50+ clients"
    _, grounded = _review(rewrites=[{"original": LONG, "improved": improved, "why": "x"}])
    assert grounded.rewrites == [] and grounded.dropped_rewrites == 1
    (note,) = grounding_notes(grounded)
    assert "added facts" in note and "numbers 50" in note


def test_a_rewrite_of_a_line_not_in_the_resume_is_not_said_to_add_facts() -> None:
    rewrite = {"original": "Managed a budget of $4M", "improved": "Ran a $4M budget", "why": "x"}
    _, grounded = _review(rewrites=[rewrite])
    (note,) = [n for n in grounding_notes(grounded) if "rewrite" in n]
    assert "not in your resume" in note and "added facts" not in note


def test_a_merged_finding_gives_up_borrowed_lines_another_finding_of_its_kind_cites() -> None:
    def finding(code: str, lines: list[int], message: str = "x") -> Finding:
        evidence = [Evidence(quote=f"line {n} text", line=n) for n in lines]
        return Finding(
            code=code,
            severity=Severity.WARNING,
            category="language",
            message=message,
            evidence=evidence,
        )

    cliche = finding("language.cliche", [5], "Clichés recruiters skip over: 'critical thinker'.")
    first = finding("language.first_person", [9, 5, 12], "First-person words on 3 lines.")
    ai = finding("ai.language", [9], "Written in the first person, with no contribution.")
    ai = ai.model_copy(update={"source": Source.AI})
    merged = merge_findings([cliche, first], [ai], Statements((), {}))
    [mine] = [f for f in merged if f.source is Source.AI]
    assert mine.code == "language.first_person" and "first person" in mine.message
    assert [e.line for e in mine.evidence] == [9, 12]  # line 5 is the cliché finding's
    assert "3 lines" in mine.message  # the analyzer's count stays
    assert [e.line for e in merged[0].evidence] == [5]
    # Without another finding of its kind on the line, the borrowed line stays.
    alone = merge_findings([first], [ai], Statements((), {}))
    assert [e.line for e in alone[0].evidence] == [9, 5, 12]
