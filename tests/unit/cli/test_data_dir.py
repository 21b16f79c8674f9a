"""--data-dir: the process runs with it as its settings, and the processes it starts are told in
their own environment; its own environment is left as it was."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from resumeroast import settings
from resumeroast.cli.supervisor import child_env
from resumeroast.settings import Settings, get_settings, use_settings


@pytest.fixture
def fresh_settings(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("DATA_DIR", raising=False)
    monkeypatch.setattr(settings, "_chosen", None)
    get_settings.cache_clear()
    yield
    monkeypatch.setattr(settings, "_chosen", None)
    get_settings.cache_clear()


@pytest.mark.usefixtures("fresh_settings")
def test_a_chosen_data_dir_is_this_process_settings_and_its_childrens_environment(
    tmp_path: Path,
) -> None:
    use_settings(Settings(data_dir=tmp_path / "data"))
    assert get_settings().data_dir == tmp_path / "data"
    assert get_settings().sqlite_path.parent == tmp_path / "data"
    assert "DATA_DIR" not in os.environ
    assert child_env(get_settings())["DATA_DIR"] == str((tmp_path / "data").resolve())
