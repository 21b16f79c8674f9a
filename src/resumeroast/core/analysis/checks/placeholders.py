"""Template leftovers: the first thing a recruiter notices, and the last thing they read."""

from __future__ import annotations

from resumeroast.core.analysis.checks.base import CRITICAL, Context, cite, finding, plural
from resumeroast.core.analysis.placeholders import Hit, Leftover, find_leftovers
from resumeroast.core.feedback import Evidence, Finding

_MESSAGES = {
    Leftover.FILLER: (
        "placeholder.filler",
        "template filler never filled in",
        "Replace every placeholder with the real fact (the number, the name, the date), or "
        "delete the line. Search the file for 'xx', '?' and '[' before you send it.",
    ),
    Leftover.SAMPLE: (
        "placeholder.sample_details",
        "the template's sample name, contact details or links",
        "Put your own name, links and contact details in, or delete the line: a sample value "
        "tells the reader nobody checked this page.",
    ),
    Leftover.INSTRUCTIONS: (
        "placeholder.template_instructions",
        "the template's own instructions",
        "Delete the template's welcome and instruction text; write your own summary in its place.",
    ),
    Leftover.LATEX: (
        "placeholder.latex_residue",
        "LaTeX code printed as text",
        "Fix the source so these commands render (a missing package or a stray backslash), "
        "or delete them, then check the PDF itself, not only the editor.",
    ),
}


def check_placeholders(context: Context) -> list[Finding]:
    found: dict[Leftover, list[tuple[Hit, int]]] = {}
    previous = ""
    for line in context.lines:
        for hit in find_leftovers(line.raw, previous):
            found.setdefault(hit.kind, []).append((hit, line.number))
        previous = line.raw
    return [_finding(kind, hits) for kind, hits in found.items()]


def _finding(kind: Leftover, hits: list[tuple[Hit, int]]) -> Finding:
    code, what, fix = _MESSAGES[kind]
    shown = list(dict.fromkeys(hit.text for hit, _ in hits))[:4]
    lines = len({number for _, number in hits})
    return finding(
        code,
        CRITICAL,
        f"Template leftovers on {plural(lines, 'line')} ({what}): "
        f"{', '.join(repr(text) for text in shown)}. A recruiter stops reading here.",
        fix,
        _evidence(hits),
    )


def _evidence(hits: list[tuple[Hit, int]]) -> list[Evidence]:
    """One quote per line: several leftovers on one line are one place to fix."""
    lines: dict[int, Hit] = {}
    for hit, number in hits:
        lines.setdefault(number, hit)
    return [cite(hit.quote, number) for number, hit in lines.items()]
