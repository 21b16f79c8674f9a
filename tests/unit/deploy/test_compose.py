"""deploy/docker-compose.yml: valid against the Compose Specification schema, and our invariants.

The schema is the compose-spec JSON schema that check-jsonschema vendors (Apache-2.0), read
from the installed package: nothing is fetched.
"""

from __future__ import annotations

import json
import re
import runpy
from collections.abc import Iterator
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from resumeroast.adapters.queue import KEY_PREFIX, QUEUE_NAME
from resumeroast.settings import Settings
from tests.unit.deploy.deploy_files import (
    COMPOSE_FILE,
    DEPLOY,
    compose_services,
    dockerfile,
    load_compose,
)
from tests.unit.deploy.test_k8s import APP_WORKLOADS, container_env

SERVICES = {"proxy", "migrate", "api", "worker", "llm-relay", "redis", "postgres", "flower"}
SERVICES |= {"backup", "restore-drill"}
APP_SERVICES = ("migrate", "api", "worker", "llm-relay")
#: Variables Compose itself or the postgres/flower images read; the rest are Settings fields.
DEPLOY_ONLY_VARS = {
    "FLOWER_BASIC_AUTH",
    "POSTGRES_DB",
    "POSTGRES_USER",
    "RESUMEROAST_IMAGE",
    "SITE_ADDRESS",
}
SECRET_NAME = re.compile(r"(SECRET|PASSWORD|TOKEN|API_KEY|BASIC_AUTH|CREDENTIAL)", re.I)
INTERPOLATION = re.compile(r"(?<!\$)\$\{(\w+)(?:[:?\-+][^}]*)?\}")


def k8s_env(name: str) -> dict[str, str]:
    return container_env(APP_WORKLOADS[name], name)


def compose_schema() -> dict[str, Any]:
    resource = files("check_jsonschema.builtin_schemas.vendor") / "compose-spec.json"
    schema: dict[str, Any] = json.loads(resource.read_text())
    return schema


def schema_errors(document: dict[str, Any]) -> list[str]:
    schema = compose_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    return [f"{e.json_path}: {e.message}" for e in validator.iter_errors(document)]


@pytest.fixture(scope="module")
def services() -> dict[str, dict[str, Any]]:
    return compose_services()


def env_example() -> dict[str, str]:
    """deploy/.env.example's settings, commented-out ones included (value None → '')."""
    found: dict[str, str] = {}
    for line in (DEPLOY / ".env.example").read_text().splitlines():
        match = re.match(r"^#?\s*([A-Z][A-Z0-9_]*)=(\S*)", line)
        if match:
            found[match.group(1)] = match.group(2) if not line.startswith("#") else ""
    return found


def strings(value: Any, path: str = "") -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from strings(item, f"{path}.{key}")
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from strings(item, f"{path}[{index}]")
    elif isinstance(value, str):
        yield path, value


def seconds(duration: str) -> float:
    units = {"ms": 0.001, "s": 1, "m": 60, "h": 3600}
    return sum(float(n) * units[u] for n, u in re.findall(r"(\d+(?:\.\d+)?)(ms|s|m|h)", duration))


# --- the specification ------------------------------------------------------------------------


def test_the_file_is_valid_against_the_compose_specification() -> None:
    assert schema_errors(load_compose()) == []


def test_the_schema_check_does_catch_mistakes() -> None:
    broken = load_compose()
    broken["services"]["api"]["depends_on"]["migrate"]["condition"] = "service_finished"
    broken["services"]["worker"]["helthcheck"] = {"test": ["CMD", "true"]}
    errors = schema_errors(broken)
    assert any("service_finished" in e for e in errors), errors
    assert any("helthcheck" in e for e in errors), errors


# --- our invariants ---------------------------------------------------------------------------


def test_the_stack_has_its_services(services: dict[str, dict[str, Any]]) -> None:
    assert set(services) == SERVICES


def one_shots(services: dict[str, dict[str, Any]]) -> set[str]:
    """Services that run to completion: restart "no", and others wait for them to finish."""
    awaited = {
        name
        for service in services.values()
        for name, dep in (service.get("depends_on") or {}).items()
        if dep.get("condition") == "service_completed_successfully"
    }
    return {n for n in awaited if services[n].get("restart") == "no"}


