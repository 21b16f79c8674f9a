"""Impact: how many experience bullets carry a measurable result, and which only list skills."""

from __future__ import annotations

from resumeroast.core.analysis.checks.base import INFO, WARNING, Context, cite, finding, plural
from resumeroast.core.analysis.checks.completeness import HOLLOW_WORDS
from resumeroast.core.feedback import Finding

TARGET_SHARE = 0.6  #: full impact credit when 60% of bullets are quantified


def check_quantified(context: Context) -> list[Finding]:
    """Keyword lists are reported by check_keyword_bullets, not here: a number in them is no
    result, but "add a number" is not their fix."""
    bullets = context.impact_bullets
    bare = [b for b in bullets if not b.quantified and not b.keyword_list]
    if not bare or _hollow(context) or context.academic_record:
        return []
    credited = sum(1 for b in bullets if b.quantified and not b.keyword_list)
    share = credited / len(bullets)
    severity = WARNING if share < TARGET_SHARE else INFO
    return [
        finding(
            "impact.unquantified_bullets",
            severity,
            f"{len(bare)} of {len(bullets)} experience bullets have no number: "
            f"{share:.0%} show a measured result; aim for {TARGET_SHARE:.0%}.",
            "Add the result to each: how many, how much, how fast, how big "
            "(users, %, $, hours saved, team size).",
            [cite(b.quote, b.line) for b in bare],
        )
    ]


def _hollow(context: Context) -> bool:
    """No role and a handful of words ("Experience / Nursing"): there is nothing to put a
    number on; sections.no_experience says what is missing."""
    words = sum(len(b.text.split()) for b in context.impact_bullets)
    return not context.roles and words <= HOLLOW_WORDS


def check_keyword_bullets(context: Context) -> list[Finding]:
    listed = [b for b in context.impact_bullets if b.keyword_list]
    if not listed:
        return []
    return [
        finding(
            "impact.keyword_bullets",
            WARNING,
            f"{plural(len(listed), 'bullet')} only list skills ('Python, AWS', '5 years of "
            "SQL'): they say what you know of, not what you did with it, and earn no credit.",
            "Turn each into an action with a result: 'Built a billing API in Python on AWS "
            "serving 2M requests a day'. Keep the bare list in the Skills section.",
            [cite(b.quote, b.line) for b in listed],
        )
    ]
