#!/usr/bin/env bash
# CI (verify.yml, job verify, after tools/only-status-changed.sh): what the pull request job
# gets, in OUT (inside the checkout: upload-artifact takes no '..'): bronstatus.json, the new
# status file, and body.md, its Dutch summary of what is new and resolved since the committed
# file (whitepaper.health.summary, HEAD's file against the new one; none in HEAD: a first run).
# The summary goes into the job summary too. Outputs report=true when there is something for a
# person to read (else no pull request: only the days checked changed, or nothing), and
# commit=, the commit checked, for the pull request's branch to start from.
set -euo pipefail

out="${1:?usage: tools/verify-report.sh OUT (for example bronstatus-pr)}"
status=bib/bronstatus.json
old=$(mktemp)
trap 'rm -f -- "$old"' EXIT
if git cat-file -e "HEAD:$status" 2>/dev/null; then
  git show "HEAD:$status" >"$old"
else
  rm -f -- "$old"  # the summary reads a missing file as an empty status
fi

mkdir -p -- "$out"
report=false
if [[ -f "$status" ]]; then
  python -m whitepaper.health.summary "$old" "$status" >"$out/body.md"
  cp -- "$status" "$out/bronstatus.json"
  [[ -s "$out/body.md" ]] && report=true
fi
commit=$(git rev-parse --verify "HEAD^{commit}")
{
  echo "report=$report"
  echo "commit=$commit"
} >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"

if [[ $report == true ]]; then
  cat -- "$out/body.md" >>"${GITHUB_STEP_SUMMARY:?GITHUB_STEP_SUMMARY is not set}"
  echo "nieuwe of opgeloste problemen: de pull request volgt"
else
  rm -rf -- "$out"
  printf '## Bronstatus\n\nNiets nieuws tegenover het vastgelegde %s: geen pull request.\n' "$status" \
    >>"${GITHUB_STEP_SUMMARY:?GITHUB_STEP_SUMMARY is not set}"
  echo "niets nieuws: geen pull request"
fi
