"""Disputes: the analyzer's findings are claims the AI reviewer may dispute, with evidence.

The prompt lists the analyzer's findings as claims with ids (A1, A2 …; `claims`). The model
may dispute one by quoting the resume text that shows it is wrong (answer.AnswerDispute).
A dispute counts (`ground_disputes`) when
- it names a claim that was shown, and one that may be disputed (not a red flag such as
  hidden text or an instruction to the reviewer, not template text left in);
- its quote is found in the resume (grounding.QuoteIndex, as every quote) and its reason
  has a word in it and cites no number from nowhere;
- for a claim that something is missing, the quote shows the thing (`_SHOWS`): an e-mail
  address for "no e-mail", a dated line in its section for "no Experience section" …
An ungrounded dispute changes nothing.

A measured fact with no finding behind it may be disputed too (`fact_claims`): when the
analyzer counts 0 roles above the resume's statements, the prompt shows the claim "roles"
("no roles found"). It is disputed by quoting a role header: a line that reads as a name, not
a sentence or a list item, in a section that may hold roles, with a statement under it
(`_shows_role`). A
grounded dispute corrects the fact: the roles are counted as the headers above statements in
that section, the same way (`_with_roles`); no score stands on undated roles, so none moves.

A grounded dispute withdraws the finding and corrects the facts it stood on: the resume is
analysed again with analysis.Corrections (the finding's code withdrawn; for "no Experience
section", the heading above the quoted text read as Experience), so roles, statements,
sub-scores and caps are what they would have been had the analyzer read the resume right
(`corrected_analysis`). The person sees the withdrawn finding as "checked by the AI
reviewer" (feedback.CheckedFinding) and each sub-score it changed with the reason
(feedback.ScoreNote).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace

from resumeroast.core.analysis import Analysis, Corrections, Section, analyze
from resumeroast.core.analysis.entries import EXPERIENCE_LIKE
from resumeroast.core.analysis.headers import title_like
from resumeroast.core.analysis.text import split_bullet
from resumeroast.core.documents import Document
from resumeroast.core.feedback import (
    CheckedFinding,
    DocumentFacts,
    Evidence,
    Finding,
    ScoreNote,
    Severity,
)
from resumeroast.core.review.adjustments import gives_a_reason
from resumeroast.core.review.answer import AnswerDispute

MAX_CLAIMS = 12
_SEVERITY_ORDER = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}
_NOT_DISPUTABLE_CATEGORIES = frozenset({"red_flag"})
_NOT_DISPUTABLE_PREFIXES = ("placeholder.", "red_flag.")
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
#: "A2", "[A2]", "A2 (sections.no_experience)"; or the code alone
_CLAIM_ID = re.compile(r"^\W*(A\d+)\b", re.IGNORECASE)


@dataclass(frozen=True)
class Claim:
    id: str  #: "A1" …, as the prompt shows it
    finding: Finding

    @property
    def disputable(self) -> bool:
        """Red flags and template text are final; other claims may be disputed when a quote
        can be checked against them: the lines they cite, or what their absence claim
        lacks (_SHOWS)."""
        f = self.finding
        if f.category in _NOT_DISPUTABLE_CATEGORIES or f.code.startswith(_NOT_DISPUTABLE_PREFIXES):
            return False
        if (f.code, f.severity) in _HOLDS_WHATEVER_IS_QUOTED:
            return False
        return f.code in _SHOWS or any(e.line is not None for e in f.evidence)


def claims(findings: Sequence[Finding], facts: DocumentFacts | None = None) -> tuple[Claim, ...]:
    """The findings the prompt shows, most severe first, with their ids; then the facts that
    may be disputed (`fact_claims`), named by the fact."""
    ranked = sorted(findings, key=lambda f: _SEVERITY_ORDER.get(f.severity, 3))
    shown = tuple(Claim(f"A{n}", f) for n, f in enumerate(ranked[:MAX_CLAIMS], start=1))
    return shown + (fact_claims(facts) if facts is not None else ())


#: The code of a fact claim: "facts.<fact>"; its id is the fact's name, as the prompt shows it.
FACT_PREFIX = "facts."
_NO_ROLES = "No roles found: the analyzer read no role header above the statements (roles: 0)."


def fact_claims(facts: DocumentFacts) -> tuple[Claim, ...]:
    """Measured facts with no finding behind them that a quote can show wrong: 0 roles while
    the resume has statements (the analyzer missed the headers above them)."""
    if facts.roles == 0 and facts.bullets > 0:
        finding = Finding(
            code=f"{FACT_PREFIX}roles",
            severity=Severity.INFO,
            category="sections",
            message=_NO_ROLES,
        )
        return (Claim("roles", finding),)
    return ()


def is_fact(claim: Claim) -> bool:
    return claim.finding.code.startswith(FACT_PREFIX)


@dataclass(frozen=True)
class Dispute:
    """A grounded dispute: the claim, the model's reason, the resume text that shows it."""

    claim: Claim
    reason: str
    evidence: Evidence


