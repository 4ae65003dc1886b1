#!/usr/bin/env bash
# CI (verify.yml): no run ever changes the bibliography itself. Of what git sees changed in the
# checkout (tracked files, and new ones; what .gitignore names, such as .venv/ and .cache/,
# aside) the status file may be the only one, changed or new; anything else fails the run,
# naming each file, before anything is committed. Writes changed=true|false to $GITHUB_OUTPUT.
set -euo pipefail

status="${1:-bib/bronstatus.json}"
changed=false
others=()
while IFS= read -r -d '' line; do
  state="${line:0:2}" path="${line:3}"
  if [[ "$path" == "$status" && ("$state" == " M" || "$state" == "??") ]]; then
    changed=true
  else
    others+=("$state ${path//[^[:print:]]/?}")  # one line each, whatever the name holds
  fi
done < <(git -c core.quotePath=false status --porcelain=v1 -z --untracked-files=all --no-renames)

if ((${#others[@]})); then
  echo "::error::deze run veranderde meer dan $status: er wordt niets gecommit"
  echo "bronstatus: alleen $status mag veranderen; ook veranderd (git status):" >&2
  printf '  %s\n' "${others[@]}" >&2
  exit 1
fi
echo "changed=$changed" >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
if [[ $changed == true ]]; then
  echo "alleen $status is veranderd"
else
  echo "$status is niet veranderd"
fi
