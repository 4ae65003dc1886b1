#!/usr/bin/env bash
# CI: git as the jobs need it inside a container. The checkout belongs to the runner's user,
# not to the container's root, so git refuses it ("dubious ownership") unless it is named
# safe; and the gh-pages writers commit, which needs a committer.
set -euo pipefail

git config --global --add safe.directory "${GITHUB_WORKSPACE:?GITHUB_WORKSPACE is not set}"
git config --global user.name "github-actions[bot]"
git config --global user.email "41898282+github-actions[bot]@users.noreply.github.com"
