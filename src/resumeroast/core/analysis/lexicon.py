"""The word lists the checks stand on, read once from the data files next to this module."""

from __future__ import annotations

import tomllib
from functools import cache
from importlib.resources import files
from typing import Any

_PACKAGE = "resumeroast.core.analysis"


def read_data(name: str) -> str:
    return files(_PACKAGE).joinpath("data", name).read_text(encoding="utf-8")


def read_toml(name: str) -> dict[str, Any]:
    return tomllib.loads(read_data(name))


def read_lines(name: str) -> tuple[str, ...]:
    """Non-empty lines that are not comments, stripped."""
    rows = (row.strip() for row in read_data(name).splitlines())
    return tuple(row for row in rows if row and not row.startswith("#"))


def read_words(name: str) -> frozenset[str]:
    return frozenset(word for row in read_lines(name) for word in row.split())


@cache
def weak_openers() -> tuple[str, ...]:
    """Longest first, so "responsible for" wins over a shorter phrase it contains."""
    return tuple(sorted(read_lines("weak_openers.txt"), key=len, reverse=True))


@cache
def cliches() -> tuple[str, ...]:
    return read_lines("cliches.txt")


@cache
def soft_skills() -> tuple[str, ...]:
    return read_lines("soft_skills.txt")


@cache
def pronouns() -> tuple[str, ...]:
    return read_lines("pronouns.txt")


@cache
def stopwords() -> frozenset[str]:
    return read_words("stopwords.txt")


@cache
def job_generic_words() -> frozenset[str]:
    return read_words("job_generic.txt")


@cache
def tech_words() -> frozenset[str]:
    return read_words("tech_words.txt")


@cache
def job_title_words() -> frozenset[str]:
    return read_words("job_titles.txt")


@cache
def place_names() -> tuple[str, ...]:
    """US state codes, provinces and country names; rows with "|" hold multi-word names."""
    names: list[str] = []
    for row in read_lines("locations.txt"):
        names.extend(row.split("|") if "|" in row else row.split())
    return tuple(name.strip() for name in names if name.strip())
