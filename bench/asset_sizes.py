"""What the web app's files cost on the wire: each built file as is, gzipped and brotli'd.

    make web && .venv/bin/python bench/asset_sizes.py

Reads the files `npm run build` wrote into frontend/dist (the `.gz` and `.br` beside each text
file are what the server sends with Content-Encoding) and prints a Markdown table for the
README. What chromium really received on a first load is measured by
tests/e2e/test_owner_viewer.py::test_the_app_arrives_precompressed (it prints the figure).
"""

from __future__ import annotations

from pathlib import Path

DIST = Path(__file__).resolve().parents[1] / "frontend" / "dist"
COMPRESSED = (".gz", ".br")


def size(path: Path) -> int | None:
    return path.stat().st_size if path.exists() else None


def kb(n: int | None) -> str:
    return "—" if n is None else f"{n / 1000:.1f} KB"


def main() -> None:
    if not (DIST / "index.html").exists():
        raise SystemExit("frontend/dist is not built: run `make web`")
    files = sorted(p for p in DIST.rglob("*") if p.is_file() and p.suffix not in COMPRESSED)
    print("| file | as built | gzip | brotli |")
    print("|---|---:|---:|---:|")
    totals = [0, 0, 0]
    for path in files:
        raw = size(path) or 0
        gz, br = size(path.with_name(path.name + ".gz")), size(path.with_name(path.name + ".br"))
        # a file without a compressed copy (an icon too small to gain) goes as is
        sent = [raw, gz if gz is not None else raw, br if br is not None else raw]
        totals = [t + s for t, s in zip(totals, sent, strict=True)]
        name = path.relative_to(DIST).as_posix()
        print(f"| `{name}` | {kb(raw)} | {kb(gz)} | {kb(br)} |")
    print(f"| **all** | **{kb(totals[0])}** | **{kb(totals[1])}** | **{kb(totals[2])}** |")


if __name__ == "__main__":
    main()
