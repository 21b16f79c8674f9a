"""The annotated resumes bench/gold.py reads, and the masking that keeps people out of its output.

- gold: ../shared/fixtures/gold/*/FILE.gold.toml beside FILE (read in place, never copied).
- a held-out set NAME (holdout, holdout2, ...): bench/NAME/*.gold.toml (same SCHEMA), listed in
  bench/NAME/MANIFEST.tsv; the documents are materialised into .cache/NAME/ by
  bench/holdout/materialize.py --set NAME (they are not committed).

A resume is named by its format and the first 8 hex digits of its SHA-256 ("pdf:57d5f2ae"):
file names hold people's names, and the label must be safe to print and to commit.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
GOLD = ROOT.parent / "shared" / "fixtures" / "gold"
BENCH = ROOT / "bench"
CACHE = ROOT / ".cache"

_EMAIL = re.compile(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_LINK = re.compile(r"(?:https?://)?(?:www\.)?[\w-]+(?:\.[a-z]{2,})+/\S+", re.IGNORECASE)
_PHONE = re.compile(r"\+?\(?\d[\d ()./-]{6,}\d")
_WORD = re.compile(r"[^\W\d_]{2,}")
_YEAR = re.compile(r"(19|20)\d\d")
_NOT_NAMES = frozenset(
    {"resume", "curriculum", "vitae", "current", "professional", "main", "nursing", "marketing"}
)


@dataclass(frozen=True)
class Entry:
    label: str  #: "pdf:57d5f2ae": safe to print and commit
    path: Path
    gold: dict[str, Any]

    @property
    def issues(self) -> list[dict[str, Any]]:
        return list(self.gold.get("issues", []))

    @property
    def facts(self) -> list[dict[str, Any]]:
        return list(self.gold.get("facts", []))


def label_of(path: Path, data: bytes) -> str:
    return f"{path.suffix.lstrip('.').lower()}:{hashlib.sha256(data).hexdigest()[:8]}"


def gold_entries() -> list[Entry]:
    entries = []
    for annotation in sorted(GOLD.glob("*/*.gold.toml")):
        document = annotation.with_name(annotation.name.removesuffix(".gold.toml"))
        entries.append(_entry(document, annotation))
    return entries


def held_out_sets() -> list[str]:
    """The held-out sets: folders of bench/ with a MANIFEST.tsv beside *.gold.toml files."""
    return sorted(
        d.name
        for d in BENCH.iterdir()
        if (d / "MANIFEST.tsv").is_file() and any(d.glob("*.gold.toml"))
    )


def holdout_entries(name: str = "holdout") -> tuple[list[Entry], str]:
    """Held-out set `name`'s entries whose document is present, and a note on what is missing."""
    annotations_dir, documents = BENCH / name, CACHE / name
    manifest = annotations_dir / "MANIFEST.tsv"
    annotations = sorted(annotations_dir.glob("*.gold.toml"))
    if not manifest.exists() or not annotations:
        return [], f"no held-out set: {manifest.relative_to(ROOT)} or its *.gold.toml are absent"
    entries, absent = [], 0
    for annotation in annotations:
        gold = tomllib.loads(annotation.read_text(encoding="utf-8"))
        file_name = str(gold.get("file", annotation.name.removesuffix(".gold.toml")))
        document = next(
            (p for p in (documents / file_name, documents / Path(file_name).name) if p.is_file()),
            None,
        )
        if document is None:
            absent += 1
            continue
        entries.append(_entry(document, annotation))
    note = ""
    if absent:
        note = (
            f"{absent} of {len(annotations)} held-out documents are not in "
            f"{_shown(documents)}/ (run bench/holdout/materialize.py --set {name})"
        )
    return entries, note


def _shown(path: Path) -> Path:
    return path.relative_to(ROOT) if path.is_relative_to(ROOT) else path


def _entry(document: Path, annotation: Path) -> Entry:
    gold = tomllib.loads(annotation.read_text(encoding="utf-8"))
    return Entry(label_of(document, document.read_bytes()), document, gold)


@dataclass(frozen=True)
class Masker:
    """Hides contact details and the person's name in anything printed or stored."""

    names: frozenset[str]

    @classmethod
    def for_document(cls, path: Path, lines: list[str]) -> Masker:
        """The name: file-name words that recur at the top, and a short first line of
        capitalised words (where a resume puts its owner's name)."""
        top = {w.lower() for line in lines[:6] for w in _WORD.findall(line)}
        names = {w.lower() for w in _WORD.findall(path.stem) if w.lower() in top}
        names.add(path.stem.split("__")[0].lower())
        first = next((line for line in lines if line.strip()), "")
        words = _WORD.findall(first)
        if 0 < len(words) <= 4 and all(w[0].isupper() for w in words):
            names |= {w.lower() for w in words}
        return cls(frozenset(n for n in names if len(n) > 2 and n not in _NOT_NAMES))

    def __call__(self, text: str) -> str:
        text = _EMAIL.sub("<email>", text)
        text = _LINK.sub("<link>", text)
        text = _PHONE.sub(lambda m: "<phone>" if _is_phone(m.group()) else m.group(), text)
        return _WORD.sub(lambda m: "<name>" if m.group().lower() in self.names else m.group(), text)


def _is_phone(text: str) -> bool:
    """9+ digits, and not a run of dates: years with day/month numbers ("05/2008 - 12/2010").
    Two-digit groups without a year are a phone ("+33 (0) 6 12 34 56 78"), not dates."""
    groups = re.findall(r"\d+", text)
    years = [g for g in groups if _YEAR.fullmatch(g)]
    dates = bool(years) and all(len(g) <= 2 or _YEAR.fullmatch(g) for g in groups)
    return sum(len(g) for g in groups) >= 9 and not dates
