"""The CLI speaks like the page: the same band words, the same top fixes, no codes."""

from __future__ import annotations

from rich.console import Console

from resumeroast.api.schemas import JobPublic
from resumeroast.cli.render import render_feedback
from resumeroast.core.feedback import (
    DocumentFacts,
    Evidence,
    Feedback,
    Finding,
    Severity,
    SubScores,
)
from resumeroast.core.top_fixes import top_fixes


def test_the_cli_opens_with_the_top_fixes_in_the_apis_words() -> None:
    unquantified = Finding(
        code="impact.unquantified_bullets",
        severity=Severity.WARNING,
        category="job_match",
        message="24 of 27 bullets have no number.",
        fix="Add the result to each.",
        evidence=[Evidence(quote=f"Did thing {n}", line=n) for n in range(1, 25)],
    )
    feedback = Feedback(
        overall_score=72,
        verdict="72/100 (Getting there). Fix first: numbers.",
        sub_scores=SubScores(impact=40, clarity=80, ats=90, completeness=90),
        findings=[unquantified],
        facts=DocumentFacts(pages=1, words=500, bullets=27, quantified_bullets=3, roles=3),
    )
    top = [t.model_dump(mode="json") for t in top_fixes(feedback)]
    console = Console(record=True, width=120)
    render_feedback(feedback.model_dump(mode="json"), console, top=top)
    text = console.export_text()
    assert "72/100 · Getting there" in text
    assert "Fix these first" in text
    assert "3 of 24 shown" in text
    assert "job_match" not in text and "(Job match)" in text
    assert JobPublic.model_fields["top_fixes"].annotation is not None
