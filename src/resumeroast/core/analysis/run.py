"""A first, small, real analyzer: contact details, sections, bullets, numbers, length."""

from __future__ import annotations

import re

from resumeroast.core.analysis.model import ANALYZER_VERSION, Analysis
from resumeroast.core.documents import Document, LayoutFacts
from resumeroast.core.feedback import (
    Contact,
    DocumentFacts,
    Evidence,
    Feedback,
    Finding,
    Level,
    ReviewInfo,
    Severity,
    SubScores,
)

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+\.[\w.-]+")
_PHONE = re.compile(r"(?:\+?\d[\d ()./-]{7,}\d)")
_LINK = re.compile(r"(?:https?://|www\.|linkedin\.com/|github\.com/)\S+", re.I)
_BULLET = re.compile(r"^\s*(?:[-*•●▪◦‣▶►·–]|\d+[.)])\s+")
_NUMBER = re.compile(r"\d")
_HEADINGS = {
    "experience": ("experience", "work history", "employment", "professional experience"),
    "education": ("education",),
    "skills": ("skills", "technical skills"),
    "projects": ("projects",),
    "summary": ("summary", "profile", "objective"),
}


def _sections(document: Document) -> list[str]:
    found: list[str] = []
    for line in document.lines:
        key = line.text.strip().strip(":").lower()
        for section, names in _HEADINGS.items():
            if key in names and section not in found:
                found.append(section)
    return found


def analyze(document: Document, *, job_description: str | None = None) -> Analysis:
    del job_description  # job match arrives with the full analyzer
    text = document.text
    bullets = [line for line in document.lines if _BULLET.match(line.text)]
    quantified = [line for line in bullets if _NUMBER.search(line.text)]
    contact = Contact(
        email=bool(_EMAIL.search(text)),
        phone=bool(_PHONE.search(text)),
        links=sorted(set(_LINK.findall(text)))[:5],
    )
    facts = DocumentFacts(
        pages=document.layout.pages,
        words=document.word_count,
        lines=len(document.lines),
        sections=_sections(document),
        bullets=len(bullets),
        quantified_bullets=len(quantified),
        contact=contact,
    )
    findings: list[Finding] = []
    if not contact.email:
        findings.append(
            Finding(
                code="contact.no_email",
                severity=Severity.CRITICAL,
                category="contact",
                message="No email address found.",
                fix="Add a professional email address at the top.",
            )
        )
    unquantified = [line for line in bullets if line not in quantified]
    if unquantified:
        findings.append(
            Finding(
                code="impact.unquantified_bullets",
                severity=Severity.WARNING,
                category="impact",
                message=f"{len(unquantified)} of {len(bullets)} bullets have no number.",
                evidence=[
                    Evidence(quote=line.text[:400], line=line.number) for line in unquantified[:5]
                ],
                fix="Add a result: how much, how many, how fast.",
            )
        )
    impact = round(100 * len(quantified) / len(bullets)) if bullets else 0
    completeness = 100 - (40 if not contact.email else 0) - (20 if not contact.phone else 0)
    sub = SubScores(impact=impact, clarity=70, ats=80, completeness=max(completeness, 0))
    overall = round((sub.impact + sub.clarity + sub.ats + sub.completeness) / 4)
    return Analysis(facts=facts, findings=tuple(findings), sub_scores=sub, overall_score=overall)


def render_feedback(analysis: Analysis, level: Level) -> Feedback:
    return Feedback(
        level=level,
        overall_score=analysis.overall_score,
        verdict=f"Scored {analysis.overall_score}/100.",
        sub_scores=analysis.sub_scores,
        findings=list(analysis.findings),
        keywords=analysis.keywords,
        facts=analysis.facts,
        review=ReviewInfo(analyzer_version=ANALYZER_VERSION),
    )


def no_text_feedback(layout: LayoutFacts, level: Level) -> Feedback:
    finding = Finding(
        code="ats.no_text",
        severity=Severity.CRITICAL,
        category="ats",
        message="This document has no extractable text: an applicant tracking system sees a blank page.",
        fix="Export the resume as a text-based PDF or DOCX from the program you wrote it in.",
    )
    return Feedback(
        level=level,
        overall_score=0,
        verdict="Nothing to read: this file is an image of a resume, not a resume.",
        sub_scores=SubScores(impact=0, clarity=0, ats=0, completeness=0),
        findings=[finding],
        facts=DocumentFacts(pages=layout.pages),
        review=ReviewInfo(analyzer_version=ANALYZER_VERSION),
    )
