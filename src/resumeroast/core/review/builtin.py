"""The deterministic analyzer alone: the default reviewer, no model, nothing to bill."""

from __future__ import annotations

from resumeroast.core.analysis import render_feedback
from resumeroast.core.feedback import Feedback
from resumeroast.core.review.injection import flag_injection
from resumeroast.core.review.request import ReviewRequest


class BuiltinReviewer:
    identity = "builtin"
    is_billable = False

    def review(self, request: ReviewRequest) -> Feedback:
        feedback = render_feedback(request.analysis, request.level)
        return flag_injection(feedback, request.screened)

    def close(self) -> None:
        """Nothing to release."""
