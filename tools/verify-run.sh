#!/usr/bin/env bash
# CI (verify.yml): `whitepaper verify --format github` over the whole bibliography, which writes
# bib/bronstatus.json. Exit 1 (an error-level finding: a retraction, a DOI of another work) is
# what the weekly pull request is for, so the run goes on; any other failure (2: an unreadable
# status file or configuration, 4: offline, 3: a bug) stops it, after verify's own message.
set -euo pipefail

code=0
whitepaper verify --format github "$@" || code=$?
case "$code" in
  0) ;;
  1) echo "::notice::whitepaper verify vond problemen; de pull request van deze run noemt wat nieuw is" ;;
  4)
    echo "::error::whitepaper verify kreeg van geen enkele dienst antwoord (offline?): er is niets gecontroleerd of geschreven"
    exit 4
    ;;
  *)
    echo "::error::whitepaper verify stopte met code $code; de melding hierboven zegt waarom"
    exit "$code"
    ;;
esac
