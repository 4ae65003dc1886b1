#!/usr/bin/env bash
# CI (preview.yml, build): the artifact of a pull request's run is untrusted input (that run
# executed the pull request's code). What passes here is exactly pr-number, changed-files and
# content/ with docs/ and bib/ below it and nothing else (no mkdocs.yml, overrides/ or
# scripts/: those stay the default branch's), nothing in it but plain files and folders (a
# symlink would make the trusted build read, and publish, a file of its own machine), names of
# A-Z a-z 0-9 . _ - not starting with a dot (what the check allows in docs/, and no shell or
# HTML meaning), within a bounded size, and a number that is a plain positive integer. Writes
# number=, content= and changed= to $GITHUB_OUTPUT.
set -euo pipefail
export LC_ALL=C  # bytes, not a locale's letters: [A-Za-z] is ASCII only

dir="${1:?usage: tools/validate-preview-artifact.sh DIR}"
most_entries=5000  # every paper's pages, images and bibliographies: a few hundred
most_bytes=$((100 * 2**20))
most_list_bytes=$((2**20))
refuse() {
  echo "voorbeeld geweigerd: $*" >&2
  exit 1
}
first() {  # the first path find prints, printable
  find "$@" -printf '%P' -quit | tr -c '[:print:]' '?'
}

[[ -d "$dir" && ! -L "$dir" ]] || refuse "$dir is geen map"
odd=$(first "$dir" -mindepth 1 ! -type f ! -type d)
[[ -z "$odd" ]] || refuse "'$odd' is geen gewoon bestand of map (een symbolische link?)"
extra=$(first "$dir" -mindepth 1 -maxdepth 1 ! -name pr-number ! -name changed-files ! -name content)
[[ -z "$extra" ]] || refuse "'$extra' hoort niet in het artefact"
[[ -f "$dir/pr-number" && -f "$dir/changed-files" && -d "$dir/content" ]] ||
  refuse "pr-number, changed-files of content/ ontbreekt"
extra=$(first "$dir/content" -mindepth 1 -maxdepth 1 ! \( -type d \( -name docs -o -name bib \) \))
[[ -z "$extra" ]] || refuse "'content/$extra' hoort niet in het artefact: alleen docs/ en bib/"
[[ -d "$dir/content/docs" && -d "$dir/content/bib" ]] || refuse "content/docs/ of content/bib/ ontbreekt"
unsafe=$(first "$dir/content" -mindepth 2 \( -name '.*' -o -name '*[!A-Za-z0-9._-]*' \))
[[ -z "$unsafe" ]] || refuse "'content/$unsafe': alleen A-Z a-z 0-9 . _ - in een naam, niet eerst een punt"

entries=$(find "$dir/content" -mindepth 1 -printf '.' | wc -c)
bytes=$(find "$dir/content" -type f -printf '%s\n' | awk '{ total += $1 } END { print total + 0 }')
((entries <= most_entries && bytes <= most_bytes)) ||
  refuse "meer dan $most_entries bestanden of $((most_bytes / 2**20)) MB: geen docs/ en bib/ van een pull request"
(($(wc -c <"$dir/changed-files") <= most_list_bytes)) || refuse "changed-files is te groot"

number=$(head -c 32 "$dir/pr-number" | tr -d '\n\0')  # the byte count below sees them
[[ "$number" =~ ^[1-9][0-9]{0,8}$ && $(wc -c <"$dir/pr-number") -le $((${#number} + 1)) ]] ||
  refuse "pr-number is geen nummer van een pull request"

{
  echo "number=$number"
  echo "content=$dir/content"
  echo "changed=$dir/changed-files"
} >>"${GITHUB_OUTPUT:?GITHUB_OUTPUT is not set}"
echo "artefact van pull request #$number in orde"
