"""Tables and figures for bench/gold.py (issue 13's "Done when"), from judged results."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from gold_rules import Judged, covered

if TYPE_CHECKING:
    from gold import Result

VERDICTS = ("true", "trivial", "false", "unjudged")
STRONG = 70  #: expert_score of a complete, strong resume
THIN_WORDS = 300


def _tally(judged: Iterable[Judged]) -> Counter[str]:
    counts: Counter[str] = Counter(j.verdict for j in judged)
    counts["n"] = sum(counts[v] for v in VERDICTS)
    return counts


def _share(part: int, whole: int) -> float:
    return round(part / whole, 3) if whole else 0.0


def ranks(values: list[float]) -> list[float]:
    """1-based ranks, ties sharing their average rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for k in range(start, end + 1):
            out[order[k]] = (start + end) / 2 + 1
        start = end + 1
    return out


def spearman(xs: list[float], ys: list[float]) -> float:
    """Pearson correlation of the ranks (ties averaged)."""
    if len(xs) < 3:
        return 0.0
    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx) ** 0.5
    vy = sum((b - my) ** 2 for b in ry) ** 0.5
    return round(cov / (vx * vy), 3) if vx and vy else 0.0


def _score(result: Result) -> int:
    return result.feedback.overall_score if result.feedback else 0


def _weak(result: Result) -> str:
    """Why a resume must not outscore a strong one: placeholders or under 300 words."""
    entry = result.entry
    if any(i["kind"] == "placeholder" for i in entry.issues):
        return "placeholders"
    words = result.feedback.facts.words if result.feedback else 0
    return f"{words} words" if words < THIN_WORDS else ""


def outranked(results: list[Result]) -> list[str]:
    strong = [r for r in results if (r.entry.gold.get("expert_score") or 0) >= STRONG]
    return [
        f"{w.entry.label} ({_weak(w)}, {_score(w)}) > {s.entry.label} ({_score(s)})"
        for w in results
        if _weak(w)
        for s in strong
        if _score(w) > _score(s)
    ]


def recall_by_kind(results: list[Result]) -> dict[str, tuple[int, int]]:
    kinds: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for r in results:
        for i in covered(r.entry.issues):
            kinds[r.entry.issues[i]["kind"]][1] += 1
            kinds[r.entry.issues[i]["kind"]][0] += i in r.found
    return {k: (v[0], v[1]) for k, v in sorted(kinds.items())}


def summary(results: list[Result]) -> dict[str, Any]:
    judged = [j for r in results for j in r.judged]
    counts = _tally(judged)
    criticals = [j for j in judged if j.item.severity.value == "critical"]
    by_kind = recall_by_kind(results)
    found, total = sum(v[0] for v in by_kind.values()), sum(v[1] for v in by_kind.values())
    rewrites = Counter(w["verdict"] for r in results for w in r.rewrites)
    n_rewrites = sum(rewrites.values())
    scored = [r for r in results if r.entry.gold.get("expert_score") is not None]
    return {
        "resumes": len(results),
        "refused": sum(1 for r in results if r.feedback is None),
        "findings": counts["n"],
        "true": _share(counts["true"], counts["n"]),
        "trivial": _share(counts["trivial"], counts["n"]),
        "false": _share(counts["false"], counts["n"]),
        "unjudged": counts["unjudged"],
        "fact_contradictions": sum(1 for j in judged if j.reason.startswith("contradicts")),
        "criticals": len(criticals),
        "false_criticals": sum(1 for j in criticals if j.verdict == "false"),
        "unconfirmed_criticals": sum(1 for j in criticals if j.verdict == "unjudged"),
        "recall": _share(found, total),
        "issues_found": found,
        "issues_covered": total,
        "spearman": spearman(
            [float(_score(r)) for r in scored],
            [float(r.entry.gold["expert_score"]) for r in scored],
        ),
        "weak_outranks_strong": outranked(results),
        "rewrites": n_rewrites,
        "rewrites_better": _share(rewrites["better"], n_rewrites),
        "rewrites_invented": rewrites["invented"],
        "rewrites_unjudged": rewrites["unjudged"],
    }


def _row(cells: Iterable[object], widths: Iterable[int]) -> str:
    return "  ".join(str(c)[:w].ljust(w) for c, w in zip(cells, widths, strict=False)).rstrip()