def on_demand(services: dict[str, dict[str, Any]]) -> set[str]:
    """Services `up` leaves out (a profile) that run to completion when run: the backup."""
    return {n for n, s in services.items() if s.get("profiles") and s.get("restart") == "no"}


def test_every_service_is_health_checked_or_one_shot(services: dict[str, dict[str, Any]]) -> None:
    assert one_shots(services) == {"migrate"}
    assert on_demand(services) == {"backup", "restore-drill"}
    for name, service in services.items():
        if name in one_shots(services) | on_demand(services):
            continue
        check = service.get("healthcheck") or {}
        assert check.get("test") and not check.get("disable"), f"{name} has no health check"
        assert {"interval", "timeout", "retries"} <= set(check), name


def test_waiting_on_a_service_waits_for_its_health(services: dict[str, dict[str, Any]]) -> None:
    for name, service in services.items():
        for target, dep in (service.get("depends_on") or {}).items():
            assert isinstance(dep, dict), f"{name}: depends_on {target} needs a condition"
            wanted = (
                "service_completed_successfully"
                if target in one_shots(services)
                else "service_healthy"
            )
            assert dep["condition"] == wanted, f"{name} → {target}"


@pytest.mark.parametrize("name", ["api", "worker"])
def test_api_and_worker_start_after_the_migration(
    services: dict[str, dict[str, Any]], name: str
) -> None:
    depends = services[name]["depends_on"]
    assert depends["migrate"] == {"condition": "service_completed_successfully"}
    assert depends["postgres"]["condition"] == "service_healthy"
    assert depends["redis"]["condition"] == "service_healthy"


def test_the_commands_are_the_cli_ones(services: dict[str, dict[str, Any]]) -> None:
    runtime = dockerfile()[1][-1]
    cmd = runtime.last("CMD")
    assert cmd is not None
    assert services["api"]["command"] == cmd.exec_form()
    assert services["worker"]["command"] == ["resumeroast", "worker", "--concurrency", "4"]
    assert services["migrate"]["command"] == ["resumeroast", "migrate"]
    assert services["worker"]["deploy"]["replicas"] == 2


def test_app_services_share_one_image_and_run_in_production(
    services: dict[str, dict[str, Any]],
) -> None:
    for name in APP_SERVICES:
        service = services[name]
        assert service["build"] == {"context": "..", "dockerfile": "deploy/Dockerfile"}
        assert service["image"] == services["api"]["image"]
        assert "env_file" not in service  # each gets its own environment, not every secret
        assert service["environment"]["ENVIRONMENT"] == "production"


def test_redis_keeps_an_append_only_file_on_a_volume(services: dict[str, dict[str, Any]]) -> None:
    redis = services["redis"]
    assert redis["image"].startswith("redis:7")
    assert redis["command"] == ["redis-server", "/usr/local/etc/redis/redis.conf"]
    assert "./redis.conf:/usr/local/etc/redis/redis.conf:ro" in redis["volumes"]
    assert any(v.split(":")[1] == "/data" and not v.startswith(".") for v in redis["volumes"])
    conf = redis_conf()
    assert conf["appendonly"] == "yes"
    assert conf["appendfsync"] == "everysec"
    assert conf["dir"] == "/data"


def redis_conf() -> dict[str, str]:
    conf = {}
    for line in (DEPLOY / "redis.conf").read_text().splitlines():
        if line.strip() and not line.startswith("#"):
            key, _, value = line.partition(" ")
            conf[key] = value.strip()
    return conf


def test_redis_needs_a_password_and_refuses_writes_at_its_memory_cap(
    services: dict[str, dict[str, Any]],
) -> None:
    conf = redis_conf()
    assert conf["protected-mode"] == "yes"
    assert "requirepass" not in conf  # the password is a secret, not in the repository
    secret = services["redis"]["secrets"][0]
    assert conf["include"] == "/run/secrets/" + secret["target"]
    assert secret["source"] in load_compose()["secrets"]
    assert conf["maxmemory-policy"] == "noeviction"
    assert int(conf["maxmemory"].removesuffix("mb")) > 0  # 0 would mean no cap: no noeviction
    assert "REDISCLI_AUTH" in " ".join(services["redis"]["healthcheck"]["test"])


