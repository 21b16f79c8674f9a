"""analyze(): read the resume, run the checks, score the findings. Pure and deterministic."""

from __future__ import annotations

from datetime import date

from resumeroast.core.analysis.checks import run_checks
from resumeroast.core.analysis.checks.base import IMPACT_SECTIONS, Context, cite
from resumeroast.core.analysis.checks.job_fit import cap_reason, check_job_match
from resumeroast.core.analysis.checks.stuffing import stuffed_lines
from resumeroast.core.analysis.job_match import JobMatch, match_job
from resumeroast.core.analysis.model import ANALYZER_VERSION, Analysis, Bullet, Corrections
from resumeroast.core.analysis.ordering import order_findings
from resumeroast.core.analysis.scoring import (
    CAP_POOR_MATCH,
    Scores,
    Statements,
    score,
    weighted_overall,
)
from resumeroast.core.analysis.speller import english_share
from resumeroast.core.analysis.structure import Structure, read_structure
from resumeroast.core.analysis.timeline import years_of_experience
from resumeroast.core.analysis.unreadable import is_unreadable, unreadable_analysis
from resumeroast.core.documents import Document
from resumeroast.core.feedback import Contact, DocumentFacts, Finding, KeywordMatch

#: statements these quote count as weak in impact: a duty, no action, or the product, not you
WEAK_STATEMENT_CODES = frozenset(
    {"verbs.weak_opener", "verbs.no_verb", "content.product_not_contribution"}
)
ENGLISH_SHARE = 0.7  #: below this share of dictionary words, word-level checks are skipped


def analyze(
    document: Document,
    *,
    job_description: str | None = None,
    as_of: date | None = None,
    corrections: Corrections | None = None,
) -> Analysis:
    """Facts, findings and scores for one resume; the same document always gets the same result.

    `as_of` is the day "Present" means (default: today); it is the only input besides the
    document and the job description. `corrections` (a reviewer's grounded disputes) withdraw
    findings and re-read headings before anything is counted or scored.
    """
    today = as_of or date.today()
    corrections = corrections or Corrections()
    if is_unreadable(document):
        return unreadable_analysis(document.layout, today)
    headings = corrections.experience_headings
    structure = read_structure(document, experience_headings=headings)
    stuffed = stuffed_lines(structure)
    if stuffed:
        skip = frozenset(line.number for line, _ in stuffed)
        structure = read_structure(document, skip, headings)
    english = english_share(document.text) >= ENGLISH_SHARE
    context = Context(document, structure, today, english, job_description, stuffed)
    findings = run_checks(context)
    job = _match(context) if job_description and job_description.strip() else None
    if job is not None:
        findings += check_job_match(job)
    ordered = order_findings(corrections.apply(findings))
    facts = _facts(context)
    keywords = job.keywords if job else None
    scores = score(
        ordered, facts, job.score if job else None, _statements(context, ordered), keywords
    )
    return Analysis(
        facts=facts,
        findings=ordered,
        sub_scores=scores.sub_scores,
        overall_score=scores.overall,
        keywords=_with_cap_reason(keywords, scores),
        version=ANALYZER_VERSION,
        sections=structure.sections,
        roles=structure.entries.roles,
        bullets=structure.entries.bullets,
        contact=structure.contact,
        penalties=scores.penalties,
        english=english,
        as_of=today,
    )


def _match(context: Context) -> JobMatch | None:
    """Stuffed keyword lines are already left out of context.lines: they earn no match."""
    assert context.job_description is not None
    return match_job(context.job_description, "\n".join(line.text for line in context.lines))


def _with_cap_reason(keywords: KeywordMatch | None, scores: Scores) -> KeywordMatch | None:
    """Says why, when the poor match is what holds the overall score down (not another cap)."""
    held = [p.points for p in scores.penalties if p.code == CAP_POOR_MATCH and p.points > 0]
    limit = weighted_overall(scores.sub_scores) - round(held[0]) if held else None
    if keywords is None or limit is None or scores.overall != limit:
        return keywords
    return keywords.model_copy(update={"score_cap_reason": cap_reason(keywords, limit)})


def _statements(context: Context, findings: tuple[Finding, ...]) -> Statements:
    """Impact statements: how many, quantified, weak (duty phrase, no verb, keyword list)."""
    bullets = context.impact_bullets
    roles = [r for r in context.roles if r.section in IMPACT_SECTIONS and r.dates is not None]
    flagged = {
        (e.quote, e.line) for f in findings if f.code in WEAK_STATEMENT_CODES for e in f.evidence
    }
    return Statements(
        total=len(bullets),
        quantified=_quantified(bullets),
        weak=sum(1 for b in bullets if b.keyword_list or _cited(b) in flagged),
        listed=sum(1 for b in bullets if b.keyword_list),
        roles=len(roles),
        empty_roles=sum(1 for r in roles if not context.described(r)),
        academic=context.academic,
    )


def _cited(bullet: Bullet) -> tuple[str, int | None]:
    evidence = cite(bullet.quote, bullet.line)
    return evidence.quote, evidence.line


def _quantified(bullets: tuple[Bullet, ...]) -> int:
    """A number in a keyword list ("5 years of Kafka") is no result."""
    return sum(1 for b in bullets if b.quantified and not b.keyword_list)


def _facts(context: Context) -> DocumentFacts:
    structure: Structure = context.structure
    bullets = context.impact_bullets
    years = years_of_experience(context.jobs, context.as_of)
    contact = structure.contact
    return DocumentFacts(
        pages=context.document.layout.pages,
        words=sum(len(line.text.split()) for line in context.lines),
        lines=len(context.lines),
        sections=list(dict.fromkeys(s.kind for s in structure.sections if s.kind != "header")),
        bullets=len(bullets),
        quantified_bullets=_quantified(bullets),
        roles=len(context.jobs),
        years_experience=round(years, 1) if years is not None else None,
        contact=Contact(
            email=contact.email is not None,
            phone=contact.phone is not None,
            links=[link.url for link in contact.links[:5]],
            location=contact.location is not None,
        ),
    )
