"""The MkDocs plugin: MkDocs events mapped to calls of the core, and nothing else.

Every build path (`mkdocs build`, `mkdocs serve`, `whitepaper build`, `mike deploy`) goes through
MkDocs, so every derived step hangs off an event here; what each step does is its stage's.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import partial
from pathlib import Path
from typing import Any

from jinja2 import Environment
from markupsafe import escape
from mkdocs.config import base
from mkdocs.config import config_options as c
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin, event_priority, get_plugin_logger
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation, Section
from mkdocs.structure.pages import Page
from mkdocs.utils import clean_directory
from mkdocs.utils.templates import TemplateContext
from watchdog.observers.polling import PollingObserver

from whitepaper.cache import CACHE_DIR, Cache, stage_dir
from whitepaper.check.bounds_rules import TOO_DEEP_TO_RENDER
from whitepaper.check.findings import Checked, check_and_read
from whitepaper.check.focus import Named, collapsed_line, focus
from whitepaper.citations.footnotes import FootnoteBacklinks
from whitepaper.citations.format import format_apa, format_papers
from whitepaper.citations.placeholders import new_token
from whitepaper.citations.placement import (
    PlacedPage,
    cited_page,
    ensure_no_placeholders,
    fill_placeholders,
)
from whitepaper.citations.unrendered import ensure_rendered
from whitepaper.diagnostics import StageError, display_path, format_one, summary
from whitepaper.health.standing import marks_of, standings
from whitepaper.health.status import source_status
from whitepaper.html_policy import ensure_safe_html, is_trusted
from whitepaper.live_pages import CompiledTemplates, keep_pages, remember
from whitepaper.live_rebuild import Memory, formatted_before, kept, pages_to_render, stamps
from whitepaper.pages.head import not_found_head, not_found_wording, page_head, site_robots_txt
from whitepaper.pages.listing import HOME_LISTING, with_listing, with_publishers
from whitepaper.pages.scholarly import build_date, scholarly_page, write_cite_files
from whitepaper.pages.sources import SOURCES, paper_sources, with_sources
from whitepaper.papers import find_papers, folder_of, is_index_page
from whitepaper.pdf.book import PrintBook, pdf_path
from whitepaper.publish.release_pages import release_pages
from whitepaper.search import (
    KEPT_THEME_ASSETS,
    REPLACED_THEME_ASSETS,
    Indexing,
    build_search_index,
)
from whitepaper.site_version import LATEST, PREVIEW_MARKER, preview_marker, site_version

log = get_plugin_logger(__name__)
INDEXED = "de zoekindex is bijgewerkt"  # in a live preview: after the build, in the background
SAVE_POLL = 0.1  # seconds between `mkdocs serve`'s looks at the files it watches
NOT_IN_NAV = InclusionLevel.NOT_IN_NAV  # reached from the cite box and the banner


class WhitepaperConfig(base.Config):
    """The options of `plugins: - whitepaper:` in mkdocs.yml (README, "Configuration")."""

    bib_dir = c.Dir(exists=True, default="bib")  # relative to mkdocs.yml
    cache_dir = c.Type(str, default=CACHE_DIR)  # relative to mkdocs.yml; '' keeps nothing
    search = c.Type(bool, default=True)  # build the Pagefind index
    search_language = c.Type(str, default="nl")  # the language Pagefind stems the site in
    pdf = c.Type(bool, default=True)  # one PDF per paper, linked from its pages and the home
    pdf_papers = c.ListOfItems(c.Type(str), default=[])  # only these papers' PDFs; []: all
    pdf_workers = c.Type(int, default=0)  # processes rendering PDFs; 0: one per core
    pages_branch = c.Type(str, default="gh-pages")  # the published versions, for their history
    # pages whose raw HTML and links are not checked, and files of docs/ of any type (globs
    # below docs/): a maintainer's choice
    trusted_html = c.ListOfItems(c.Type(str), default=[])
    # an address doi.org and NCBI may write to about `whitepaper cite`'s requests (their
    # etiquette); '' names only the repository
    contact = c.Type(str, default="")


@contextmanager
def _as_plugin_error(then: str = "") -> Iterator[None]:
    try:
        yield
    except StageError as error:  # it names what went wrong, for people: no traceback
        raise PluginError(f"{error}{then}") from None


class WhitepaperPlugin(BasePlugin[WhitepaperConfig]):
    serving = False
    live = False  # `whitepaper serve`: dirty builds, keeping what they may (live_rebuild)
    memory: Memory | None = None  # what the last build of this serve process made
    before: Memory | None = None  # what this build keeps of it
    render_only: frozenset[str] | None = None  # the pages this build renders; None: all

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"
        self.live = self.serving and dirty
        self.compiled = CompiledTemplates()
        self.indexing = Indexing()

    def on_shutdown(self) -> None:
        """The index being made is written before `mkdocs serve` removes its folder."""
        if self.live:
            _said(self.indexing.wait())

    @event_priority(100)  # before mike's plugin, which moves site_url to latest/
    def on_config(self, config: MkDocsConfig) -> MkDocsConfig:
        """The site version being built; a published one gets Material's version selector,
        a preview its own address and banner (`extra.whitepaper_preview`, for every template).
        Footnotes nothing refers to lose their back link to nowhere (citations/footnotes)."""
        with _as_plugin_error():
            self.site = site_version(config.site_url)
        if self.site.name:  # a plain build asks for no versions.json
            config.extra["version"] = {"provider": "mike", "default": LATEST, "alias": True}
        if self.site.preview:
            config.site_url = self.site.site_url
            config.extra["whitepaper_preview"] = {
                "number": self.site.preview,
                "stamp": self.site.stamp,
            }
        if not any(isinstance(e, FootnoteBacklinks) for e in config.markdown_extensions):
            config.markdown_extensions.append(FootnoteBacklinks())
        return config

    @property
    def making_pdfs(self) -> bool:
        """Every build makes PDFs but `mkdocs serve`, to stay quick (`whitepaper pdf` can)."""
        return self.config.pdf and not self.serving

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Check, then format the citations, before site/ is touched; collect anew from here."""
        project = Path(config.config_file_path).parent
        caches = project / self.config.cache_dir if self.config.cache_dir else None
        docs = Path(config.docs_dir)
        custom_dir = Path(config.theme.custom_dir) if config.theme.custom_dir else None
        before, self.memory = self.memory, None  # a failed build leaves nothing to keep
        if self.live:  # the last build's index written first (its failure said)
            _said(self.indexing.wait())
        watched = [docs, Path(self.config.bib_dir), Path(config.config_file_path)]
        seen = stamps([*watched, *([custom_dir] if custom_dir else [])]) if self.live else {}
        with _as_plugin_error():
            # What protects the site from a symlink to /proc/self/environ, a link loop or a
            # FIFO in docs/ or the theme's custom_dir: MkDocs' get_files and theme loader
            # follow every link, and run after this event; the check refuses them first.
            checked, sources = check_and_read(
                docs,
                Path(self.config.bib_dir),
                root=project,
                cache_dir=stage_dir(caches, "check"),
                overrides=custom_dir,
                trusted_html=self.config.trusted_html,
            )
            _report(checked)
            self.papers = find_papers(sources.documents, docs)
            self.formatted = Cache(stage_dir(caches, "citations"))
            grouped = self.papers.group(sources.documents)
            # What `whitepaper verify` found, from the committed file only (the check read it
            # first): the "Bronnen" page, and the marks of retracted and corrected sources.
            status = source_status(Path(self.config.bib_dir), project)
            keep = kept(before, seen) if self.live else None  # only pages saved since
            entries = sources.bibliography.entries.values()
            self.standings = dict(keep.standings) if keep else standings(entries, status)
            marks = marks_of(self.standings)
            formatted = formatted_before(keep, grouped)
            fresh = {paper: pages for paper, pages in grouped.items() if paper not in formatted}
            new = format_papers(fresh, sources.bibliography, cache=self.formatted, marks=marks)
            self.citations = {paper: formatted.get(paper) or new[paper] for paper in grouped}
        self.documents = {self.papers.uri(document): document for document in sources.documents}
        if self.live:
            live = before if not self.site.name else None  # a release's pages are all new
            self.render_only = pages_to_render(live, seen, sources.documents, self.citations)
            if self.render_only is None:  # MkDocs' dirty build keeps site/: all anew
                clean_directory(config.site_dir)
            self.before = live if self.render_only is not None else None
            self.made = Memory(
                seen, tuple(sources.documents), grouped, self.standings, self.citations
            )
        self.placed: dict[str, PlacedPage] = {}
        self.token = new_token()  # of this build's placeholders: no page can guess it
        self.shown = {uri: display_path(d.path, project) for uri, d in self.documents.items()}
        self.cite_files: dict[str, str] = {}
        self.accessed = build_date()  # the day an undated paper's cite box says it was read
        pdfs, workers = Cache(stage_dir(caches, "pdf")), self.config.pdf_workers or None
        only, version, stamp = self.config.pdf_papers, self.site.name, self.site.stamp
        book = PrintBook(
            self.papers, self.citations, pdfs, only, workers, site_version=version, stamp=stamp
        )
        self.book = book if self.making_pdfs else None

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        """Pagefind replaces Material's search; a release adds its history and change pages."""
        for file in list(files):
            replaced = file.src_uri.startswith(REPLACED_THEME_ASSETS)
            replaced = replaced and file.src_uri not in KEPT_THEME_ASSETS
            if replaced and not file.is_documentation_page():
                files.remove(file)
        self.release = None
        if self.site.name:
            with _as_plugin_error():
                self.release = release_pages(self.papers, self.site, self.config.pages_branch)
            for uri, markdown in self.release.sources().items():
                files.append(File.generated(config, uri, content=markdown, inclusion=NOT_IN_NAV))
        return files

    def on_env(self, env: Environment, /, *, config: MkDocsConfig, files: Files) -> Environment:
        """Every page is rendered now: each change page compares its paper's new article; a
        live rebuild whose saved page has another title templates every page again."""
        if self.live:
            remember(files, self.made, self.before, self.render_only or frozenset())
            env.bytecode_cache = self.compiled  # each rebuild's theme is a new Environment
        release = self.release
        for change in release.changes if release else ():
            paper, page = (files.get_file_from_path(uri) for uri in change.pages)
            if release and paper and paper.page and page and page.page:
                body = release.body(change, paper.page.content or "")
                page.page.content = (page.page.content or "") + body
        return env

    def on_nav(self, nav: Navigation, /, *, config: MkDocsConfig, files: Files) -> Navigation:
        """Name each paper's section after its title instead of its folder name; a paper that
        is one page is a plain page in the navigation, not a section around it (a section whose
        index is its only page labels its list with an id Material never writes, and hides the
        page's table of contents below 960 px). The site's own pages ("Over deze site") come
        after the papers, the home page first."""
        nav.items = _own_pages_last([_lone_page(item) or item for item in nav.items])
        for section in nav.items:
            for page in section.children if isinstance(section, Section) else ():
                title = self.papers.title_of(page.file.src_uri) if isinstance(page, Page) else None
                if title:
                    section.title = title
        if self.before is not None:
            keep_pages(files, self.before, self.render_only or frozenset())
        return nav

    @event_priority(100)  # first: the check's offsets are into the page as its author wrote it
    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Citations placed, the reference list at the end; on the home page, the papers; on
        "Over deze site", who publishes each paper; on "Bronnen", each source's check."""
        uri = page.file.src_uri
        document = self.documents.get(uri)
        if document is not None and document.citations:
            with _as_plugin_error():
                citations = self.citations[self.papers.of(uri) or ""]
                placed = cited_page(markdown, document, citations, self.token)
                self.placed[uri] = placed
            markdown = placed.markdown
        if uri == "index.md" and HOME_LISTING in markdown:
            links = self.book.home_links(Path(page.file.abs_dest_path)) if self.book else {}
            markdown = with_listing(markdown, self.papers, links)
        if folder_of(uri) is None:  # its links to the papers are relative to docs/
            markdown = with_publishers(markdown, self.papers, config.repo_url)
        if folder_of(uri) is None and SOURCES in markdown:
            href = partial(_relative_url, files, page)
            listed = paper_sources(self.papers, self.citations, self.documents, href)
            markdown = with_sources(markdown, listed, self.standings)
        return markdown

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Placeholders out, rendered citations in; then no citation syntax may be left, and
        no HTML the check would refuse (what Markdown made of the page, checked again)."""
        placed, uri = self.placed.get(page.file.src_uri), page.file.src_uri
        shown, document = self.shown.get(uri, uri), self.documents.get(uri)
        with _as_plugin_error("; de site is niet gebouwd"):
            content = fill_placeholders(html, placed, shown) if placed else html
            ensure_rendered(content, shown, document.text if document else "")
            if not is_trusted(uri, self.config.trusted_html):
                ensure_safe_html(content, uri)
        if self.book and uri in self.documents:  # generated pages are not the paper's text
            address = self.site.address(page.url)
            self.book.add_page(uri, content, dest_uri=page.file.dest_uri, url=address)
        return content

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """A paper's pages: `whitepaper_pdf` (its PDF); its index: `whitepaper` (metadata)."""
        uri, extra = page.file.src_uri, dict[str, object]()
        name = self.papers.of(uri)
        if banner := self.site.banner(page.url, name):
            extra["whitepaper_version"] = banner
        if self.release and name:
            extra["whitepaper_release"] = self.release.links(name)
        if self.book and (link := self.book.link(uri, Path(page.file.abs_dest_path))):
            extra["whitepaper_pdf"] = link
        # A printed copy names the version it was printed from, not latest/ (the canonical).
        extra["whitepaper_address"] = self.site.address(page.url)
        if name and is_index_page(uri):
            scholarly = scholarly_page(
                self.documents[uri].front_matter,
                name,
                url=self.site.cited(page.url),
                pdf_url=self.site.cited(pdf_path(name)) if self.book else None,
                cited=self.citations[name].references,
                format_apa=partial(format_apa, cache=self.formatted),
                accessed=self.accessed,
            )
            extra["whitepaper"] = scholarly.context
            if not self.site.preview:  # a preview offers nothing to cite (site_version.cited)
                self.cite_files.update(scholarly.files)
            if self.book:
                self.book.add_cover(name, scholarly.printed, scholarly.printed_apa)
        summary = self.papers.by_name[name].summary if name else None
        head = page_head(
            title=None if page.is_homepage else page.title,
            site_name=config.site_name,
            description=summary or page.meta.get("description") or config.site_description,
            url=None if self.site.preview else page.canonical_url,  # it goes with the PR
            article=name is not None,
        )
        extra["whitepaper_head"] = head
        # Material writes page.meta.description into <meta name="description"> unescaped.
        page.meta["description"] = escape(head.description)
        context.update(extra)  # type: ignore[typeddict-item]
        return context

    def on_template_context(
        self, context: TemplateContext, /, *, template_name: str, config: MkDocsConfig
    ) -> TemplateContext:
        """The site's own 404 page: its head and its Dutch wording (gh-pages' root one's)."""
        if template_name == "404.html":
            head = not_found_head(config.site_name, config.site_description)
            wording = not_found_wording(config.site_name)
            extra = {"whitepaper_head": head, "whitepaper_not_found": wording}
            context.update(extra)  # type: ignore[typeddict-item]
        return context

    def on_post_page(self, output: str, /, *, page: Page, config: MkDocsConfig) -> str:
        """No placeholder anywhere in the themed page (its contents, title, metadata)."""
        placed, uri = self.placed.pop(page.file.src_uri, None), page.file.src_uri
        if placed:
            with _as_plugin_error("; de site is niet gebouwd"):
                ensure_no_placeholders(output, placed, self.shown.get(uri, uri))
        return output

    def on_serve(
        self, server: LiveReloadServer, /, *, config: MkDocsConfig, builder: Callable[..., Any]
    ) -> LiveReloadServer:
        """`mkdocs serve` rebuilds when a .bib file changes, as it does for a page; it looks
        for changes every 0.1 s, not MkDocs' 0.5 s (a 200-page folder: a few ms a look)."""
        # What MkDocs watches by then: docs/, mkdocs.yml, and with --watch-theme the theme.
        theme = {emitter.watch.path for emitter in server.observer.emitters}
        watched = [config.docs_dir, *([config.config_file_path] if config.config_file_path else [])]
        watched += [path for path in config.theme.dirs if os.path.abspath(path) in theme]
        for path in watched:
            server.unwatch(path)
        server.observer = PollingObserver(timeout=SAVE_POLL)
        for path in [*watched, self.config.bib_dir]:
            server.watch(path)
        return server

    def on_build_error(self, *, error: Exception) -> None:
        """Python-Markdown out of stack on a page (MkDocs has named it): said, not a traceback."""
        if isinstance(error, RecursionError) and _in_python_markdown(error):
            raise PluginError(TOO_DEEP_TO_RENDER) from None

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site = Path(config.site_dir)
        # MkDocs has written the pages: a failure now leaves the folder incomplete, so say so
        # (`whitepaper build` and `whitepaper publish` then keep the previous site as it was).
        incomplete = "; de gebouwde site is onvolledig: er ontbreken PDF's of de zoekindex"
        write_cite_files(site, self.cite_files)
        if not self.site.name:  # a release's crawlers read gh-pages' root robots.txt
            robots = site_robots_txt(config.site_url, preview=bool(self.site.preview))
            (site / "robots.txt").write_text(robots, encoding="utf-8")
        if self.site.preview:  # what `whitepaper preview` recognises the build by
            titles = {name: paper.title for name, paper in self.papers.by_name.items()}
            marker = preview_marker(self.site.preview, titles)
            (site / PREVIEW_MARKER).write_text(marker, encoding="utf-8")
        if self.book:
            with _as_plugin_error(incomplete):
                for note in self.book.write(site, self.site.root):
                    log.info(note)
        if self.live:  # what this build made is what the next one may keep
            self.memory = self.made
        else:  # a live rebuild formats only what changed: a later full build prunes
            self.formatted.keep_only(self.formatted.used)  # the check and the book: their own
        if not self.config.search:
            return
        if self.live:  # the saved page first, its words just after
            self.indexing.start(site, self.config.search_language, then=_indexed)
        else:
            with _as_plugin_error(incomplete):
                build_search_index(site, self.config.search_language)


