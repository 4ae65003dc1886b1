"""The site's search index: Pagefind, which stems Dutch in the reader's browser.

Material's built-in lunr search does not stem Dutch queries (measured: "behandelingen" does not
find "behandeling"); Pagefind does, runs offline, and serves its index as static files.
"""

from __future__ import annotations

import subprocess
import threading
from collections.abc import Callable
from pathlib import Path

import pagefind_bin

from whitepaper.diagnostics import StageError

INDEX_DIR = "pagefind"
# Material ships its lunr search with the theme; Pagefind replaces it, so readers need not get it.
REPLACED_THEME_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")
# ... except lunr's Snowball Dutch stemmer (Pagefind stems with the same algorithm), which
# assets/javascripts/search/pagefind.js uses to tell a real match from Pagefind's prefix fallback.
KEPT_THEME_ASSETS = frozenset(
    {
        "assets/javascripts/lunr/min/lunr.stemmer.support.min.js",
        "assets/javascripts/lunr/min/lunr.nl.min.js",
    }
)
# Heading permalinks ("¶") and the edit button are page furniture, not text to find or show.
NOT_INDEXED = (".headerlink", ".md-content__button")


class SearchIndexError(StageError):
    """Pagefind could not index the built site."""


def build_search_index(site_dir: Path, language: str) -> Path:
    """Index the article text (`data-pagefind-body`) of every page into `site_dir/pagefind`."""
    command = [
        str(pagefind_bin.get_executable()),
        "--site",
        str(site_dir),
        "--output-subdir",
        INDEX_DIR,
        "--exclude-selectors",
        ",".join(NOT_INDEXED),
        "--force-language",
        language,
        "--quiet",
    ]
    result = subprocess.run(command, capture_output=True, text=True, check=False)
    if result.returncode != 0:
        reason = (result.stderr or result.stdout).strip().splitlines()
        raise SearchIndexError(
            f"Pagefind kon de site niet indexeren: {reason[-1] if reason else result.returncode}"
        )
    return site_dir / INDEX_DIR


class Indexing:
    """The index made beside a live preview (`whitepaper serve`): its server waits for each
    build before it serves a file, so the saved page comes first and its words follow, the
    index rewritten where it is (Pagefind's files are named by their content: a page still
    showing the last index finds its files). One at a time: `wait` before the next build;
    a failure is said then (a live preview goes on: the pages are built)."""

    def __init__(self) -> None:
        self._thread: threading.Thread | None = None
        self.failure: SearchIndexError | None = None

    def start(self, site_dir: Path, language: str, then: Callable[[], None]) -> None:
        """Index `site_dir` in a thread of its own; `then` once it is written."""
        arguments = (site_dir, language, then)
        self._thread = threading.Thread(target=self._index, args=arguments)
        self._thread.start()

    def _index(self, site_dir: Path, language: str, then: Callable[[], None]) -> None:
        try:
            build_search_index(site_dir, language)
        except SearchIndexError as error:
            self.failure = error
        else:
            then()

    def wait(self) -> SearchIndexError | None:
        """Until the index being made is written: why it could not be, once."""
        if self._thread is not None:
            self._thread.join()
            self._thread = None
        failure, self.failure = self.failure, None
        return failure