@dataclass(frozen=True)
class DisputeContext:
    claims: tuple[Claim, ...] = ()
    sections: tuple[Section, ...] = ()
    lines: Mapping[int, str] = field(default_factory=dict)  #: line number → text


def _find_claim(name: str, shown: Sequence[Claim]) -> Claim | None:
    key = name.strip()
    match = _CLAIM_ID.match(key)
    if match:
        return next((c for c in shown if c.id == match.group(1).upper()), None)
    key = key.strip("[]() ").casefold()
    return next((c for c in shown if key in (c.finding.code, c.id.casefold())), None)


def _section_of(line: int | None, sections: Sequence[Section]) -> Section | None:
    if line is None:
        return None
    found = None
    for section in sections:
        if section.first_line <= line <= section.last_line:
            found = section
    return found


def _section_text(evidence: Evidence, context: DisputeContext) -> str:
    section = _section_of(evidence.line, context.sections)
    if section is None:
        return evidence.quote
    return "\n".join(
        text
        for number, text in context.lines.items()
        if section.first_line <= number <= section.last_line
    )


def _phone_like(text: str) -> bool:
    """Seven digits or more once the years are taken out ("2015 - 2019" is no phone)."""
    return sum(c.isdigit() for c in _YEAR.sub(" ", text)) >= 7


#: Where experience hides when the reader misses its heading: the name block, a section it
#: did not know, the summary. A dated line under Education is no experience.
_EXPERIENCE_HOSTS = frozenset({"header", "other", "summary"})


def _shows_experience(evidence: Evidence, context: DisputeContext) -> bool:
    """A dated line (a year in the quote or its section) in a section that may hold roles."""
    section = _section_of(evidence.line, context.sections)
    if section is not None and section.kind not in _EXPERIENCE_HOSTS:
        return False
    return bool(_YEAR.search(_section_text(evidence, context)))


#: The most lines a role header block runs above its first statement ("Title" / "Employer" /
#: "Place" / "5 Years").
MAX_HEADER_GAP = 4
_ROLE_HOSTS = EXPERIENCE_LIKE | _EXPERIENCE_HOSTS


def _header_line(text: str) -> bool:
    """A name, not a sentence, and no list item: a title, an employer, a place, a duration."""
    glyph, rest = split_bullet(text)
    return glyph is None and title_like(rest)


def _heads_a_statement(line: int, context: DisputeContext, section: Section) -> bool:
    """A header line (not the section's heading) with a statement (a line that is no header:
    a sentence or a list item) within MAX_HEADER_GAP lines below it, only header lines
    between."""
    if line == section.heading_line or not _header_line(context.lines.get(line, "")):
        return False
    for below in range(line + 1, min(line + MAX_HEADER_GAP, section.last_line) + 1):
        text = context.lines.get(below, "")
        if text.strip() and not _header_line(text):
            return True
    return False