def _indexed() -> None:
    log.info(INDEXED)


def _said(failure: StageError | None) -> None:
    if failure is not None:
        log.error(f"{failure}; de zoekfunctie vindt de laatste wijziging niet")


def _in_python_markdown(error: BaseException) -> bool:
    """Whether `error` was raised while Python-Markdown rendered a page."""
    frame = error.__traceback__
    while frame is not None:
        if frame.tb_frame.f_globals.get("__name__", "").startswith("markdown."):
            return True
        frame = frame.tb_next
    return False


def _report(checked: Checked) -> None:
    """Every finding in MkDocs' log, entries marked onvolledig as one line; any error stops
    the build."""
    found = checked.findings
    focused = focus(found, checked.index, Named())
    for finding in focused.shown:
        # Warnings stay at INFO: MkDocs' strict mode counts warnings, and the design lets
        # only errors fail a build (`whitepaper check --strict` is for the stricter rule).
        log.log(logging.ERROR if finding.severity == "error" else logging.INFO, format_one(finding))
    if focused.collapsed:
        log.info(collapsed_line(len(focused.collapsed)))
    if any(finding.severity == "error" for finding in found):
        raise PluginError(f"whitepaper check: {summary(found)}; de site is niet gebouwd")


def _relative_url(files: Files, page: Page, uri: str) -> str:
    """The address of the page `uri` (below docs/) from `page`, as MkDocs writes links."""
    target = files.get_file_from_path(uri)
    return target.url_relative_to(page.file) if target else uri


def _own_pages_last(items: list[Any]) -> list[Any]:
    """The nav's items with the pages right in docs/ but the home page after the papers
    (MkDocs puts a folder's files before its sub-folders)."""
    return sorted(items, key=_is_own_page)  # stable: each group keeps MkDocs' order


def _is_own_page(item: object) -> bool:
    return isinstance(item, Page) and folder_of(item.file.src_uri) is None and not item.is_homepage


def _lone_page(item: object) -> Page | None:
    """The page of a section that holds nothing else, lifted out of it."""
    if not isinstance(item, Section) or len(item.children) != 1:
        return None
    page = item.children[0]
    if not isinstance(page, Page):
        return None
    page.parent = None
    return page
