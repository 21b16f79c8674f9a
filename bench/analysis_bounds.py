"""Analysis time and peak RSS against text size, up to the text caps (issue 17).

Run: .venv/bin/python bench/analysis_bounds.py
Each size runs in a fresh process so its peak RSS is its own; wall time and CPU time are both
printed (on a shared machine the CPU time is the figure to compare). Prints one row per size, then
the worst case above the caps (a single 5 MB line), which the reader refuses before analysis.
"""

from __future__ import annotations

import multiprocessing
import resource
import time

from resumeroast.core.analysis import analyze
from resumeroast.core.documents import DocumentKind
from resumeroast.core.readers import read_document
from resumeroast.core.readers.bounds import MAX_CHARACTERS, MAX_LINES
from resumeroast.errors import DocumentTooLong

HEADER = "Jane Doe\njane@example.com | +1 555 0100\n\nEXPERIENCE\nEngineer, Acme Corp 2019 - 2023\n"
BULLET = "- Led a team of 5 engineers to cut build time by 40% using Python and Kubernetes"
#: the costly shape: every line a dated role with skills, so every pair of roles is compared
ROLE = "Engineer, Acme Corp, Jan {year} - Mar 2023: Python/Java, AWS, SQL, 40% faster"


def _resume(characters: int, dense: bool = False) -> bytes:
    lines = [HEADER]
    size = len(HEADER)
    while size + len(BULLET) + 1 < characters and len(lines) < MAX_LINES - 10:
        line = ROLE.format(year=1990 + len(lines) % 30) if dense else BULLET
        lines.append(line)
        size += len(line) + 1
    return "\n".join(lines).encode()


def _measure(data: bytes, answers: multiprocessing.Queue) -> None:  # type: ignore[type-arg]
    analyze(read_document(_resume(3_000), DocumentKind.TXT))  # warm lexicons: time analysis only
    start = time.perf_counter()
    try:
        document = read_document(data, DocumentKind.TXT)
    except DocumentTooLong as exc:
        answers.put(("refused", time.perf_counter() - start, exc.code))
        return
    start, cpu = time.perf_counter(), time.process_time()
    analyze(document)
    cpu = time.process_time() - cpu
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    answers.put(
        ("analysed", time.perf_counter() - start, f"{cpu:.3f} s CPU  {peak_mb:.0f} MB peak RSS")
    )


def _run(label: str, data: bytes) -> None:
    answers: multiprocessing.Queue = multiprocessing.Queue()  # type: ignore[type-arg]
    child = multiprocessing.Process(target=_measure, args=(data, answers))
    child.start()
    outcome, seconds, extra = answers.get(timeout=600)
    child.join()
    print(f"{label:>28}  {len(data):>9,} bytes  {outcome:>8}  {seconds:7.3f} s  {extra}")


def main() -> None:
    for characters in (5_000, 20_000, 40_000, 60_000, MAX_CHARACTERS):
        _run(f"{characters:,} characters", _resume(characters))
    for characters in (20_000, MAX_CHARACTERS):
        _run(f"{characters:,} dated roles", _resume(characters, dense=True))
    _run("single 5 MB line (refused)", HEADER.encode() + b"z" * 5_000_000)


if __name__ == "__main__":
    main()
