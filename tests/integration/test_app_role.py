"""deploy/postgres/roles.sql: the migrate step runs as the owner role, the app as a role with
only SELECT/INSERT/UPDATE/DELETE. Here on PostgreSQL (TEST_DATABASE_URL; skipped without):
the API and a worker review a resume as the app role, which cannot run DDL.
"""

from __future__ import annotations

import os
import secrets
import subprocess
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import httpx
import pytest

from resumeroast.adapters.embedded_redis import EmbeddedRedis
from resumeroast.bootstrap import migrate_schema
from resumeroast.settings import Settings
from tests.support.api import submit, wait_final
from tests.support.stack import Stack, drop_database, fresh_database
from tests.unit.deploy.deploy_files import DEPLOY

pytestmark = [pytest.mark.integration, pytest.mark.db]

psycopg = pytest.importorskip("psycopg")


def as_role(url: str, role: str, password: str) -> str:
    parts = urlsplit(url)
    host = parts.netloc.rsplit("@", 1)[-1]
    return urlunsplit(parts._replace(netloc=f"{role}:{password}@{host}"))


@pytest.fixture
def roles() -> Iterator[dict[str, str]]:
    if not os.environ.get("TEST_DATABASE_URL"):
        pytest.skip("PostgreSQL only: set TEST_DATABASE_URL")
    admin_url = fresh_database()
    assert admin_url is not None
    suffix = secrets.token_hex(4)
    names = {"owner_role": f"rr_owner_{suffix}", "app_role": f"rr_app_{suffix}"}
    passwords = {"owner_password": secrets.token_hex(16), "app_password": secrets.token_hex(16)}
    variables = [arg for k, v in (names | passwords).items() for arg in ("-v", f"{k}={v}")]
    done = subprocess.run(
        ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", *variables, "-f",
         str(DEPLOY / "postgres" / "roles.sql"), admin_url],
        capture_output=True, text=True, timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    try:
        yield {
            "owner": as_role(admin_url, names["owner_role"], passwords["owner_password"]),
            "app": as_role(admin_url, names["app_role"], passwords["app_password"]),
        }
    finally:
        drop_database(admin_url)
        with psycopg.connect(os.environ["TEST_DATABASE_URL"], autocommit=True) as connection:
            for role in names.values():
                connection.execute(f'DROP ROLE IF EXISTS "{role}"')


def test_the_app_role_serves_and_reviews_but_cannot_change_the_schema(
    roles: dict[str, str], tmp_path: Path, redis_server: EmbeddedRedis
) -> None:
    """Catches an app role with DDL rights (it could drop the tables) or one the grants leave
    unable to work (tables created by the migrate step not granted to it)."""
    with pytest.raises(Exception, match="permission denied"):
        migrate_schema(Settings(database_url=roles["app"], data_dir=tmp_path / "refused"))
    migrate_schema(Settings(database_url=roles["owner"], data_dir=tmp_path / "migrate"))

    stack = Stack(data_dir=tmp_path, redis=redis_server, database_url=None)
    stack.extra_env["DATABASE_URL"] = roles["app"]
    try:
        stack.start_api()
        stack.start_worker()
        with httpx.Client(base_url=stack.base_url, timeout=30) as client:
            final = wait_final(client, submit(client, "text/hrhelper__sample_resume.txt"))
            assert final["status"] == "complete", final
    finally:
        stack.stop()

    with psycopg.connect(roles["app"], autocommit=True) as connection:
        for ddl in (
            "CREATE TABLE intruder (i int)",
            "DROP TABLE jobs",
            "ALTER TABLE jobs ADD x int",
        ):
            with pytest.raises(psycopg.errors.InsufficientPrivilege):
                connection.execute(ddl)
