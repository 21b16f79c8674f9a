from tests.integration.conftest import (  # noqa: F401 - shared fixtures
    client,
    llm_stack,
    redis_server,
    stack,
    standin,
)
