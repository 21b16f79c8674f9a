"""deploy/k8s: valid against the Kubernetes API schemas (kubernetes-validate ships them; nothing
is fetched) and our invariants: one migration Job, workers given more than the task hard time
limit to stop, probes, non-root, resources, secrets from files only, the proxy's Caddyfile."""

from __future__ import annotations

import re
from typing import Any

import kubernetes_validate
import pytest
import yaml

from resumeroast.adapters.queue import KEY_PREFIX, QUEUE_NAMES
from resumeroast.settings import Settings
from tests.unit.deploy.deploy_files import DEPLOY

K8S = DEPLOY / "k8s"
KUBERNETES_VERSION = "1.37.0"
APP_WORKLOADS = {"migrate": "Job", "api": "Deployment", "worker": "Deployment"}
APP_WORKLOADS |= {"llm-relay": "Deployment"}
SECRET_NAME = re.compile(r"(SECRET|PASSWORD|TOKEN|API_KEY|REDIS_URL)")
#: A URL with a password in it (DATABASE_URL names role and host; the password is a file).
CREDENTIALS_IN_URL = re.compile(r"://[^/\s:@]+:[^/\s@]+@")


def documents() -> list[dict[str, Any]]:
    found = []
    for path in sorted(K8S.glob("*.yaml")):
        if path.name != "kustomization.yaml":
            found += [d for d in yaml.safe_load_all(path.read_text()) if d]
    return found


def one(kind: str, name: str) -> dict[str, Any]:
    matches = [d for d in documents() if d["kind"] == kind and d["metadata"]["name"] == name]
    assert len(matches) == 1, (kind, name)
    return matches[0]


def pod_spec(workload: dict[str, Any]) -> dict[str, Any]:
    job = workload["spec"]["jobTemplate"] if workload["kind"] == "CronJob" else workload
    spec: dict[str, Any] = job["spec"]["template"]["spec"]
    return spec


def workloads() -> list[dict[str, Any]]:
    return [d for d in documents() if d["kind"] in ("Deployment", "Job", "CronJob")]


def env_values(container: dict[str, Any]) -> dict[str, str]:
    """A container's environment, values taken from a ConfigMap (configMapKeyRef) resolved."""
    found = {}
    for variable in container["env"]:
        if "value" in variable:
            found[variable["name"]] = variable["value"]
        else:
            ref = variable["valueFrom"]["configMapKeyRef"]
            found[variable["name"]] = one("ConfigMap", ref["name"])["data"][ref["key"]]
    return found


def container_env(kind: str, name: str) -> dict[str, str]:
    workload = one(kind, "resumeroast-migrate" if kind == "Job" else name)
    (container,) = pod_spec(workload)["containers"]
    return env_values(container)


def core(document: dict[str, Any]) -> bool:
    return "keda.sh" not in document["apiVersion"]


@pytest.mark.parametrize(
    "document",
    [d for d in documents() if core(d)],
    ids=lambda d: d["kind"] + "/" + d["metadata"]["name"],
)
def test_every_resource_is_valid_kubernetes(document: dict[str, Any]) -> None:
    kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)


def test_the_validator_does_catch_mistakes() -> None:
    broken = one("Deployment", "worker")
    pod_spec(broken)["terminationGracePeriod"] = 150  # a misspelt field
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)


def test_kustomize_applies_every_file() -> None:
    listed = yaml.safe_load((K8S / "kustomization.yaml").read_text())["resources"]
    assert sorted(listed) == sorted(p.name for p in K8S.glob("*.yaml") if p.stem != "kustomization")


def test_one_migration_job_runs_the_migration() -> None:
    jobs = [d for d in documents() if d["kind"] == "Job"]
    assert len(jobs) == 1
    (container,) = pod_spec(jobs[0])["containers"]
    assert container["command"] == ["resumeroast", "migrate"]
    assert pod_spec(jobs[0])["restartPolicy"] == "Never"
    for workload in workloads():  # nothing else migrates
        if workload["kind"] == "Deployment":
            for c in pod_spec(workload)["containers"]:
                assert "migrate" not in c["command"], workload["metadata"]["name"]


def test_workers_get_longer_than_the_hard_time_limit_to_stop() -> None:
    hard_limit_s = Settings.model_fields["task_time_limit_s"].default
    assert pod_spec(one("Deployment", "worker"))["terminationGracePeriodSeconds"] > hard_limit_s


