"""The deterministic analyzer alone: the default reviewer, no model, nothing to bill."""

from __future__ import annotations

from resumeroast.adapters.llm.screening import flag_injection, prepare
from resumeroast.core.analysis import render_feedback
from resumeroast.core.feedback import Feedback
from resumeroast.ports import ReviewRequest


class BuiltinReviewer:
    identity = "builtin"
    is_billable = False

    def review(self, request: ReviewRequest) -> Feedback:
        prepared = prepare(request)
        feedback = render_feedback(prepared.analysis, request.level)
        return flag_injection(feedback, prepared.screened)

    def close(self) -> None:
        """Nothing to release."""
