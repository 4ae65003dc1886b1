"""The walk over markdown-it's tokens of a page: citations and footnotes in file positions,
and the problems of citation syntax where the site cannot show it or would show it as written.

Each inline token is read with where it stands: a heading (Python-Markdown's headings too:
the site shows a citation there as plain text), a link's or image's text, an abbreviation's
definition or an attribute list (`python_markdown`: a problem there), or the text of a raw
HTML block (`html_text`: pandoc reads Markdown there, Python-Markdown keeps the block, and a
placeholder in it is shown all the same).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from markdown_it.token import Token

from whitepaper.sources import citation_problems as says
from whitepaper.sources.citation_syntax import RawCitation
from whitepaper.sources.html_text import text_runs
from whitepaper.sources.markdown_reader import BLOCK_NESTING, parse_blocks, parse_inline
from whitepaper.sources.page_parts import Citation, CitationItem, FootnoteDef, FootnoteRef
from whitepaper.sources.python_markdown import BLOCK_OF_TOKEN, Block, taken_away
from whitepaper.sources.source_map import ContentMap, Problem, SourceLines, Span

_POSITIONED = frozenset({"citation_open", "citation_empty", "citation_stray", "footnote_ref"})


@dataclass
class _OpenDefinition:
    label: str
    span: Span
    parts: list[str]


class PageWalk:
    """Collects citations and footnotes from markdown-it's tokens, in file positions."""

    def __init__(self, lines: SourceLines) -> None:
        self.lines = lines
        self.env: dict[str, Any] = {}  # markdown-it's: reference definitions, footnotes
        self.citations: list[Citation] = []
        self.refs: list[FootnoteRef] = []
        self.defs: list[FootnoteDef] = []
        self.problems: list[Problem] = []
        self._open_defs: list[_OpenDefinition] = []
        self._cell_cursor: dict[int, int] = {}
        self._marker_cursor: dict[int, int] = {}
        self._too_deep = False

    def blocks(self, tokens: Sequence[Token]) -> None:
        block: Block = "paragraph"
        for token in tokens:
            kind = token.type
            if kind == "inline":  # first: most tokens are
                if token.map:
                    self._inline(token, block)
            elif kind == "footnote_reference_open" and token.map:
                self._open_definition(token.meta["label"], token.map[0])
            elif kind == "footnote_reference_close" and self._open_defs:
                opened = self._open_defs.pop()
                self.defs.append(FootnoteDef(opened.label, opened.span, "\n".join(opened.parts)))
            elif (
                kind == "html_block"
                and token.map
                and ("@" in token.content or "^" in token.content)
            ):
                self._html(token)
            if token.nesting == 1 and token.level >= BLOCK_NESTING - 1 and token.map:
                self._nested_too_deep(token.map[0])
            block = BLOCK_OF_TOKEN.get(kind, "paragraph")
        self.defs.sort(key=lambda definition: definition.span.start)

    def _open_definition(self, label: str, line: int) -> None:
        marker = f"[^{label}]:"
        found = self.lines.content(line).find(marker, self._marker_cursor.get(line, 0))
        self._marker_cursor[line] = max(found, 0) + len(marker)
        start = self.lines.content_start(line) + max(found, 0)
        self._open_defs.append(
            _OpenDefinition(label, self.lines.span(start, start + len(marker)), [])
        )

    def _nested_too_deep(self, line: int) -> None:
        if not self._too_deep:
            self._too_deep = True
            start = self.lines.content_start(line)
            self.problems.append(
                Problem("nesting-too-deep", self.lines.span(start, start + 1), *says.TOO_DEEP)
            )

    def _inline(self, token: Token, block: Block) -> None:
        if self._open_defs:
            self._open_defs[-1].parts.append(token.content)
        if not (token.children or block == "cell"):
            return  # not read inline (no '@' or '^'): nothing to place, no line mapping
        positioned = list(_positioned(token.children or (), 0))
        if not (positioned or block == "cell"):
            return  # only an e-mail address or the like: nothing to place either
        mapper = ContentMap(token, self.lines, self._cell_cursor if block == "cell" else None)
        away = list(taken_away(token.content, block)) if positioned else []
        if block == "heading":
            away.append((0, len(token.content), "heading"))
        self._place(positioned, token.content, mapper, away)

    def _html(self, token: Token) -> None:
        """Citations in the text of a raw HTML block; its Markdown (md_in_html) read as blocks."""
        mapper = ContentMap(token, self.lines, None)
        assert token.map is not None
        for run in text_runs(token.content):
            text = token.content[run.start : run.end]
            if run.kind == "markdown":
                line = token.map[0] + token.content.count("\n", 0, run.start)
                self.blocks(parse_blocks("\n" * line + text, self.env))
                continue
            if "@" not in text and "^" not in text:
                continue
            context = "link" if run.kind == "link" else ""
            children = parse_inline(text, self.env)
            positioned = _positioned(children, run.start, context, rendered=False)
            self._place(list(positioned), token.content, mapper, [], raw=True)

    def _place(
        self,
        positioned: Sequence[tuple[Token, int, str]],
        content: str,
        mapper: ContentMap,
        away: Sequence[tuple[int, int, str]],
        raw: bool = False,
    ) -> None:
        inside = 0  # the end of the outermost citation being read: those in it are its part
        place_of = Places(away)
        for child, base, context in positioned:
            start, end = _range(child, base)
            where = context or place_of(start)
            if child.type == "citation_open":
                nested, inside = start < inside, max(inside, end)
                self._citation(child.meta["citation"], base, content, mapper, where, nested)
                continue
            span = mapper.span(start, end)
            if child.type == "footnote_ref":
                self.refs.append(FootnoteRef(child.meta["label"], span))
                if raw:
                    self.problems.append(
                        Problem("misplaced-citation", span, *says.FOOTNOTE_IN_HTML)
                    )
            elif child.type == "citation_empty":
                self.problems.append(Problem("empty-citation", span, *says.EMPTY_CITATION))
            elif where != "alt":  # a stray in alt text is an attribute: not shown as text
                self.problems.append(
                    Problem("broken-citation", span, *says.stray(content, start, end))
                )

    def _citation(
        self,
        raw: RawCitation,
        base: int,
        content: str,
        mapper: ContentMap,
        where: str,
        nested: bool,
    ) -> None:
        items: list[CitationItem] = []
        for item in raw.items:
            span = mapper.span(base + item.start, base + item.end)
            if not item.key:  # @{} has no key: pandoc cites "", we flag it
                self.problems.append(Problem("empty-citation", span, *says.EMPTY_CITATION))
                continue
            prefix = _words(content, base + item.prefix[0], base + item.prefix[1])
            suffix = _words(content, base + item.suffix[0], base + item.suffix[1])
            suffix = " " + suffix if suffix and item.suffix_spaced else suffix
            items.append(
                CitationItem(item.key, span, prefix, suffix, item.suppress_author, item.in_text)
            )
        if not items:
            return
        footnote = self._open_defs[-1].label if self._open_defs else None
        span = mapper.span(base + raw.start, base + raw.end)
        heading = where == "heading"
        citation = Citation(span, tuple(items), raw.in_text, footnote, raw.bare_url, heading)
        self.citations.append(citation)
        if where in says.MISPLACED and not nested:
            self.problems.append(Problem("misplaced-citation", span, *says.MISPLACED[where]))


