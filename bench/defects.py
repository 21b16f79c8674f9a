"""Seeded-defect benchmark for the built-in analyzer.

Takes every resume under ../shared/fixtures/resumes/ (pdf, docx, text), injects one known
defect at a time into its text, runs the analyzer, and prints per defect kind:

- recall: share of injected defects the analyzer reported (at the right line, for line defects);
- false alarms: share of untouched originals that get a finding of that kind which is not real
  (real ones are listed, by quote, in defects_truth.toml: judged by reading each resume);
- scores ok: injections where neither the overall score nor the sub-score the defect feeds
  went up (adding a problem never raises a score); hidden text must leave every score exactly
  unchanged. Every injection must pass for the targets to be MET.

    .venv/bin/python bench/defects.py [--samples 5] [--seed 7] [--details]
"""

from __future__ import annotations

import argparse
import random
import sys
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))

from defect_dates import mix_formats, open_gap
from defect_kinds import (
    Injector,
    add_cliche,
    add_hidden_text,
    add_pronoun,
    add_typo,
    double_word,
    remove_email,
    strip_numbers,
    stuff_keywords,
    weaken_opener,
)
from resumeroast.core.analysis import Analysis, analyze
from resumeroast.core.documents import Document, sniff_kind
from resumeroast.core.readers import read_document

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT.parent / "shared" / "fixtures" / "resumes"
TRUTH = Path(__file__).with_name("defects_truth.toml")
AS_OF = date(2026, 6, 1)

#: Kinds whose check reads English words; not applicable to resumes in other languages.
ENGLISH_ONLY = frozenset({"cliché", "'Responsible for'", "typo", "first person"})
#: Structured data (JSON Resume, RenderCV YAML) is not a rendered resume: left out, and said so.
STRUCTURED = (".json", ".yaml", ".yml")

#: kind -> (injector, the finding code that must report it)
KINDS: dict[str, tuple[Injector, str]] = {
    "missing email": (remove_email, "contact.no_email"),
    "numbers stripped": (strip_numbers, "impact.unquantified_bullets"),
    "cliché": (add_cliche, "language.cliche"),
    "'Responsible for'": (weaken_opener, "verbs.weak_opener"),
    "typo": (add_typo, "spelling.misspelling"),
    "doubled word": (double_word, "spelling.doubled_word"),
    "14-month gap": (open_gap, "dates.gap"),
    "mixed date formats": (mix_formats, "dates.mixed_formats"),
    "first person": (add_pronoun, "language.first_person"),
    "hidden text": (add_hidden_text, "red_flag.hidden_text"),
    "keyword stuffing": (stuff_keywords, "ats.keyword_stuffing"),
}


@dataclass
class Tally:
    injected: int = 0
    found: int = 0
    not_english: int = 0
    score_ok: int = 0
    originals: int = 0
    false_docs: int = 0
    false_items: int = 0
    misses: list[str] = field(default_factory=list)
    alarms: list[str] = field(default_factory=list)
    raised: list[str] = field(default_factory=list)


def load_fixtures() -> list[tuple[str, Document]]:
    documents = []
    for folder in ("pdf", "docx", "text"):
        for path in sorted((FIXTURES / folder).iterdir()):
            if path.suffix.lower() in STRUCTURED:
                print(
                    f"skipped {path.name}: structured data, not a rendered resume", file=sys.stderr
                )
                continue
            data = path.read_bytes()
            try:
                documents.append((path.name, read_document(data, sniff_kind(data, path.name))))
            except Exception as exc:  # a reader refusing a file is not the analyzer's business
                print(f"skipped {path.name}: {type(exc).__name__}", file=sys.stderr)
    return documents


def detected(analysis: Analysis, code: str, line: int | None, before: Analysis) -> bool:
    """Reported, at the injected line; and not already reported there on the original."""
    for item in analysis.findings:
        if item.code != code:
            continue
        if line is None:
            return not any(f.code == code for f in before.findings)
        # Credited only at the line the defect was put on, for dates too: a date finding
        # that quotes some other line has not found this defect.
        lines = {e.line for e in item.evidence}
        earlier = {e.line for f in before.findings if f.code == code for e in f.evidence}
        return line in lines and line not in earlier
    return False


#: the sub-score each kind of finding feeds (hidden text feeds none)
FEEDS = {
    "contact.no_email": "completeness", "impact.unquantified_bullets": "impact",
    "language.cliche": "clarity", "verbs.weak_opener": "impact", "spelling.misspelling": "clarity",
    "spelling.doubled_word": "clarity", "dates.gap": "completeness",
    "dates.mixed_formats": "clarity",
    "language.first_person": "clarity", "ats.keyword_stuffing": "ats",
}  # fmt: skip


def scores(analysis: Analysis, code: str | None = None) -> tuple[int, ...]:
    """Overall and the sub-score the defect feeds (all sub-scores when code is None)."""
    sub = analysis.sub_scores.model_dump()
    names = [FEEDS[code]] if code in FEEDS else ["impact", "clarity", "ats", "completeness"]
    return (analysis.overall_score, *(int(sub[name]) for name in names))


def _plain(text: str) -> str:
    return " ".join(text.strip().lstrip("•-*–·▪◦ ").split()).casefold()


def _starts_at(text: str, at: int) -> bool:
    """A word starts here (statements also start after a date gutter: "Present Led …")."""
    return at == 0 or not text[at - 1].isalnum()


