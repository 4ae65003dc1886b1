#!/usr/bin/env bash
# CI (verify.yml, job pull-request): this run's new status file (DIR/bronstatus.json, from the
# verify job's artifact) on the commit that job checked, as one commit by the workflows' bot
# (tools/ci-git-setup.sh) on the fixed BRANCH (bronstatus/weekly), force-pushed: the one pull
# request always holds this week's file against the default branch, never a pile of weeks.
# The same guard as after verify: only the status file may change.
set -euo pipefail

usage="usage: tools/verify-branch.sh DIR BRANCH (for example ../bronstatus-pr bronstatus/weekly)"
dir="${1:?$usage}" branch="${2:?$usage}"
if [[ "$branch" == -* ]] || ! git check-ref-format --branch "$branch" >/dev/null 2>&1; then
  echo "verify-branch: '$branch' is geen naam van een branch" >&2
  exit 2
fi
status=bib/bronstatus.json
new="$dir/bronstatus.json"
if [[ ! -f "$new" || -L "$new" ]]; then
  echo "verify-branch: $new ontbreekt of is geen gewoon bestand" >&2
  exit 2
fi

cp -- "$new" "$status"
"$(dirname "$0")/only-status-changed.sh" "$status"
if [[ -z $(git status --porcelain -- "$status") ]]; then
  echo "verify-branch: $status is gelijk aan dat van de gecontroleerde commit: niets te committen" >&2
  exit 2
fi
git switch -q -C "$branch"
git add -- "$status"
git commit -q -m "Bronstatus van $(date -u +%F) (whitepaper verify)" -- "$status"
git push -q --force origin "HEAD:refs/heads/$branch"
echo "$branch gepusht: $(git rev-parse --short HEAD)"
