"""Score adjustments: the AI reviewer's judgment moves sub-scores, each move with its reason.

Rules (docs/llm.md, "Scores"):
- every sub-score starts at the analyzer's value (after any grounded dispute corrected the
  facts it stood on: disputes.py);
- each adjustment whose quote is found in the resume and whose reason has a word in it (and
  cites no number from nowhere) is one STEP of 10 points up or down; several grounded reasons
  for the same sub-score are several steps; the same quote counted twice for one sub-score
  is one reason;
- a problem only the model found (a grounded finding that merged with no analyzer finding)
  is a reason too: it lowers the sub-score of its category a step, two for a critical one,
  after the model's explicit adjustments (they come first within the bound);
- a lowering step on a sub-score already at 0 (or a raise at 100) moves nothing but is still
  shown with its reason, as a change of 0;
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
from resumeroast.core.feedback import Evidence, Finding, ScoreNote, Severity, Source, SubScores

#: One grounded reason moves a sub-score this much: a tenth of the scale, the difference a
#: recruiter would name ("clear" to "mostly clear"). With steps of 5 an expert's answer for
#: the weakest gold resume moved its overall by 2 points against an analyzer 38 points too
#: generous, and no answer changed how resumes ranked (bench/oracle.py, docs/llm.md).
STEP = 10
#: How far each of the analyzer's measures can be wrong, in points either way; what the
#: model's reasons may move a sub-score by in all. On the 20 gold resumes the analyzer's
#: overall score is a median 18.5 points from the expert's (bench/gold.py): the bounds add up
#: to about that.
MEASURE_BOUND = {
    # Counts numbers and opening verbs: blind to results told in words ("took the clinic
    # through its first accreditation") and to what a number is worth. Two steps.
    "impact": 20,
    # Deducts for listed patterns (clichés, first person, walls of text): blind to writing
    # that is vague or padded in words no list holds. Two steps.
    "clarity": 20,
    # Read from the same parse an ATS makes (layout, headings, text boxes): rarely wrong
    # by much. One step.
    "ats": 10,
    # Presence checks (contact, sections, dates): blind to what is there but says nothing
    # (a current role with no line on it, dates that contradict the text). A presence check
    # that is wrong is a dispute of its finding (disputes.py), not an adjustment. Two steps.
    "completeness": 20,
    # Keyword overlap with the job ad: blind to synonyms and to equivalent experience.
    # Two steps.
    "job_match": 20,
}

#: The most the overall score can move by adjustments alone (every sub-score at its bound):
#: 18 points without a job ad, 19 with one. Only a grounded dispute moves it further.
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
    steps: int = 1


#: The sub-score a problem of each finding category counts against (docs/scoring.md: the
#: language checks and the layout of sections are part of clarity).
CATEGORY_SUB_SCORE = {
    "impact": "impact",
    "clarity": "clarity",
    "language": "clarity",
    "structure": "clarity",
    "ats": "ats",
    "completeness": "completeness",
    "job_match": "job_match",
}
#: Steps a problem only the model found is worth: what a recruiter would hold against it.
SEVERITY_STEPS = {Severity.CRITICAL: 2, Severity.WARNING: 1}
AI_ONLY_PREFIX = "ai."


def problem_reasons(
    findings: Sequence[Finding], explicit: Sequence[ScoreReason]
) -> list[ScoreReason]:
    """The problems only the model found (AI findings that merged with no analyzer finding,
    whose code keeps the "ai." prefix), each a lowering reason for its category's sub-score;
    a quote the model already gave an adjustment for, for that sub-score, is not counted
    again."""
    reasons: list[ScoreReason] = []
    for finding in findings:
        name = CATEGORY_SUB_SCORE.get(finding.category)
        steps = SEVERITY_STEPS.get(finding.severity, 0)
        if not finding.code.startswith(AI_ONLY_PREFIX) or name is None or not steps:
            continue
        if not finding.evidence:  # grounding gives every AI finding its quote: a guard only
            continue
        evidence = finding.evidence[0]
        key = f"{name}:{evidence.quote.casefold()}"
        if not distinct_reasons([*explicit, *reasons], key):
            continue
        reasons.append(ScoreReason(name, -1, finding.message, evidence, steps))
    return reasons


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
        before, applied = values[name], 0
        for _ in range(item.steps):
            wanted = moved[name] + item.direction * STEP
            if abs(wanted) > MEASURE_BOUND[name]:
                break  # past how far the measure can be wrong: not applied
            moved[name], applied = wanted, applied + 1
            values[name] = max(0, min(100, values[name] + item.direction * STEP))
        if not applied:
            continue
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
