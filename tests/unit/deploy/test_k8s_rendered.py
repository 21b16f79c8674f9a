"""deploy/k8s as `kubectl apply -k` sends it: rendered by kustomize, then every resource of the
output validated against the Kubernetes API schemas (test_k8s.py checks the files one by one).

The renderer is kubectl's built-in kustomize, v4 or later (`labels:`): the machine's kubectl, or
the one scripts/install_kubectl.sh unpacks into .cache/kubectl (.ci/run runs it).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
import yaml

from tests.unit.deploy.deploy_files import ROOT
from tests.unit.deploy.test_k8s import K8S, KUBERNETES_VERSION, core, documents

PART_OF = {"app.kubernetes.io/part-of": "resumeroast"}
RECENT_KUSTOMIZE = re.compile(r"^Kustomize Version: v([4-9]|[1-9][0-9]+)\.", re.MULTILINE)


@cache
def kubectl() -> str | None:
    """The first kubectl whose kustomize reads deploy/k8s, or None."""
    for candidate in (ROOT / ".cache" / "kubectl" / "kubectl", shutil.which("kubectl")):
        if candidate is None or not Path(candidate).is_file():
            continue
        version = subprocess.run(
            [str(candidate), "version", "--client"], capture_output=True, text=True, timeout=60
        )
        if RECENT_KUSTOMIZE.search(version.stdout):
            return str(candidate)
    return None


#: .ci/run sets REQUIRE_DEPLOY_TOOLS=1: there a missing renderer fails, not skips.
needs_kustomize = pytest.mark.skipif(
    kubectl() is None and not os.environ.get("REQUIRE_DEPLOY_TOOLS"),
    reason="no kubectl with kustomize v4+ (scripts/install_kubectl.sh; CI runs it)",
)


def render(directory: Path) -> subprocess.CompletedProcess[str]:
    program = kubectl()
    assert program is not None, "no kubectl with kustomize v4+: run scripts/install_kubectl.sh"
    return subprocess.run(
        [program, "kustomize", str(directory)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@cache
def rendered() -> tuple[dict[str, Any], ...]:
    result = render(K8S)
    assert result.returncode == 0, result.stderr
    return tuple(d for d in yaml.safe_load_all(result.stdout) if d)


def identity(document: dict[str, Any]) -> tuple[str, str]:
    return document["kind"], document["metadata"]["name"]


def images(document: dict[str, Any]) -> list[str]:
    spec = document.get("spec", {})
    spec = spec.get("jobTemplate", {}).get("spec", spec)
    pod = spec.get("template", {}).get("spec", {})
    return [c["image"] for c in pod.get("containers", []) + pod.get("initContainers", [])]


@needs_kustomize
def test_rendering_keeps_every_resource_and_adds_none() -> None:
    assert Counter(map(identity, rendered())) == Counter(map(identity, documents()))


@needs_kustomize
@pytest.mark.parametrize(
    "kind_and_name", [identity(d) for d in documents() if core(d)], ids="/".join
)
def test_every_rendered_resource_is_valid_kubernetes(kind_and_name: tuple[str, str]) -> None:
    """KEDA's ScaledObject, a custom resource, is left out: the validator has no schema for it."""
    (document,) = [d for d in rendered() if identity(d) == kind_and_name]
    kubernetes_validate.validate(document, KUBERNETES_VERSION, strict=True)


@needs_kustomize
def test_the_kustomization_labels_everything_and_pins_the_app_image() -> None:
    for document in rendered():
        labels = document["metadata"].get("labels", {})
        assert PART_OF.items() <= labels.items(), identity(document)
        for image in images(document):
            if image.split(":")[0] == "resumeroast":
                assert image == "resumeroast:latest", (identity(document), image)
    assert any(images(d) for d in rendered())


@needs_kustomize
def test_a_kustomization_naming_a_missing_file_does_not_render(tmp_path: Path) -> None:
    copy = shutil.copytree(K8S, tmp_path / "k8s")
    kustomization = copy / "kustomization.yaml"
    kustomization.write_text(kustomization.read_text().replace("api.yaml", "apii.yaml"))
    result = render(copy)
    assert result.returncode != 0
    assert "apii.yaml" in result.stderr


@needs_kustomize
def test_a_patch_that_breaks_a_resource_renders_and_is_caught_by_validation(
    tmp_path: Path,
) -> None:
    """What only the rendered output shows: a patch (an overlay's tool) misspelling a field."""
    copy = shutil.copytree(K8S, tmp_path / "k8s")
    kustomization = yaml.safe_load((copy / "kustomization.yaml").read_text())
    kustomization["patches"] = [
        {
            "target": {"kind": "Deployment", "name": "worker"},
            "patch": "- op: add\n  path: /spec/template/spec/terminationGracePeriod\n"
            "  value: 150\n",
        }
    ]
    (copy / "kustomization.yaml").write_text(yaml.safe_dump(kustomization))
    result = render(copy)
    assert result.returncode == 0, result.stderr
    (worker,) = [
        d
        for d in yaml.safe_load_all(result.stdout)
        if d and identity(d) == ("Deployment", "worker")
    ]
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(worker, KUBERNETES_VERSION, strict=True)
