"""deploy/docker-compose.yml run service by service: each of postgres' first-start script,
migrate, api and worker gets the command, environment, volumes and secrets its own service gives
it (no Docker engine here, so each is a local process). A named volume is one folder shared by
the services that mount it (metrics-data: api and worker), a tmpfs is a private folder, a bind
mount is the repository's file, and /run/secrets holds only the secrets the service lists. What
changes: the API listens on 127.0.0.1 and a free port, the `postgres` host is the test server
(TEST_DATABASE_URL, a fresh database; SQLite without it), and the role names get a suffix so
that runs do not share roles.

Proves the issue's blocker is gone: a worker's counters reach the operator's endpoint, the
API's /metrics, when the worker is a separate container with its own environment. On
PostgreSQL, also that the migrate step changes the schema as the owner role while api and
worker connect as the app role, each with its own password file.
"""

from __future__ import annotations

import os
import re
import secrets
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest
from sqlalchemy.engine import make_url

from resumeroast.adapters.embedded_redis import EmbeddedRedis, free_port
from tests.support.api import submit, wait_final
from tests.support.polling import wait_for
from tests.support.stack import Stack
from tests.unit.deploy.deploy_files import DEPLOY, compose_services

pytestmark = [pytest.mark.integration, pytest.mark.db]

VENV_BIN = Path(sys.executable).parent
RESUME = "text/hrhelper__sample_resume.txt"
#: Compose's ${NAME:-default}: the test sets none of these, so the default applies.
INTERPOLATION = re.compile(r"\$\{[A-Z_]+:-([^}]*)\}")
ROLE_VARIABLES = ("DATABASE_OWNER_ROLE", "DATABASE_APP_ROLE")


class ComposeHost:
    """One Docker host's volumes and secrets as folders under root; server_url is where the
    compose network's `postgres` really is (the fresh database, as its superuser) or SQLite."""

    def __init__(
        self, root: Path, secret_values: dict[str, str], server_url: str, role_suffix: str
    ) -> None:
        self.root = root
        self.secret_values = secret_values
        self.server_url = server_url
        self.role_suffix = role_suffix

    @property
    def on_postgres(self) -> bool:
        return not self.server_url.startswith("sqlite")

    def service_env(self, name: str) -> dict[str, str]:
        service: dict[str, Any] = compose_services()[name]
        mounts = {"/data": self._data_folder(name, service)}
        mounts["/run/secrets"] = self._secrets_folder(name, service.get("secrets", []))
        for volume in service.get("volumes", []):
            source, _, target = str(volume).partition(":")
            if source.startswith("./"):  # a bind mount of the repository's deploy folder
                mounts[target.split(":")[0]] = DEPLOY / source.removeprefix("./")
        inherited = ("HOME", "LANG", "LC_ALL", "TMPDIR")
        env = {k: v for k, v in os.environ.items() if k in inherited}
        env |= {
            "PATH": f"{VENV_BIN}{os.pathsep}{os.environ.get('PATH', '/usr/bin:/bin')}",
            "HOSTNAME": f"{name}-1",  # each container has its own host name
            "PYTHONUNBUFFERED": "1",
        }
        for key, raw in service["environment"].items():
            value = INTERPOLATION.sub(lambda m: m.group(1), str(raw))
            for inside, outside in mounts.items():
                if value == inside or value.startswith(inside + "/"):
                    value = str(outside) + value[len(inside) :]
            env[key] = value
        return self._database_env(env)

    def _database_env(self, env: dict[str, str]) -> dict[str, str]:
        server = make_url(self.server_url)
        for key in ROLE_VARIABLES:
            if key in env:
                env[key] += self.role_suffix
        if "POSTGRES_USER" in env:  # the postgres container: its superuser over the socket
            env |= {"POSTGRES_USER": str(server.username), "POSTGRES_DB": str(server.database)}
            env |= {"PGHOST": str(server.host), "PGPORT": str(server.port or 5432)}
            env["PGPASSWORD"] = str(server.password)
        if "DATABASE_URL" not in env:
            return env
        if not self.on_postgres:
            env.pop("DATABASE_PASSWORD_FILE", None)
            env["DATABASE_URL"] = self.server_url
            return env
        wanted = make_url(env["DATABASE_URL"])
        assert wanted.host == "postgres" and wanted.password is None, wanted
        real = wanted.set(
            host=server.host,
            port=server.port,
            database=server.database,
            username=f"{wanted.username}{self.role_suffix}",
        )
        env["DATABASE_URL"] = real.render_as_string(hide_password=False)
        return env

    def _data_folder(self, name: str, service: dict[str, Any]) -> Path:
        for volume in service.get("volumes", []):
            source, _, target = str(volume).partition(":")
            if target == "/data":
                return self._folder("volumes", source)
        return self._folder("tmpfs", name)  # the private tmpfs

    def _secrets_folder(self, name: str, wanted: list[str]) -> Path:
        folder = self._folder("secrets", name)
        for secret in wanted:
            (folder / secret).write_text(self.secret_values[secret] + "\n")
        return folder

    def _folder(self, *parts: str) -> Path:
        folder = self.root.joinpath(*parts)
        folder.mkdir(parents=True, exist_ok=True)
        return folder