class Places:
    """Where an offset stands: the place of the first of `ranges` (start, end, place) that holds
    it, else ''. Looked up by bisection, for a paragraph may hold thousands of citations and
    as many attribute lists: a scan of every range for every citation would grow with both.

    `ranges` comes as runs each sorted and apart (what each pattern of `taken_away` finds):
    each run is bisected in turn, the first that holds the offset wins, as in a scan."""

    def __init__(self, ranges: Sequence[tuple[int, int, str]]) -> None:
        self.runs: list[tuple[list[int], list[tuple[int, int, str]]]] = []
        for found in ranges:
            run = self.runs[-1][1] if self.runs else None
            if run is None or found[0] < run[-1][1]:  # before the last one's end: a new run
                self.runs.append(([], []))
            self.runs[-1][0].append(found[0])
            self.runs[-1][1].append(found)

    def __call__(self, offset: int) -> str:
        for starts, run in self.runs:
            index = bisect_right(starts, offset) - 1
            if index >= 0 and offset < run[index][1]:
                return run[index][2]
        return ""


def _range(child: Token, base: int) -> tuple[int, int]:
    """Where a positioned token's source is, in its inline content."""
    if child.type == "citation_open":
        raw: RawCitation = child.meta["citation"]
        return base + raw.start, base + raw.end
    return base + child.meta["start"], base + child.meta["end"]


def _positioned(
    children: Sequence[Token], base: int, context: str = "", rendered: bool = True
) -> Iterator[tuple[Token, int, str]]:
    """Tokens with positions, the offset of their source within the inline content, and
    where they stand: '' (text), 'link' (a link's text) or 'alt' (an image's alt text).

    Not `rendered` (in a raw HTML block, which Python-Markdown keeps as written), a Markdown
    link or image is text like the rest: `context` holds throughout."""
    links = 0
    for child in children:
        if child.type in _POSITIONED:
            yield child, base, "link" if links and not context else context
        elif child.type == "image" and child.children and "start" in child.meta:
            alt = "alt" if rendered else context
            inner = base + child.meta["start"] + 2  # after '!['
            yield from _positioned(child.children, inner, alt, rendered)
        elif not rendered:
            continue
        elif child.type == "link_open":
            links += 1
        elif child.type == "link_close":
            links = max(links - 1, 0)
        elif child.type == "html_inline":  # an <a> tag of raw HTML opens or closes a link too
            if _html_tag(child, "<a"):
                links += 1
            elif _html_tag(child, "</a"):
                links = max(links - 1, 0)


def _html_tag(child: Token, start: str) -> bool:
    """Whether `child` is raw HTML starting with `start` ('<a', '</a'), then a space or '>'."""
    written = child.content.lower()
    return (
        child.type == "html_inline"
        and written.startswith(start)
        and written[len(start) : len(start) + 1] in (" ", ">", "\t", "\n", "/")
    )


def _words(content: str, start: int, end: int) -> str:
    """`content[start:end]`, whitespace and line breaks as one space, like pandoc's Space and
    SoftBreak."""
    if start >= end:  # most prefixes and suffixes are empty
        return ""
    words = content[start:end].replace("\t", " ").replace("\n", " ").split(" ")
    return " ".join([word for word in words if word])
