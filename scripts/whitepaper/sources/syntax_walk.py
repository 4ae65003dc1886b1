"""The walk over a page's tokens for pandoc's syntax that the site shows as written
(`pandoc_syntax`'s tokens, and braces right after a citation): `unsupported-syntax` problems.

The page's parse reads inline only what can hold a citation (`markdown_reader`); an inline
token that could hold a span (`]{`) or a fence (`:::`) is read here, with the page's reference
definitions, so `[ref]{lang=en}` is a link where `[ref]: …` defines one, as in Python-Markdown.
md_in_html's Markdown in a raw HTML block is read as blocks, as `page_walk` reads it; the rest
of a raw HTML block is HTML, and pandoc's Markdown is not expected there.
"""

from __future__ import annotations

from collections.abc import Iterator, MutableMapping, Sequence
from typing import Any

from markdown_it.token import Token

from whitepaper.sources import syntax_problems as says
from whitepaper.sources.html_text import text_runs
from whitepaper.sources.markdown_reader import parse_blocks, parse_inline
from whitepaper.sources.pandoc_syntax import FENCE, SPAN, Finds, attributes_end
from whitepaper.sources.python_markdown import BLOCK_OF_TOKEN, Block
from whitepaper.sources.source_map import ContentMap, Problem, SourceLines


def unsupported_syntax(
    tokens: Sequence[Token], lines: SourceLines, env: MutableMapping[str, Any]
) -> list[Problem]:
    """The `unsupported-syntax` problems of a page's block tokens, in the order found."""
    walk = _SyntaxWalk(lines, env)
    walk.blocks(tokens)
    return walk.problems


def _may_hold(text: str) -> bool:
    """Whether `text` can hold a span, a fence or braces after a citation (`@a{…}` too)."""
    return "]{" in text or ":::" in text or ("@" in text and "{" in text)


class _SyntaxWalk:
    def __init__(self, lines: SourceLines, env: MutableMapping[str, Any]) -> None:
        self.lines = lines
        self.env = env
        self.problems: list[Problem] = []
        self._cell_cursor: dict[int, int] = {}

    def blocks(self, tokens: Sequence[Token]) -> None:
        block: Block = "paragraph"
        for token in tokens:
            if (
                token.type == "inline"
                and token.map
                and (block == "cell" or _may_hold(token.content))
            ):
                self._inline(token, block)
            elif token.type == "html_block" and token.map and _may_hold(token.content):
                self._html(token)
            block = BLOCK_OF_TOKEN.get(token.type, "paragraph")

    def _inline(self, token: Token, block: Block) -> None:
        # a cell's place is found from where the cell before it ended: each cell is mapped
        mapper = ContentMap(token, self.lines, self._cell_cursor if block == "cell" else None)
        if not _may_hold(token.content):
            return
        children = token.children or parse_inline(token.content, self.env)
        for start, end, said in _found(children, token.content, block):
            self.problems.append(Problem("unsupported-syntax", mapper.span(start, end), *said))

    def _html(self, token: Token) -> None:
        assert token.map is not None
        for run in text_runs(token.content):
            if run.kind == "markdown":
                line = token.map[0] + token.content.count("\n", 0, run.start)
                text = token.content[run.start : run.end]
                self.blocks(parse_blocks("\n" * line + text, self.env))


def _found(
    children: Sequence[Token], content: str, block: Block
) -> Iterator[tuple[int, int, says.Said]]:
    """(start, end, what to say) of each piece of pandoc's syntax in an inline token."""
    finds: Finds = {}
    for child in children:
        if child.type == SPAN:
            start, end = child.meta["start"], child.meta["end"]
            yield start, end, says.span(content[start:end], child.meta["text_end"] - start)
        elif child.type == FENCE and block == "paragraph":
            start, end = child.meta["start"], child.meta["end"]
            yield start, end, says.fence(content[start:end])
        elif child.type == "citation_open":
            end = child.meta["citation"].end
            if braces_end := attributes_end(content, end, len(content), finds):
                yield end, braces_end, says.after_citation(content[end:braces_end])
