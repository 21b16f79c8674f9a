from tests.integration.conftest import client, redis_server, stack  # noqa: F401 - shared fixtures
