"""What drawing the marked-up resume's page images costs: time in the parse sandbox, bytes stored.

    .venv/bin/python bench/page_images.py [--runs 5]

Per PDF fixture: pages drawn (at most 5), the median wall time of render_page_images() (the
sandboxed call the worker makes, fork included) and the PNG bytes stored for the job.
Target: under 150 ms and under 500 KB for a 3-page resume.
"""

from __future__ import annotations

import argparse
import statistics
import time
from pathlib import Path

from resumeroast.adapters.parsing import PAGE_IMAGES_MAX, render_page_images, stop_server

FIXTURES = Path(__file__).resolve().parents[1].parent / "shared" / "fixtures" / "resumes" / "pdf"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print(f"{'resume':48} {'pages':>5} {'median ms':>10} {'KB stored':>10}")
    for path in sorted(FIXTURES.glob("*.pdf")):
        data = path.read_bytes()
        times, images = [], ()
        for _ in range(args.runs):
            start = time.perf_counter()
            images = render_page_images(
                data, max_pages=PAGE_IMAGES_MAX, timeout_s=20, memory_limit_mb=512
            )
            times.append(time.perf_counter() - start)
        stored_kb = sum(len(image.png) for image in images) / 1024
        median_ms = statistics.median(times) * 1000
        print(f"{path.name[:48]:48} {len(images):>5} {median_ms:>10.0f} {stored_kb:>10.0f}")
    stop_server()


if __name__ == "__main__":
    main()
