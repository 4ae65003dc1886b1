"""The one Markdown parser of the check: markdown-it, shaped like MkDocs' Python-Markdown.

CommonMark with tables, footnotes and pandoc's citation syntax, plus the block structure of
the extensions in the project's mkdocs.yml that indent their content: admonitions and
collapsible blocks (`!!!`, `???`, `???+`), definition lists and footnotes take their content
indented by four spaces, so that content is text and only what is indented further is code,
as in Python-Markdown (and in pandoc, which reads no admonitions: it sees code there).

In a list item Python-Markdown, unlike CommonMark and pandoc, wants the content indented by
four spaces, whatever the marker's width: code there starts eight spaces in, and '- x' with
a paragraph six spaces in below it is text to Python-Markdown, which renders the page (see
`_code_as_python_markdown_reads_it`).

Blocks nest deep (a 200-fold `> ` quote is read whole, as Python-Markdown and pandoc read it);
inline constructs, which recurse in Python for each level, nest as markdown-it allows.
"""

from __future__ import annotations

import re
from collections.abc import Callable, MutableMapping
from functools import partial
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_block import StateBlock
from markdown_it.rules_core import StateCore, normalize
from markdown_it.rules_inline import StateInline, image
from markdown_it.token import Token
from mdit_py_plugins.admon import admon_plugin
from mdit_py_plugins.deflist import deflist_plugin
from mdit_py_plugins.footnote import footnote_plugin
from mdit_py_plugins.footnote.index import footnote_ref

from whitepaper.sources.citation_syntax import citation_plugin
from whitepaper.sources.pandoc_syntax import pandoc_syntax_plugin
from whitepaper.sources.python_markdown import link_rule
from whitepaper.sources.stray_markers import stray_marker_plugin

PYTHON_MARKDOWN_TAB = 4  # its tab_length: the indent of a list item's content
# Levels of quotes, lists and blocks read; deeper content is reported. WeasyPrint lays out
# nested boxes by recursion and fails on the PDF at about 100 nested lists or 150 quotes; a
# list is two levels here (the list, its item). Real pages nest five at most.
BLOCK_NESTING = 64
INLINE_NESTING = 20  # markdown-it's own limit for links, emphasis and citations in citations


def parse_blocks(text: str, env: MutableMapping[str, Any]) -> list[Token]:
    """The block tokens of `text`; inline tokens that can hold a citation get children."""
    return _BLOCKS.parse(text, env)


def parse_inline(text: str, env: MutableMapping[str, Any]) -> list[Token]:
    """The inline tokens of `text`, read as a paragraph's content."""
    children: list[Token] = []
    _INLINE.inline.parse(text, _INLINE, env, children)
    return children


def _markdown_parser(max_nesting: int) -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": True, "maxNesting": max_nesting}).enable("table")
    md.use(footnote_plugin, inline=False, move_to_end=False, always_match_refs=True)
    md.use(admon_plugin)
    md.use(deflist_plugin)
    md.use(citation_plugin)
    md.use(stray_marker_plugin)
    md.use(pandoc_syntax_plugin)  # after the strays: last to look at a '['
    # footnote refs and images get their offsets recorded (image alt text is parsed apart)
    footnote_refs = partial(footnote_ref, always_match=True)
    md.inline.ruler.at("footnote_ref", _recording_offsets(footnote_refs, "["))
    md.inline.ruler.at("image", _recording_offsets(image, "!"))
    md.inline.ruler.after("link", "python_markdown_link", link_rule)
    md.block.ruler.at("code", _code_as_python_markdown_reads_it)
    md.core.ruler.at("inline", _inline_where_needed)
    md.core.ruler.at("normalize", _normalize_where_needed)
    return md


def _code_as_python_markdown_reads_it(
    state: StateBlock, start: int, end: int, silent: bool
) -> bool:
    """An indented code block, where Python-Markdown reads one (markdown-it's `code` rule,
    with Python-Markdown's indent).

    In a list item it wants the content four spaces past the marker's level (markdown-it's
    content indent rounded up to a multiple of four: '- ' and '1. ' take four, a nested '- '
    at four takes eight), so code starts four further; the line of the marker is never code.
    After a list item's empty first line Python-Markdown goes on with the item, where
    CommonMark has ended it.
    """
    code_from = _code_indent(state)
    if state.sCount[start] < code_from or _after_empty_item(state, start):
        return False
    if state.src[state.bMarks[start] : state.bMarks[start] + state.tShift[start]].strip():
        return False  # a list item's first line, after its marker: text to Python-Markdown
    last = line = start + 1
    while line < end:
        if state.isEmpty(line):
            line += 1
        elif state.sCount[line] >= code_from:
            line += 1
            last = line
        else:
            break
    state.line = last
    token = state.push("code_block", "code", 0)
    token.content = state.getLines(start, last, 4 + state.blkIndent, False) + "\n"
    token.map = [start, state.line]
    return True


def _code_indent(state: StateBlock) -> int:
    """The indent at which a line is code, here."""
    tab, indent = PYTHON_MARKDOWN_TAB, state.blkIndent
    if 0 <= state.listIndent < indent:
        return -(-indent // tab) * tab + tab
    return indent + tab


def _after_empty_item(state: StateBlock, start: int) -> bool:
    """Whether blank lines and then a list item's marker alone come before `start`."""
    if state.blkIndent or state.sCount[start] >= 2 * PYTHON_MARKDOWN_TAB:
        return False
    before = start - 1
    while before >= 0 and state.isEmpty(before):
        before -= 1
    if before < 0 or before == start - 1:
        return False
    return bool(_EMPTY_ITEM.fullmatch(state.src[state.bMarks[before] : state.eMarks[before]]))


_EMPTY_ITEM = re.compile(r" {0,3}(?:[-*+]|[0-9]{1,9}[.)])[ \t]+")  # its marker wants a space


def _normalize_where_needed(state: StateCore) -> None:
    """markdown-it's normalize, only for text with a '\\r' or NUL: a page's lines come without
    them (`SourceLines.markdown_input`), and its substitutions would copy the page twice."""
    if "\r" in state.src or "\0" in state.src:
        normalize(state)


def _inline_where_needed(state: StateCore) -> None:
    """markdown-it's inline stage, only for content that can hold a citation or footnote ref.

    Text without '@' or '^' yields no citation, empty citation or footnote reference, so its
    inline parse (half of all parsing time) would be thrown away.
    """
    for token in state.tokens:
        if token.type == "inline" and ("@" in token.content or "^" in token.content):
            token.children = parse_inline(token.content, state.env)


def _recording_offsets(rule: Callable[..., bool], first: str) -> Callable[..., bool]:
    """Wrap an inline rule so its token remembers where in the content it started; the rule
    is not asked where the character it starts with (`first`) is not."""

    def recorded(state: StateInline, silent: bool) -> bool:
        if state.src[state.pos] != first:  # every rule of the chain runs at every mark
            return False
        start, count = state.pos, len(state.tokens)
        found = bool(rule(state, silent))
        if found and not silent and len(state.tokens) > count:
            state.tokens[-1].meta.update(start=start, end=state.pos)
        return found

    return recorded


_BLOCKS = _markdown_parser(BLOCK_NESTING)
_INLINE = _markdown_parser(INLINE_NESTING)
