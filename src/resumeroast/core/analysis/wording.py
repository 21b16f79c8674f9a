"""Feedback for a person: the analysis worded for a roast level. Words change; facts never do."""

from __future__ import annotations

from resumeroast.core.analysis.model import ANALYZER_VERSION, Analysis, Section
from resumeroast.core.analysis.phrases import (
    band_label,
    issue_label,
    lead,
    section_template,
    verdict_template,
)
from resumeroast.core.analysis.rewrites import suggest_rewrites
from resumeroast.core.feedback import (
    DocumentFacts,
    Feedback,
    Finding,
    Level,
    ReviewInfo,
    SectionNote,
    Severity,
    SubScores,
)

_SECTION_NAMES = {"other": "Other section"}
#: Another language is no flaw of the resume, so no finding: the verdict says what it limited
OTHER_LANGUAGE = (
    " Read as not English: spelling, verb, wording and rewrite checks were skipped, "
    "the layout, contact, dates, sections and length were checked."
)


def render_feedback(analysis: Analysis, level: Level) -> Feedback:
    if not analysis.readable:
        return _no_text(analysis.facts, analysis.findings, level)
    return Feedback(
        level=level,
        overall_score=analysis.overall_score,
        verdict=verdict(analysis, level) + ("" if analysis.english else OTHER_LANGUAGE),
        sub_scores=analysis.sub_scores,
        findings=[_worded(f, level) for f in analysis.findings],
        section_notes=section_notes(analysis, level),
        rewrites=suggest_rewrites(analysis),
        keywords=analysis.keywords,
        facts=analysis.facts,
        review=ReviewInfo(analyzer_version=analysis.version),
    )


def _no_text(facts: DocumentFacts, findings: tuple[Finding, ...], level: Level) -> Feedback:
    return Feedback(
        level=level,
        overall_score=0,
        verdict=verdict_template(level, "no_text", "no_text"),
        sub_scores=SubScores(impact=0, clarity=0, ats=0, completeness=0),
        findings=list(findings),
        facts=facts,
        review=ReviewInfo(analyzer_version=ANALYZER_VERSION),
    )


def verdict(analysis: Analysis, level: Level) -> str:
    score = analysis.overall_score
    ranked = [
        f for f in analysis.findings if f.category != "red_flag" and f.severity is not Severity.INFO
    ]
    ranked = ranked or [f for f in analysis.findings if f.category != "red_flag"]
    prefix = ""
    if any(f.category == "red_flag" for f in analysis.findings):
        prefix = verdict_template(level, "red_flag", "red_flag")
    if not ranked:
        template = verdict_template(level, "clean", str(score))
        return prefix + template.format(score=score, band=band_label(score), top="")
    top = ranked[0]  # findings are ordered by what costs the interview most (ordering.py)
    kind = _band_key(score)
    template = verdict_template(level, kind, top.code)
    return prefix + template.format(score=score, band=band_label(score), top=_fix_first(top))


def _fix_first(top: Finding) -> str:
    """The problem and what to do about it: a verdict names the fix, not only the fault."""
    return f"{top.message} {top.fix}".strip()


def _band_key(score: int) -> str:
    label = band_label(score)
    return {"Strong": "strong", "Getting there": "getting_there"}.get(label, "needs_work")


def _worded(item: Finding, level: Level) -> Finding:
    first = item.evidence[0].line if item.evidence else None
    opener = lead(level, item.category, f"{item.code}:{first}")
    if not opener:
        return item
    return item.model_copy(update={"message": f"{opener} {item.message}"})


def section_notes(analysis: Analysis, level: Level) -> list[SectionNote]:
    notes = []
    for section in analysis.sections:
        if section.kind == "header":
            continue
        issues = _issues_in(section, analysis.findings)
        name = section.title or _SECTION_NAMES.get(section.kind, section.kind.capitalize())
        template = section_template(
            level, clean=not issues, key=f"{section.kind}:{section.first_line}"
        )
        note = template.format(
            name=name, summary=_summary(section, analysis), issues="; ".join(issues)
        )
        notes.append(SectionNote(section=section.kind, note=" ".join(note.split())))
    return notes


def _issues_in(section: Section, findings: tuple[Finding, ...]) -> list[str]:
    issues = []
    for item in findings:
        label = issue_label(item.code)
        count = sum(
            1
            for e in item.evidence
            if e.line is not None and section.first_line <= e.line <= section.last_line
        )
        if label and count:
            issues.append(f"{count} {'line' if count == 1 else 'lines'} {label}")
    return issues


def _summary(section: Section, analysis: Analysis) -> str:
    if section.kind not in {"experience", "projects", "volunteering", "activities"}:
        return ""
    roles = [r for r in analysis.roles if section.first_line <= r.line <= section.last_line]
    bullets = [b for b in analysis.bullets if section.first_line <= b.line <= section.last_line]
    quantified = sum(1 for b in bullets if b.quantified)
    entries = f"{len(roles)} dated {'entry' if len(roles) == 1 else 'entries'}, " if roles else ""
    return f"{entries}{len(bullets)} statements, {quantified} with a number."
