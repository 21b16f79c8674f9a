"""ATS readiness: layouts that scramble reading order, odd headings, contact in page margins."""

from __future__ import annotations

from resumeroast.core.analysis.checks.base import (
    CRITICAL,
    INFO,
    WARNING,
    Context,
    cite,
    finding,
    plural,
)
from resumeroast.core.analysis.text import ODD_GLYPHS
from resumeroast.core.feedback import Finding

MIN_WORDS = 100
#: more than this share of the words only in text boxes: many ATS see a near-blank resume
TEXT_BOX_CRITICAL_SHARE = 0.6
#: from this share on, a notable part of the resume is at risk (a sidebar, a whole section)
TEXT_BOX_WARNING_SHARE = 0.25


def check_layout(context: Context) -> list[Finding]:
    layout = context.document.layout
    found: list[Finding] = []
    if layout.unmappable_text_pages:
        found.append(finding(
            "ats.unmappable_fonts", CRITICAL,
            f"The fonts on page {_pages(layout.unmappable_text_pages)} do not map to letters: "
            "an ATS "
            "reads gibberish there.",
            "Re-export with standard fonts (Arial, Calibri, Georgia), or save as DOCX.",
        ))  # fmt: skip
    if layout.image_only_pages:
        found.append(finding(
            "ats.image_only_pages", WARNING,
            f"Page {_pages(layout.image_only_pages)} is an image: an ATS sees nothing on it.",
            "Export from the program you wrote it in, not from a scan or a screenshot.",
        ))  # fmt: skip
    if layout.columns > 1 or layout.column_pages:
        found.append(finding(
            "ats.columns", WARNING,
            f"{layout.columns}-column layout"
            + (f" on page {_pages(layout.column_pages)}" if layout.column_pages else "")
            + ": many ATS read straight across columns and scramble your sections.",
            "Use a single column; put the sidebar (skills, contact) above or below the main text.",
        ))  # fmt: skip
    text_box = _text_box_finding(layout.text_box_share)
    if text_box is not None:
        found.append(text_box)
    boxes = 0 if text_box is not None else layout.text_boxes  # said once, by ats.text_box
    if layout.tables or boxes:
        what = ", ".join(
            part
            for part in (
                plural(layout.tables, "table") if layout.tables else "",
                plural(boxes, "text box", "text boxes") if boxes else "",
            )
            if part
        )
        found.append(finding(
            "ats.tables", WARNING,
            f"Content in {what}: ATS parsers often skip or jumble them.",
            "Move the content into plain paragraphs and bullets.",
        ))  # fmt: skip
    words = sum(len(line.text.split()) for line in context.lines)
    if words < MIN_WORDS and layout.image_only_pages:
        found.append(finding(
            "ats.too_little_text", WARNING,
            f"Only {words} readable words: most of this resume is invisible to an ATS.",
            "Export a text-based PDF or a DOCX.",
        ))  # fmt: skip
    return found


def _text_box_finding(share: float) -> Finding | None:
    if share < TEXT_BOX_WARNING_SHARE:
        return None
    percent = round(share * 100)
    if share > TEXT_BOX_CRITICAL_SHARE:
        return finding(
            "ats.text_box", CRITICAL,
            f"{percent}% of the text sits in Word text boxes, outside the document body: many "
            "ATS see a blank resume, others read every line twice.",
            "Rebuild it as plain body text (copy the text out of the boxes, delete the boxes).",
        )  # fmt: skip
    return finding(
        "ats.text_box", WARNING,
        f"{percent}% of the text sits in Word text boxes: many ATS skip them or read them "
        "out of order.",
        "Move that text into the body as plain paragraphs and bullets.",
    )  # fmt: skip


def _pages(pages: tuple[int, ...]) -> str:
    return ", ".join(str(page) for page in pages)


def check_headings(context: Context) -> list[Finding]:
    odd = [
        s
        for s in context.structure.sections
        if s.heading_line is not None and not s.standard and s.kind not in {"other", "keywords"}
    ]
    if not odd:
        return []
    return [
        finding(
            "ats.nonstandard_heading",
            INFO,
            f"{plural(len(odd), 'heading')} an ATS may not recognise: "
            + ", ".join(f"'{s.title}' (call it '{s.kind.capitalize()}')" for s in odd)
            + ".",
            "Use the standard names: Summary, Experience, Education, Skills, Projects.",
            [cite(s.title, s.heading_line) for s in odd],
        )
    ]


def check_contact_placement(context: Context) -> list[Finding]:
    contact = context.structure.contact
    if not contact.only_in_header_footer:
        return []
    evidence = [
        cite(value, line)
        for value, line in (
            (contact.email, contact.email_line),
            (contact.phone, contact.phone_line),
        )
        if value
    ]
    return [
        finding(
            "ats.contact_in_header_footer",
            WARNING,
            "Your contact details are only in the page header or footer, which many ATS ignore.",
            "Move name, email and phone into the body of the first page.",
            evidence,
        )
    ]


def check_bullet_glyphs(context: Context) -> list[Finding]:
    odd = [line for line in context.lines if line.glyph and line.glyph in ODD_GLYPHS]
    if not odd:
        return []
    glyphs = sorted({line.glyph or "" for line in odd})
    return [
        finding(
            "ats.odd_bullets",
            INFO,
            f"Unusual bullet symbols ({' '.join(glyphs)}) can turn into junk characters in an ATS.",
            "Use plain round (•) or square (▪) bullets.",
            [cite(line.raw, line.number) for line in odd[:5]],
        )
    ]
