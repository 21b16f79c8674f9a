"""Curated phrase sets by roast level, chosen deterministically (same finding, same words)."""

from __future__ import annotations

import zlib
from functools import cache
from typing import Any

from resumeroast.core.analysis.lexicon import read_toml
from resumeroast.core.feedback import Level


@cache
def phrases() -> dict[str, Any]:
    return read_toml("phrases.toml")


def pick(options: list[str], key: str) -> str:
    """The same key always picks the same option: wording is stable across runs."""
    return options[zlib.crc32(key.encode("utf-8")) % len(options)] if options else ""


def band(score: int) -> str:
    table = phrases()["bands"]
    if score >= table["strong"]:
        return "strong"
    return "getting_there" if score >= table["getting_there"] else "needs_work"


def band_floor(key: str) -> int:
    """The lowest overall score in a band ("strong" or "getting_there")."""
    return int(phrases()["bands"][key])


def band_label(score: int) -> str:
    return str(phrases()["bands"]["labels"][band(score)])


def lead(level: Level, category: str, key: str) -> str:
    table = phrases()["lead"][level.value]
    return pick(table.get(category) or table["default"], key)


def verdict_template(level: Level, kind: str, key: str) -> str:
    table = phrases()["verdict"]
    if kind in {"clean", "no_text", "red_flag"}:
        return pick(table[kind][level.value], key)
    return pick(table[level.value][kind], key)


def section_template(level: Level, clean: bool, key: str) -> str:
    return pick(phrases()["section_note"][level.value]["clean" if clean else "issues"], key)


def issue_label(code: str) -> str | None:
    label = phrases()["issue_labels"].get(code)
    return str(label) if label else None


def rewrite_reason(kind: str) -> str:
    return str(phrases()["rewrite_why"][kind])
