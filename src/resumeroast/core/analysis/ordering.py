"""The order findings are shown in: red flags, then by severity, then by what costs the
interview most (PRIORITY), then by where they start. The verdict names the first of them."""

from __future__ import annotations

from resumeroast.core.feedback import Finding, Severity

_SEVERITY = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}

#: Code prefixes, the costliest first, as a recruiter reads a page: text a template left in
#: stops the read; then a page no parser can read; no way to reply; nothing that shows work;
#: a layout that scrambles the text; dates that contradict themselves or are missing; the
#: job's own keywords; typos; then what the statements show; then polish.
PRIORITY = (
    "placeholder.", "ats.no_text", "ats.unmappable_fonts", "ats.text_box", "ats.lost_ligatures",
    "ats.image_only_pages", "ats.split_accents",
    "ats.too_little_text", "contact.no_email", "sections.no_experience", "content.cover_letter",
    "ats.keyword_stuffing", "ats.tables", "ats.columns", "ats.contact_in_header_footer",
    "dates.future", "personal.id_number", "content.claim_contradicted", "dates.missing",
    "contact.no_phone",
    "job_match.", "spelling.", "impact.", "content.product_not_contribution", "verbs.weak_opener",
    "verbs.no_verb", "content.role_as_paragraph", "brevity.wall_of_text", "sections.empty_role",
    "dates.gap", "sections.", "content.", "contact.", "length.", "dates.", "personal.",
    "language.", "verbs.", "brevity.", "ats.",
)  # fmt: skip


def priority(code: str) -> int:
    """Index of the first PRIORITY prefix the code starts with; unknown codes come last."""
    return next((i for i, prefix in enumerate(PRIORITY) if code.startswith(prefix)), len(PRIORITY))


def _key(item: Finding) -> tuple[int, int, int, int, str]:
    first_line = min((e.line for e in item.evidence if e.line is not None), default=0)
    return (
        0 if item.category == "red_flag" else 1,
        _SEVERITY[item.severity],
        priority(item.code),
        first_line,
        item.code,
    )


def order_findings(findings: list[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=_key))
