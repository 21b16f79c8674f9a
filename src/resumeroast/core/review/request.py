"""What a review is asked: the resume screened for injected instructions, analysed once.

The pipeline builds the request in its analyzing step and every reviewer reads it as it is:
the analysis is of the resume *without* the injected text, so a resume that tells the reviewer
what to score gets the scores it would get without it (injection.py), and nothing downstream
runs the analyzer a second time.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from resumeroast.core.analysis import Analysis, analyze, ensure_resume
from resumeroast.core.analysis.resume_like import UPLOAD_INSTEAD
from resumeroast.core.documents import Document
from resumeroast.core.feedback import Level
from resumeroast.core.review.injection import Screened, screen
from resumeroast.errors import NotAResume


@dataclass(frozen=True)
class ReviewRequest:
    document: Document  #: as uploaded, injected text included (the review cache's key reads it)
    screened: Screened  #: the resume without the injected text: what is scored and sent
    analysis: Analysis  #: of screened.document
    job_description: str | None
    level: Level


def prepare_review(
    document: Document,
    *,
    job_description: str | None,
    level: Level,
    as_of: date | None = None,
) -> ReviewRequest:
    """Screen, then analyse the clean resume as of `as_of` (the day "Present" means)."""
    screened = screen(document)
    analysis = analyze(screened.document, job_description=job_description, as_of=as_of)
    return ReviewRequest(document, screened, analysis, job_description, level)


def ensure_reviewable(request: ReviewRequest) -> None:
    """Raise NotAResume for a poem, a letter … (analysis.ensure_resume, on the clean resume),
    and for an upload that held nothing but instructions to an AI reviewer: screening leaves
    no text, which the analyzer alone would take for an unreadable scan."""
    if request.document.lines and not request.screened.document.lines:
        raise NotAResume(
            "not a resume: nothing but instructions to an AI reviewer",
            user_message="This does not look like a resume: it holds nothing but instructions "
            f"to an AI reviewer. {UPLOAD_INSTEAD}",
        )
    ensure_resume(request.screened.document, request.analysis)
