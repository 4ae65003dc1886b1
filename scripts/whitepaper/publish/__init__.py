"""Releases on the `gh-pages` branch, written with mike (DESIGN.md, "Versions").

`versions.py` says which names a release may have and what `versions.json` records of each
release (the paper versions); `ghpages.py` writes a built site to the branch as one commit,
with the root files, or leaves the branch exactly as it was.
"""