@pytest.mark.parametrize("workload", workloads(), ids=lambda d: d["metadata"]["name"])
def test_every_container_is_unprivileged_and_bounded(workload: dict[str, Any]) -> None:
    spec = pod_spec(workload)
    assert spec["securityContext"]["runAsNonRoot"] is True
    assert spec["securityContext"]["runAsUser"] != 0
    assert spec["automountServiceAccountToken"] is False
    for container in spec["containers"]:
        assert container["securityContext"]["allowPrivilegeEscalation"] is False
        assert container["securityContext"]["readOnlyRootFilesystem"] is True
        assert container["securityContext"]["capabilities"]["drop"] == ["ALL"]
        resources = container["resources"]
        assert {"cpu", "memory"} <= set(resources["requests"]), container["name"]
        assert "memory" in resources["limits"], container["name"]


@pytest.mark.parametrize(
    "workload",
    [w for w in workloads() if w["kind"] == "Deployment"],
    ids=lambda d: d["metadata"]["name"],
)
def test_every_long_running_container_is_probed(workload: dict[str, Any]) -> None:
    for container in pod_spec(workload)["containers"]:
        assert "livenessProbe" in container, container["name"]
        if container.get("ports"):  # what takes traffic says when it is ready for it
            assert "readinessProbe" in container, container["name"]


def test_the_api_rolls_one_replica_at_a_time_and_is_ready_first() -> None:
    api = one("Deployment", "api")
    assert api["spec"]["replicas"] >= 2
    assert api["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"] == 0
    (container,) = pod_spec(api)["containers"]
    assert container["readinessProbe"]["httpGet"]["path"] == "/readyz"


@pytest.mark.parametrize("name", sorted(APP_WORKLOADS))
def test_secrets_come_from_files_and_env_names_are_settings(name: str) -> None:
    env = container_env(APP_WORKLOADS[name], name)
    fields = {f.upper() for f in Settings.model_fields}
    for variable, value in env.items():
        setting = variable.removesuffix("_FILE")
        assert setting in fields, f"{name}: {variable} is not a setting"
        if SECRET_NAME.search(setting):
            assert variable.endswith("_FILE"), f"{name}: {variable} must come from a file"
            assert value.startswith("/run/secrets/"), value
        assert not CREDENTIALS_IN_URL.search(value), f"{name}: a password in {variable}"
    assert env["ENVIRONMENT"] == "production"


def test_keda_scales_the_workers_on_our_queue() -> None:
    scaled = one("ScaledObject", "worker")
    assert scaled["spec"]["scaleTargetRef"]["name"] == "worker"
    assert scaled["spec"]["minReplicaCount"] >= 1
    triggers = {t["type"]: t["metadata"] for t in scaled["spec"]["triggers"]}
    lists = [t["metadata"]["listName"] for t in scaled["spec"]["triggers"] if t["type"] == "redis"]
    assert lists == [KEY_PREFIX + name for name in QUEUE_NAMES]  # every queue a worker reads
    assert "resumeroast_oldest_queued_job_age_seconds" in triggers["prometheus"]["query"]


def test_the_proxy_runs_the_same_caddyfile_as_compose() -> None:
    configmap = one("ConfigMap", "proxy-caddyfile")
    assert configmap["data"]["Caddyfile"] == (DEPLOY / "caddy" / "Caddyfile").read_text()


def test_a_nightly_backup_kept_no_longer_than_the_retention_and_a_weekly_drill() -> None:
    backup, drill = (
        one("CronJob", "resumeroast-backup"),
        one("CronJob", "resumeroast-restore-drill"),
    )
    for cron in (backup, drill):
        assert cron["spec"]["concurrencyPolicy"] == "Forbid"
        (container,) = pod_spec(cron)["containers"]
        env = env_values(container)
        fields = {f.upper() for f in Settings.model_fields}
        for variable, value in env.items():
            assert variable.removesuffix("_FILE") in fields, variable
            if SECRET_NAME.search(variable):
                assert variable.endswith("_FILE") and value.startswith("/run/secrets/")
        claims = {
            v["persistentVolumeClaim"]["claimName"]
            for v in pod_spec(cron)["volumes"]
            if "persistentVolumeClaim" in v
        }
        assert claims == {"resumeroast-backups"}
    (container,) = pod_spec(backup)["containers"]
    command = container["command"]
    assert command[:4] == ["resumeroast", "backup", "--output-dir", "/backups"]
    keep_days = float(command[command.index("--keep-days") + 1])
    retention = env_values(container)["RETENTION_DAYS"]
    assert keep_days <= float(retention)
    (drill_container,) = pod_spec(drill)["containers"]
    assert drill_container["command"] == ["resumeroast", "restore-drill", "/backups"]
    assert one("PersistentVolumeClaim", "resumeroast-backups")
