"""Feedback in the terminal, readable: verdict and scores first, then what to fix."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.markup import escape
from rich.panel import Panel
from rich.table import Table

from resumeroast.core.vocabulary import band_for, category_label, section_note_parts

SEVERITY_STYLE = {"critical": "bold red", "warning": "yellow", "info": "cyan"}


def render_feedback(
    feedback: dict[str, Any], console: Console, top: list[dict[str, Any]] | None = None
) -> None:
    score = feedback["overall_score"]
    band = band_for(score).label  # the words the verdict and the web page use
    console.print(
        Panel(
            f"[bold]{score}/100 · {band}[/]  {feedback['verdict']}",
            title="ResumeRoast",
            expand=False,
        )
    )
    cap_reason = (feedback.get("keywords") or {}).get("score_cap_reason")
    if cap_reason:  # why the job holds the score down, as the page and the Markdown say it
        console.print(f"[bold yellow]{escape(cap_reason)}[/]")
    scores = Table(show_header=False, box=None)
    reasons = _score_reasons(feedback.get("score_notes", []), feedback["sub_scores"])
    for name, value in feedback["sub_scores"].items():
        if value is not None:
            scores.add_row(
                name.replace("_", " "), f"{value:>3}", "█" * (value // 5), reasons.get(name, "")
            )
    console.print(scores)
    render_requirements(feedback.get("keywords") or {}, console)
    render_top_fixes(top or [], console)
    for checked in feedback.get("checked", []):
        evidence = checked["evidence"]
        where = f"line {evidence['line']}: " if evidence.get("line") else ""
        console.print(
            f"\n[magenta]CHECKED BY THE AI REVIEWER[/] withdrawn: {escape(checked['message'])}\n"
            f'   {escape(checked["reason"])}\n   [dim]{where}[/]"{escape(evidence["quote"])}"'
        )
    for finding in feedback["findings"]:
        style = SEVERITY_STYLE.get(finding["severity"], "")
        console.print(
            f"\n[{style}]{finding['severity'].upper()}[/] "
            f"({category_label(finding['category'])}) {finding['message']}"
        )
        for evidence in finding["evidence"][:3]:
            where = f"line {evidence['line']}: " if evidence.get("line") else ""
            console.print(f'   [dim]{where}[/]"{evidence["quote"]}"')
        if finding.get("fix"):
            console.print(f"   [green]fix:[/] {finding['fix']}")
    for note in feedback.get("section_notes", []):
        head, text = section_note_parts(note["section"], note["note"])
        console.print(f"\n[bold]{head}:[/] {text}" if head else f"\n{text}")
    for rewrite in feedback.get("rewrites", []):
        console.print(f"\n[red]- {rewrite['original']}[/]\n[green]+ {rewrite['improved']}[/]")
    keywords = feedback.get("keywords")
    if keywords and keywords.get("missing"):
        console.print(f"\n[bold]missing keywords:[/] {', '.join(keywords['missing'])}")
    for note in feedback.get("review", {}).get("notes", []):  # what the job seeker may read
        console.print(f"\n[dim]note: {note}[/]")


def _score_reasons(notes: list[dict[str, Any]], scores: dict[str, Any]) -> dict[str, str]:
    """Each sub-score's reasons, beside it: "+10 First-review clearance is a strong result";
    a reason against a score already at its end moved nothing: "(already 0) …"."""
    reasons: dict[str, list[str]] = {}
    for note in notes:
        change = note["change"]
        head = f"{change:+d}" if change else f"(already {scores.get(note['sub_score'])})"
        reasons.setdefault(note["sub_score"], []).append(f"{head} {escape(note['reason'])}")
    return {name: "[dim]" + "; ".join(texts) + "[/]" for name, texts in reasons.items()}


def render_top_fixes(top: list[dict[str, Any]], console: Console) -> None:
    """What to fix first, as the web page opens with it: the fixes worth the most points."""
    if not top:
        return
    console.print("\n[bold]Fix these first[/]")
    for number, item in enumerate(top, 1):
        gain = item.get("expected_gain", 0)
        worth = f" [green](+{gain} points)[/]" if gain else ""
        console.print(f"{number}. {item['message']}{worth}")
        shown, total = item.get("evidence", []), item.get("evidence_total", 0)
        for evidence in shown:
            where = f"line {evidence['line']}: " if evidence.get("line") else ""
            console.print(f'   [dim]{where}[/]"{evidence["quote"]}"')
        if total > len(shown):
            console.print(f"   [dim]{len(shown)} of {total} shown; all of them under Findings[/]")
        console.print(f"   [green]fix:[/] {item['fix']}")


REQUIREMENT_STYLE = {"present": "green", "implied": "yellow", "missing": "red"}


def render_requirements(keywords: dict[str, Any], console: Console) -> None:
    """The job first: what it asks for, and the resume's line that shows each, or nothing."""
    rows = keywords.get("requirements") or []
    if not rows:
        return
    met = sum(1 for row in rows if row["status"] == "present")
    rate = round(100 * keywords.get("requirement_rate", 0))
    table = Table("requirement", "status", "evidence in the resume", title_justify="left")
    table.title = f"Job match {rate}%: {met} of {len(rows)} requirements shown in use"
    for row in rows:
        style = REQUIREMENT_STYLE.get(row["status"], "")
        quote = f'"{escape(row["evidence"])}"' if row.get("evidence") else "[dim]—[/]"
        table.add_row(escape(row["name"]), f"[{style}]{row['status']}[/]", quote)
    console.print(table)


def render_failure(result: dict[str, Any], console: Console) -> None:
    failure = result.get("failure") or {}
    console.print(
        Panel(failure.get("reason", "The job failed."), title="[red]Failed[/]", expand=False)
    )
