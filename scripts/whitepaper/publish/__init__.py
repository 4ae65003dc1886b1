"""Releases on `gh-pages` with mike: `versions.py` (version names, the release rule, paper
versions in versions.json), `ghpages.py` (root files, one commit or none), `release_pages.py`
(each release's history and change pages), `withdraw.py` (withdrawn papers and versions) and
`git.py` (the git commands they share)."""
