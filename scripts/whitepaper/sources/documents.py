"""The document model of one Markdown page: front matter, citations, footnotes.

One parser reads the page: markdown-it (CommonMark, tables, footnotes) with pandoc's
citation syntax as inline rules. Every position is a character offset into
`Document.text`, with its 1-based line and column, exact enough to rewrite the
source by offsets.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline, image
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.footnote.index import footnote_ref

from whitepaper.sources.citation_syntax import RawCitation, citation_plugin
from whitepaper.sources.front_matter import read_front_matter
from whitepaper.sources.source_map import ContentMap, Problem, SourceLines, Span

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


@dataclass(frozen=True)
class FootnoteRef:
    label: str
    span: Span


@dataclass(frozen=True)
class FootnoteDef:
    label: str
    span: Span  # of the `[^label]:` marker
    text: str


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


_EMPTY_CITATION = (
    "lege bronvermelding: na '@' hoort de sleutel van een bibliografie-item",
    "schrijf [@sleutel], bijvoorbeeld [@stecco2018]",
)


def outermost(citations: Sequence[Citation]) -> list[Citation]:
    """Citations not inside another one (pandoc reads `[@a and @b]` as one, holding `@b`)."""
    kept: list[Citation] = []
    for citation in sorted(citations, key=lambda c: (c.span.start, -c.span.end)):
        if not kept or citation.span.start >= kept[-1].span.end:
            kept.append(citation)
    return kept


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
    tokens = _MARKDOWN.parse(lines.markdown_input(front.end_line), {})
    found = _Walk(lines)
    found.blocks(tokens)
    return Document(
        path=path,
        text=text,
        front_matter=front.data,
        citations=tuple(sorted(found.citations, key=lambda c: c.span.start)),
        footnote_refs=tuple(sorted(found.refs, key=lambda r: r.span.start)),
        footnote_defs=tuple(found.defs),
        problems=tuple(sorted((*front.problems, *found.problems), key=lambda p: p.span.start)),
        body_start=front.body_start,
    )


def _decode(data: bytes, errors: str) -> str:
    return data.decode("utf-8-sig", errors).replace("\r\n", "\n").replace("\r", "\n")


def _with_problems(document: Document, problems: tuple[Problem, ...]) -> Document:
    return replace(document, problems=problems + document.problems)


def _markdown_parser() -> MarkdownIt:
    # MkDocs admonitions indent their content by four spaces: no indented code blocks.
    md = MarkdownIt("commonmark", {"html": True}).enable("table").disable("code")
    md.use(footnote_plugin, inline=False, move_to_end=False, always_match_refs=True)
    md.use(citation_plugin)
    # footnote refs and images get their offsets recorded (image alt text is parsed apart)
    md.inline.ruler.at("footnote_ref", _recording_offsets(partial(footnote_ref, always_match=True)))
    md.inline.ruler.at("image", _recording_offsets(image))
    md.core.ruler.at("inline", _inline_where_needed)
    return md


def _inline_where_needed(state: StateCore) -> None:
    """markdown-it's inline stage, only for content that can hold a citation or footnote ref.

    Text without '@' or '^' yields no citation, empty citation or footnote reference, so its
    inline parse (half of all parsing time) would be thrown away.
    """
    for token in state.tokens:
        if token.type == "inline" and ("@" in token.content or "^" in token.content):
            token.children = []
            state.md.inline.parse(token.content, state.md, state.env, token.children)


def _recording_offsets(rule: Callable[..., bool]) -> Callable[..., bool]:
    """Wrap an inline rule so its token remembers where in the content it started."""

    def recorded(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        found = bool(rule(state, silent))
        if found and not silent and len(state.tokens) > count:
            state.tokens[-1].meta.update(start=start, end=state.pos)
        return found

    return recorded


_MARKDOWN = _markdown_parser()


# -- walking the tokens ------------------------------------------------------

_POSITIONED = frozenset({"citation_open", "citation_empty", "footnote_ref"})


@dataclass
class _OpenDefinition:
    label: str
    span: Span
    parts: list[str]


class _Walk:
    """Collects citations and footnotes from markdown-it's tokens, in file positions."""

    def __init__(self, lines: SourceLines) -> None:
        self.lines = lines
        self.citations: list[Citation] = []
        self.refs: list[FootnoteRef] = []
        self.defs: list[FootnoteDef] = []
        self.problems: list[Problem] = []
        self._open_defs: list[_OpenDefinition] = []
        self._cell_cursor: dict[int, int] = {}
        self._marker_cursor: dict[int, int] = {}

    def blocks(self, tokens: Sequence[Token]) -> None:
        previous = ""
        for token in tokens:
            if token.type == "footnote_reference_open" and token.map:
                self._open_definition(token.meta["label"], token.map[0])
            elif token.type == "footnote_reference_close" and self._open_defs:
                opened = self._open_defs.pop()
                self.defs.append(FootnoteDef(opened.label, opened.span, "\n".join(opened.parts)))
            elif token.type == "inline" and token.map:
                self._inline(token, in_cell=previous in ("th_open", "td_open"))
            previous = token.type
        self.defs.sort(key=lambda definition: definition.span.start)

    def _open_definition(self, label: str, line: int) -> None:
        marker = f"[^{label}]:"
        found = self.lines.content(line).find(marker, self._marker_cursor.get(line, 0))
        self._marker_cursor[line] = max(found, 0) + len(marker)
        start = self.lines.content_start(line) + max(found, 0)
        self._open_defs.append(
            _OpenDefinition(label, self.lines.span(start, start + len(marker)), [])
        )

    def _inline(self, token: Token, in_cell: bool) -> None:
        if self._open_defs:
            self._open_defs[-1].parts.append(token.content)
        positioned = list(_positioned(token.children or (), 0))
        if not (positioned or in_cell):
            return  # most paragraphs: nothing to place, so no line mapping either
        mapper = ContentMap(token, self.lines, self._cell_cursor if in_cell else None)
        for child, base in positioned:
            if child.type == "citation_open":
                self._citation(child.meta["citation"], base, token.content, mapper)
                continue
            span = mapper.span(base + child.meta["start"], base + child.meta["end"])
            if child.type == "footnote_ref":
                self.refs.append(FootnoteRef(child.meta["label"], span))
            else:
                self.problems.append(Problem("empty-citation", span, *_EMPTY_CITATION))

    def _citation(self, raw: RawCitation, base: int, content: str, mapper: ContentMap) -> None:
        items: list[CitationItem] = []
        for item in raw.items:
            span = mapper.span(base + item.start, base + item.end)
            if not item.key:  # @{} has no key: pandoc cites "", we flag it
                self.problems.append(Problem("empty-citation", span, *_EMPTY_CITATION))
                continue
            prefix = _words(content[base + item.prefix[0] : base + item.prefix[1]])
            suffix = _words(content[base + item.suffix[0] : base + item.suffix[1]])
            suffix = " " + suffix if suffix and item.suffix_spaced else suffix
            items.append(
                CitationItem(item.key, span, prefix, suffix, item.suppress_author, item.in_text)
            )
        if items:
            footnote = self._open_defs[-1].label if self._open_defs else None
            span = mapper.span(base + raw.start, base + raw.end)
            self.citations.append(Citation(span, tuple(items), raw.in_text, footnote, raw.bare_url))


def _positioned(children: Sequence[Token], base: int) -> Iterator[tuple[Token, int]]:
    """Tokens with positions, and the offset of their source within the inline content."""
    for child in children:
        if child.type in _POSITIONED:
            yield child, base
        elif child.type == "image" and child.children and "start" in child.meta:
            yield from _positioned(child.children, base + child.meta["start"] + 2)  # after '!['


def _words(text: str) -> str:
    """Whitespace and line breaks as one space, like pandoc's Space and SoftBreak."""
    return " ".join(word for word in text.replace("\t", " ").replace("\n", " ").split(" ") if word)
