#!/usr/bin/env bash
# The Debian packages the build (and, with `test`, the tests) need beyond Python's:
# WeasyPrint's Pango and HarfBuzz for the PDFs, a fallback font, Chromium for the browser
# tests and Node.js for the workflows' github-script steps (tests/test_workflows.py); with
# `bench`, Debian's pandoc too, the second baseline of `python -m benchmarks check`. Installs
# what is missing when run as root on Debian; otherwise says what to install.
set -euo pipefail

packages=(libpango-1.0-0 libpangoft2-1.0-0 libharfbuzz-subset0 fonts-dejavu-core)
case "${1:-site}" in
  test) packages+=(chromium nodejs) ;;
  bench) packages+=(pandoc) ;;
esac

if ! command -v dpkg >/dev/null 2>&1; then
  echo "Not Debian: make sure Pango (for WeasyPrint) and Chromium are installed." >&2
  exit 0
fi
missing=()
for package in "${packages[@]}"; do
  dpkg -s "$package" >/dev/null 2>&1 || missing+=("$package")
done
[[ ${#missing[@]} -eq 0 ]] && exit 0

if [[ $(id -u) -ne 0 ]]; then
  echo "Missing Debian packages: sudo apt-get install ${missing[*]}" >&2
  exit 1
fi
echo "Installing Debian packages: ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
