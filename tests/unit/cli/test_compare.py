"""`roast FILE --compare EARLIER.json` prints the score change and what was fixed, open, new."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from rich.console import Console

from resumeroast.cli.compare import (
    EarlierJob,
    UnreadableEarlierResult,
    comparison_with,
    earlier_feedback,
    earlier_roast,
    render_comparison,
)
from resumeroast.core.feedback import Evidence, Feedback, Finding, Severity, SubScores


def finding(code: str, quote: str, line: int) -> Finding:
    return Finding(
        code=code,
        severity=Severity.WARNING,
        category=code.split(".", 1)[0],
        message=f"{code} says so.",
        fix="Fix it.",
        evidence=[Evidence(quote=quote, line=line)],
    )


def feedback(score: int, *findings: Finding) -> Feedback:
    return Feedback(
        overall_score=score,
        verdict="v",
        sub_scores=SubScores(impact=score, clarity=80, ats=90, completeness=90),
        findings=list(findings),
    )


def test_an_earlier_result_saved_with_json_is_compared_with_the_new_roast(tmp_path: Path) -> None:
    weak = finding("verbs.weak_opener", "Participated in sprints", 18)
    cliche = finding("language.cliche", "A team player", 7)
    earlier = feedback(60, finding("impact.unquantified_bullets", "Built APIs", 13), weak)
    saved = tmp_path / "earlier.json"
    saved.write_text(
        json.dumps({"status": "complete", "feedback": earlier.model_dump(mode="json")})
    )
    moved = finding("impact.unquantified_bullets", "Built  APIs", 14)  # a line down, respaced
    result = {"status": "complete", "feedback": feedback(71, moved, cliche).model_dump(mode="json")}

    comparison = comparison_with(earlier_feedback(saved), result)
    console = Console(record=True, width=120)
    render_comparison(comparison, console)
    text = console.export_text()

    assert "Overall: 60 → 71 (+11)" in text
    assert "1 fixed · 1 still open · 1 new" in text
    assert 'fixed: verbs.weak_opener says so. "Participated in sprints"' in text
    assert 'new: language.cliche says so. "A team player"' in text


def test_a_file_that_is_not_a_saved_result_is_refused_with_what_to_do(tmp_path: Path) -> None:
    other = tmp_path / "notes.json"
    other.write_text('{"hello": "world"}')
    with pytest.raises(UnreadableEarlierResult, match="roast --json"):
        earlier_feedback(other)


def test_roast_refuses_an_unreadable_earlier_result_before_uploading(tmp_path: Path) -> None:
    from resumeroast.cli.roast import run_roast

    resume = tmp_path / "resume.txt"
    resume.write_text("Jane Smith\n")
    other = tmp_path / "notes.json"
    other.write_text("[1, 2]")
    code = run_roast(
        resume,
        job=None,
        level="honest",
        as_json=False,
        url="http://127.0.0.1:9",  # nothing there: reaching it would start a stack
        compare_to=other,
    )
    assert code == 2


def test_compare_takes_an_earlier_job_by_its_result_link_or_its_id_and_token(
    tmp_path: Path,
) -> None:
    link = "http://127.0.0.1:8000/jobs/0b7c7f0e-5a4e-4b7e-9d59-2f0f3f9b7c11#token=Ab_c-9.x"
    job_id = "0b7c7f0e-5a4e-4b7e-9d59-2f0f3f9b7c11"

    assert earlier_roast(link) == EarlierJob(job_id, "Ab_c-9.x")
    assert earlier_roast(f"/jobs/{job_id}#token=Ab_c-9.x") == EarlierJob(job_id, "Ab_c-9.x")
    assert earlier_roast(job_id, "t0ken") == EarlierJob(job_id, "t0ken")
    saved = tmp_path / "earlier.json"
    saved.write_text(json.dumps({"feedback": feedback(60).model_dump(mode="json")}))
    assert earlier_roast(str(saved)) == feedback(60)  # a saved result stays a file


@pytest.mark.parametrize(
    ("value", "says"),
    [
        ("0b7c7f0e-5a4e-4b7e-9d59-2f0f3f9b7c11", "needs its token: add --compare-token"),
        ("no such file.json", "not a file saved with --json, a result link"),
    ],
)
def test_compare_says_what_it_takes_when_it_is_given_something_else(value: str, says: str) -> None:
    with pytest.raises(UnreadableEarlierResult, match=says):
        earlier_roast(value)