def _precision_table(title: str, groups: dict[str, list[Judged]]) -> None:
    widths = (34, 5, 5, 7, 5, 6, 8, 8)
    print(f"\n{title}")
    print(_row(("", "n", "true", "trivial", "false", "unjdg", "%true", "%false"), widths))
    for name, judged in sorted(groups.items()):
        c = _tally(judged)
        shares = (f"{_share(c['true'], c['n']):.0%}", f"{_share(c['false'], c['n']):.0%}")
        print(
            _row(
                (name, c["n"], c["true"], c["trivial"], c["false"], c["unjudged"], *shares), widths
            )
        )


def print_report(results: list[Result], *, details: bool) -> None:
    _per_resume(results)
    judged = [j for r in results for j in r.judged]
    by_code: dict[str, list[Judged]] = defaultdict(list)
    by_severity: dict[str, list[Judged]] = defaultdict(list)
    for j in judged:
        by_code[j.item.code].append(j)
        by_severity[j.item.severity.value].append(j)
    _precision_table("Per check", by_code)
    _precision_table("Per severity", by_severity)
    _recall(results)
    _findings(results, details=details)
    _rewrites(results)
    _summary(summary(results))


def _per_resume(results: list[Result]) -> None:
    widths = (14, 30, 6, 6, 4, 5, 7, 5, 6, 7)
    print(_row(("resume", "profession", "expert", "score", "n", "true", "trivial", "false",
                "unjdg", "found"), widths))  # fmt: skip
    for r in results:
        c = _tally(r.judged)
        mine = covered(r.entry.issues)
        score = r.feedback.overall_score if r.feedback else f"refused: {r.refused[:40]}"
        found = f"{len([i for i in mine if i in r.found])}/{len(mine)}"
        print(_row((r.entry.label, r.entry.gold.get("profession", ""), r.entry.gold.get(
            "expert_score", ""), score, c["n"], c["true"], c["trivial"], c["false"],
            c["unjudged"], found), widths))  # fmt: skip


def _recall(results: list[Result]) -> None:
    print("\nRecall by gold issue kind (kinds a check covers)")
    for kind, (found, total) in recall_by_kind(results).items():
        print(f"  {kind:28} {found}/{total}")
    uncovered = Counter(
        i["kind"]
        for r in results
        for n, i in enumerate(r.entry.issues)
        if n not in covered(r.entry.issues)
    )
    print(
        "  not covered by any check: " + ", ".join(f"{k} {v}" for k, v in uncovered.most_common())
    )


def _findings(results: list[Result], *, details: bool) -> None:
    print("\nFindings judged false, and findings nobody has judged yet")
    for r in results:
        for j in r.judged:
            if j.verdict in {"false", "unjudged"} or details:
                sev = j.item.severity.value
                print(f"  {r.entry.label} {j.verdict:8} {sev:8} {j.item.code} | {j.key[:90]!r}")
                if j.reason:
                    print(f"      {j.reason}")


def _rewrites(results: list[Result]) -> None:
    print("\nRewrites")
    for r in results:
        for w in r.rewrites:
            print(f"  {r.entry.label} [{w['verdict']}] {w['original'][:70]!r}")
            print(f"      -> {w['improved'][:100]!r}")


def _summary(s: dict[str, Any]) -> None:
    print("\nSummary (issue 13 'Done when': >= 90% true, <= 5% false, 0 false criticals, "
          "recall >= 0.7, Spearman >= 0.7, rewrites >= 80% better and 0 invented)")  # fmt: skip
    print(f"  resumes {s['resumes']} (refused {s['refused']}), findings {s['findings']}: "
          f"{s['true']:.1%} true, {s['trivial']:.1%} trivial, {s['false']:.1%} false, "
          f"{s['unjudged']} unjudged; {s['fact_contradictions']} contradict a fact")  # fmt: skip
    print(f"  criticals {s['criticals']}: {s['false_criticals']} false, "
          f"{s['unconfirmed_criticals']} unjudged")  # fmt: skip
    print(f"  recall {s['recall']:.2f} ({s['issues_found']}/{s['issues_covered']} gold issues "
          f"of kinds a check covers); Spearman(overall, expert) {s['spearman']:.2f}")  # fmt: skip
    print(f"  rewrites {s['rewrites']}: {s['rewrites_better']:.0%} judged better, "
          f"{s['rewrites_invented']} invent facts, {s['rewrites_unjudged']} unjudged")  # fmt: skip
    weak = s["weak_outranks_strong"]
    print(f"  placeholder/thin resumes outscoring a strong one: {len(weak)}"
          + ("".join(f"\n    {w}" for w in weak)))  # fmt: skip
