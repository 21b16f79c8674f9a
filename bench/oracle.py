"""Benchmark the review against the oracle: expert answers for gold resumes (tests/oracle).

    .venv/bin/python bench/oracle.py            # both providers
    .venv/bin/python bench/oracle.py --json     # the figures as JSON too

Each answer is served by the OpenAI-compatible stand-in (tests/support/llm_standin.py) through
the production provider code, OpenAI-compatible and Anthropic, and the feedback a person would
read is compared with each item's rule. Prints, per provider:
- good content that reaches the person (target >= 95 %): all items, and those the answer files
  (written before any run) expect main to pass without an issue-16 feature;
- bad content dropped (target 100 %), by kind;
- disputes applied: grounded (target 100 %) and ungrounded (target 0);
- duplicate pairs after merging: same line and problem (target 0);
- Spearman of the final overall scores with the expert scores, against the analyzer alone.
Items the rule of which needs a feature absent here are listed by feature. Figures only:
tests/oracle asserts the rules item by item.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.gold_report import spearman
from tests.support.llm_standin import run_standin
from tests.support.oracle import (
    PROVIDERS,
    Provider,
    Run,
    Runner,
    disputes_supported,
    duplicate_pairs,
    load_oracles,
    merge_violations,
    reached,
)


def _pct(part: int, whole: int) -> str:
    return f"{100 * part / whole:.1f} % ({part}/{whole})" if whole else "n/a (0)"


def figures(runs: list[Run]) -> dict[str, Any]:
    good = [(i, r) for r in runs for i in r.oracle.items if i.expect == "survive"]
    good_ok = [(i, r) for i, r in good if reached(i, r)]
    plain = [(i, r) for i, r in good if i.written_needs is None]
    bad = [(i, r) for r in runs for i in r.oracle.items if i.expect == "drop"]
    bad_kept = [(i, r) for i, r in bad if reached(i, r)]
    disputes = [(i, r) for i, r in good + bad if i.kind == "disputes"]
    grounded = [(i, r) for i, r in disputes if i.expect == "survive"]
    ungrounded = [(i, r) for i, r in disputes if i.expect == "drop"]
    merges = [(i, r) for r in runs for i in r.oracle.items if i.expect == "merge"]
    pairs = {r.oracle.label: duplicate_pairs(r) for r in runs}
    expert = [float(r.oracle.expert_score) for r in runs]
    missed_by_feature: dict[str, list[str]] = defaultdict(list)
    for item, run in good:
        if (item, run) not in good_ok:
            missed_by_feature[item.needs or "main"].append(item.id)
    return {
        "resumes": len(runs),
        "good_reached": _pct(len(good_ok), len(good)),
        "good_reached_main_rules": _pct(sum(reached(i, r) for i, r in plain), len(plain)),
        "bad_dropped": _pct(len(bad) - len(bad_kept), len(bad)),
        "bad_kept": [f"{i.id} ({i.bad_kind})" for i, _ in bad_kept],
        "bad_by_kind": dict(Counter(i.bad_kind for i, _ in bad)),
        "disputes_in_schema": disputes_supported(),
        "grounded_disputes_applied": _pct(sum(reached(i, r) for i, r in grounded), len(grounded)),
        "ungrounded_disputes_applied": sum(reached(i, r) for i, r in ungrounded),
        "merge_items_said_twice": [
            f"{i.id}: {v}" for i, r in merges for v in merge_violations(i, r)
        ],
        "duplicate_pairs": sum(len(p) for p in pairs.values()),
        "duplicate_pairs_by_resume": {k: v for k, v in pairs.items() if v},
        "spearman_final": round(
            spearman([float(r.feedback.overall_score) for r in runs], expert), 3
        ),
        "spearman_analyzer": round(
            spearman([float(r.analyzer.overall_score) for r in runs], expert), 3
        ),
        "scores": [
            f"{r.oracle.label}: expert {r.oracle.expert_score}, analyzer "
            f"{r.analyzer.overall_score}, final {r.feedback.overall_score}"
            for r in runs
        ],
        "good_missed_by_feature": dict(missed_by_feature),
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON too")
    args = parser.parse_args()
    oracles = load_oracles()
    results: dict[Provider, dict[str, Any]] = {}
    with run_standin() as standin:
        runner = Runner(standin)
        for provider in PROVIDERS:
            results[provider] = figures([runner.run(o, provider) for o in oracles])
    for provider, result in results.items():
        print(f"== {provider} ({result['resumes']} gold resumes)")
        print(f"good content reached the person   {result['good_reached']}")
        print(f"  of items needing no new feature {result['good_reached_main_rules']}")
        print(f"bad content dropped               {result['bad_dropped']}")
        for kept in result["bad_kept"]:
            print(f"  KEPT {kept}")
        disputes = "" if result["disputes_in_schema"] else "  (no disputes in this schema)"
        print(f"grounded disputes applied         {result['grounded_disputes_applied']}{disputes}")
        print(f"ungrounded disputes applied       {result['ungrounded_disputes_applied']}")
        print(f"duplicate pairs after merging     {result['duplicate_pairs']}")
        for label, pairs in result["duplicate_pairs_by_resume"].items():
            print(f"  {label}: {'; '.join(pairs)}")
        print(
            f"Spearman with expert scores       final {result['spearman_final']}, "
            f"analyzer alone {result['spearman_analyzer']}"
        )
        for line in result["scores"]:
            print(f"  {line}")
        for feature, ids in result["good_missed_by_feature"].items():
            print(f"  good items not reached [{feature}]: {', '.join(ids)}")
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
