"""Documents with no text to read: the review stops at one clear finding."""

from __future__ import annotations

from datetime import date

from resumeroast.core.analysis.checks.base import CRITICAL, finding
from resumeroast.core.analysis.model import ANALYZER_VERSION, Analysis
from resumeroast.core.documents import Document, LayoutFacts
from resumeroast.core.feedback import DocumentFacts, Finding, SubScores

MIN_WORDS = 1


def is_unreadable(document: Document) -> bool:
    words = sum(len(line.text.split()) for line in document.lines)
    return words < MIN_WORDS


def no_text_finding(layout: LayoutFacts) -> Finding:
    pages = layout.image_only_pages or tuple(range(1, layout.pages + 1))
    where = "every page" if len(pages) >= layout.pages else f"page {', '.join(map(str, pages))}"
    return finding(
        "ats.no_text",
        CRITICAL,
        f"No extractable text on {where}: this is a picture of a resume. An ATS sees a blank "
        "page, and so did this review, which stops here.",
        "Export the resume as a text-based PDF or DOCX from the program you wrote it in "
        "(not a scan, not 'Print to image'), then upload it again.",
    )


def unreadable_analysis(layout: LayoutFacts, as_of: date) -> Analysis:
    zero = SubScores(impact=0, clarity=0, ats=0, completeness=0)
    return Analysis(
        facts=DocumentFacts(pages=layout.pages),
        findings=(no_text_finding(layout),),
        sub_scores=zero,
        overall_score=0,
        version=ANALYZER_VERSION,
        as_of=as_of,
        readable=False,
    )
