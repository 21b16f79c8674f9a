from __future__ import annotations

from collections.abc import Iterator

import pytest

from resumeroast.adapters.llm import build_reviewer
from resumeroast.adapters.llm.local import LocalReviewer
from resumeroast.settings import Settings

#: Generous: CI machines are shared. Production keeps LLM_TIMEOUT_S (60 s by default).
TEST_TIMEOUT_S = 240.0


def local_settings(**values: object) -> Settings:
    return Settings(_env_file=None, llm_provider="local", llm_timeout_s=TEST_TIMEOUT_S, **values)


@pytest.fixture(scope="package")
def local_reviewer() -> Iterator[LocalReviewer]:
    """The reviewer a user of LLM_PROVIDER=local gets; it starts the embedded server itself."""
    reviewer = build_reviewer(local_settings())
    assert isinstance(reviewer, LocalReviewer)
    yield reviewer
    reviewer.close()
