"""The "Bronnen" page's list (where a page right in docs/ says <!-- bronnen -->): every source
the papers cite, grouped by paper in the home page's order, each with what `whitepaper verify`
found and when, from the committed status file alone (health/standing), and a link to its
entry in the paper's reference list.

Each paper's list is a raw HTML block (the formatted references must not pass through
Markdown, as in the reference lists); every text from the bibliography and the status file is
escaped. The lists and the counts are kept out of the search index, as the reference lists
are: a search for an author finds the paper, not this page; the page's own text is searched.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from html import escape
from urllib.parse import quote

from whitepaper.citations.format import PaperCitations, Reference
from whitepaper.citations.placement import NOT_INDEXED
from whitepaper.diagnostics import counted, listed
from whitepaper.health.standing import Standing, marks_for
from whitepaper.health.status import Finding
from whitepaper.papers import INDEX_PAGE, Papers, is_index_page, shown_date
from whitepaper.papers import markdown_literal as _md
from whitepaper.sources.documents import Document

SOURCES = "<!-- bronnen -->"

# What a finding of `verify` is called on the page; retractions and corrections by their mark.
FINDING_LABELS = {
    "doi-mismatch": "DOI hoort bij een ander werk",
    "unknown-doi": "DOI onbekend",
    "pmid-mismatch": "PMID hoort bij een ander werk",
    "dead-link": "link werkt niet",
}
ASKED = {"doi": "DOI", "pmid": "PMID", "url": "webadres"}
NOT_CHECKED_YET = (
    "Nog geen enkele bron is gecontroleerd. Dat doet het commando <code>whitepaper verify</code>:"
    " het zoekt elke bron met een DOI, PMID of webadres op bij Crossref, PubMed of op dat"
    " webadres zelf, en bewaart de uitkomst in het bestand <code>bib/bronstatus.json</code>."
    " Tot dan staat bij elke bron die er een heeft: nog niet gecontroleerd."
)


@dataclass(frozen=True)
class ListedSource:
    reference: Reference
    href: str | None  # its entry in a reference list, relative to the listing's page


@dataclass(frozen=True)
class PaperSources:
    link: str  # the Markdown link target of the paper's index page, e.g. 'kraken/index.md'
    title: str
    sources: tuple[ListedSource, ...]  # in the paper's APA order


def paper_sources(
    papers: Papers,
    citations: Mapping[str, PaperCitations],
    documents: Mapping[str, Document],
    href: Callable[[str], str],
) -> list[PaperSources]:
    """Each paper's sources; a source links to the first of the paper's pages that cites it
    (`documents` by page, in the site's order), `href(page)` the page's address."""
    listed_papers = []
    for name in papers.listed():
        pages = sorted((uri for uri in documents if papers.of(uri) == name), key=_not_index)
        citing: dict[str, str] = {}
        for uri in pages:
            for key in _cited_keys(documents[uri]):
                citing.setdefault(key, uri)
        cited = citations[name].references if name in citations else ()
        sources = tuple(
            ListedSource(
                ref, _entry_href(href, citing[ref.key], ref.key) if ref.key in citing else None
            )
            for ref in cited
        )
        link = f"{name}/{INDEX_PAGE}"
        listed_papers.append(PaperSources(link, papers.by_name[name].title, sources))
    return listed_papers


def with_sources(
    markdown: str, papers: Sequence[PaperSources], found: Mapping[str, Standing]
) -> str:
    """`markdown` with the list where it says SOURCES (once); `found`: each entry's standing."""
    if SOURCES not in markdown:
        return markdown
    return markdown.replace(SOURCES, source_listing(papers, found), 1)


def source_listing(papers: Sequence[PaperSources], found: Mapping[str, Standing]) -> str:
    """The counts, then per paper a heading and its sources with their status."""
    if not papers:
        return "Er zijn nog geen whitepapers gepubliceerd.\n"
    parts = [f'<p class="wp-sources-summary" {NOT_INDEXED}>{_summary(papers, found)}</p>\n']
    for paper in papers:
        parts.append(
            f"## [{_md(paper.title)}]({quote(paper.link, safe='/')}) {{ {NOT_INDEXED} }}\n"
        )
        if not paper.sources:
            parts.append(
                f'<p class="wp-sources-none" {NOT_INDEXED}>Dit whitepaper noemt geen bronnen.</p>\n'
            )
            continue
        items = "\n".join(
            _item(source, found.get(source.reference.key)) for source in paper.sources
        )
        parts.append(f'<ul class="wp-sources" {NOT_INDEXED}>\n{items}\n</ul>\n')
    return "\n".join(parts)


def status_html(said: Standing | None) -> str:
    """The source's status in Dutch, as HTML (every text escaped)."""
    if said is None or said.state == "unchecked":
        return "Nog niet gecontroleerd."
    if said.state == "uncheckable":
        return "Niet te controleren: geen DOI, PMID of webadres."
    day = _day(said.checked)
    if said.state == "changed":
        return f"Gewijzigd na de controle van {day}: nog niet opnieuw gecontroleerd."
    asked = listed([ASKED.get(name, name) for name in said.asked]) if said.asked else ""
    checked = f"Gecontroleerd op {day}" + (f" ({escape(asked)})" if asked else "")
    if said.state == "ok":
        return f"{checked}: klopt."
    findings = "".join(f"<li>{_finding(item)}</li>" for item in said.findings)
    return f"{checked}: <ul>{findings}</ul>"


def _finding(item: Finding) -> str:
    marks = marks_for((item,))
    label = marks[0].label if marks else FINDING_LABELS.get(item.code, "probleem")
    return f"<strong>{escape(label)}</strong>: {escape(item.message, quote=False)}"


def _item(source: ListedSource, said: Standing | None) -> str:
    state = said.state if said else "unchecked"
    link = (
        f' <a class="wp-source__link" href="{escape(source.href)}">in de literatuurlijst</a>'
        if source.href
        else ""
    )
    # csl-entry: a formatted reference, as in a reference list (a page holding one gets the
    # citations' style sheet, where the list's style is too)
    return (
        f'<li class="wp-source wp-source--{state}">'
        f'<p class="wp-source__reference csl-entry">{source.reference.html}{link}</p>'
        f'<div class="wp-source__status">{status_html(said)}</div></li>'
    )


def _summary(papers: Sequence[PaperSources], found: Mapping[str, Standing]) -> str:
    """How many sources were checked (each counted once), and how many cannot be."""
    keys = {source.reference.key for paper in papers for source in paper.sources}
    states = [found[key].state if key in found else "unchecked" for key in keys]
    checked, problems = states.count("ok") + states.count("problems"), states.count("problems")
    uncheckable = states.count("uncheckable")
    cannot = (
        f" {counted(uncheckable, 'bron heeft', 'bronnen hebben')} geen DOI, PMID of webadres:"
        f" {'die is' if uncheckable == 1 else 'die zijn'} niet te controleren."
        if uncheckable
        else ""
    )
    if not any(state in ("ok", "problems", "changed") for state in states):
        return NOT_CHECKED_YET + cannot
    said = f"Van de {counted(len(keys), 'bron', 'bronnen')} die de whitepapers noemen, "
    said += f"{'is' if checked == 1 else 'zijn'} er {checked} gecontroleerd"
    said += f"; bij {problems} vond de controle iets." if problems else "."
    return said + cannot


def _day(day: datetime.date | None) -> str:
    return escape(shown_date((day.year, day.month, day.day))) if day else "een onbekende dag"


def _cited_keys(document: Document) -> Iterable[str]:
    return (item.key for citation in document.citations for item in citation.items)


def _entry_href(href: Callable[[str], str], page: str, key: str) -> str:
    return f"{href(page)}#ref-{quote(key, safe='')}"


def _not_index(uri: str) -> bool:
    """The paper's index page first: a source it cites links there."""
    return not is_index_page(uri)
