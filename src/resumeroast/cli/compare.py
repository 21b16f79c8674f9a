"""`roast FILE --compare EARLIER`: the new roast against an earlier one.

EARLIER is either a result saved with `roast --json` (or its feedback alone: no token and no
stored job needed, the person's own file), or an earlier job on the server: its result link
(`…/jobs/ID#token=…`, as `roast` prints it) or its id with `--compare-token`. A job is the
revised version's earlier one: the upload is linked to it (as "Upload a revised version" on
the web page does) and the server compares the two.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
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


@dataclass(frozen=True, slots=True)
class EarlierJob:
    """An earlier roast on the server, with its owner's token."""

    job_id: str
    token: str


_RESULT_LINK = re.compile(r"/jobs/(?P<id>[\w-]{1,36})#(?:.*&)?token=(?P<token>[\w.~-]+)")
_JOB_ID = re.compile(r"[\w-]{1,36}")


def earlier_roast(value: str, token: str | None = None) -> Feedback | EarlierJob:
    """A saved result (a file that exists), a result link with its token, or a job id with
    `token`; anything else says what --compare takes."""
    path = Path(value)
    if path.is_file():
        return earlier_feedback(path)
    link = _RESULT_LINK.search(value)
    if link:
        return EarlierJob(link["id"], token or link["token"])
    if _JOB_ID.fullmatch(value):
        if token:
            return EarlierJob(value, token)
        raise UnreadableEarlierResult(f"job {value} needs its token: add --compare-token")
    raise UnreadableEarlierResult(
        f"{value} is not a file saved with --json, a result link (…/jobs/ID#token=…) or a job id"
    )


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
