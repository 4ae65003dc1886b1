"""The document model of one Markdown page: front matter, citations, footnotes.

One parser reads the page (`markdown_reader`: markdown-it shaped like MkDocs' Python-Markdown,
with pandoc's citation syntax as inline rules). Every position is a character offset into
`Document.text`, with its 1-based line and column, exact enough to rewrite the source by
offsets. Where pandoc reads a citation that the site cannot show (a link's text, an image's
alt text, an abbreviation's definition, an attribute list), or syntax that starts like one and
is none, the model holds a problem at its place: the check reports it, the build never meets it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, replace
from pathlib import Path

from whitepaper.sources import citation_problems as says
from whitepaper.sources.front_matter import read_front_matter
from whitepaper.sources.markdown_reader import parse_blocks
from whitepaper.sources.page_parts import (
    Citation,
    CitationItem,
    FootnoteDef,
    FootnoteRef,
    outermost,
)
from whitepaper.sources.page_walk import PageWalk
from whitepaper.sources.raw_html import Markup, page_markup
from whitepaper.sources.source_map import Problem, SourceLines, Span
from whitepaper.sources.syntax_walk import unsupported_syntax

__all__ = [
    "Citation",
    "CitationItem",
    "Document",
    "FootnoteDef",
    "FootnoteRef",
    "Problem",
    "Span",
    "document_from_bytes",
    "outermost",
    "parse_document",
    "read_document",
]


@dataclass(frozen=True)
class Document:
    path: Path
    text: str
    front_matter: Mapping[str, object]
    citations: tuple[Citation, ...]
    footnote_refs: tuple[FootnoteRef, ...]
    footnote_defs: tuple[FootnoteDef, ...]
    problems: tuple[Problem, ...]
    body_start: int = 0  # where MkDocs' page.markdown starts (after valid front matter)
    markup: tuple[Markup, ...] = ()  # raw HTML, links, attribute lists (raw_html.py)


def read_document(path: Path) -> Document:
    """Read a page as MkDocs does (UTF-8, BOM dropped, newlines made '\\n')."""
    return document_from_bytes(path, path.read_bytes())


def document_from_bytes(path: Path, data: bytes) -> Document:
    """The model of the page `path` whose content is `data` (read already, e.g. to hash it)."""
    try:
        return parse_document(_decode(data, "strict"), path)
    except UnicodeDecodeError as error:
        document = parse_document(_decode(data, "replace"), path)
        lines = SourceLines(document.text)
        offset = len(_decode(data[: error.start], "replace"))
        problem = Problem(
            "encoding",
            lines.span(offset, offset + 1),
            f"het bestand is geen geldige UTF-8 (byte {error.start})",
            "sla het bestand op met de codering UTF-8",
        )
        return _with_problems(document, (problem,))


def parse_document(text: str, path: Path) -> Document:
    """The model of `text`; problems in it are values, never exceptions."""
    lines = SourceLines(text)
    front = read_front_matter(lines)
    found = PageWalk(lines)
    markup: tuple[Markup, ...] = ()
    try:
        tokens = parse_blocks(lines.markdown_input(front.end_line), found.env)
        found.blocks(tokens)
        markup = page_markup(tokens, found.env, lines)
        found.problems += unsupported_syntax(tokens, lines, found.env)
    except RecursionError:  # nested deeper than Python's stack, in a way the limits missed
        found.problems.append(Problem("nesting-too-deep", lines.span(0, 0), *says.TOO_DEEP))
    return Document(
        path=path,
        text=text,
        front_matter=front.data,
        citations=tuple(sorted(found.citations, key=lambda c: c.span.start)),
        footnote_refs=tuple(sorted(found.refs, key=lambda r: r.span.start)),
        footnote_defs=tuple(found.defs),
        problems=tuple(sorted((*front.problems, *found.problems), key=lambda p: p.span.start)),
        body_start=front.body_start,
        markup=markup,
    )


def _decode(data: bytes, errors: str) -> str:
    return data.decode("utf-8-sig", errors).replace("\r\n", "\n").replace("\r", "\n")


def _with_problems(document: Document, problems: tuple[Problem, ...]) -> Document:
    return replace(document, problems=problems + document.problems)
