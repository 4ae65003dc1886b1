"""The MkDocs plugin: a thin adapter that runs the derived steps of the pipeline.

Every build path (`mkdocs build`, `mkdocs serve`, `whitepaper build`, `mike deploy`) goes through
MkDocs, so every derived step hangs off MkDocs events here and nowhere else.
"""

from __future__ import annotations

import logging
import posixpath
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
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
from mkdocs.utils.templates import TemplateContext

from whitepaper.cache import Cache
from whitepaper.check.findings import check_and_read
from whitepaper.citations.format import (
    CitationError,
    PaperCitations,
    format_apa,
    format_papers,
    papers_of,
    plain_text,
)
from whitepaper.citations.placement import (
    PlacedPage,
    PlacementError,
    fill_placeholders,
    place_citations,
    reference_entries,
    reference_list,
)
from whitepaper.citations.unrendered import unrendered_citations
from whitepaper.diagnostics import InputError, format_one, summary
from whitepaper.pages.scholarly import (
    Paper,
    PaperSummary,
    apa_reference,
    page_context,
    paper_listing,
    public_url,
    read_paper,
)
from whitepaper.pdf.document import PrintJob, PrintPage, compose
from whitepaper.pdf.render import (
    PDF_DIR,
    PRINT_CSS,
    PdfError,
    pdf_link,
    pdf_path,
    size_label,
    size_marker,
    write_pdfs,
)
from whitepaper.search import SearchIndexError, build_search_index
from whitepaper.sources.documents import Document

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
    pdf = c.Type(bool, default=True)
    """Make one PDF of each paper (pdf/<paper>.pdf) and link it from its pages and the home."""
    pdf_workers = c.Type(int, default=0)
    """Processes rendering PDFs at once; 0: one per core."""


CHECK_CACHE = "check"  # below cache_dir; `whitepaper check` uses the same folder
# Material ships its lunr search with the theme; Pagefind replaces it, so readers need not get it.
UNUSED_THEME_ASSETS = ("assets/javascripts/lunr/", "assets/javascripts/workers/search.")


