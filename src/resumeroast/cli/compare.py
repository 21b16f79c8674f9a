"""`roast FILE --compare EARLIER.json`: the new roast against an earlier one.

The earlier roast is a result saved with `roast --json` (or its feedback alone): it needs no
running service, no token and no stored job, and it is the person's own file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import ValidationError
from rich.console import Console

from resumeroast.core.compare import Comparison, FindingRef, compare
from resumeroast.core.feedback import Feedback

_NAMES = {
    "overall": "Overall",
    "impact": "Impact",
    "clarity": "Clarity",
    "ats": "ATS",
    "completeness": "Completeness",
    "job_match": "Job match",
}


class UnreadableEarlierResult(ValueError):
    """The --compare file is not a result (or feedback) saved by `roast --json`."""


def earlier_feedback(path: Path) -> Feedback:
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        body = saved.get("feedback", saved) if isinstance(saved, dict) else None
        if not isinstance(body, dict):
            raise UnreadableEarlierResult(f"{path} holds no feedback (save one with --json)")
        return Feedback.model_validate(body)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, ValidationError) as exc:
        raise UnreadableEarlierResult(
            f"{path} is not a result saved with `resumeroast roast --json`"
        ) from exc


def comparison_with(earlier: Feedback, result: dict[str, Any]) -> Comparison:
    return compare(earlier, Feedback.model_validate(result["feedback"]))


def render_comparison(comparison: Comparison, console: Console) -> None:
    console.print("\n[bold]Compared with the earlier version[/]")
    for score in comparison.scores:
        if score.change is None:
            continue
        sign = "+" if score.change > 0 else ""
        console.print(
            f"  {_NAMES.get(score.name, score.name)}: {score.before} → {score.after} "
            f"({sign}{score.change})"
        )
    groups = (
        ("fixed", comparison.fixed, "green"),
        ("still open", comparison.still_open, "yellow"),
        ("new", comparison.new, "red"),
    )
    console.print("  " + " · ".join(f"{len(items)} {name}" for name, items, _ in groups))
    for name, items, colour in groups:
        for item in items:
            console.print(f"  [{colour}]{name}:[/] {_quoted(item)}")


def _quoted(item: FindingRef) -> str:
    if not item.quotes:
        return item.message
    more = f" (+{len(item.quotes) - 1} more)" if len(item.quotes) > 1 else ""
    return f'{item.message} "{item.quotes[0]}"{more}'
