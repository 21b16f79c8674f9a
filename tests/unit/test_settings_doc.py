"""docs/operations.md's settings table is the one scripts/settings_table.py generates."""

from __future__ import annotations

import ast
import importlib.util
import sys
from pathlib import Path
from types import ModuleType

import pytest

from resumeroast.settings import Settings

SCRIPT = Path(__file__).resolve().parents[2] / "scripts" / "settings_table.py"


@pytest.fixture(scope="module")
def settings_table() -> ModuleType:
    spec = importlib.util.spec_from_file_location("settings_table", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses resolve their module by name
    spec.loader.exec_module(module)
    return module


def test_the_settings_table_is_current(
    settings_table: ModuleType, capsys: pytest.CaptureFixture[str]
) -> None:
    assert settings_table.main(["--check"]) == 0, capsys.readouterr().err


def test_every_setting_is_in_the_table_with_a_description(settings_table: ModuleType) -> None:
    rows = settings_table.rows()
    assert [r.name for r in rows] == list(Settings.model_fields)
    assert settings_table.undocumented(rows) == []
    block = settings_table.render(rows)
    for name in Settings.model_fields:
        assert f"`{name.upper()}`" in block or name == "llm_api_key"
    assert "`LLM_API_KEY` (or `OPENAI_API_KEY`, `ANTHROPIC_API_KEY`)" in block


def test_comments_are_read_from_the_source(settings_table: ModuleType) -> None:
    source = (
        "class Settings:\n"
        "    # --- first group\n"
        "    plain: int = 1\n"
        "    #: Above, line one\n"
        "    #: and line two.\n"
        "    above: int = 2\n"
        "    trailing: str | None = None  #: at the end\n"
        "\n"
        "    # --- second group\n"
        "    #: only mine\n"
        "    mine: int = 3\n"
        "    next_one: int = 4\n"
    )
    cls = ast.parse(source).body[0]
    assert isinstance(cls, ast.ClassDef)
    docs, groups = settings_table.field_comments(source, cls)
    assert docs == {
        "plain": "",
        "above": "Above, line one and line two.",
        "trailing": "at the end",
        "mine": "only mine",
        "next_one": "",
    }
    assert groups["trailing"] == "first group" and groups["next_one"] == "second group"


def test_a_stale_table_fails_the_check_until_rewritten(
    settings_table: ModuleType, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    fresh = settings_table.render(settings_table.rows())
    stale = fresh.replace("| `MAX_PDF_PAGES` | `int` | `20` |", "| `MAX_PDF_PAGES` | `int` | `2` |")
    assert stale != fresh
    doc = tmp_path / "operations.md"
    doc.write_text(f"# Operating\n\n{stale}\n\n## After\n")
    monkeypatch.setattr(settings_table, "DOC", doc)
    assert settings_table.main(["--check"]) == 1
    assert settings_table.main([]) == 0
    assert doc.read_text() == f"# Operating\n\n{fresh}\n\n## After\n"
    assert settings_table.main(["--check"]) == 0


def test_types_and_defaults_read_well(settings_table: ModuleType) -> None:
    by_name = {r.name: r for r in settings_table.rows()}
    assert by_name["environment"].type == "development | production"
    assert by_name["llm_provider"].type == "builtin | openai | anthropic | local | None"
    assert by_name["secret_key"].type == "secret | None"
    assert by_name["secret_key"].default == "unset"
    assert by_name["max_upload_bytes"].default == str(5 * 1024 * 1024)
