"""Issue-16 features the oracle's rules depend on, and which of them main has.

An item with `needs = "<feature>"` (tests/oracle/answers/*.toml) is only asserted once its
feature is in MERGED: the lead adds it here when merging the branch that builds it.
"""

from __future__ import annotations

FEATURES = {
    "a16:disputes": "the model disputes an analyzer finding or fact by quoting the resume",
    "a16:score-reasons": "score adjustments carry their reason to the person",
    "g16:whole-statement": "a rewrite is checked against its whole source statement",
    "g16:titles": "title words are titles only in a title position",
    "g16:inner-ellipsis": "a quote with an inner ellipsis matches as ordered pieces",
    "g16:advice-numbers": "numbers that count the resume's own items or describe the advice",
    "g16:merge": "findings on the same line and problem merge; one rewrite per line",
    "min-quote-letters": "a quote under 8 letters and digits is no evidence (grounding.py)",
    "floored-step": "a lowering step on a sub-score already at 0 is shown with its reason",
}

#: Good items the first run of the answers (written before it) showed main refusing, with the
#: feature whose rule refuses them. The answers were not changed; the rule was recorded here.
FOUND_BY_FIRST_RUN = {
    # invented_facts reads "Central and South" (original "Central-South") as new names
    "docx:25cb45a3/rewrites[0]": "g16:titles",
    # "Co-taught" read as a name, and "Teaching Assistant", the role's own title in its
    # header (not in the quoted bullet), as an invented title
    "pdf:bbb772fe/rewrites[0]": "g16:titles",
    # the expert quotes the duration "5 Years": 6 letters and digits, under MIN_QUOTE_ALNUM
    "pdf:262bb91c/findings[1]": "min-quote-letters",
    # completeness is already 0 (no contact details, no dates), so the expert's lowering step
    # moves nothing: shown since p16 as "(already 0)" and its reason
    "md:72f16845/score_adjustments[0]": "floored-step",
}

#: Disputes of a finding the analyzer no longer reports: the expert's point holds when no finding
#: of the claimed code reaches the person (there is nothing left to withdraw).
NO_LONGER_REPORTED = {
    # overlapping roles are no finding since analyzer 1.6.0 (issue 13: concurrent roles are normal)
    "docx:25cb45a3/disputes[0]": "dates.overlap",
}

#: Flip by adding the feature's name after merging the branch that builds it.
#: ("min-quote-letters" is main's own rule: its items are expected to fail, see the test.)
MERGED: frozenset[str] = frozenset(
    {
        "min-quote-letters",
        "a16:disputes",
        "a16:score-reasons",
        "g16:whole-statement",
        "g16:titles",
        "g16:inner-ellipsis",
        "g16:advice-numbers",
        "g16:merge",
        "floored-step",
    }
)
