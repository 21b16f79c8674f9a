"""`make lint` runs import-linter over the layers; an import that breaks one must fail it.

Each case writes one forbidden import into a copy of the package and runs lint-imports, with
the project's own contracts, against that copy.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def lint_imports(tmp_path: Path, module: str, line: str) -> subprocess.CompletedProcess[str]:
    shutil.copytree(ROOT / "src", tmp_path / "src", ignore=shutil.ignore_patterns("__pycache__"))
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    target = tmp_path / "src" / Path(*module.split("."))
    path = target / "__init__.py" if target.is_dir() else target.with_suffix(".py")
    path.write_text(path.read_text() + f"\n{line}\n")
    env = os.environ | {"PYTHONPATH": str(tmp_path / "src")}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache", "--no-logo", "--config", "pyproject.toml"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_the_layers_as_they_are_are_kept(tmp_path: Path) -> None:
    result = lint_imports(tmp_path, "resumeroast.core.jobs", "")
    assert result.returncode == 0, result.stdout + result.stderr
    assert "3 kept, 0 broken" in result.stdout


@pytest.mark.parametrize(
    ("module", "line", "broken"),
    [
        ("resumeroast.core.jobs", "import sqlalchemy", "core imports no I/O library"),
        ("resumeroast.core.analysis.text", "import socket", "core imports no I/O library"),
        ("resumeroast.core.access", "import resumeroast.settings", "core imports no I/O"),
        ("resumeroast.core.review.reviewer", "import openai", "core imports no I/O library"),
        ("resumeroast.core.review.reviewer", "import time", "core imports no I/O library"),
        ("resumeroast.core.review.reviewer", "import resumeroast.ports", "core imports no I/O"),
        ("resumeroast.pipeline", "import resumeroast.adapters.queue", "pipeline and its ports"),
        ("resumeroast.adapters.events", "import resumeroast.api.app", "adapters import no entry"),
    ],
)
def test_an_import_that_breaks_a_layer_fails_the_lint(
    tmp_path: Path, module: str, line: str, broken: str
) -> None:
    result = lint_imports(tmp_path, module, line)
    assert result.returncode != 0
    assert "1 broken" in result.stdout
    assert broken in result.stdout
    assert module in result.stdout
