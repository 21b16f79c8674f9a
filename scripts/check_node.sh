#!/usr/bin/env bash
# The web app's build (Vite 7) needs Node 20.19 or later and npm: say so plainly, before npm
# fails somewhere deep with an error that does not.
set -euo pipefail
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "ResumeRoast's web app needs Node.js 20.19 or later with npm; none is on PATH." >&2
  echo "Install Node 20 (https://nodejs.org or your package manager), then run make again." >&2
  exit 1
fi
version=$(node --version)  # v20.19.0
IFS=. read -r major minor _ <<<"${version#v}"
if ((major < 20 || (major == 20 && minor < 19))); then
  echo "ResumeRoast's web app needs Node.js 20.19 or later; this machine has $version." >&2
  echo "Install a newer Node 20 (or 22), then run make again." >&2
  exit 1
fi
