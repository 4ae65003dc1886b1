#!/usr/bin/env bash
# CI: install as `make` does (requirements.lock into .venv, the package itself editable), the
# Debian packages PART needs (tools/system-packages.sh: `site` for the PDFs), and .venv/bin on
# the PATH of the job's later steps.
set -euo pipefail
cd "$(dirname "$0")/.."

make --no-print-directory .venv/installed
if [[ -n "${1:-}" ]]; then
  tools/system-packages.sh "$1"
fi
echo "$PWD/.venv/bin" >>"${GITHUB_PATH:?GITHUB_PATH is not set}"
