"""make's Node check: a machine without a fit Node gets told what to install, in plain words."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

SCRIPT = Path(__file__).resolve().parents[3] / "scripts" / "check_node.sh"


def run_with(tmp_path: Path, node_version: str | None) -> subprocess.CompletedProcess[str]:
    """The script on a PATH that holds bash and, if given, a node of that version and npm."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    bash = shutil.which("bash")
    assert bash is not None
    (bin_dir / "bash").symlink_to(bash)
    if node_version is not None:
        for name, output in (("node", node_version), ("npm", "10.8.2")):
            tool = bin_dir / name
            tool.write_text(f"#!{bash}\necho {output}\n")
            tool.chmod(0o755)
    return subprocess.run(
        [bash, str(SCRIPT)], env={"PATH": str(bin_dir)}, capture_output=True, text=True
    )


@pytest.mark.parametrize("version", ["v20.19.0", "v20.20.2", "v22.3.0"])
def test_a_recent_node_passes(tmp_path: Path, version: str) -> None:
    assert run_with(tmp_path, version).returncode == 0


@pytest.mark.parametrize(
    ("version", "said"),
    [(None, "none is on PATH"), ("v20.11.1", "this machine has v20.11.1"), ("v18.19.0", "v18")],
)
def test_a_missing_or_old_node_is_named(tmp_path: Path, version: str | None, said: str) -> None:
    answer = run_with(tmp_path, version)
    assert answer.returncode == 1
    assert "Node.js 20.19 or later" in answer.stderr and said in answer.stderr
