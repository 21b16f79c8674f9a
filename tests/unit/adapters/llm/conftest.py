from __future__ import annotations

from collections.abc import Callable, Iterator

import pytest

from resumeroast.adapters.llm import build_reviewer
from resumeroast.ports import Reviewer
from resumeroast.settings import Settings
from tests.support.llm_standin import Standin, run_standin


@pytest.fixture
def standin() -> Iterator[Standin]:
    with run_standin() as server:
        yield server


MakeReviewer = Callable[[Settings], Reviewer]


@pytest.fixture
def make_reviewer() -> Iterator[MakeReviewer]:
    """build_reviewer, with every reviewer closed after the test (SDK connection pools)."""
    built: list[Reviewer] = []

    def make(settings: Settings) -> Reviewer:
        reviewer = build_reviewer(settings)
        built.append(reviewer)
        return reviewer

    yield make
    for reviewer in built:
        close = getattr(reviewer, "close", None)
        if close is not None:
            close()
