"""Markdown whose resume sits in its YAML front matter (a static site's page: "body:",
"sections: - text: ..."): the front matter's prose values, in order, read as Markdown,
then the page's own body. Keys, file paths and one-word values ("layout: resume") are
site settings, not resume text."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from resumeroast.core.readers.structured import load_yaml

_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?)^(?:---|\.\.\.)[ \t]*$\r?\n?", re.DOTALL | re.MULTILINE)
_MAX_VALUES = 2000
_MAX_DEPTH = 8


def split_front_matter(text: str) -> tuple[list[str], str]:
    """The front matter's prose values (Markdown) and the text after it."""
    match = _FENCE.match(text)
    if match is None:
        return [], text
    import yaml  # only pages with front matter need it

    try:
        data = load_yaml(match.group(1))
    except (yaml.YAMLError, RecursionError):
        return [], text
    values: list[str] = []
    for value in _prose(data, depth=0):
        values.append(value)
        if len(values) >= _MAX_VALUES:
            break
    return values, text[match.end() :]


def _prose(value: Any, depth: int) -> Iterator[str]:
    if depth > _MAX_DEPTH:
        return
    if isinstance(value, str):
        if len(value.split()) >= 2:
            yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _prose(item, depth + 1)
    elif isinstance(value, list):
        for item in value:
            yield from _prose(item, depth + 1)
