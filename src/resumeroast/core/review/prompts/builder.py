"""Build the review prompt: redacted resume, the analyzer's facts, the job ad, the schema.

Pure: values in, messages out. The prompt always fits the context: the fixed parts are
measured first, the job description gets at most a quarter of what remains, the resume
the rest (trimmed by the rule in budget.py), and room is kept for the answer and for one
repair round trip.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from resumeroast.core.analysis import Analysis
from resumeroast.core.documents import Document
from resumeroast.core.feedback import Finding, Level
from resumeroast.core.review.answer import AnswerLimits
from resumeroast.core.review.disputes import Claim, claims
from resumeroast.core.review.prompts.budget import estimate_tokens, shorten, trim_lines
from resumeroast.core.review.prompts.redaction import Redactor
from resumeroast.core.review.prompts.templates import Message, render
from resumeroast.core.review.schema import limits_for, schema_outline

PROMPT_VERSION = "review_v3"
REPAIR_TEMPLATE = "repair_v1"
#: Tokens kept free for a repair round trip: the echoed bad answer (cut to
#: REPAIR_ECHO_CHARS) plus the repair message.
REPAIR_ECHO_CHARS = 600
REPAIR_RESERVE_TOKENS = estimate_tokens("x" * REPAIR_ECHO_CHARS) + 200
#: Chat templates add role markers; servers count a few special tokens.
OVERHEAD_TOKENS = 64
MIN_RESUME_TOKENS = 200

_TONE = {
    Level.GENTLE: "direct but kind. Name each problem clearly and say what already works. "
    "No insults.",
    Level.HONEST: "plain and specific. Say what is wrong and why it costs interviews. "
    "No padding, no praise that is not earned.",
    Level.BRUTAL: "brutally honest. Blunt, short, zero sugar-coating. Mock weak phrasing, "
    "never the person; nothing about age, gender, origin or health.",
}


class PromptDoesNotFit(ValueError):
    """The context is too small for the fixed parts of the prompt plus a minimal resume."""


@dataclass(frozen=True)
class PromptBudget:
    context_tokens: int
    max_output_tokens: int


@dataclass(frozen=True)
class ReviewPrompt:
    version: str
    messages: tuple[Message, ...]
    limits: AnswerLimits  #: the answer size the schema in the prompt allows
    placeholders: dict[str, str]  #: placeholder → original personal detail
    omitted_lines: int
    estimated_tokens: int


def _facts_text(analysis: Analysis) -> str:
    facts, scores = analysis.facts, analysis.sub_scores
    contact = facts.contact
    email, phone = ("yes" if found else "NO" for found in (contact.email, contact.phone))
    rows = [
        f"- pages: {facts.pages}; words: {facts.words}; lines: {facts.lines}",
        f"- sections found: {', '.join(facts.sections) or 'none'}",
        f"- bullets: {facts.bullets}, of which with a number: {facts.quantified_bullets}",
        f"- roles: {facts.roles}; years of experience: {facts.years_experience or 'unknown'}",
        f"- contact: email {email}, phone {phone}, links {len(contact.links)}",
        f"- sub-scores (0-100): impact {scores.impact}, clarity {scores.clarity}, ats {scores.ats},"
        f" completeness {scores.completeness}"
        + (f", job_match {scores.job_match}" if scores.job_match is not None else ""),
        f"- overall score: {analysis.overall_score}/100",
    ]
    if analysis.keywords is not None and analysis.keywords.missing:
        rows.append(f"- job keywords missing: {', '.join(analysis.keywords.missing[:15])}")
    return "\n".join(rows)


def _findings_text(shown: Sequence[Claim], redactor: Redactor) -> str:
    """Each claim with its id and code; red flags and template text are marked as final."""
    rows = [
        f"- {c.id} ({c.finding.code}, {c.finding.severity.value}): "
        f"{redactor.redact(shorten(c.finding.message, 200))}"
        + ("" if c.disputable else " [not disputable]")
        for c in shown
    ]
    return "\n".join(rows) or "- none"


def _cited_indexes(document: Document, findings: Sequence[Finding]) -> set[int]:
    position = {line.number: index for index, line in enumerate(document.lines)}
    return {
        position[e.line]
        for f in findings
        for e in f.evidence
        if e.line is not None and e.line in position
    }


@dataclass(frozen=True)
class _Parts:
    tone: str
    facts: str
    findings: str
    schema: str


def _render(
    parts: _Parts, resume: str = "", omitted: str = "", job: str = ""
) -> tuple[Message, ...]:
    return render(
        PROMPT_VERSION,
        tone=parts.tone,
        facts=parts.facts,
        findings=parts.findings,
        resume=resume,
        omitted=omitted,
        job_description=job,
        schema=parts.schema,
    )


def _size(messages: Sequence[Message]) -> int:
    return sum(estimate_tokens(m.content) for m in messages) + OVERHEAD_TOKENS


def build_review_prompt(
    document: Document,
    analysis: Analysis,
    *,
    job_description: str | None,
    level: Level,
    budget: PromptBudget,
) -> ReviewPrompt:
    redactor = Redactor()
    lines = [redactor.redact(line.text) for line in document.lines]
    job = (
        redactor.redact(job_description.strip())
        if job_description and job_description.strip()
        else ""
    )
    shown = claims(analysis.findings, analysis.facts)
    limits = limits_for(
        budget.max_output_tokens,
        words=analysis.facts.words,
        claims=sum(c.disputable for c in shown),
    )
    parts = _Parts(
        tone=_TONE[level],
        facts=_facts_text(analysis),
        findings=_findings_text(shown, redactor),
        schema=schema_outline(limits),
    )
    fixed = _size(_render(parts))
    available = budget.context_tokens - budget.max_output_tokens - REPAIR_RESERVE_TOKENS - fixed
    if available < MIN_RESUME_TOKENS:
        raise PromptDoesNotFit(
            f"context of {budget.context_tokens} tokens leaves {available} for the resume "
            f"after {budget.max_output_tokens} output tokens and {fixed} prompt tokens"
        )
    job_block = ""
    if job:
        job_text = trim_lines(job.splitlines(), available // 4)
        job_block = "\n<job_description>\n" + "\n".join(job_text.lines) + "\n</job_description>\n"
        available -= estimate_tokens(job_block)
    trimmed = trim_lines(lines, available, cited=_cited_indexes(document, analysis.findings))
    omitted = (
        f"Only part of the resume fits here: {trimmed.omitted} less informative lines are "
        "marked as omitted. Do not comment on what you cannot see.\n"
        if trimmed.omitted
        else ""
    )
    messages = _render(parts, "\n".join(trimmed.lines), omitted, job_block)
    return ReviewPrompt(
        version=PROMPT_VERSION,
        messages=messages,
        limits=limits,
        placeholders=dict(redactor.originals),
        omitted_lines=trimmed.omitted,
        estimated_tokens=_size(messages),
    )


def build_repair_messages(
    prompt: ReviewPrompt, bad_answer: str, problems: Sequence[str]
) -> tuple[Message, ...]:
    """The original conversation, the unusable answer (cut short), and what was wrong."""
    listed = "\n".join(f"- {p}" for p in problems)
    echo = Message(
        role="assistant", content=shorten(bad_answer.strip() or "(empty)", REPAIR_ECHO_CHARS)
    )
    return (*prompt.messages, echo, *render(REPAIR_TEMPLATE, problems=listed))
