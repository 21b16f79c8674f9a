"""The judged evaluation: real resumes and an expert's annotations decide (issue 13).

Runs every resume of ../shared/fixtures/gold (or a held-out set: bench/holdout, bench/holdout2)
through the worker's path — the sandboxed parse, analyze(), the builtin reviewer at level
honest — and judges each finding:

- false: it contradicts a gold fact (bench/gold_rules.py, FACT_CODES), or a person judged it so;
- true: it finds a gold issue (ISSUE_CODES), or a person judged it so;
- trivial / false / true from bench/gold_verdicts.toml for the rest (a person read the
  document); what nobody judged yet is printed as unjudged and counts as neither.

Prints a per-resume table, precision per check and per severity, recall per issue kind over the
kinds the analyzer covers, false criticals, Spearman(overall_score, expert_score), the rewrites
(with their judged verdicts) and the summary figures of issue 13's "Done when". No names,
phones or e-mail addresses are printed: quotes are masked (bench/gold_set.py).

    .venv/bin/python bench/gold.py [--set gold|holdout|holdout2] [--json] [--details]
"""

from __future__ import annotations

import argparse
import json
import sys
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).parent))

from gold_report import print_report, summary
from gold_rules import Judged, contradicts, covered, finds, quotes
from gold_set import Entry, Masker, gold_entries, held_out_sets, holdout_entries
from resumeroast.adapters.parsing import parse_document, stop_server
from resumeroast.core.analysis import render_feedback
from resumeroast.core.documents import Document, sniff_kind
from resumeroast.core.feedback import Feedback, Finding, Level
from resumeroast.core.review.builtin import BuiltinReviewer
from resumeroast.core.review.request import prepare_review
from resumeroast.errors import DocumentError
from resumeroast.settings import Settings

VERDICTS = Path(__file__).with_name("gold_verdicts.toml")
AS_OF = date(2026, 12, 1)  #: "Present" in every run: the same figures today and next month


@dataclass
class Result:
    entry: Entry
    feedback: Feedback | None  #: None when the readers refused the file
    refused: str = ""
    judged: list[Judged] = field(default_factory=list)
    found: set[int] = field(default_factory=set)  #: gold issues some finding found
    rewrites: list[dict[str, str]] = field(default_factory=list)


def review(entry: Entry, settings: Settings) -> tuple[Feedback | None, Document | None, str]:
    """The worker's path: sandboxed parse → analyze → builtin reviewer (see pipeline.py)."""
    data = entry.path.read_bytes()
    try:
        document = parse_document(
            data,
            sniff_kind(data, entry.path.name),
            max_pages=settings.max_pdf_pages,
            timeout_s=settings.parse_timeout_s,
            memory_limit_mb=settings.parse_memory_mb,
        )
    except DocumentError as exc:
        return None, None, exc.user_message
    request = prepare_review(document, job_description=None, level=Level.HONEST, as_of=AS_OF)
    if not request.analysis.readable:  # a scan: its one finding is the review, as in pipeline
        return render_feedback(request.analysis, Level.HONEST), None, ""
    return BuiltinReviewer().review(request), document, ""


def load_verdicts() -> dict[tuple[str, ...], dict[str, str]]:
    if not VERDICTS.exists():
        return {}
    raw = tomllib.loads(VERDICTS.read_text(encoding="utf-8"))
    table: dict[tuple[str, ...], dict[str, str]] = {}
    for row in raw.get("finding", []):
        table[("finding", row["resume"], row["code"], row["quote"])] = row
    for row in raw.get("rewrite", []):
        table[("rewrite", row["resume"], row["original"], row["improved"])] = row
    return table


def judge(result: Result, mask: Masker, verdicts: dict[tuple[str, ...], dict[str, str]]) -> None:
    entry, feedback = result.entry, result.feedback
    if feedback is None:
        return
    for item in feedback.findings:
        result.judged.append(_judge_one(item, entry, mask, verdicts, result.found))
    for rewrite in feedback.rewrites:
        original, improved = mask(rewrite.original), mask(rewrite.improved)
        row = verdicts.get(("rewrite", entry.label, original, improved), {})
        result.rewrites.append(
            {
                "original": original,
                "improved": improved,
                "verdict": row.get("verdict", "unjudged"),
                "reason": row.get("reason", ""),
            }
        )


def _judge_one(
    item: Finding,
    entry: Entry,
    mask: Masker,
    verdicts: dict[tuple[str, ...], dict[str, str]],
    found: set[int],
) -> Judged:
    key = _key(item, mask)
    against = [f for f in entry.facts if contradicts(item, f)]
    if against:
        return Judged(item, "false", f"contradicts gold fact {against[0]['what']}", key)
    hits = tuple(i for i, issue in enumerate(entry.issues) if finds(item, issue))
    found.update(hits)
    if hits:
        kinds = sorted({entry.issues[i]["kind"] for i in hits})
        return Judged(item, "true", f"finds gold issue {', '.join(kinds)}", key, hits)
    row = verdicts.get(("finding", entry.label, item.code, key))
    if row is None:
        return Judged(item, "unjudged", "", key)
    return Judged(item, row["verdict"], row.get("reason", ""), key)


def _key(item: Finding, mask: Masker) -> str:
    """Masked first quote: what the verdicts file keys a finding by (with resume and code)."""
    if item.category == "contact":
        return "<contact>" if quotes(item) else ""
    cited = quotes(item)
    return mask(cited[0]) if cited else ""


def run(entries: list[Entry]) -> list[Result]:
    settings = Settings()
    verdicts = load_verdicts()
    results = []
    try:
        for entry in entries:
            feedback, document, refused = review(entry, settings)
            lines = document.text.splitlines() if document is not None else []
            result = Result(entry, feedback, refused)
            judge(result, Masker.for_document(entry.path, lines), verdicts)
            results.append(result)
    finally:
        stop_server()
    return results


def as_json(results: list[Result]) -> dict[str, Any]:
    return {
        "as_of": AS_OF.isoformat(),
        "summary": summary(results),
        "resumes": [
            {
                "resume": r.entry.label,
                "expert_score": r.entry.gold.get("expert_score"),
                "overall_score": r.feedback.overall_score if r.feedback else None,
                "refused": r.refused,
                "findings": [
                    {
                        "code": j.item.code,
                        "severity": j.item.severity.value,
                        "quote": j.key,
                        "verdict": j.verdict,
                        "reason": j.reason,
                    }
                    for j in r.judged
                ],
                "issues_covered": len(covered(r.entry.issues)),
                "issues_found": len([i for i in covered(r.entry.issues) if i in r.found]),
                "rewrites": r.rewrites,
            }
            for r in results
        ],
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=("gold", *held_out_sets()), default="gold")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--details", action="store_true", help="also list true findings")
    args = parser.parse_args()
    if args.set != "gold":
        entries, note = holdout_entries(args.set)
        if note:
            print(note, file=sys.stderr)
        if not entries:
            print("nothing to measure on the held-out set; skipped", file=sys.stderr)
            return 0
    else:
        entries = gold_entries()
    results = run(entries)
    if args.json:
        print(json.dumps(as_json(results), indent=2, ensure_ascii=False))
    else:
        print_report(results, details=args.details)
    return 0


if __name__ == "__main__":
    sys.exit(main())
