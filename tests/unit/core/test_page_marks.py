"""Marks on the person's own pages: each quoted line lands where it is on the page image."""

from __future__ import annotations

from resumeroast.core.documents import Box, Document, DocumentKind, LayoutFacts, Line
from resumeroast.core.feedback import (
    Evidence,
    Feedback,
    Finding,
    MarkArea,
    Severity,
    SubScores,
)
from resumeroast.core.page_marks import (
    BOX_PADDING_PT,
    PageSize,
    page_marks,
    to_area,
    with_marks,
)

LETTER = PageSize(width=612.0, height=792.0)


def finding(*lines: int | None) -> Finding:
    return Finding(
        code="impact.unquantified_bullets",
        severity=Severity.WARNING,
        category="impact",
        message="No numbers",
        evidence=[Evidence(quote=f"quote {n}", line=n) for n in lines],
    )


def pdf_lines() -> list[Line]:
    return [
        Line(number=1, text="Ada Lovelace", page=1, box=Box(72, 72, 300, 90)),
        Line(number=2, text="Led the team", page=1, box=Box(72, 396, 540, 408)),
        Line(number=3, text="Wrote code", page=2, box=Box(306, 100, 400, 112)),
    ]


def test_a_pdf_line_becomes_fractions_of_its_page_so_any_image_size_fits() -> None:
    marks = page_marks([finding(2)], pdf_lines(), {1: LETTER})

    assert len(marks) == 1
    area = marks[0].area
    assert area is not None
    assert marks[0].page == 1 and marks[0].line == 2
    assert abs(area.left - (72 - BOX_PADDING_PT) / 612) < 1e-3
    assert abs(area.top - (396 - BOX_PADDING_PT) / 792) < 1e-3
    # the box is the line's: about half the page down, most of its width
    assert 0.49 < area.top < 0.5
    assert 0.76 < area.width < 0.78


def test_every_quote_of_every_finding_is_marked_on_its_own_page_in_order() -> None:
    marks = page_marks([finding(1), finding(3, 2)], pdf_lines(), {1: LETTER, 2: LETTER})

    assert [(m.finding, m.evidence, m.page, m.line) for m in marks] == [
        (0, 0, 1, 1),
        (1, 0, 2, 3),
        (1, 1, 1, 2),
    ]
    assert all(m.area is not None for m in marks)


def test_a_quote_without_a_line_or_with_a_line_the_document_lacks_is_not_marked() -> None:
    assert page_marks([finding(None, 99)], pdf_lines(), {1: LETTER}) == []


def test_text_documents_are_marked_by_line_without_guessing_a_place() -> None:
    lines = [Line(number=1, text="Ada"), Line(number=2, text="Led the team")]

    marks = page_marks([finding(2)], lines)

    assert len(marks) == 1
    assert marks[0].line == 2 and marks[0].page == 1 and marks[0].area is None


def test_a_page_without_a_rendered_image_keeps_its_marks_line_based() -> None:
    marks = page_marks([finding(3)], pdf_lines(), {1: LETTER})

    assert marks[0].page == 2 and marks[0].area is None


def test_a_box_running_off_the_page_is_clipped_and_one_wholly_off_it_is_dropped() -> None:
    clipped = to_area(Box(500, 780, 700, 800), LETTER)
    assert clipped is not None
    assert clipped.left + clipped.width <= 1.0 and clipped.top + clipped.height <= 1.0

    assert to_area(Box(700, 100, 800, 112), LETTER) is None
    assert to_area(Box(72, 72, 300, 90), PageSize(0, 0)) is None


def test_a_landscape_page_uses_its_own_size() -> None:
    area = to_area(Box(396, 306, 792, 318), PageSize(width=792.0, height=612.0))

    assert area is not None
    assert area == MarkArea(
        left=round((396 - BOX_PADDING_PT) / 792, 4),
        top=round((306 - BOX_PADDING_PT) / 612, 4),
        width=round((792 - (396 - BOX_PADDING_PT)) / 792, 4),
        height=round((318 - 306 + 2 * BOX_PADDING_PT) / 612, 4),
    )


def test_the_feedback_carries_a_mark_for_each_quoted_line_of_the_analysed_pdf() -> None:
    document = Document(
        kind=DocumentKind.PDF,
        lines=tuple(pdf_lines()),
        layout=LayoutFacts(pages=2, page_sizes=((612.0, 792.0), (612.0, 792.0))),
    )
    feedback = Feedback(
        overall_score=60,
        verdict="v",
        sub_scores=SubScores(impact=50, clarity=70, ats=80, completeness=60),
        findings=[finding(2, 3)],
    )

    marked = with_marks(feedback, document)

    assert [(m.page, m.line) for m in marked.marks] == [(1, 2), (2, 3)]
    assert all(m.area is not None for m in marked.marks)
    assert marked.findings == feedback.findings


def test_the_feedback_carries_the_resume_to_show_the_marks_on() -> None:
    document = Document(
        kind=DocumentKind.PDF,
        lines=tuple(pdf_lines()),
        layout=LayoutFacts(pages=2, page_sizes=((612.0, 792.0), (612.0, 792.0))),
    )
    feedback = Feedback(
        overall_score=60,
        verdict="v",
        sub_scores=SubScores(impact=50, clarity=70, ats=80, completeness=60),
    )

    marked = with_marks(feedback, document, page_images=2)

    assert marked.resume.page_images == 2
    assert [(line.number, line.page, line.text) for line in marked.resume.lines] == [
        (line.number, line.page, line.text) for line in document.lines
    ]
