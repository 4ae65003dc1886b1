"""Where Python-Markdown, MkDocs' renderer, takes away text that markdown-it reads as text.

With the extensions of the project's mkdocs.yml, some lines and braces never reach the page as
text: `*[HTML]: …` defines an abbreviation (abbr: the definition becomes a tooltip), and `{…}`
at the end of a heading, term or cell, on the last line of a block, or right after an element
is an attribute list (attr_list: it becomes attributes). And a line that starts with '#' is a
heading, without the space CommonMark wants after it. Each rule is the extension's own regular
expression; ranges are offsets into the content of one markdown-it inline token. And a link's
address may hold spaces (`link_rule`), so `[text @a](pad met spatie)` is a link all the same.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Literal

from markdown_it.helpers import parseLinkLabel
from markdown_it.rules_inline import StateInline

Place = Literal["abbreviation", "attributes", "heading"]
Block = Literal["paragraph", "heading", "cell", "term", "title"]
# The block a markdown-it token opens, as Python-Markdown renders its inline text; any other
# is a paragraph.
BLOCK_OF_TOKEN: Mapping[str, Block] = {
    "heading_open": "heading",
    "th_open": "cell",
    "td_open": "cell",
    "dt_open": "term",
    "admonition_title_open": "title",
}

# abbr's AbbrBlockprocessor.RE: a definition may take any line of a block
_ABBREVIATION = re.compile(r"^[*]\[[^\\]*?\][ ]?:[ ]*\n?[ ]*.*$", re.MULTILINE)
# attr_list's BASE_RE, up to the first '}': where one is inside, attr_list takes nothing
ATTRIBUTES = r"\{:?[ ]*[^}\n ][^}\n]*\}"
_AT_END = re.compile(rf"[ ]+({ATTRIBUTES})[ ]*$")  # HEADER_RE: headings, terms, cells
_ON_LAST_LINE = re.compile(rf"\n[ ]*({ATTRIBUTES})[ ]*$")  # BLOCK_RE: every other block
_AFTER_ELEMENT = re.compile(rf"(?<=[*_`)\]>~])({ATTRIBUTES})")  # INLINE_RE, on an element's tail
# HashHeaderProcessor: '#' at the start of any line of a block makes that line a heading
_HASH_HEADING = re.compile(r"^#.*$", re.MULTILINE)


def taken_away(content: str, block: Block) -> Iterator[tuple[int, int, Place]]:
    """The ranges of `content` (of a `block`) that Python-Markdown does not show as text."""
    # Each pattern needs its first characters in the content: most content has none of them,
    # and a test for them is far cheaper than the search (this runs for most inline tokens).
    if block == "paragraph":
        for found in _ABBREVIATION.finditer(content) if "*[" in content else ():
            yield found.start(), found.end(), "abbreviation"
        for found in _HASH_HEADING.finditer(content) if "#" in content else ():
            yield found.start(), found.end(), "heading"
    if "{" not in content:
        return
    at_end = _AT_END if block in ("heading", "cell", "term") else _ON_LAST_LINE
    if block != "title" and (last := at_end.search(content)):
        yield last.start(1), last.end(1), "attributes"
    for after in _AFTER_ELEMENT.finditer(content):
        yield after.start(1), after.end(1), "attributes"


def label_end_at(state: StateInline, pos: int, disable_nested: bool = False) -> int:
    """markdown-it's parseLinkLabel, remembered per position and limit: every '[' of a run
    of them would otherwise scan the rest of the text again (a cubic time on '[@; ' * n)."""
    key = (pos, state.posMax, disable_nested)
    labels: dict[tuple[int, int, bool], int] = vars(state).setdefault("_label_ends", {})
    if key not in labels:
        labels[key] = parseLinkLabel(state, pos, disable_nested)
    return labels[key]


def link_end(state: StateInline, start: int) -> int | None:
    """The end of `[text](address)` at `start` as Python-Markdown reads a link: any address
    up to the ')' that closes its '(', spaces included (CommonMark takes none, pandoc some)."""
    if state.src[start] != "[":
        return None
    label_end = label_end_at(state, start, True)
    if label_end < 0 or not state.src.startswith("(", label_end + 1):
        return None
    depth, end, src = 0, label_end + 1, state.src
    while end < state.posMax:
        if src[end] == "\\":  # an escaped parenthesis closes nothing
            end += 2
            continue
        depth += {"(": 1, ")": -1}.get(src[end], 0)
        if depth == 0:
            return end + 1
        end += 1
    return None


def link_rule(state: StateInline, silent: bool) -> bool:
    """A link (or an image, after '!') CommonMark's rules refused and Python-Markdown makes:
    its text is tokenized as a link's is, so a citation in it is known to stand there."""
    start = state.pos
    end = link_end(state, start)
    if end is None:
        return False
    if not silent:
        label_end = label_end_at(state, start, True)
        image = start > 0 and state.src[start - 1] == "!"
        if image:
            token = state.push("image", "img", 0)
            token.meta = {"start": start - 1, "end": end}
            token.children = []
            state.md.inline.parse(
                state.src[start + 1 : label_end], state.md, state.env, token.children
            )
        else:
            state.push("link_open", "a", 1)
            old_max, state.posMax, state.pos = state.posMax, label_end, start + 1
            state.linkLevel += 1
            state.md.inline.tokenize(state)
            state.linkLevel -= 1
            state.posMax = old_max
            state.push("link_close", "a", -1)
    state.pos = end
    return True
