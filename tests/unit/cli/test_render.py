"""The terminal view shows why a sub-score moved and what the AI reviewer checked."""

from __future__ import annotations

import io
from typing import Any

from rich.console import Console

from resumeroast.cli.render import render_feedback

FEEDBACK: dict[str, Any] = {
    "overall_score": 65,
    "verdict": "Strong record, thin page.",
    "sub_scores": {"impact": 93, "clarity": 90, "ats": 97, "completeness": 95, "job_match": None},
    "findings": [],
    "score_notes": [
        {"sub_score": "impact", "change": 5, "reason": "Clearance on first review [X%]"}
    ],
    "checked": [
        {
            "code": "sections.no_experience",
            "message": "No Experience section.",
            "reason": "A dated role is right here.",
            "evidence": {"quote": "Regulatory Affairs Manager", "line": 6},
        }
    ],
}


def _shown(feedback: dict[str, Any]) -> str:
    out = io.StringIO()
    render_feedback(feedback, Console(file=out, width=160, color_system=None))
    return out.getvalue()


def test_a_moved_sub_score_shows_its_reason_beside_it() -> None:
    impact = next(line for line in _shown(FEEDBACK).splitlines() if "impact" in line)
    assert "93" in impact and "+5 Clearance on first review [X%]" in impact  # not read as markup


def test_a_withdrawn_finding_is_shown_as_checked_by_the_ai_reviewer() -> None:
    shown = _shown(FEEDBACK)
    assert "CHECKED BY THE AI REVIEWER withdrawn: No Experience section." in shown
    assert 'line 6: "Regulatory Affairs Manager"' in shown


def test_feedback_without_notes_renders_as_before() -> None:
    plain = {k: v for k, v in FEEDBACK.items() if k not in ("score_notes", "checked")}
    assert "CHECKED" not in _shown(plain)


def test_a_reason_against_a_score_already_at_zero_says_it_moved_nothing() -> None:
    floored = {
        **FEEDBACK,
        "sub_scores": {**FEEDBACK["sub_scores"], "completeness": 0},
        "score_notes": [
            {"sub_score": "completeness", "change": 0, "reason": "Not one date anywhere"}
        ],
    }
    shown = _shown(floored)
    assert "(already 0) Not one date anywhere" in shown
    assert "+0" not in shown