def test_postgres_keeps_its_data_on_a_volume(services: dict[str, dict[str, Any]]) -> None:
    postgres = services["postgres"]
    assert postgres["image"].startswith("postgres:16")
    assert "postgres-data:/var/lib/postgresql/data" in postgres["volumes"]
    assert "pg_isready" in " ".join(postgres["healthcheck"]["test"])


def test_only_the_proxy_and_a_local_flower_are_published(
    services: dict[str, dict[str, Any]],
) -> None:
    published = {name for name, service in services.items() if service.get("ports")}
    assert published == {"proxy", "flower"}  # the API has no fixed host port: it can scale
    assert all(p.startswith("127.0.0.1:") for p in services["flower"]["ports"])
    assert {p.split(":")[0] for p in services["proxy"]["ports"]} == {"80", "443"}


def test_the_proxy_is_the_only_one_the_api_trusts(services: dict[str, dict[str, Any]]) -> None:
    proxy = services["proxy"]
    assert proxy["image"].startswith("caddy:2")
    address = proxy["networks"]["edge"]["ipv4_address"]
    trusted = json.loads(services["api"]["environment"]["TRUSTED_PROXIES"])
    assert trusted == [f"{address}/32"]
    on_edge = {n for n, s in services.items() if "edge" in (s.get("networks") or [])}
    assert on_edge == {"proxy", "api"}  # nothing else can reach the API from that address
    assert "./caddy/Caddyfile:/etc/caddy/Caddyfile:ro" in proxy["volumes"]
    assert proxy["environment"]["API_UPSTREAM"] == "api:8000"


def test_the_caddyfile_keeps_tokens_out_of_the_log_and_operator_paths_private() -> None:
    caddyfile = (DEPLOY / "caddy" / "Caddyfile").read_text()
    query_filter = re.search(r"request>uri query \{([^}]*)\}", caddyfile)
    assert query_filter and "delete token" in query_filter.group(1)
    for header in ("Authorization", "Cookie", "X-Job-Token"):
        assert f"request>headers>{header} delete" in caddyfile
    private = re.search(r"@private path (.*)", caddyfile)
    assert private and {"/metrics", "/api/admin"} <= set(private.group(1).split())
    assert "respond @private 404" in caddyfile
    assert "admin off" in caddyfile


def test_api_and_workers_share_their_data_folder_so_metrics_merge(
    services: dict[str, dict[str, Any]],
) -> None:
    # the API's /metrics merges the metric files of every process in DATA_DIR/metrics
    for name in ("api", "worker"):
        assert services[name]["volumes"] == ["metrics-data:/data"], name
        assert services[name]["environment"]["DATA_DIR"] == "/data"
        assert "tmpfs" not in services[name]
    assert "metrics-data" in load_compose()["volumes"]


@pytest.mark.parametrize("name", ["migrate", "llm-relay"])
def test_the_other_app_containers_have_a_private_data_folder(
    services: dict[str, dict[str, Any]], name: str
) -> None:
    (mount,) = services[name]["tmpfs"]
    path, _, options = mount.partition(":")
    assert path == services[name]["environment"]["DATA_DIR"] == "/data"
    assert "uid=10001" in options.split(",")  # the image's user can write it


def test_workers_call_hosted_models_through_the_relay(
    services: dict[str, dict[str, Any]],
) -> None:
    relay = services["llm-relay"]
    assert relay["command"] == ["resumeroast", "llm-relay", "--host", "0.0.0.0", "--port", "8301"]
    worker = services["worker"]
    assert worker["environment"]["LLM_RELAY_URL"] == "http://llm-relay:8301"
    assert worker["depends_on"]["llm-relay"] == {"condition": "service_healthy"}
    assert "8301/relay/healthz" in " ".join(relay["healthcheck"]["test"])


def test_workers_get_time_to_finish_running_reviews(services: dict[str, dict[str, Any]]) -> None:
    hard_limit_s = Settings.model_fields["task_time_limit_s"].default
    assert seconds(services["worker"]["stop_grace_period"]) > hard_limit_s


def test_flower_sees_the_broker_with_our_key_prefix(services: dict[str, dict[str, Any]]) -> None:
    flower = services["flower"]
    assert flower["environment"]["CELERY_CONFIG_MODULE"] == "flowerconfig"
    config = runpy.run_path(str(DEPLOY / "flower" / "flowerconfig.py"))
    assert config["broker_transport_options"]["global_keyprefix"] == KEY_PREFIX
    # with no worker alive, Flower's queue view counts this queue
    assert config["task_default_queue"] == QUEUE_NAME


