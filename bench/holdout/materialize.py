"""Copy each held-out resume out of its fetched git mirror into .cache/<set>/ and check it.

The documents are not committed (they hold real people's contact details); MANIFEST.tsv says
where each one lives: repository, path and commit. Each repository must first be brought onto
this machine with the agent tool `fetch` (it lands in /work/.mirror/<owner>+<name>/repo).

The set is bench/<set>/ (holdout, holdout2, ...):

    .venv/bin/python bench/holdout/materialize.py [--set holdout|holdout2] [--mirrors /work/.mirror]
                                                  [--out .cache/<set>]

Exits non-zero when a mirror is missing or a document's sha256 differs from the manifest.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent.parent
BENCH = ROOT / "bench"


def mirror_dir(mirrors: Path, repo: str) -> Path:
    """Where `fetch` puts a repository's git directory: <owner>+<name>/repo."""
    owner, name = repo.split("/", 1)
    return mirrors / f"{owner}+{name}" / "repo"


def blob(git_dir: Path, commit: str, path: str) -> bytes:
    return subprocess.run(
        ["git", f"--git-dir={git_dir}", "show", f"{commit}:{path}"],
        check=True,
        capture_output=True,
    ).stdout


def materialize(row: dict[str, str], mirrors: Path, out: Path) -> str | None:
    """Write one document; return a problem, or None when it is in place and intact."""
    git_dir = mirror_dir(mirrors, row["repo"])
    if not git_dir.is_dir():
        return f"{row['file']}: no mirror at {git_dir} (fetch github:{row['repo']} first)"
    try:
        data = blob(git_dir, row["commit"], row["path"])
    except subprocess.CalledProcessError as error:
        return f"{row['file']}: git show failed: {error.stderr.decode(errors='replace').strip()}"
    digest = hashlib.sha256(data).hexdigest()
    if digest != row["sha256"] or len(data) != int(row["bytes"]):
        return f"{row['file']}: sha256 {digest} / {len(data)} bytes differ from the manifest"
    (out / row["file"]).write_bytes(data)
    return None


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--set", default="holdout", help="the folder of bench/ with MANIFEST.tsv")
    parser.add_argument("--mirrors", type=Path, default=Path("/work/.mirror"))
    parser.add_argument("--out", type=Path, help="default: .cache/<set>")
    args = parser.parse_args()
    manifest = BENCH / args.set / "MANIFEST.tsv"
    if not manifest.is_file():
        print(f"no manifest at {manifest}", file=sys.stderr)
        return 2
    out: Path = args.out or ROOT / ".cache" / args.set
    out.mkdir(parents=True, exist_ok=True)
    with manifest.open(newline="", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    problems = [p for row in rows if (p := materialize(row, args.mirrors, out))]
    for problem in problems:
        print(problem, file=sys.stderr)
    print(f"{len(rows) - len(problems)} of {len(rows)} documents in {out}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
