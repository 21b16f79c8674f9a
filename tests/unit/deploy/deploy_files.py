"""Read deploy/Dockerfile and deploy/docker-compose.yml the way Docker does, closely enough
for tests: no Docker engine runs in CI, so the files are checked as data and their commands
are run directly (tests/integration/test_entrypoints.py)."""

from __future__ import annotations

import json
import shlex
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[3]
DEPLOY = ROOT / "deploy"
DOCKERFILE = DEPLOY / "Dockerfile"
COMPOSE_FILE = DEPLOY / "docker-compose.yml"


@dataclass(frozen=True)
class Instruction:
    keyword: str  #: upper case: FROM, RUN, COPY …
    args: str  #: the rest of the logical line, continuation lines joined

    def exec_form(self) -> list[str] | None:
        """The JSON-array form (CMD ["a", "b"]) as a list; None for the shell form."""
        text = self.args
        if self.keyword == "HEALTHCHECK":
            text = text.partition("CMD")[2]
        try:
            value = json.loads(text.strip())
        except json.JSONDecodeError:
            return None
        return [str(v) for v in value] if isinstance(value, list) else None

    def flags(self) -> dict[str, str]:
        """Leading --name=value options (COPY --from=build, HEALTHCHECK --interval=…)."""
        found: dict[str, str] = {}
        for word in shlex.split(self.args.partition(" CMD ")[0]):
            if not word.startswith("--"):
                break
            name, _, value = word[2:].partition("=")
            found[name] = value
        return found

    def operands(self) -> list[str]:
        """The words after the options (COPY's sources and destination)."""
        return [w for w in shlex.split(self.args) if not w.startswith("--")]


@dataclass
class Stage:
    base: str
    name: str | None
    instructions: list[Instruction] = field(default_factory=list)

    def all(self, keyword: str) -> list[Instruction]:
        return [i for i in self.instructions if i.keyword == keyword]

    def last(self, keyword: str) -> Instruction | None:
        found = self.all(keyword)
        return found[-1] if found else None


def logical_lines(text: str) -> list[str]:
    """Comment lines dropped (also inside a continuation), backslash continuations joined."""
    lines: list[str] = []
    current = ""
    for raw in text.splitlines():
        stripped = raw.strip()
        if stripped.startswith("#") or (not stripped and not current):
            continue
        if stripped.endswith("\\"):
            current += stripped[:-1].rstrip() + " "
            continue
        current += stripped
        if current.strip():
            lines.append(current.strip())
        current = ""
    if current.strip():
        lines.append(current.strip())
    return lines


def parse_dockerfile(text: str) -> tuple[dict[str, str], list[Stage]]:
    """Global ARG defaults (before the first FROM) and the stages in order."""
    global_args: dict[str, str] = {}
    stages: list[Stage] = []
    for line in logical_lines(text):
        keyword, _, args = line.partition(" ")
        instruction = Instruction(keyword.upper(), args.strip())
        if instruction.keyword == "FROM":
            words = [w for w in instruction.args.split() if not w.startswith("--")]
            name = words[2] if len(words) >= 3 and words[1].upper() == "AS" else None
            stages.append(Stage(base=_expand(words[0], global_args), name=name))
        elif not stages and instruction.keyword == "ARG":
            arg_name, _, default = instruction.args.partition("=")
            global_args[arg_name] = default
        elif stages:
            stages[-1].instructions.append(instruction)
    return global_args, stages


def _expand(word: str, args: dict[str, str]) -> str:
    for name, value in args.items():
        word = word.replace("${" + name + "}", value).replace("$" + name, value)
    return word


@cache
def dockerfile() -> tuple[dict[str, str], list[Stage]]:
    return parse_dockerfile(DOCKERFILE.read_text())


def load_compose(path: Path = COMPOSE_FILE) -> dict[str, Any]:
    """The compose file as Compose reads it (YAML with anchors and merge keys resolved)."""
    data = yaml.safe_load(path.read_text())
    assert isinstance(data, dict)
    return data


def compose_services() -> dict[str, dict[str, Any]]:
    services = load_compose()["services"]
    assert isinstance(services, dict)
    return services
