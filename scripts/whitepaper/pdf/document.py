"""A whitepaper's print document: one HTML file that pdf.css lays out on A4.

A cover (title, summary, what the front matter says of the paper, its newest changes, how to
cite it), a table of contents, the paper's rendered pages reshaped for print (`_print_html`),
and its reference list once, at the end. The running header names the paper's version and the
site version, as far as they are known; a pull request's preview carries its stamp on the cover
(instead of how to cite it) and in every page's footer. Front matter is untrusted: every value
is escaped.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape
from importlib.metadata import PackageNotFoundError, version

from whitepaper.links import doi_url
from whitepaper.papers import ChangelogEntry, Paper, joined_date, shown_date
from whitepaper.pdf.reshape import headings, print_page

REFERENCES_TITLE = "Literatuur"
CONTENTS_TITLE = "Inhoud"
CHANGES_TITLE = "Wijzigingen"
COVER_CHANGES = 5  # the newest changes the cover has room for; the site lists them all


@dataclass(frozen=True)
class PrintPage:
    """One rendered page of a paper: its HTML content, where its files lie, where it lives."""

    content: str
    folder: str  # the page's folder in the built site, relative to its root: 'kraken/'
    public_url: str | None = None  # its address on the web, when the site has one


@dataclass(frozen=True)
class PrintJob:
    """One paper to print: `name` is its folder ('massagetherapie'), the PDF's file name."""

    name: str
    paper: Paper
    pages: tuple[PrintPage, ...]
    references: str = ""  # HTML of the paper's reference entries (div.csl-entry), in order
    citation: str = ""  # safe HTML: the paper's own APA reference, for the cover
    site_version: str | None = None  # the site version it is published in ('2026.1'), if any
    stamp: str | None = None  # a preview's "niet citeren" sentence (site_version.preview_stamp)


def compose(job: PrintJob) -> str:
    """The paper's print document: one HTML file that pdf.css lays out on A4."""
    pages = [
        print_page(
            page.content,
            prefix=f"p{number}-" if number else "",
            folder=page.folder,
            public_url=page.public_url,
            drop_title=number == 0,
        )
        for number, page in enumerate(job.pages)
    ]
    main = "\n".join(f'<section class="wp-page">{page}</section>' for page in pages)
    references = _references(job.references)
    contents = _contents(headings(main + references))
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(job.paper.lang)}">\n<head>\n<meta charset="utf-8">'
        f"\n{_head(job.paper)}</head>\n<body>\n{_cover(job)}\n{contents}\n"
        f"<main>\n{main}\n</main>\n{references}</body>\n</html>\n"
    )


def _head(paper: Paper) -> str:
    """<title> and the <meta> names WeasyPrint writes into the PDF's document information."""
    tags = [("author", ", ".join(paper.authors) or paper.association or "")]
    tags += [("description", paper.summary or ""), ("generator", f"whitepaper {_version()}")]
    tags += [("dcterms.created", joined_date(paper.date, "-"))]
    lines = [f"<title>{escape(paper.title)}</title>"]
    lines += [f'<meta name="{name}" content="{escape(value)}">' for name, value in tags if value]
    return "\n".join(lines) + "\n"


def _cover(job: PrintJob) -> str:
    paper = job.paper
    # pdf.css sets the running header from this span.
    version = f'<span class="wp-cover__version">{escape(paper.version or "")}</span>'
    facts = [
        ("Uitgegeven door", escape(paper.association or "")),
        ("Auteurs", escape(", ".join(paper.authors))),
        ("Versie", version if paper.version else ""),
        ("Siteversie", escape(job.site_version or "")),
        ("Datum", escape(shown_date(paper.date)) if paper.date else ""),
        ("DOI", _link(doi_url(paper.doi), paper.doi) if paper.doi else ""),
        ("Online", _link(paper.url, paper.url) if paper.url else ""),
    ]
    rows = "".join(f"<dt>{label}</dt><dd>{value}</dd>" for label, value in facts if value)
    summary = f'<p class="wp-cover__summary">{escape(paper.summary)}</p>' if paper.summary else ""
    cite = (
        f'<p class="wp-cover__cite"><span class="wp-cover__cite-label">Citeer als:</span> '
        f"{job.citation}</p>"
        if job.citation and not job.stamp
        else ""
    )
    # pdf.css repeats the stamp in every page's footer from this element (string-set).
    stamp = f'<p class="wp-cover__stamp">{escape(job.stamp)}</p>\n' if job.stamp else ""
    return (
        f'<section class="wp-cover">\n{stamp}<p class="wp-cover__kind">Whitepaper</p>\n'
        f'<h1 class="wp-cover__title">{escape(paper.title)}</h1>\n{summary}\n'
        f'<dl class="wp-cover__facts">{rows}</dl>\n{_changes(paper.changelog)}{cite}\n</section>'
    )


def _changes(changelog: Sequence[ChangelogEntry]) -> str:
    """The newest changes, as the cover lists them: 'Versie 1.1 · 3 maart 2026', the summary."""
    if not changelog:
        return ""
    items = []
    for entry in changelog[:COVER_CHANGES]:
        when = f" · {escape(shown_date(entry.date))}" if entry.date else ""
        items.append(
            f'<li><span class="wp-cover__change-version">Versie {escape(entry.version)}{when}'
            f"</span> {escape(entry.summary)}</li>"
        )
    left = len(changelog) - COVER_CHANGES
    earlier = f"en {left} eerdere {'versie' if left == 1 else 'versies'}"
    more = f'<p class="wp-cover__changes-more">{earlier}</p>' if left > 0 else ""
    return (
        '<section class="wp-cover__changes" aria-labelledby="wp-cover-changes">\n'
        f'<h2 id="wp-cover-changes">{CHANGES_TITLE}</h2>\n<ul>{"".join(items)}</ul>{more}\n'
        "</section>\n"
    )


def _link(href: str, text: str) -> str:
    return f'<a href="{escape(href)}">{escape(text)}</a>'


def _contents(entries: Sequence[tuple[str, str, str]]) -> str:
    """The table of contents: each chapter (h1, later pages) and section (h2), with its page."""
    if not entries:
        return ""
    items = "".join(
        f'<li class="wp-toc__{"chapter" if level == "h1" else "section"}">'
        f'<a href="#{escape(anchor)}">{escape(text)}</a></li>'
        for level, anchor, text in entries
    )
    return (
        '<nav class="wp-toc" aria-labelledby="wp-toc-title">\n'
        f'<h2 id="wp-toc-title">{CONTENTS_TITLE}</h2>\n<ol>{items}</ol>\n</nav>'
    )


def _references(entries: str) -> str:
    if not entries:
        return ""
    return (
        f'<section class="wp-references">\n<h2 id="wp-literatuur">{REFERENCES_TITLE}</h2>\n'
        f'<div id="refs" class="references csl-bib-body" role="list">\n{entries}\n</div>\n'
        "</section>\n"
    )


def _version() -> str:
    try:
        return version("whitepaper")
    except PackageNotFoundError:  # run from a checkout that was never installed
        return "dev"