@pytest.fixture
def host(tmp_path: Path, redis_server: EmbeddedRedis) -> Iterator[tuple[ComposeHost, Stack]]:
    stack = Stack(data_dir=tmp_path / "logs", redis=redis_server)
    stack.data_dir.mkdir()
    server_url = stack.database_url or f"sqlite:///{tmp_path / 'postgres' / 'app.db'}"
    (tmp_path / "postgres").mkdir()
    values = {
        "postgres_password": str(make_url(server_url).password),
        "database_owner_password": secrets.token_urlsafe(24),
        "database_app_password": secrets.token_urlsafe(24),
        "redis_url": redis_server.url,
        "secret_key": secrets.token_urlsafe(48),
        "admin_token": secrets.token_urlsafe(32),
        "llm_api_key": "unused-by-the-builtin-provider",
    }
    suffix = f"_{secrets.token_hex(4)}"
    compose = ComposeHost(tmp_path / "host", values, server_url, suffix)
    try:
        yield compose, stack
    finally:
        stack.stop()  # drops the database
        if compose.on_postgres:
            drop_roles(compose)


def run_sql(url: str, query: str) -> list[tuple[Any, ...]]:
    import psycopg

    with psycopg.connect(url, autocommit=True) as connection:
        cursor = connection.execute(query)
        return cursor.fetchall() if cursor.description else []


def drop_roles(compose: ComposeHost) -> None:
    admin = os.environ["TEST_DATABASE_URL"]
    for variable in ROLE_VARIABLES:
        role = compose_services()["postgres"]["environment"][variable] + compose.role_suffix
        run_sql(admin, f'DROP ROLE IF EXISTS "{role}"')


def init_postgres(compose: ComposeHost) -> None:
    """The postgres container's first start: its docker-entrypoint-initdb.d script."""
    postgres = compose_services()["postgres"]
    (script,) = [v for v in postgres["volumes"] if ":/docker-entrypoint-initdb.d/" in v]
    path = DEPLOY / script.split(":")[0].removeprefix("./")
    done = subprocess.run(
        [str(path)], env=compose.service_env("postgres"), capture_output=True, text=True,
        timeout=60, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr


def connected_roles(server_url: str) -> set[str]:
    database = make_url(server_url).database
    rows = run_sql(
        os.environ["TEST_DATABASE_URL"],
        f"SELECT DISTINCT usename FROM pg_stat_activity WHERE datname = '{database}'",
    )
    return {str(row[0]) for row in rows}


def start(stack: Stack, command: list[str], env: dict[str, str], log_name: str) -> Any:
    with (stack.data_dir / log_name).open("ab") as log:
        return subprocess.Popen(
            command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
        )


def finished_jobs(client: httpx.Client) -> float:
    for line in client.get("/metrics").text.splitlines():
        if line.startswith('resumeroast_jobs_finished_total{status="complete"}'):
            return float(line.rsplit(" ", 1)[1])
    return 0.0


def test_each_compose_service_runs_with_its_own_env_and_the_worker_metrics_reach_the_api(
    host: tuple[ComposeHost, Stack],
) -> None:
    compose, stack = host
    services = compose_services()
    if compose.on_postgres:
        init_postgres(compose)

    migrate_env = compose.service_env("migrate")
    done = subprocess.run(
        services["migrate"]["command"], env=migrate_env, capture_output=True, text=True,
        timeout=120, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    if compose.on_postgres:  # the schema belongs to the owner role
        owners = run_sql(compose.server_url, "SELECT DISTINCT tableowner FROM pg_tables "
                         "WHERE schemaname = 'public'")  # fmt: skip
        assert owners == [(make_url(migrate_env["DATABASE_URL"]).username,)]

    api_env = compose.service_env("api")
    command = list(services["api"]["command"])
    assert command[-4:] == ["--host", "0.0.0.0", "--port", "8000"]
    stack.api_port = free_port()
    stack.api = start(
        stack, [*command[:-4], "--host", "127.0.0.1", "--port", str(stack.api_port)],
        api_env, "api.log",
    )  # fmt: skip
    worker_env = compose.service_env("worker")
    assert "ADMIN_TOKEN_FILE" not in worker_env and "LLM_API_KEY_FILE" not in api_env
    assert worker_env["DATA_DIR"] == api_env["DATA_DIR"]  # the metrics-data volume
    assert worker_env["DATA_DIR"] != migrate_env["DATA_DIR"]  # a private tmpfs
    stack.workers.append(start(stack, services["worker"]["command"], worker_env, "worker.log"))

    with httpx.Client(base_url=stack.base_url, timeout=30) as client:
        wait_for(
            lambda: stack._answers(stack.api, f"{stack.base_url}/readyz", "api.log"),
            timeout_s=90, what="the api service",
        )  # fmt: skip
        job = submit(client, RESUME)
        final = wait_final(client, job, timeout_s=120)
        assert final["status"] == "complete", (final, stack.log("worker.log")[-2000:])
        # Counted by the worker process only (the API never finishes a job).
        wait_for(lambda: finished_jobs(client) >= 1, timeout_s=30, what="worker metrics")
    if compose.on_postgres:  # api and worker hold their connections as the app role only
        app_role = make_url(api_env["DATABASE_URL"]).username
        assert make_url(worker_env["DATABASE_URL"]).username == app_role
        assert connected_roles(compose.server_url) == {app_role}
