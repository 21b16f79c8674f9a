"""Which database role each container logs in as (deploy/postgres/roles.sql), in Compose and in
Kubernetes alike: the migrate step as the owner role, the app's containers as the app role
(rows only), each with the password of its own role from its own secret file, and no container
given a database password it does not use."""

from __future__ import annotations

import re
import subprocess
from typing import Any

import pytest
from sqlalchemy.engine import make_url

from tests.unit.deploy.deploy_files import DEPLOY, ROOT, compose_services, load_compose
from tests.unit.deploy.test_k8s import env_values, one, pod_spec

OWNER, APP = "resumeroast_owner", "resumeroast_app"
#: The role each app container logs in as; None: it never connects (the relay).
ROLES = {"migrate": OWNER, "api": APP, "worker": APP, "backup": APP, "llm-relay": None}
K8S_WORKLOADS = {
    "migrate": ("Job", "resumeroast-migrate"),
    "api": ("Deployment", "api"),
    "worker": ("Deployment", "worker"),
    "llm-relay": ("Deployment", "llm-relay"),
    "backup": ("CronJob", "resumeroast-backup"),
}
#: Compose's ${NAME:-default}, read as its default.
COMPOSE_DEFAULT = re.compile(r"\$\{[A-Z_]+:-([^}]*)\}")
PASSWORD_SECRET = {OWNER: "database_owner_password", APP: "database_app_password"}


def login_role(env: dict[str, str]) -> str | None:
    url = make_url(COMPOSE_DEFAULT.sub(lambda m: m.group(1), env["DATABASE_URL"]))
    assert url.password is None, "the password belongs in DATABASE_PASSWORD_FILE"
    return url.username


def k8s_container(service: str) -> dict[str, Any]:
    kind, name = K8S_WORKLOADS[service]
    (container,) = pod_spec(one(kind, name))["containers"]
    return container


def k8s_mounted_secrets(service: str) -> set[str]:
    kind, name = K8S_WORKLOADS[service]
    volumes = {v["name"]: v for v in pod_spec(one(kind, name))["volumes"]}
    return {item["key"] for item in volumes["secrets"]["secret"]["items"]}


@pytest.mark.parametrize("service", sorted(ROLES))
def test_compose_logs_each_container_in_as_its_role_with_its_own_password(service: str) -> None:
    env = compose_services()[service]["environment"]
    given = set(compose_services()[service]["secrets"])
    role = ROLES[service]
    assert login_role(env) == (role or APP)
    if role is None:
        assert "DATABASE_PASSWORD_FILE" not in env
        assert not set(PASSWORD_SECRET.values()) & given
        return
    assert env["DATABASE_PASSWORD_FILE"] == "/run/secrets/" + PASSWORD_SECRET[role]
    assert set(PASSWORD_SECRET.values()) & given == {PASSWORD_SECRET[role]}
    assert "postgres_password" not in given  # the superuser's is for the restore drill only


@pytest.mark.parametrize("service", sorted(K8S_WORKLOADS))
def test_kubernetes_logs_each_container_in_as_the_same_role(service: str) -> None:
    env = env_values(k8s_container(service))
    role = ROLES[service]
    assert login_role(env) == (role or APP)
    mounted = k8s_mounted_secrets(service)
    if role is None:
        assert "DATABASE_PASSWORD_FILE" not in env
        assert not set(PASSWORD_SECRET.values()) & mounted
        return
    assert env["DATABASE_PASSWORD_FILE"].rsplit("/", 1)[1] == PASSWORD_SECRET[role]
    assert set(PASSWORD_SECRET.values()) & mounted == {PASSWORD_SECRET[role]}


@pytest.mark.parametrize("service", sorted(K8S_WORKLOADS))
def test_each_pod_mounts_only_the_secret_keys_it_reads(service: str) -> None:
    env = env_values(k8s_container(service))
    read = {v.rsplit("/", 1)[1] for k, v in env.items() if k.endswith("_FILE")}
    assert k8s_mounted_secrets(service) == read


def test_only_the_migration_may_change_the_schema() -> None:
    services = compose_services()
    connecting = {n for n, s in services.items() if "DATABASE_URL" in s.get("environment", {})}
    assert {n for n in connecting if login_role(services[n]["environment"]) == OWNER} == {"migrate"}
    drill = compose_services()["restore-drill"]["environment"]
    superuser = compose_services()["postgres"]["environment"]["POSTGRES_USER"]
    assert drill["DATABASE_URL"].startswith(f"postgresql://{superuser}@")  # CREATEDB: a scratch db


def test_postgres_creates_both_roles_at_its_first_start() -> None:
    postgres = compose_services()["postgres"]
    env = postgres["environment"]
    assert (env["DATABASE_OWNER_ROLE"], env["DATABASE_APP_ROLE"]) == (OWNER, APP)
    assert set(postgres["secrets"]) == {"postgres_password", *PASSWORD_SECRET.values()}
    for secret in PASSWORD_SECRET.values():
        assert secret in load_compose()["secrets"]
    volumes = postgres["volumes"]
    assert "./postgres/roles.sql:/etc/resumeroast/roles.sql:ro" in volumes
    init = [v for v in volumes if ":/docker-entrypoint-initdb.d/" in v]
    assert init == ["./postgres/init-roles.sh:/docker-entrypoint-initdb.d/10-roles.sh:ro"]
    # The image executes an executable script with its own shell; it would source one that is
    # not, under its own shell options. Git keeps the mode the bind mount shows.
    mode = subprocess.run(
        ["git", "ls-files", "--stage", str(DEPLOY / "postgres" / "init-roles.sh")],
        cwd=ROOT, capture_output=True, text=True, check=True,
    ).stdout.split()  # fmt: skip
    assert mode and mode[0] == "100755"
