#!/usr/bin/env bash
# CI: the site's public address (site_url). WHITEPAPER_SITE_URL when the repository sets it (a
# variable, e.g. for a custom domain; a fork's pull request does not get it), else the GitHub
# Pages address of GITHUB_REPOSITORY (which GitHub redirects to a custom domain, if any).
set -euo pipefail

if [[ -n "${WHITEPAPER_SITE_URL:-}" ]]; then
  printf '%s\n' "$WHITEPAPER_SITE_URL"
  exit 0
fi
repository="${GITHUB_REPOSITORY:?GITHUB_REPOSITORY is not set}"
owner="${repository%%/*}" name="${repository#*/}"
owner="${owner,,}"  # host names are lower case; the repository's path keeps its case
if [[ "${name,,}" == "$owner.github.io" ]]; then
  printf 'https://%s/\n' "$owner.github.io"
else
  printf 'https://%s/%s/\n' "$owner.github.io" "$name"
fi
