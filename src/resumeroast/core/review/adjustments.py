"""Score adjustments: the AI reviewer's judgment moves sub-scores, each move with its reason.

Rules (docs/llm.md, "Scores"):
- every sub-score starts at the analyzer's value (after any grounded dispute corrected the
  facts it stood on: disputes.py);
- each adjustment whose quote is found in the resume and whose reason has a word in it (and
  cites no number from nowhere) is one STEP of 5 points up or down; several grounded reasons
  for the same sub-score are several steps; the same quote counted twice for one sub-score
  is one reason;
- a sub-score moves at most MEASURE_BOUND[name] points either way: how far the analyzer's
  own measure of it can be wrong (below); reasons past the bound are not applied;
- reasons apply in the order the model gave them, so the same answer always gives the same
  scores;
- the overall score is the weighted sum of the final sub-scores (docs/scoring.md), and no
  adjustment lifts it past a cap the analyzer set (a critical problem, nothing to show):
  only a grounded dispute of the capping finding does; under a cap, the reasons that lower
  sub-scores lower the overall from the cap by their weighted points, so a problem the
  reviewer shows counts whether or not a cap holds the score;
- everything is clamped to 0–100.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from resumeroast.core.analysis.scoring import WEIGHTS, WEIGHTS_WITH_JOB, weighted_overall
from resumeroast.core.feedback import Evidence, ScoreNote, Source, SubScores

STEP = 5
#: How far each of the analyzer's measures can be wrong, in points either way; what the
#: model's reasons may move a sub-score by in all.
MEASURE_BOUND = {
    # Counts numbers and opening verbs: blind to results told in words ("took the clinic
    # through its first accreditation") and to what a number is worth. Three steps.
    "impact": 15,
    # Deducts for listed patterns (clichés, first person, walls of text): blind to writing
    # that is vague or padded in words no list holds. Three steps.
    "clarity": 15,
    # Read from the same parse an ATS makes (layout, headings, text boxes): rarely wrong
    # by much. Two steps.
    "ats": 10,
    # Presence checks (contact, sections, dates): when one is wrong, that is a dispute of
    # the finding (disputes.py), not an adjustment. Two steps.
    "completeness": 10,
    # Keyword overlap with the job ad: blind to synonyms and to equivalent experience.
    # Four steps.
    "job_match": 20,
}

#: The most the overall score can move by adjustments alone (every sub-score at its bound):
#: 13 points without a job ad, 14 with one. Only a grounded dispute moves it further.
OVERALL_BOUND = math.ceil(
    max(
        sum(weight * MEASURE_BOUND[name] for name, weight in weights.items())
        for weights in (WEIGHTS, WEIGHTS_WITH_JOB)
    )
)


@dataclass(frozen=True)
class ScoreReason:
    """One grounded adjustment: a step for one sub-score, with its reason and quote."""

    sub_score: str
    direction: int  #: +1 raise, -1 lower
    reason: str
    evidence: Evidence


def gives_a_reason(text: str) -> bool:
    """A reason must have a word in it ("Vague." does; "x", "1" and "" do not)."""
    return any(sum(c.isalpha() for c in word) >= 3 for word in text.split())


def distinct_reasons(reasons: Sequence[ScoreReason], key: str) -> bool:
    """Whether a reason with this (sub-score, normalised quote) key is new."""
    return key not in {f"{r.sub_score}:{r.evidence.quote.casefold()}" for r in reasons}


def apply_reasons(
    sub_scores: SubScores, overall: int, reasons: Sequence[ScoreReason]
) -> tuple[SubScores, int, list[ScoreNote]]:
    """The final sub-scores and overall score, and a note for each reason applied."""
    values = sub_scores.model_dump()
    moved = dict.fromkeys(MEASURE_BOUND, 0)
    notes: list[ScoreNote] = []
    for item in reasons:
        name = item.sub_score
        if values.get(name) is None or name not in MEASURE_BOUND:
            continue
        wanted = moved[name] + item.direction * STEP
        if abs(wanted) > MEASURE_BOUND[name]:
            continue
        before = values[name]
        values[name] = max(0, min(100, before + item.direction * STEP))
        if values[name] == before:
            continue
        moved[name] = wanted
        notes.append(
            ScoreNote(
                sub_score=name,
                change=values[name] - before,
                reason=item.reason,
                quote=item.evidence.quote,
                line=item.evidence.line,
                source=Source.AI,
            )
        )
    final = SubScores.model_validate(values)
    return final, _overall(sub_scores, overall, final), notes


def _exact(sub: SubScores) -> float:
    values: dict[str, int] = sub.model_dump()
    weights = WEIGHTS if sub.job_match is None else WEIGHTS_WITH_JOB
    return sum(weight * values[name] for name, weight in weights.items())


def _overall(before: SubScores, overall: int, after: SubScores) -> int:
    """The weighted sum of the final sub-scores; when the analyzer held the overall to a cap,
    the cap moved by the weighted change of the sub-scores, never above the cap."""
    if overall >= weighted_overall(before):  # no cap held it
        return max(0, min(100, weighted_overall(after)))
    moved = _exact(after) - _exact(before)
    return max(0, min(100, overall, round(overall + moved)))
