#!/usr/bin/env bash
# CI (preview.yml): the artifact of a pull request's run is untrusted input (that run executed
# the pull request's code). What passes here is exactly pr-number, changed-files and site/,
# nothing in it but plain files and folders (a symlink would make the privileged job read,
# and publish, a file of its own machine), and a number that is a plain positive integer.
# `whitepaper preview` then refuses, whole, a site with an unsafe name, beyond a site's size or
# without the marker of that pull request's preview build. Writes number=, site= and changed=
# to $GITHUB_OUTPUT.
set -euo pipefail

dir="${1:?usage: tools/validate-preview-artifact.sh DIR}"
refuse() {
  echo "voorbeeld geweigerd: $*" >&2
  exit 1
}

[[ -d "$dir" && ! -L "$dir" ]] || refuse "$dir is geen map"
odd=$(find "$dir" -mindepth 1 ! -type f ! -type d -printf '%P\n' -quit | LC_ALL=C tr -c '[:print:]\n' '?')
[[ -z "$odd" ]] || refuse "'$odd' is geen gewoon bestand of map (een symbolische link?)"
extra=$(find "$dir" -mindepth 1 -maxdepth 1 ! -name pr-number ! -name changed-files ! -name site \
  -printf '%P\n' -quit | LC_ALL=C tr -c '[:print:]\n' '?')
[[ -z "$extra" ]] || refuse "'$extra' hoort niet in het artefact"
[[ -f "$dir/pr-number" && -f "$dir/changed-files" && -d "$dir/site" ]] ||
  refuse "pr-number, changed-files of site/ ontbreekt"

number=$(head -c 32 "$dir/pr-number" | tr -d '\n\0')  # the byte count below sees them
[[ "$number" =~ ^[1-9][0-9]{0,8}$ && $(wc -c <"$dir/pr-number") -le $((${#number} + 1)) ]] ||
  refuse "pr-number is geen nummer van een pull request"

{
  echo "number=$number"
  echo "site=$dir/site"
  echo "changed=$dir/changed-files"
} >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
echo "artefact van pull request #$number in orde"
