"""Prompt templates are versioned files in ./templates, read once and rendered by pure code.

A template is Markdown with `<!-- role: system -->` / `<!-- role: user -->` markers that
split it into chat messages, and `$name` placeholders (string.Template). Text before the
first marker is a comment for people. The template's bytes are pinned to the prompt version
(tests/unit/core/review/test_prompt.py): a changed template is a new version and file name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from importlib.resources import files
from string import Template
from typing import Literal, cast

Role = Literal["system", "user", "assistant"]
_ROLE_MARKER = re.compile(r"^<!-- role: (system|user|assistant) -->\n", re.MULTILINE)


@dataclass(frozen=True)
class Message:
    role: Role
    content: str


@cache
def load_template(name: str) -> tuple[tuple[Role, Template], ...]:
    text = (files("resumeroast.core.review.prompts") / "templates" / f"{name}.md").read_text(
        "utf-8"
    )
    parts = _ROLE_MARKER.split(text)[1:]
    if not parts:
        raise ValueError(f"prompt template {name!r} has no role markers")
    roles = [cast(Role, role) for role in parts[0::2]]
    bodies = [Template(body.strip("\n")) for body in parts[1::2]]
    return tuple(zip(roles, bodies, strict=True))


def render(name: str, **values: str) -> tuple[Message, ...]:
    """Every placeholder must be given: a missing value is a bug, not an empty string."""
    return tuple(
        Message(role=role, content=template.substitute(values))
        for role, template in load_template(name)
    )
