"""What the parse of a page finds in it: citations and their items, footnote references and
definitions, each at its place (`Span`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from whitepaper.sources.source_map import Span


@dataclass(frozen=True)
class CitationItem:
    key: str
    span: Span  # '@' (or '-@') to the end of the key
    prefix: str = ""
    suffix: str = ""
    suppress_author: bool = False
    in_text: bool = False  # this item is pandoc's AuthorInText


@dataclass(frozen=True)
class Citation:
    span: Span
    items: tuple[CitationItem, ...]
    in_text: bool  # written without enclosing brackets: @a, -@a, @a [p. 4]
    footnote: str | None = None
    bare_url: bool = False
    in_heading: bool = False  # the site shows it as plain text: a heading makes an id and a TOC


@dataclass(frozen=True)
class FootnoteRef:
    label: str
    span: Span


@dataclass(frozen=True)
class FootnoteDef:
    label: str
    span: Span  # of the `[^label]:` marker
    text: str


def outermost(citations: Sequence[Citation]) -> list[Citation]:
    """Citations not inside another one (pandoc reads `[@a and @b]` as one, holding `@b`)."""
    kept: list[Citation] = []
    for citation in sorted(citations, key=lambda c: (c.span.start, -c.span.end)):
        if not kept or citation.span.start >= kept[-1].span.end:
            kept.append(citation)
    return kept