def test_flower_reads_the_redis_url_with_its_password_from_the_secret(
    services: dict[str, dict[str, Any]], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    secret = tmp_path / "redis_url"
    secret.write_text("redis://:pw@redis:6379/0\n")
    monkeypatch.setenv("REDIS_URL_FILE", str(secret))
    config = runpy.run_path(str(DEPLOY / "flower" / "flowerconfig.py"))
    assert config["broker_url"] == "redis://:pw@redis:6379/0"
    assert services["flower"]["environment"]["REDIS_URL_FILE"] == "/run/secrets/redis_url"


# --- secrets ------------------------------------------------------------------------------------


def test_no_secret_is_written_in_the_compose_file(services: dict[str, dict[str, Any]]) -> None:
    for path, value in strings(services):
        filled = re.sub(r"\$\{[^}]*\}", "x", value)  # ${NAME:-default} is no password
        assert not re.search(r"://[^/\s:@]+:[^/\s@]+@", filled), f"credentials in a URL at {path}"
        name = path.rsplit(".", 1)[-1]
        if name.startswith("secrets["):  # the names of the secrets a service gets
            continue
        if SECRET_NAME.search(name) or name.removesuffix("_FILE") == "REDIS_URL":
            from_file = name.endswith("_FILE") and value.startswith("/run/secrets/")
            assert from_file or INTERPOLATION.fullmatch(value), f"{path}: a secret in the file"


def test_each_container_gets_only_the_secrets_it_reads(
    services: dict[str, dict[str, Any]],
) -> None:
    for name, service in services.items():
        read = {
            value.removeprefix("/run/secrets/")
            for variable, value in (service.get("environment") or {}).items()
            if variable.endswith("_FILE")
        }
        given = {s if isinstance(s, str) else s["target"] for s in service.get("secrets", [])}
        if name == "redis":  # read by redis.conf's include, not through a variable
            read = {redis_conf()["include"].removeprefix("/run/secrets/")}
        assert given == read, name


def test_compose_and_kubernetes_share_one_set_of_environment_names(
    services: dict[str, dict[str, Any]],
) -> None:
    for name in APP_SERVICES:
        assert set(services[name]["environment"]) == set(k8s_env(name)), name


def test_the_example_env_file_holds_no_secret() -> None:
    example = env_example()
    for name, value in example.items():
        if SECRET_NAME.search(name):
            assert value == "", f"{name} has a value in .env.example"
    assert not {"DATABASE_URL", "REDIS_URL", "SECRET_KEY", "ADMIN_TOKEN"} & set(example)
    ignored = (DEPLOY / ".gitignore").read_text().split()
    assert ".env" in ignored and "secrets/" in ignored


def test_the_example_env_file_names_real_settings() -> None:
    fields = {name.upper() for name in Settings.model_fields}
    unknown = set(env_example()) - fields - DEPLOY_ONLY_VARS
    assert not unknown, f"not a setting: {sorted(unknown)}"
    assert {"SITE_ADDRESS", "FLOWER_BASIC_AUTH"} <= set(env_example())


def test_every_interpolated_variable_is_in_the_example() -> None:
    used = set(INTERPOLATION.findall(COMPOSE_FILE.read_text()))
    assert used - set(env_example()) <= {"RESUMEROAST_IMAGE"}, used


def test_the_backup_runs_on_demand_into_its_own_volume_like_the_cronjob(
    services: dict[str, dict[str, Any]],
) -> None:
    from tests.unit.deploy.test_k8s import one, pod_spec

    backup = services["backup"]
    assert backup["image"] == services["api"]["image"]
    assert backup["volumes"] == ["backups:/data"] and "backups" in load_compose()["volumes"]
    command = backup["command"]
    assert command[:4] == ["resumeroast", "backup", "--output-dir", "/data/backups"]
    retention = Settings.model_fields["retention_days"].default
    assert float(command[command.index("--keep-days") + 1]) <= retention
    (cron,) = pod_spec(one("CronJob", "resumeroast-backup"))["containers"]
    assert set(backup["environment"]) <= {e["name"] for e in cron["env"]}
    assert command[command.index("--keep-days") :] == cron["command"][-2:]
