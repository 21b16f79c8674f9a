from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.llm_standin import run_standin
from tests.support.oracle import GOLD, Runner


@pytest.fixture(scope="session")
def oracle_runner() -> Iterator[Runner]:
    """One stand-in and one review per (gold resume, provider) for the whole session."""
    if not GOLD.is_dir():
        pytest.skip(f"the gold set is not here ({GOLD})")
    with run_standin() as standin:
        yield Runner(standin)
