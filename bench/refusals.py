"""How many documents the "not a resume" rule refuses, per folder of the shared fixtures.

Every real resume must pass (refused 0); the files the MANIFEST marks as not resumes (hostile/,
the cover letter) are listed with the reason a person would read. No names are printed: only
file paths of the fixture set and the refusal reason.

    .venv/bin/python bench/refusals.py
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from pathlib import Path

from resumeroast.core.analysis import analyze
from resumeroast.core.analysis.resume_like import not_a_resume
from resumeroast.core.documents import sniff_kind
from resumeroast.core.readers import read_document
from resumeroast.errors import DocumentError

SHARED = Path(__file__).resolve().parents[2] / "shared" / "fixtures"
NOT_RESUMES = ("resumes/hostile/", "resumes/pdf/awesomecv__coverletter.pdf")
AS_OF = date(2026, 12, 1)


def documents() -> list[Path]:
    return sorted(
        path
        for path in SHARED.rglob("*")
        if path.is_file()
        and path.suffix not in {".toml", ".tsv"}
        and path.parent.name != "gold"
        and "jobs" not in path.parts
    )


def main() -> None:
    counts: Counter[tuple[str, str]] = Counter()
    for path in documents():
        name = str(path.relative_to(SHARED))
        expected = "not a resume" if name.startswith(NOT_RESUMES) else "resume"
        data = path.read_bytes()
        try:
            document = read_document(data, sniff_kind(data, path.name))
        except DocumentError as exc:
            counts[(expected, "refused by the readers")] += 1
            print(f"  readers  {name}: {exc.code}")
            continue
        reason = not_a_resume(document, analyze(document, as_of=AS_OF))
        counts[(expected, "refused" if reason else "reviewed")] += 1
        if reason or expected != "resume":
            print(f"  {'refused ' if reason else 'reviewed'} {name}: {reason or ''}")
    print()
    for (expected, outcome), count in sorted(counts.items()):
        print(f"{expected:13} {outcome:24} {count}")


if __name__ == "__main__":
    main()
