"""Impact: how many experience bullets carry a measurable result."""

from __future__ import annotations

from resumeroast.core.analysis.checks.base import INFO, WARNING, Context, cite, finding
from resumeroast.core.feedback import Finding

TARGET_SHARE = 0.6  #: full impact credit when 60% of bullets are quantified


def check_quantified(context: Context) -> list[Finding]:
    bullets = context.impact_bullets
    bare = [b for b in bullets if not b.quantified]
    if not bare:
        return []
    share = 1 - len(bare) / len(bullets)
    severity = WARNING if share < TARGET_SHARE else INFO
    return [
        finding(
            "impact.unquantified_bullets",
            severity,
            f"{len(bare)} of {len(bullets)} experience bullets have no number: "
            f"{share:.0%} are quantified; aim for {TARGET_SHARE:.0%}.",
            "Add the result to each: how many, how much, how fast, how big "
            "(users, %, $, hours saved, team size).",
            [cite(b.quote, b.line) for b in bare],
        )
    ]
