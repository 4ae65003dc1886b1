"""Pandoc's Markdown that Python-Markdown, MkDocs' renderer, shows as written: a bracketed span
`[English words]{lang=en}` and a fenced div's line (`::: {lang=en}`, `::: note`, `:::`).

Each is a markdown-it inline rule that pushes a token with its offsets in `meta` and takes
nothing away from the text around it (like `stray_markers`). The span rule comes after every
rule that makes something of a '[': a link (`[text](address){…}`, a reference `[text][ref]{…}`
or `[ref]{…}` whose definition exists: attr_list puts those attributes on the link), an image,
a citation, a footnote reference (attr_list's again), and an escaped '\\[' never reach it. A
'[' whose matching ']' is followed at once by `{…}` (attr_list's own pattern) is a span; the
braces show on the page. Code spans and raw HTML are tokens of their own, so never text here.

A fence is a line of pandoc's form: three colons or more, then attributes or one word, then
colons at most. Where the line stands (a paragraph, not a heading or a cell) is the walk's
business (`syntax_walk`).
"""

from __future__ import annotations

import re

from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from whitepaper.sources.python_markdown import label_end_at

SPAN, FENCE = "pandoc_span", "pandoc_fence"
# pandoc's divFenced / divFenceEnd: ':::', more colons, attributes or one word, colons; possessive,
# so a long line that is no fence fails at once
_FENCE = re.compile(r":{3,}+[ \t]*+(?:\{[^}\n]*+\}|[^\s{}:]\S*+)?[ \t]*+:*+[ \t]*+")


def pandoc_syntax_plugin(md: MarkdownIt) -> None:
    md.inline.ruler.push(SPAN, bracketed_span_rule)
    md.inline.ruler.push(FENCE, fenced_div_rule)


def bracketed_span_rule(state: StateInline, silent: bool) -> bool:
    """'[text]{attributes}' here, where nothing made a link or citation of the '['."""
    pos = state.pos
    if silent or state.src[pos] != "[":
        return False
    label_end = label_end_at(state, pos)
    finds: Finds = vars(state).setdefault("_attribute_finds", {})
    end = attributes_end(state.src, label_end + 1, state.posMax, finds) if label_end > 0 else None
    if end is None:
        return False
    _push(state, SPAN, pos, end).meta["text_end"] = label_end
    return True


Finds = dict[tuple[str, int], tuple[int, int]]  # (char, limit) → (searched from, found at)


def attributes_end(src: str, brace: int, limit: int, finds: Finds) -> int | None:
    """The end of attr_list's `{…}` at `brace` (python_markdown.ATTRIBUTES: braces on one line
    holding more than spaces), in time linear in the text however many '{' it holds: `finds`
    remembers the searches of one text."""
    if not src.startswith("{", brace, limit):
        return None
    close, newline = _next(src, "}", brace, limit, finds), _next(src, "\n", brace, limit, finds)
    if close < 0 or 0 <= newline < close:
        return None
    inner = brace + 1
    while src[inner] == " ":
        inner += 1
    return close + 1 if inner < close else None


def _next(src: str, char: str, pos: int, limit: int, finds: Finds) -> int:
    """`src.find(char, pos, limit)`: where the last search started and what it found answer
    every later position up to that find."""
    start, at = finds.get((char, limit), (-1, -1))
    if not (0 <= start <= pos and (at < 0 or at >= pos)):
        start, at = pos, src.find(char, pos, limit)
        finds[(char, limit)] = (start, at)
    return at


def fenced_div_rule(state: StateInline, silent: bool) -> bool:
    """A line that is a fence of pandoc's fenced div, from its first colon."""
    src, pos = state.src, state.pos
    if silent or not src.startswith(":::", pos, state.posMax):
        return False
    line_start = pos
    while line_start > 0 and src[line_start - 1] in " \t":
        line_start -= 1
    if line_start > 0 and src[line_start - 1] != "\n":
        return False
    line_end = src.find("\n", pos, state.posMax)
    line_end = state.posMax if line_end < 0 else line_end
    if not _FENCE.fullmatch(src, pos, line_end):
        return False
    _push(state, FENCE, pos, pos + len(src[pos:line_end].rstrip()))
    return True


def _push(state: StateInline, kind: str, start: int, end: int) -> Token:
    """A token of `kind` at start..end; its first character goes on as text."""
    token = state.push(kind, "", 0)
    token.meta = {"start": start, "end": end}
    state.pending += state.src[start]
    state.pos = start + 1
    return token
