"""The order findings are shown in: red flags, then by severity, then by where they start."""

from __future__ import annotations

from resumeroast.core.feedback import Finding, Severity

_SEVERITY = {Severity.CRITICAL: 0, Severity.WARNING: 1, Severity.INFO: 2}
_CATEGORY = (
    "red_flag", "ats", "contact", "sections", "impact", "verbs", "job_match", "dates",
    "spelling", "language", "brevity", "length",
)  # fmt: skip


def _key(item: Finding) -> tuple[int, int, int, str]:
    category = _CATEGORY.index(item.category) if item.category in _CATEGORY else len(_CATEGORY)
    first_line = min((e.line for e in item.evidence if e.line is not None), default=0)
    return (
        0 if item.category == "red_flag" else 1,
        _SEVERITY[item.severity],
        category * 10_000 + first_line,
        item.code,
    )


def order_findings(findings: list[Finding]) -> tuple[Finding, ...]:
    return tuple(sorted(findings, key=_key))
