"""Never cache a failure: which reviews the review cache may keep.

The cache exists so that the same resume does not pay for the same good review twice. A
review the model did not really give is no such review: when its answer was discarded (an
unusable answer after the repair, a refusal) or degraded (everything the model said was
dropped by grounding), the person got the analyzer's feedback alone, and the next run of
the same resume asks the model again (within the worker's retry and breaker rules).
"""

from __future__ import annotations

from resumeroast.core.feedback import Feedback, Source


def ai_contributed(feedback: Feedback) -> bool:
    """Something the model said reached the person."""
    items = (feedback.findings, feedback.rewrites, feedback.section_notes)
    return any(item.source is Source.AI for kind in items for item in kind)


def worth_caching(feedback: Feedback) -> bool:
    """A review the model gave: not discarded, and not one whose every item was dropped."""
    review = feedback.review
    if review.ai_review_discarded:
        return False
    dropped = review.dropped_quotes or review.dropped_rewrites
    return ai_contributed(feedback) or not dropped
