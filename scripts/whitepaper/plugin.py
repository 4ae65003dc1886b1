"""The MkDocs plugin: a thin adapter that runs the derived steps of the pipeline.

Every build path (`mkdocs build`, `mkdocs serve`, `whitepaper build`, `mike deploy`) goes through
MkDocs, so every derived step hangs off MkDocs events here and nowhere else.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from pathlib import Path
from typing import Any

from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, get_plugin_logger
from mkdocs.structure.files import Files
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils.meta import get_data

from whitepaper.check import check
from whitepaper.diagnostics import InputError, format_one, summary
from whitepaper.search import SearchIndexError, build_search_index
from whitepaper.unrendered import unrendered_citations

log = get_plugin_logger(__name__)


class WhitepaperConfig(base.Config):
    bib_dir = c.Type(str, default="bib")
    """Folder of the BibTeX files, relative to mkdocs.yml."""
    cache_dir = c.Type(str, default=".cache/whitepaper")
    """Parsed sources kept between builds, relative to mkdocs.yml ('' for none)."""
    search = c.Type(bool, default=True)
    """Build the Pagefind search index after the pages are written."""
    search_language = c.Type(str, default="nl")
    """Language Pagefind stems the whole site in (ISO 639-1)."""


# Material ships its lunr search with the theme; Pagefind replaces it, so readers need not get it.
UNUSED_THEME_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


class WhitepaperPlugin(BasePlugin[WhitepaperConfig]):
    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Check every citation and footnote; errors stop the build before site/ is touched."""
        project = Path(config.config_file_path).parent
        cache = project / self.config.cache_dir if self.config.cache_dir else None
        try:
            findings = check(
                Path(config.docs_dir), project / self.config.bib_dir, root=project, cache_dir=cache
            )
        except InputError as error:
            raise PluginError(str(error)) from None
        for finding in findings:
            # Warnings stay at INFO: MkDocs' strict mode counts warnings, and the design lets
            # only errors fail a build (`whitepaper check --strict` is for the stricter rule).
            level = logging.ERROR if finding.severity == "error" else logging.INFO
            log.log(level, format_one(finding))
        errors = sum(finding.severity == "error" for finding in findings)
        if errors:
            raise PluginError(f"whitepaper check: {summary(findings)}; de site is niet gebouwd")

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

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        """`mkdocs serve` rebuilds when a .bib file changes, as it does for a page."""
        server.watch(str(Path(config.config_file_path).parent / self.config.bib_dir))
        return server

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """Fail the build rather than show a reader citation syntax that was not rendered."""
        leftovers = unrendered_citations(output)
        if leftovers:
            raise PluginError(
                f"{page.file.src_uri}: de pagina toont onverwerkte bronvermeldingen of voetnoten,"
                f" bijvoorbeeld '{leftovers[0]}'; de site is niet gebouwd"
            )
        return output

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