def _shows_role(evidence: Evidence, context: DisputeContext) -> bool:
    """The quote is a role header (_heads_a_statement) in a section that may hold roles."""
    section = _section_of(evidence.line, context.sections)
    if evidence.line is None or section is None or section.kind not in _ROLE_HOSTS:
        return False
    return _heads_a_statement(evidence.line, context, section)


def _roles_in(section: Section, context: DisputeContext) -> int:
    """Header blocks above statements in the section: each run of header lines is one role."""
    count, previous = 0, False
    for line in range(section.first_line, section.last_line + 1):
        heads = _heads_a_statement(line, context, section)
        count += heads and not previous
        previous = heads
    return count


#: For claims that something is missing: what the quoted text must show.
_SHOWS: dict[str, Callable[[Evidence, DisputeContext], bool]] = {
    "contact.no_email": lambda e, c: "@" in e.quote,
    "contact.no_phone": lambda e, c: _phone_like(e.quote),
    "sections.no_experience": _shows_experience,
    f"{FACT_PREFIX}roles": _shows_role,
}
#: Claims no quote refutes: "your roles sit under no Experience heading" (the warning) is true
#: however many dated roles are quoted.
_HOLDS_WHATEVER_IS_QUOTED = frozenset({("sections.no_experience", Severity.WARNING)})


def _cited_lines(finding: Finding) -> set[int]:
    return {e.line for e in finding.evidence if e.line is not None}


def _quoted_lines(evidence: Evidence, context: DisputeContext) -> set[int]:
    """The lines a located quote spans (it starts on evidence.line)."""
    if evidence.line is None:
        return set()
    spanned, left = set(), len(evidence.quote)
    for number in sorted(n for n in context.lines if n >= evidence.line):
        spanned.add(number)
        left -= len(context.lines[number]) + 1
        if left <= 0:
            break
    return spanned or {evidence.line}


def _relevant(claim: Claim, evidence: Evidence, context: DisputeContext) -> bool:
    """An absence claim is disputed by quoting what it says is absent (_SHOWS); any other
    claim by quoting a line it cites: the model says that line is not the problem."""
    shows = _SHOWS.get(claim.finding.code)
    if shows is not None:
        return shows(evidence, context)
    return bool(_cited_lines(claim.finding) & _quoted_lines(evidence, context))


def ground_disputes(
    disputes: Sequence[AnswerDispute],
    context: DisputeContext,
    *,
    quote: Callable[[str], Evidence | None],
    text: Callable[[str], str],
    supported: Callable[[str], bool],
) -> list[Dispute]:
    """The disputes that count (module docstring), at most one per claim, in answer order."""
    found: list[Dispute] = []
    for item in disputes:
        claim = _find_claim(text(item.claim), context.claims)
        if claim is None or not claim.disputable or any(d.claim == claim for d in found):
            continue
        evidence = quote(item.quote)
        reason = text(item.reason)
        if evidence is None or not gives_a_reason(reason) or not supported(reason):
            continue
        if not _relevant(claim, evidence, context):
            continue
        found.append(Dispute(claim, reason, evidence))
    return found


def corrections_for(
    disputes: Sequence[Dispute], sections: Sequence[Section], context: DisputeContext
) -> Corrections:
    """A claim citing several lines loses the instances the dispute quotes (a misspelling
    that is a product name); any other claim is withdrawn whole."""
    withdrawn: set[str] = set()
    lines: set[tuple[str, int]] = set()
    headings: set[int] = set()
    for dispute in disputes:
        if is_fact(dispute.claim):
            continue  # no finding to withdraw: the fact is corrected (_with_roles)
        finding = dispute.claim.finding
        cited = _cited_lines(finding)
        if len(cited) > 1:
            quoted = _quoted_lines(dispute.evidence, context) & cited
            lines |= {(finding.code, n) for n in quoted}
        else:
            withdrawn.add(finding.code)
        if finding.code != "sections.no_experience":
            continue
        section = _section_of(dispute.evidence.line, sections)
        if section is not None and section.heading_line is not None:
            if section.kind != "experience":
                headings.add(section.heading_line)
    return Corrections(
        withdrawn=frozenset(withdrawn),
        withdrawn_lines=frozenset(lines),
        experience_headings=frozenset(headings),
    )


