"""Shared first step of every reviewer: screen for prompt injection, score the clean resume."""

from __future__ import annotations

from dataclasses import dataclass

from resumeroast.core.analysis import Analysis, analyze
from resumeroast.core.feedback import Feedback, ReviewInfo
from resumeroast.core.review.injection import Screened, red_flag, screen
from resumeroast.ports import ReviewRequest

INJECTION_NOTE = (
    "Text that tries to instruct an AI reviewer was found in the resume; it was ignored "
    "and reported as a red flag."
)


@dataclass(frozen=True)
class Prepared:
    screened: Screened
    analysis: Analysis  #: of the resume without the injected text


def prepare(request: ReviewRequest) -> Prepared:
    screened = screen(request.document)
    if not screened.detected:
        return Prepared(screened, request.analysis)
    # Score the resume as if the injected text were not there: same scores as without it,
    # and as of the same day the request's analysis used ("Present" means that day).
    analysis = analyze(
        screened.document, job_description=request.job_description, as_of=request.analysis.as_of
    )
    return Prepared(screened, analysis)


def flag_injection(feedback: Feedback, screened: Screened) -> Feedback:
    """Add the red flag and the note; a no-op for a clean resume."""
    if not screened.detected:
        return feedback
    review: ReviewInfo = feedback.review.model_copy(
        update={"injection_detected": True, "notes": [*feedback.review.notes, INJECTION_NOTE]}
    )
    return feedback.model_copy(
        update={"findings": [red_flag(screened.attempts), *feedback.findings], "review": review}
    )
