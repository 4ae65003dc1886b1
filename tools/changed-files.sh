#!/usr/bin/env bash
# The files a pull request adds or changes, one per line, from the merge base of BASE (a ref
# such as origin/main) and HEAD: what the preview comment links. Deleted files are left out;
# a rename counts as a new file. Needs the history down to the merge base (fetch-depth: 0).
set -euo pipefail

base="${1:?usage: tools/changed-files.sh BASE (for example origin/main)}"
if [[ "$base" == -* ]] || ! git rev-parse --verify --quiet "$base^{commit}" >/dev/null; then
  echo "changed-files: git kent '$base' niet (haal de basisbranch op: fetch-depth: 0)" >&2
  exit 2
fi
if ! merge_base=$(git merge-base "$base" HEAD); then
  echo "changed-files: $base en HEAD hebben geen gemeenschappelijke commit" >&2
  exit 2
fi
git -c core.quotePath=false diff --name-only --no-renames --diff-filter=d "$merge_base" HEAD --
