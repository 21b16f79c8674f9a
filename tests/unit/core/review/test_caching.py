"""Never cache a failure: which reviews the review cache keeps."""

from __future__ import annotations

from resumeroast.core.feedback import Feedback, Finding, ReviewInfo, Severity, Source, SubScores
from resumeroast.core.review.caching import worth_caching

_AI = Finding(
    code="ai.impact", severity=Severity.WARNING, category="impact", message="m", source=Source.AI
)
_ANALYZER = Finding(code="impact.x", severity=Severity.WARNING, category="impact", message="m")


def _feedback(findings: list[Finding], **review: object) -> Feedback:
    return Feedback(
        overall_score=50,
        verdict="v",
        sub_scores=SubScores(impact=50, clarity=50, ats=50, completeness=50),
        findings=findings,
        review=ReviewInfo(reviewer="openai", **review),  # type: ignore[arg-type]
    )


def test_a_review_the_model_gave_is_cached() -> None:
    assert worth_caching(_feedback([_ANALYZER, _AI], dropped_quotes=1))
    assert worth_caching(_feedback([_ANALYZER]))  # nothing to add, nothing dropped: its verdict


def test_a_discarded_review_is_not_cached() -> None:
    assert not worth_caching(_feedback([_ANALYZER], ai_review_discarded=True))


def test_a_review_whose_every_item_was_dropped_is_not_cached() -> None:
    assert not worth_caching(_feedback([_ANALYZER], dropped_quotes=3, dropped_rewrites=2))
