"""The PDFs of one build: each paper's pages collected as MkDocs renders them, its cover from
its index page, then every PDF written into the site and its size put into the pages that
link to it. Which pages make a PDF, in what order, and where PDFs lie is decided here."""

from __future__ import annotations

import posixpath
import re
import time
from collections.abc import Collection, Mapping
from html import escape
from pathlib import Path

from whitepaper.cache import Cache
from whitepaper.citations.format import PaperCitations
from whitepaper.citations.placement import reference_entries
from whitepaper.links import public_url
from whitepaper.papers import Paper, Papers, is_index_page, markdown_literal
from whitepaper.pdf.document import PrintJob, PrintPage, compose
from whitepaper.pdf.render import PRINT_CSS, write_pdfs

PDF_DIR = "pdf"  # in the built site: pdf/<paper>.pdf
FONTS_CSS = "assets/stylesheets/fonts.css"  # the site's own @font-face rules (Inter)


def pdf_path(name: str) -> str:
    """Where the PDF of the paper `name` lies in the built site."""
    return f"{PDF_DIR}/{name}.pdf"


def size_marker(name: str) -> str:
    """What a page shows where the size of `name`'s PDF goes, until the PDF exists."""
    return f"<!--wp-pdf-size:{name}-->"


_SIZE_MARKER = re.compile(r"<!--wp-pdf-size:(.*?)-->")


def with_sizes(text: str, sizes: Mapping[str, int]) -> str:
    """`text` with each size marker of a paper in `sizes` (bytes, by name) as its label; the
    others kept. One pass over the text: a page shows one marker, the home page every paper's,
    so a replace per paper and page would grow with pages times papers."""

    def label(found: re.Match[str]) -> str:
        size = sizes.get(found[1])
        return found[0] if size is None else size_label(size)

    return _SIZE_MARKER.sub(label, text)


def size_label(size: int) -> str:
    """A file size as Dutch readers write it: '245 kB', '1,2 MB'."""
    if size < 1_000_000:
        return f"{max(1, round(size / 1000))} kB"
    return f"{size / 1_000_000:.1f} MB".replace(".", ",")


def pdf_link(name: str, title: str) -> str:
    """The home page's link to a paper's PDF, as HTML (the home page lies at the site's root).
    Screen readers hear which paper's ("Download als PDF: <title>"): a list of links all named
    "Download als PDF" says nothing (WCAG 2.4.4); the name begins with what is shown (2.5.3)."""
    label = markdown_literal(f"Download als PDF: {title}")
    return (
        f'<a class="wp-pdf-link" href="{escape(pdf_path(name))}" aria-label="{label}" download>'
        f'Download als PDF</a> <span class="wp-pdf-size">({size_marker(name)})</span>'
    )


class PrintBook:
    """What one build's PDFs are made of, collected page by page; then `write()`."""

    def __init__(
        self,
        papers: Papers,
        citations: Mapping[str, PaperCitations],
        cache: Cache,
        only: Collection[str] = (),
        workers: int | None = None,
        site_version: str | None = None,
        stamp: str | None = None,
    ) -> None:
        self.papers = papers
        self.citations = citations  # each paper's, its reference list among them
        self.cache = cache
        self.only = set(only)  # the papers to print; none named: every paper
        self.workers = workers
        self.site_version = site_version  # the covers and running headers name it
        self.stamp = stamp  # a preview's: on every cover and page instead of how to cite
        self.pages: dict[str, list[PrintPage]] = {}
        self.covers: dict[str, tuple[Paper, str]] = {}
        self.linking: list[Path] = []  # written pages that show a size marker

    def add_page(self, uri: str, content: str, *, dest_uri: str, url: str | None) -> None:
        """A rendered page (`uri` below docs/): its paper's index page opens the PDF, its
        other pages follow in the order the site renders them; other pages are not printed."""
        name = self.papers.of(uri)
        if name is None:
            return
        page = PrintPage(content, posixpath.dirname(dest_uri) + "/", public_url(url))
        pages = self.pages.setdefault(name, [])
        pages.insert(0 if is_index_page(uri) else len(pages), page)

    def add_cover(self, name: str, paper: Paper, citation: str) -> None:
        """The paper as its cover names it (public addresses only), and how to cite it."""
        self.covers[name] = (paper, citation)

    def link(self, uri: str, written_to: Path) -> dict[str, str] | None:
        """The PDF link of a page of a paper (`href` from the site's root, `size`), or None."""
        name = self.papers.of(uri)
        if name is None:
            return None
        self.linking.append(written_to)
        return {"href": pdf_path(name), "size": size_marker(name)}

    def home_links(self, written_to: Path) -> dict[str, str]:
        """Every paper's PDF link on the home page, by paper name."""
        self.linking.append(written_to)
        return {name: pdf_link(name, paper.title) for name, paper in self.papers.by_name.items()}

    def write(self, site_dir: Path, site_url: str | None) -> list[str]:
        """Every PDF into site/pdf/, then each one's size into the pages linking to it.

        Returns what a person may want to know about it; raises PdfError naming each paper
        that could not be printed."""
        started = time.perf_counter()
        notes = []
        if public_url(site_url) is None:
            notes.append(
                "de PDF's noemen geen webadres, want site_url is leeg of een adres van deze"
                " computer; zet WHITEPAPER_SITE_URL voor een build die u publiceert"
            )
        names = [name for name in sorted(self.pages) if name in self.covers]
        if self.only:
            names = [name for name in names if name in self.only]
        documents = {name: compose(self._job(name)) for name in names}
        written = write_pdfs(
            documents,
            site_dir / PDF_DIR,
            stylesheets=[site_dir / FONTS_CSS, PRINT_CSS],
            root=site_dir,
            cache=self.cache,
            workers=self.workers,
        )
        if not self.only:  # `whitepaper pdf PAPER` made only some: it keeps the others' too
            self.cache.keep_only(self.cache.used)
        for path in self.linking:
            text = path.read_text(encoding="utf-8")
            path.write_text(with_sizes(text, written.sizes), encoding="utf-8")
        return [
            *notes,
            f"PDF's: {len(written.sizes)} gemaakt ({written.cached} ongewijzigd, uit de cache)"
            f" in {time.perf_counter() - started:.2f} s",
        ]

    def _job(self, name: str) -> PrintJob:
        paper, citation = self.covers[name]
        cited = self.citations.get(name)
        entries = reference_entries(cited.references if cited else ())
        pages = tuple(self.pages[name])
        return PrintJob(
            name,
            paper,
            pages,
            entries,
            citation,
            site_version=self.site_version,
            stamp=self.stamp,
        )
