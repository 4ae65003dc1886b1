"""Rendered citations and the reference list, put into a page where the check found them.

MkDocs renders the Markdown after us, so each citation's source text is swapped for a plain
placeholder word that Markdown leaves alone (`placeholders`: unguessable, one token per build),
and the placeholder for its HTML once MkDocs has rendered the page: citation HTML never passes
through Markdown, whose emphasis and escaping rules would otherwise reach into titles and
author names. A citation in a heading (as the page parser and Python-Markdown read headings)
becomes plain (escaped) text instead: a heading's text also makes its anchor and its entry in
the table of contents, where a link cannot go.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from whitepaper.citations import placeholders
from whitepaper.citations.format import PaperCitations, Reference, plain_text
from whitepaper.citations.marks import entry_badges
from whitepaper.diagnostics import StageError
from whitepaper.sources.documents import Citation, Document, outermost

REFERENCES_HEADING = "Literatuur"
# Kept out of the search index: its authors' initials and titles would answer searches for the
# words of the text (Pagefind falls back to the longest indexed prefix, e.g. "W." for "whiplash").
NOT_INDEXED = "data-pagefind-ignore"
# What readers see after an entry the source gives incompletely (on the page, in its preview
# and in the PDF); the formatted reference itself stays pure, for the metadata.
INCOMPLETE_BADGE = ' <span class="wp-incomplete">onvolledige bronvermelding</span>'
# Above a reference list that shows the badge: what it means (one sentence, Dutch).
INCOMPLETE_LEGEND = (
    f'<p class="wp-incomplete-legend" {NOT_INDEXED}>Bij een bron met'
    ' <span class="wp-incomplete wp-incomplete--legend">onvolledige bronvermelding</span>'
    " ontbreken gegevens (zoals auteur, jaar of titel); ze zijn niet aangevuld.</p>"
)
# Python-Markdown's footnotes extension puts the notes here: before the references, as in APA.
FOOTNOTES_MARKER = "///Footnotes Go Here///"
# What Python-Markdown unescapes (its ESCAPED_CHARS, with the tables extension's '|')
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_{}\[\]()>#+\-.!|])")


class PlacementError(StageError):
    """The page MkDocs gives us is not the text the check read."""


@dataclass(frozen=True)
class PlacedPage:
    markdown: str
    citations: tuple[str, ...]  # HTML of placeholder n, in order
    cited_keys: tuple[str, ...]  # in order of first citation
    token: str = ""  # of this build's placeholders
    written: tuple[Citation, ...] = ()  # the citation placeholder n stands for, as written


def place_citations(
    markdown: str,
    document: Document,
    rendered: Mapping[tuple[str, int], str],
    token: str,
    marked: Mapping[tuple[str, int], str] = {},
) -> PlacedPage:
    """`markdown` (MkDocs' page body) with every citation replaced by a placeholder; one in
    running text as `marked` has it, when it cites a retracted or corrected source."""
    body = document.text[document.body_start :]
    if markdown != body:
        raise PlacementError(
            f"{document.path}: de tekst is vóór het plaatsen van de bronvermeldingen gewijzigd"
            " (door een andere plugin?)"
        )
    pieces: list[str] = []
    shown: list[str] = []
    placed: list[Citation] = []
    keys: dict[str, None] = {}
    cursor = 0
    for citation in outermost(document.citations):
        start, end = (
            offset - document.body_start for offset in (citation.span.start, citation.span.end)
        )
        place = (document.path.as_posix(), citation.span.start)
        if citation.in_heading:
            pieces += [markdown[cursor:start], _as_markdown_text(rendered[place])]
        else:
            pieces += [markdown[cursor:start], placeholders.placeholder(token, len(shown))]
            shown.append(marked.get(place) or rendered[place])
            placed.append(citation)
        keys.update(dict.fromkeys(item.key for item in citation.items))
        cursor = end
    pieces.append(markdown[cursor:])
    return PlacedPage("".join(pieces), tuple(shown), tuple(keys), token, tuple(placed))


def cited_page(
    markdown: str, document: Document, citations: PaperCitations, token: str
) -> PlacedPage:
    """The page's Markdown with its citations placed and its reference list at the end: the
    entries it cites, in the paper's APA order, after its footnotes."""
    placed = place_citations(markdown, document, citations.citations, token, citations.marked)
    cited = set(placed.cited_keys)
    entries = [entry for entry in citations.references if entry.key in cited]
    listing = reference_list(entries, footnotes=bool(document.footnote_defs))
    return replace(placed, markdown=placed.markdown + listing)


def fill_placeholders(html_: str, placed: PlacedPage, page: str = "") -> str:
    """Placeholders replaced by their citation's HTML; each must be there exactly once (a
    plugin that rewrites the page after us could lose one, and a reader its citation), and
    in the page's text: never in an attribute, a link's text or a code block."""
    wrong = next(placeholders.misplaced(html_, placed.token), None)
    if wrong:
        index, where = wrong
        raise PlacementError(
            f"{_where(page, placed, index)}: de bronvermelding {_of_keys(placed, index)}"
            f" kwam {where} terecht, waar de site haar niet kan tonen; zet haar in de lopende"
            " tekst"
        )
    found: list[int] = []

    def citation(placeholder: re.Match[str]) -> str:
        index = int(placeholder.group(1))
        found.append(index)
        return placed.citations[index] if index < len(placed.citations) else placeholder[0]

    filled = placeholders.pattern(placed.token).sub(citation, html_)
    if sorted(found) != list(range(len(placed.citations))):
        raise PlacementError(
            f"{page}: niet elke bronvermelding kwam precies één keer uit Markdown terug"
            f" ({len(set(found))} van de {len(placed.citations)}); verandert een andere plugin"
            " de tekst?"
        )
    return filled


def ensure_no_placeholders(output: str, placed: PlacedPage, page: str = "") -> None:
    """A PlacementError when a placeholder of `placed` is left in the whole themed page: the
    table of contents, the title or the metadata took it from a heading."""
    left = placeholders.pattern(placed.token).search(output) if placed.token else None
    if left:
        index = int(left.group(1))
        raise PlacementError(
            f"{_where(page, placed, index)}: de bronvermelding {_of_keys(placed, index)}"
            " kwam in de inhoudsopgave, de paginatitel of de metadata terecht; zet haar in"
            " de lopende tekst"
        )


def _where(page: str, placed: PlacedPage, index: int) -> str:
    if index >= len(placed.written):
        return page
    span = placed.written[index].span
    return f"{page}:{span.line}:{span.column}"


def _of_keys(placed: PlacedPage, index: int) -> str:
    """Which citation, for the message: 'van @a, @b'."""
    if index >= len(placed.written):
        return ""
    keys = ", ".join(f"@{item.key}" for item in placed.written[index].items)
    return f"van {keys}"


def _as_markdown_text(fragment: str) -> str:
    """The text of an HTML fragment, escaped so Markdown shows it as it is."""
    return html.escape(_MARKDOWN_SPECIAL.sub(r"\\\1", plain_text(fragment)), quote=False)


def reference_list(entries: Sequence[Reference], *, footnotes: bool = False) -> str:
    """The Markdown block that ends a citing page: a heading and the entries.

    The list is a raw HTML block: Markdown leaves it as it is. With `footnotes`, the page's
    notes are put before it (Markdown shows the marker as text when there are none).
    """
    notes = f"\n\n{FOOTNOTES_MARKER}" if footnotes else ""
    legend = f"{INCOMPLETE_LEGEND}\n\n" if any(entry.incomplete for entry in entries) else ""
    return (
        f"{notes}\n\n## {REFERENCES_HEADING} {{ {NOT_INDEXED} }}\n\n{legend}"
        f'<div id="refs" class="references csl-bib-body" role="list" {NOT_INDEXED}>\n'
        f"{reference_entries(entries)}\n</div>\n"
    )


def reference_entries(entries: Sequence[Reference]) -> str:
    """The entries as the reference list's items, each the target of `#ref-<key>`, an
    incomplete one with its badge (and its note's words: the citation preview copies them),
    a retracted or corrected one with its (citations/marks)."""
    return "\n".join(
        f'<div id="ref-{html.escape(entry.key, quote=True)}" class="csl-entry" role="listitem">'
        f"{entry.html}{_badge(entry) if entry.incomplete else ''}{entry_badges(entry.marks)}</div>"
        for entry in entries
    )


def _badge(entry: Reference) -> str:
    """The badge, with what the entry's `onvolledig` note says is missing, escaped."""
    if not entry.note:
        return INCOMPLETE_BADGE
    note = html.escape(entry.note, quote=False)
    return f' <span class="wp-incomplete">onvolledige bronvermelding: {note}</span>'
