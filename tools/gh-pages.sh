#!/usr/bin/env bash
# CI: gh-pages as its writers (whitepaper publish, withdraw, preview) expect it. `fetch`: the
# local branch at origin's tip (they read the published versions from it); none when origin
# has none yet (the first writer creates it). `push`: the local branch to origin, never forced,
# so a writer that started from an old tip fails instead of dropping another's commit.
set -euo pipefail

branch=gh-pages
case "${1:-}" in
  fetch)
    found=0
    git ls-remote --exit-code --heads origin "$branch" >/dev/null || found=$?
    if [[ $found -eq 2 ]]; then  # origin answered, without the branch
      echo "origin heeft nog geen $branch: de eerste schrijver maakt hem"
      exit 0
    fi
    [[ $found -eq 0 ]] || exit "$found"
    git fetch --no-tags --depth=1 origin \
      "+refs/heads/$branch:refs/heads/$branch" "+refs/heads/$branch:refs/remotes/origin/$branch"
    ;;
  push)
    if git rev-parse --verify --quiet "refs/heads/$branch" >/dev/null; then
      git push origin "refs/heads/$branch:refs/heads/$branch"
    else
      echo "geen $branch om te pushen"
    fi
    ;;
  *)
    echo "usage: tools/gh-pages.sh fetch|push" >&2
    exit 2
    ;;
esac