class WhitepaperPlugin(BasePlugin[WhitepaperConfig]):
    def __init__(self) -> None:
        super().__init__()
        self.papers: dict[str, PaperCitations] = {}
        self.documents: dict[Path, Document] = {}
        self.placed: dict[str, PlacedPage] = {}
        self.docs_dir = Path()
        self.formatted = Cache(None)
        self.cite_files: dict[str, str] = {}  # site path -> text of citeer.bib / citeer.ris
        self.printed: dict[str, list[PrintPage]] = {}  # paper folder -> its pages, in order
        self.covers: dict[str, tuple[Paper, str]] = {}  # paper folder -> (paper, its APA)
        self.linking_pages: list[Path] = []  # written pages that show a PDF's size marker
        self.pdf_only: set[str] | None = None  # `whitepaper pdf PAPER`: only those papers
        self.pdf_cache = Cache(None)

    serving = False

    def on_startup(self, *, command: str, dirty: bool) -> None:
        self.serving = command == "serve"

    @property
    def making_pdfs(self) -> bool:
        """PDFs are made for every build; `mkdocs serve` skips them to stay quick (its pages
        then show no PDF link): `whitepaper pdf` makes them."""
        return self.config.pdf and not self.serving

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        """Check every citation and footnote, then format them; errors stop the build first.

        Both run before MkDocs touches site/, so a failed build leaves the last site as it was.
        """
        # What a build collects starts empty: a failed build (or one of `mkdocs serve`) before
        # this one may have left some, and MkDocs may hand this plugin object to the next build.
        for collected in (self.placed, self.cite_files, self.printed, self.covers):
            collected.clear()
        self.linking_pages.clear()
        project = Path(config.config_file_path).parent
        folder = project / self.config.cache_dir if self.config.cache_dir else None
        # One folder per stage: the check keeps only what its last run used in its own.
        checked = Cache(folder / CHECK_CACHE if folder else None)
        self.formatted = formatted = Cache(folder / "citations" if folder else None)
        self.pdf_cache = Cache(folder / "pdf" if folder else None)
        docs, bib = Path(config.docs_dir), project / self.config.bib_dir
        try:
            findings, sources = check_and_read(docs, bib, root=project, cache_dir=checked.directory)
        except InputError as error:
            raise PluginError(str(error)) from None
        for finding in findings:
            # Warnings stay at INFO: MkDocs' strict mode counts warnings, and the design lets
            # only errors fail a build (`whitepaper check --strict` is for the stricter rule).
            level = logging.ERROR if finding.severity == "error" else logging.INFO
            log.log(level, format_one(finding))
        if any(finding.severity == "error" for finding in findings):
            raise PluginError(f"whitepaper check: {summary(findings)}; de site is niet gebouwd")
        try:
            self.papers = format_papers(
                papers_of(sources.documents, docs), sources.bibliography, cache=formatted
            )
        except CitationError as error:
            raise PluginError(str(error)) from None
        self.documents = {document.path.resolve(): document for document in sources.documents}
        self.docs_dir = docs.resolve()

    def on_page_markdown(
        self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Citations out, placeholders in, the page's reference list at its end; on the home
        page, the list of papers where it says <!-- whitepapers -->."""
        markdown = self._cite(markdown, page)
        if page.file.src_uri == "index.md" and HOME_LISTING in markdown:
            papers = _paper_summaries(files)
            links = {}
            if self.making_pdfs:
                links = {paper.link: pdf_link(paper.link.partition("/")[0]) for paper in papers}
                self.linking_pages.append(Path(page.file.abs_dest_path))
            markdown = markdown.replace(HOME_LISTING, paper_listing(papers, links), 1)
        return markdown

    def _cite(self, markdown: str, page: Page) -> str:
        source = page.file.abs_src_path
        document = self.documents.get(Path(source).resolve()) if source else None
        if document is None or not document.citations:
            return markdown
        paper = self.papers[_paper_of(document, self.docs_dir)]
        try:
            placed = place_citations(markdown, document, paper.citations)
        except PlacementError as error:
            raise PluginError(str(error)) from None
        self.placed[page.file.src_uri] = placed
        cited = set(placed.cited_keys)
        entries = [(ref.key, ref.html) for ref in paper.references if ref.key in cited]
        return placed.markdown + reference_list(entries, footnotes=bool(document.footnote_defs))

    def on_page_content(
        self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files
    ) -> str:
        """Placeholders out, rendered citations in; then no citation syntax may be left."""
        placed = self.placed.pop(page.file.src_uri, None)
        content = fill_placeholders(html, placed.citations) if placed else html
        leftovers = unrendered_citations(content)
        if leftovers:
            raise PluginError(
                f"{page.file.src_uri}: de pagina toont onverwerkte bronvermeldingen of voetnoten,"
                f" bijvoorbeeld '{leftovers[0]}'; de site is niet gebouwd"
            )
        folder = _paper_of_uri(page.file.src_uri)
        if self.making_pdfs and folder:
            page_folder = posixpath.dirname(page.file.dest_uri)
            print_page = PrintPage(content, page_folder + "/", public_url(page.canonical_url))
            pages = self.printed.setdefault(folder, [])
            # The paper's index page opens its PDF; the others follow in the site's order.
            pages.insert(0 if page.file.src_uri == f"{folder}/index.md" else len(pages), print_page)
        return content

    def on_page_context(
        self, context: TemplateContext, /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> TemplateContext:
        """A paper's index page: its citation_* tags, JSON-LD and cite box read `whitepaper`;
        every page of a paper: its PDF link reads `whitepaper_pdf`."""
        paper_of_page = _paper_of_uri(page.file.src_uri)
        if self.making_pdfs and paper_of_page:
            context["whitepaper_pdf"] = {  # type: ignore[typeddict-unknown-key]
                "href": pdf_path(paper_of_page),
                "size": size_marker(paper_of_page),
            }
            self.linking_pages.append(Path(page.file.abs_dest_path))
        folder = _paper_folder(page.file.src_uri)
        if folder is None:
            return context
        cited = self.papers[folder].references if folder in self.papers else ()
        references = [plain_text(ref.html) for ref in cited]
        pdf_url = _absolute(config.site_url, pdf_path(folder)) if self.making_pdfs else None
        paper = read_paper(page.meta, page.canonical_url, references, pdf_url=pdf_url)
        apa = partial(format_apa, cache=self.formatted)
        whitepaper = page_context(paper, folder, format_apa=apa)
        context["whitepaper"] = whitepaper  # type: ignore[typeddict-unknown-key]
        self.cite_files[f"{folder}/citeer.bib"] = str(whitepaper["bibtex"])
        self.cite_files[f"{folder}/citeer.ris"] = str(whitepaper["ris"])
        # A PDF is passed on: it names the paper's address only when that is a public one.
        printed = replace(paper, url=public_url(paper.url), pdf_url=public_url(paper.pdf_url))
        citation = (
            whitepaper["apa"]
            if printed == paper
            else apa_reference(printed, folder, format_apa=apa)
        )
        self.covers[folder] = (printed, str(citation))
        return context

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

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        for path, text in self.cite_files.items():  # newline="": RIS keeps its CRLF everywhere
            (Path(config.site_dir) / path).write_text(text, encoding="utf-8", newline="")
        if self.making_pdfs:
            self._write_pdfs(Path(config.site_dir), config.site_url)
        # A finished build keeps what it used; what older builds left goes (the check prunes
        # its own). `whitepaper pdf PAPER` made only some PDFs: it keeps the others' too.
        self.formatted.keep_only(self.formatted.used)
        if self.making_pdfs and self.pdf_only is None:
            self.pdf_cache.keep_only(self.pdf_cache.used)
        if not self.config.search:
            return
        try:
            build_search_index(Path(config.site_dir), self.config.search_language)
        except SearchIndexError as error:
            raise PluginError(str(error)) from None
        log.debug("Pagefind search index written")

    def _write_pdfs(self, site_dir: Path, site_url: str | None) -> None:
        """One PDF per paper into site/pdf/, then each PDF's size into the pages linking it."""
        started = time.perf_counter()
        # A folder without an index page has no title for a cover: it is not a paper.
        folders = [folder for folder in sorted(self.printed) if folder in self.covers]
        if self.pdf_only is not None:
            folders = [folder for folder in folders if folder in self.pdf_only]
        jobs = [self._print_job(folder) for folder in folders]
        documents = {job.name: compose(job) for job in jobs}
        stylesheets = [site_dir / "assets" / "stylesheets" / "fonts.css", PRINT_CSS]
        try:
            written = write_pdfs(
                documents,
                site_dir / PDF_DIR,
                stylesheets=stylesheets,
                root=site_dir,
                cache=self.pdf_cache,
                workers=self.config.pdf_workers or None,
            )
        except PdfError as error:
            raise PluginError(f"{error}; de site is niet gebouwd") from None
        if public_url(site_url) is None:
            log.info(
                "de PDF's noemen geen webadres, want site_url is leeg of een adres van deze"
                " computer; zet WHITEPAPER_SITE_URL voor een build die u publiceert"
            )
        log.info(
            f"PDF's: {len(written.sizes)} gemaakt ({written.cached} ongewijzigd, uit de cache)"
            f" in {time.perf_counter() - started:.2f} s"
        )
        sizes = {size_marker(name): size_label(size) for name, size in written.sizes.items()}
        for path in self.linking_pages:
            text = path.read_text(encoding="utf-8")
            for marker, label in sizes.items():
                text = text.replace(marker, label)
            path.write_text(text, encoding="utf-8")

    def _print_job(self, folder: str) -> PrintJob:
        paper, citation = self.covers[folder]
        cited = self.papers[folder].references if folder in self.papers else ()
        entries = reference_entries([(ref.key, ref.html) for ref in cited])
        return PrintJob(folder, paper, tuple(self.printed[folder]), entries, citation)


def _paper_of(document: Document, docs_dir: Path) -> str:
    """The paper folder a page belongs to ('' for pages right in docs/, like the home page)."""
    parts = document.path.resolve().relative_to(docs_dir).parts
    return parts[0] if len(parts) > 1 else ""


def _paper_of_uri(src_uri: str) -> str | None:
    """'kraken' for any page in docs/kraken/; None for a page right in docs/."""
    folder, slash, _ = src_uri.partition("/")
    return folder if slash else None


def _absolute(site_url: str | None, path: str) -> str | None:
    return site_url.rstrip("/") + "/" + path if site_url else None


def _paper_title(section: Section) -> str | None:
    """The front matter title of the section's index page, if it has one."""
    for child in section.children:
        if isinstance(child, Page) and child.file.src_uri.endswith("index.md"):
            _, meta = get_data(child.file.content_string)
            title: Any = meta.get("title")
            return str(title) if title else None
    return None


HOME_LISTING = "<!-- whitepapers -->"


def _paper_folder(src_uri: str) -> str | None:
    """'kraken' for 'kraken/index.md', a paper's index page; None for every other page."""
    folder, _, name = src_uri.partition("/")
    return folder if name == "index.md" else None


def _paper_summaries(files: Files) -> list[PaperSummary]:
    """Every paper for the home page: newest first, undated last, then by title."""
    papers = []
    for file in files.documentation_pages():
        if _paper_folder(file.src_uri) is not None:
            _, meta = get_data(file.content_string)
            papers.append(PaperSummary(file.src_uri, read_paper(meta, None)))
    papers.sort(key=lambda summary: summary.paper.title.casefold())
    papers.sort(key=lambda summary: summary.paper.date, reverse=True)
    return papers