@dataclass(frozen=True)
class Resolution:
    analysis: Analysis  #: corrected (or the original, when nothing was disputed)
    checked: list[CheckedFinding]
    notes: list[ScoreNote]  #: each sub-score the corrections changed, and why


def corrected_analysis(
    analysis: Analysis,
    document: Document,
    job_description: str | None,
    disputes: Sequence[Dispute],
    context: DisputeContext,
) -> Resolution:
    """The analysis of the same resume with the disputed findings withdrawn and the facts
    they stood on re-read (module docstring). Pure: the analyzer is run again."""
    if not disputes:
        return Resolution(analysis, [], [])
    corrections = corrections_for(disputes, analysis.sections, context)
    corrected = analysis
    if corrections:
        corrected = analyze(
            document,
            job_description=job_description,
            as_of=analysis.as_of,
            corrections=corrections,
        )
    corrected = _with_facts_shown(corrected, corrections.withdrawn)
    corrected = _with_roles(corrected, [d for d in disputes if is_fact(d.claim)], context)
    checked = [
        CheckedFinding(
            code=d.claim.finding.code,
            message=d.claim.finding.message,
            reason=d.reason,
            evidence=d.evidence,
        )
        for d in disputes
    ]
    return Resolution(corrected, checked, _notes(analysis, corrected, disputes))


#: Facts a withdrawn absence claim stood on that re-reading does not restore: the reader
#: did not find the detail, the reviewer quoted it.
_FACT_SHOWN = {
    "contact.no_email": "email",
    "contact.no_phone": "phone",
    "contact.no_location": "location",
}


def _with_facts_shown(analysis: Analysis, withdrawn: frozenset[str]) -> Analysis:
    shown = {_FACT_SHOWN[code]: True for code in withdrawn if code in _FACT_SHOWN}
    if not shown:
        return analysis
    facts = analysis.facts
    contact = facts.contact.model_copy(update=shown)
    return replace(analysis, facts=facts.model_copy(update={"contact": contact}))


def _with_roles(
    analysis: Analysis, disputes: Sequence[Dispute], context: DisputeContext
) -> Analysis:
    """The roles fact re-counted in each section a grounded "roles" dispute quoted a header
    of (at least the one quoted), when the analyzer still reads none."""
    if not disputes or analysis.facts.roles:
        return analysis
    sections = {
        section.first_line: section
        for d in disputes
        if (section := _section_of(d.evidence.line, context.sections)) is not None
    }
    roles = sum(_roles_in(section, context) for section in sections.values())
    facts = analysis.facts.model_copy(update={"roles": max(roles, 1)})
    return replace(analysis, facts=facts)


def _notes(before: Analysis, after: Analysis, disputes: Sequence[Dispute]) -> list[ScoreNote]:
    first = disputes[0]
    withdrawn = "; ".join(f"'{_short(d.claim.finding.message)}'" for d in disputes)
    reason = f"Checked by the AI reviewer: {withdrawn} does not hold: {first.reason}"
    old, new = before.sub_scores.model_dump(), after.sub_scores.model_dump()
    return [
        ScoreNote(
            sub_score=name,
            change=new[name] - old[name],
            reason=reason,
            quote=first.evidence.quote,
            line=first.evidence.line,
        )
        for name in old
        if old[name] is not None and new.get(name) is not None and new[name] != old[name]
    ]


def _short(text: str, most: int = 80) -> str:
    return text if len(text) <= most else text[: most - 1].rstrip() + "…"
