#!/usr/bin/env bash
# CI (pull-request.yml, build): what preview.yml gets from this run, in OUT: the pull request's
# number, the files it changes, and its content (content/docs/, content/bib/), copied as they
# are: a symbolic link stays a link, for tools/validate-preview-artifact.sh to refuse (should
# upload-artifact follow it, the file it names arrives: nothing this run's code, the pull
# request's, could not have written there itself). Nothing this run built goes along:
# preview.yml builds the preview with the default branch's code, mkdocs.yml and overrides/ from
# that content only. Hidden entries stay behind, as MkDocs and the check skip them (and
# upload-artifact leaves them out).
set -euo pipefail

usage="usage: tools/pack-preview.sh NUMBER BASE OUT (for example 12 origin/main ../preview)"
number="${1:?$usage}" base="${2:?$usage}" out="${3:?$usage}"
for folder in docs bib; do
  [[ -d "$folder" && ! -L "$folder" ]] ||
    { echo "pack-preview: $folder/ ontbreekt of is geen gewone map" >&2; exit 2; }
done

mkdir -p "$out/content"
printf '%s\n' "$number" >"$out/pr-number"
"$(dirname "$0")/changed-files.sh" "$base" >"$out/changed-files"
cp -R --no-dereference -- docs bib "$out/content/"
find "$out/content" -mindepth 1 -name '.*' -prune -exec rm -rf -- {} +
