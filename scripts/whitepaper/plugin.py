"""The MkDocs plugin: a thin adapter that runs the derived steps of the pipeline.

Every build path (`mkdocs build`, `mkdocs serve`, `whitepaper build`, `mike deploy`) goes through
MkDocs, so every derived step hangs off MkDocs events here and nowhere else.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from whitepaper.search import SearchIndexError, build_search_index

log = get_plugin_logger(__name__)


class WhitepaperConfig(base.Config):
    bib_dir = c.Type(str, default="bib")
    """Folder of the BibTeX files, relative to mkdocs.yml."""
    search = c.Type(bool, default=True)
    """Build the Pagefind search index after the pages are written."""
    search_language = c.Type(str, default="nl")
    """Language Pagefind stems the whole site in (ISO 639-1)."""


# Material ships its lunr search with the theme; Pagefind replaces it, so readers need not get it.
UNUSED_THEME_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


class WhitepaperPlugin(BasePlugin[WhitepaperConfig]):
    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        for file in list(files):
            if file.src_uri.startswith(UNUSED_THEME_ASSETS) and not file.is_documentation_page():
                files.remove(file)
        return files

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Name each paper's section after its title instead of its folder name."""
        for item in nav.items:
            if isinstance(item, Section):
                title = _paper_title(item)
                if title:
                    item.title = title
        return nav

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        if not self.config.search:
            return
        try:
            build_search_index(Path(config.site_dir), self.config.search_language)
        except SearchIndexError as error:
            raise PluginError(str(error)) from None
        log.debug("Pagefind search index written")


def _paper_title(section: Section) -> str | None:
    """The front matter title of the section's index page, if it has one."""
    for child in section.children:
        if isinstance(child, Page) and child.file.src_uri.endswith("index.md"):
            _, meta = get_data(child.file.content_string)
            title: Any = meta.get("title")
            return str(title) if title else None
    return None
