#!/usr/bin/env bash
# CI (pull-request.yml, build): what the privileged preview workflow gets from this run, in OUT:
# the pull request's number, the files it changes, and the built site (moved, not copied).
# preview.yml trusts none of it: tools/validate-preview-artifact.sh checks it there.
set -euo pipefail

usage="usage: tools/pack-preview.sh NUMBER BASE OUT (for example 12 origin/main ../preview)"
number="${1:?$usage}" base="${2:?$usage}" out="${3:?$usage}"
[[ -d site ]] || { echo "pack-preview: geen site/ om mee te geven (eerst whitepaper build)" >&2; exit 2; }

mkdir -p "$out"
printf '%s\n' "$number" >"$out/pr-number"
"$(dirname "$0")/changed-files.sh" "$base" >"$out/changed-files"
mv site "$out/site"