def _begins_on(text: str, quote: str) -> bool:
    """`quote` begins on this line: its first 40 characters are in it at a word start, or
    the line ends with the quote's first words (a statement that wraps to the next line)."""
    head = quote[:40]
    at = text.find(head)
    while at >= 0:
        if _starts_at(text, at):
            return True
        at = text.find(head, at + 1)
    for size in range(min(len(quote), len(text)), 2, -1):
        whole_words = size == len(quote) or quote[size] == " "
        if whole_words and text.endswith(quote[:size]) and _starts_at(text, len(text) - size):
            return True
    return False


def truth_lines(document: Document, quotes: list[str]) -> set[int]:
    """The resume's own lines the truth file's quotes begin on. Matched against the document,
    never against the analyzer's quotes, so a truth entry cannot excuse any quote that merely
    contains it."""
    found: set[int] = set()
    for quote in quotes:
        if quote == "*":
            continue
        wanted = _plain(quote)
        hits = {line.number for line in document.lines if _begins_on(_plain(line.text), wanted)}
        if not hits:
            print(f"truth quote matches no line: {quote[:60]!r}", file=sys.stderr)
        found |= hits
    return found


def unreal(
    document: Document, analysis: Analysis, code: str, truth: dict[str, list[str]]
) -> list[str]:
    """Evidence for `code` on lines the truth file does not list as a real problem."""
    real = truth.get(code, [])
    real_lines = truth_lines(document, real)
    out = []
    for item in analysis.findings:
        if item.code != code or "*" in real:  # "*": a real document-wide finding
            continue
        if not item.evidence:
            out.append("(document-wide)")
        out += [e.quote for e in item.evidence if e.line is None or e.line not in real_lines]
    return out


def run(samples: int, seed: int) -> dict[str, Tally]:
    truth = tomllib.loads(TRUTH.read_text(encoding="utf-8")) if TRUTH.exists() else {}
    tallies = {kind: Tally() for kind in KINDS}
    for name, document in load_fixtures():
        original = analyze(document, as_of=AS_OF)
        for kind, (inject, code) in KINDS.items():
            tally = tallies[kind]
            if kind in ENGLISH_ONLY and not original.english:
                tally.not_english += 1
                continue
            tally.originals += 1
            alarms = unreal(document, original, code, truth.get(name, {}))
            if alarms:
                tally.false_docs += 1
                tally.false_items += len(alarms)
                tally.alarms += [f"{name}: {q[:90]}" for q in alarms]
            _inject(name, document, original, kind, inject, code, samples, seed, tally)
    return tallies


def _inject(name: str, document: Document, original: Analysis, kind: str, inject: Injector,
            code: str, samples: int, seed: int, tally: Tally) -> None:  # fmt: skip
    rng = random.Random(f"{seed}:{name}:{kind}")
    flagged = {e.line for f in original.findings if f.code == code for e in f.evidence}
    seen: set[str] = set()
    for _ in range(samples * 3):
        if len(seen) >= samples:
            break
        injection = inject(document, rng)
        if (
            injection is None
            or injection.note in seen
            or (injection.line in flagged and injection.line)
        ):
            continue
        seen.add(injection.note)
        after = analyze(injection.document, as_of=AS_OF)
        tally.injected += 1
        if detected(after, code, injection.line, original):
            tally.found += 1
        else:
            tally.misses.append(f"{name} @{injection.line}: {injection.note[:90]}")
        same = scores(after) == scores(original)
        lower = all(
            a <= b for a, b in zip(scores(after, code), scores(original, code), strict=True)
        )
        good = same if code == "red_flag.hidden_text" else lower
        tally.score_ok += good
        if not good:
            tally.raised.append(f"{name} @{injection.line}: {scores(original)} -> {scores(after)}")


def print_table(tallies: dict[str, Tally]) -> bool:
    header = (
        f"{'defect':<22}{'injected':>9}{'found':>7}{'recall':>8}"
        f"{'false alarms':>14}{'FA rate':>9}{'scores ok':>11}"
    )
    print(header)
    print("-" * len(header))
    ok = True
    for kind, t in tallies.items():
        recall = t.found / t.injected if t.injected else float("nan")
        rate = t.false_docs / t.originals if t.originals else 0.0
        ok &= recall >= 0.95 and rate < 0.05 and t.score_ok == t.injected
        alarms = f"{t.false_items} in {t.false_docs}"
        print(
            f"{kind:<22}{t.injected:>9}{t.found:>7}{recall:>8.2f}{alarms:>14}{rate:>9.3f}"
            f"{f'{t.score_ok}/{t.injected}':>11}"
        )
    return ok


def print_details(tallies: dict[str, Tally], what: str) -> None:
    for kind, t in tallies.items():
        items: Iterable[str] = {"misses": t.misses, "alarms": t.alarms, "raised": t.raised}[what]
        for item in items:
            print(f"  {what} [{kind}] {item}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--samples", type=int, default=5, help="injections per resume and kind")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--details", action="store_true", help="list every miss and false alarm")
    args = parser.parse_args()
    tallies = run(args.samples, args.seed)
    ok = print_table(tallies)
    print(
        "\ntargets: recall >= 0.95 per kind, false-alarm rate < 0.05, scores never rise  ->  "
        + ("MET" if ok else "NOT MET")
    )
    skipped = {kind: t.not_english for kind, t in tallies.items() if t.not_english}
    if skipped:
        print(
            f"not English (word checks do not apply): {max(skipped.values())} resumes "
            f"left out of {', '.join(skipped)}"
        )
    if args.details:
        for what in ("misses", "raised", "alarms"):
            print_details(tallies, what)


if __name__ == "__main__":
    main()
