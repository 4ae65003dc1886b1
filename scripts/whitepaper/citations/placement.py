"""Rendered citations and the reference list, put into a page where the check found them.

MkDocs renders the Markdown after us, so each citation's source text is swapped for a plain
placeholder word that Markdown leaves alone, and the placeholder for its HTML once MkDocs has
rendered the page: citation HTML never passes through Markdown, whose emphasis and escaping
rules would otherwise reach into titles and author names. A citation in a heading becomes
plain (escaped) text instead: a heading's text also makes its anchor and its entry in the
table of contents, where a link cannot go.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from whitepaper.citations.format import PaperCitations, Reference, plain_text
from whitepaper.diagnostics import StageError
from whitepaper.sources.documents import Document, outermost

REFERENCES_HEADING = "Literatuur"
# What readers see after an entry the source gives incompletely (on the page, in its preview
# and in the PDF); the formatted reference itself stays pure, for the metadata.
INCOMPLETE_BADGE = ' <span class="wp-incomplete">onvolledige bronvermelding</span>'
# Python-Markdown's footnotes extension puts the notes here: before the references, as in APA.
FOOTNOTES_MARKER = "///Footnotes Go Here///"
_PLACEHOLDER = re.compile(r"wpcite(\d{5})x")
_ATX_HEADING = re.compile(r" {0,3}#{1,6}(?:[ \t]|$)")
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+\-.!|~])")


class PlacementError(StageError):
    """The page MkDocs gives us is not the text the check read."""


@dataclass(frozen=True)
class PlacedPage:
    markdown: str
    citations: tuple[str, ...]  # HTML of placeholder n, in order
    cited_keys: tuple[str, ...]  # in order of first citation


def place_citations(
    markdown: str, document: Document, rendered: Mapping[tuple[str, int], str]
) -> PlacedPage:
    """`markdown` (MkDocs' page body) with every citation replaced by a placeholder."""
    body = document.text[document.body_start :]
    if markdown != body:
        raise PlacementError(
            f"{document.path}: de tekst is vóór het plaatsen van de bronvermeldingen gewijzigd"
            " (door een andere plugin?)"
        )
    pieces: list[str] = []
    shown: list[str] = []
    keys: dict[str, None] = {}
    cursor = 0
    for citation in outermost(document.citations):
        start, end = (
            offset - document.body_start for offset in (citation.span.start, citation.span.end)
        )
        html_ = rendered[(document.path.as_posix(), citation.span.start)]
        if _in_heading(markdown, start):
            pieces += [markdown[cursor:start], _as_markdown_text(html_)]
        else:
            pieces += [markdown[cursor:start], f"wpcite{len(shown):05d}x"]
            shown.append(html_)
        keys.update(dict.fromkeys(item.key for item in citation.items))
        cursor = end
    pieces.append(markdown[cursor:])
    return PlacedPage("".join(pieces), tuple(shown), tuple(keys))


def cited_page(markdown: str, document: Document, citations: PaperCitations) -> PlacedPage:
    """The page's Markdown with its citations placed and its reference list at the end: the
    entries it cites, in the paper's APA order, after its footnotes."""
    placed = place_citations(markdown, document, citations.citations)
    cited = set(placed.cited_keys)
    entries = [entry for entry in citations.references if entry.key in cited]
    listing = reference_list(entries, footnotes=bool(document.footnote_defs))
    return replace(placed, markdown=placed.markdown + listing)


def fill_placeholders(html_: str, citations: Sequence[str], page: str = "") -> str:
    """Placeholders replaced by their citation's HTML; each must be there exactly once (a
    plugin that rewrites the page after us could lose one, and a reader its citation)."""
    found: list[int] = []

    def citation(placeholder: re.Match[str]) -> str:
        found.append(int(placeholder.group(1)))
        return citations[found[-1]]

    filled = _PLACEHOLDER.sub(citation, html_)
    if sorted(found) != list(range(len(citations))):
        raise PlacementError(
            f"{page}: niet elke bronvermelding kwam precies één keer uit Markdown terug"
            f" ({len(set(found))} van de {len(citations)}); verandert een andere plugin de tekst?"
        )
    return filled


def _in_heading(markdown: str, offset: int) -> bool:
    line_start = markdown.rfind("\n", 0, offset) + 1
    return bool(_ATX_HEADING.match(markdown, line_start))


def _as_markdown_text(fragment: str) -> str:
    """The text of an HTML fragment, escaped so Markdown shows it as it is."""
    return html.escape(_MARKDOWN_SPECIAL.sub(r"\\\1", plain_text(fragment)), quote=False)


def reference_list(entries: Sequence[Reference], *, footnotes: bool = False) -> str:
    """The Markdown block that ends a citing page: a heading and the entries.

    The list is a raw HTML block: Markdown leaves it as it is. With `footnotes`, the page's
    notes are put before it (Markdown shows the marker as text when there are none).
    """
    notes = f"\n\n{FOOTNOTES_MARKER}" if footnotes else ""
    return (
        f"{notes}\n\n## {REFERENCES_HEADING}\n\n"
        f'<div id="refs" class="references csl-bib-body" role="list">\n'
        f"{reference_entries(entries)}\n</div>\n"
    )


def reference_entries(entries: Sequence[Reference]) -> str:
    """The entries as the reference list's items, each the target of `#ref-<key>`, an
    incomplete one with its badge."""
    return "\n".join(
        f'<div id="ref-{html.escape(entry.key, quote=True)}" class="csl-entry" role="listitem">'
        f"{entry.html}{INCOMPLETE_BADGE if entry.incomplete else ''}</div>"
        for entry in entries
    )
