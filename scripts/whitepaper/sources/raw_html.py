"""The markup of a page that reaches its HTML as written, each piece at its place in the page:
start tags of raw HTML, the addresses of links, images and reference definitions, and
attribute lists (`{: … }`). The check judges them by `html_policy` (issue 13).

The page parser (documents.py) hands over its block tokens and its environment (the reference
definitions); this module reads them as the site's renderer, Python-Markdown, will: every link
is a link with its address as written (markdown-it drops a `javascript:` link to text and
percent-encodes the rest; Python-Markdown writes both), a reference definition counts on any
line of a paragraph, raw HTML in running text is what Python-Markdown's inline HTML pattern
takes, and the text of an element with a `markdown` attribute is Markdown (md_in_html). What a
reading of the source still cannot see, the build's guard on the rendered page refuses all the
same (`html_policy.ensure_safe_html`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from html import unescape
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.rules_inline import (
    StateInline,
    autolink,
    backtick,
    escape,
    html_inline,
    image,
    link,
)
from markdown_it.token import Token

from whitepaper.html_scan import Irregular, MarkdownText, Tag, element_end, scan
from whitepaper.sources.python_markdown import BLOCK_OF_TOKEN, Block, taken_away
from whitepaper.sources.source_map import ContentMap, SourceLines, Span

Kind = Literal["html", "link", "image", "definition", "attributes", "irregular"]
ToFile = Callable[[int], int]  # an offset in a token's content -> its offset in the page
Found = tuple[str, str | None, int]  # an attribute's name, value and offset in the page


@dataclass(frozen=True)
class MarkupAttribute:
    name: str  # lower case
    value: str | None  # entities decoded, as the browser reads it
    span: Span  # where its name (or a link's address) starts


@dataclass(frozen=True)
class Markup:
    """One piece: raw HTML's start tag (`name` its element); a link or a reference definition
    (`a`, with its `href`); an image (`img`, its `src`); an attribute list (`name` ''); or
    HTML a browser could read otherwise than the check (`name` 'comment', 'declaration' or
    'tag')."""

    kind: Kind
    name: str
    attributes: tuple[MarkupAttribute, ...]
    span: Span  # where it starts


# What the renderer takes for inline HTML and for a reference definition: Python-Markdown's own
# patterns (inlinepatterns.HTML_RE, blockprocessors.ReferenceProcessor.RE); its attribute lists
# are python_markdown.taken_away's.
_INLINE_HTML = re.compile(r"<(\/?[a-zA-Z][^<>@ ]*( [^<>]*)?|!--(?:(?!<!--|-->).)*--)>")
_DEFINITION = re.compile(
    r"^[ ]{0,3}\[([^\[\]]*)\]:[ ]*(?:\n[ ]*)?([^\s]+)"
    r"""[ ]*(?:\n[ ]*)?((["'])(.*)\4[ ]*|\((.*)\)[ ]*)?$""",
    re.M,
)
_LIST_ITEM = re.compile(  # attr_list's scanner: `key="value"`, `key='value'`, `key=value`, words
    r"""(?P<pair>[^ =}]+=(?:".*?"|'.*?'|[^ =}]+))|(?P<word>[^ =}]+)|(?P<space> )"""
)
# Python-Markdown's block_level_elements: such an element at a line's start begins raw HTML
_RAW_BLOCKS = frozenset(
    "address article aside blockquote details div dl fieldset figcaption figure footer form h1"
    " h2 h3 h4 h5 h6 header hgroup hr main menu nav ol p pre section table ul canvas colgroup dd"
    " body dt group html iframe li legend math map noscript output object option progress"
    " script style summary tbody td textarea tfoot th thead tr video center".split()
)


def page_markup(
    tokens: Sequence[Token], env: Mapping[str, object], lines: SourceLines
) -> tuple[Markup, ...]:
    """Every piece of markup in a page, from markdown-it's block tokens and environment."""
    found = _Collector(lines)
    found.blocks(tokens)
    found.known_definitions(env)
    return tuple(sorted(found.items, key=lambda markup: markup.span.start))


def _reader() -> MarkdownIt:
    """markdown-it as a reader of links, code spans, escapes and inline HTML, with offsets,
    keeping every address as written."""
    md = MarkdownIt("commonmark", {"html": True})
    md.validateLink = lambda url: True  # type: ignore[method-assign]
    md.normalizeLink = lambda url: url  # type: ignore[method-assign]
    md.core.ruler.disable("text_join")  # it would merge an escape into the text around it
    for name, rule in (
        ("backticks", backtick),
        ("escape", escape),
        ("autolink", autolink),
        ("html_inline", html_inline),
    ):
        md.inline.ruler.at(name, _recorded(rule))
    md.inline.ruler.at("link", _recorded(link, text_from=0))
    md.inline.ruler.at("image", _recorded(image, text_from=1))
    return md


def _recorded(rule: Callable[..., bool], text_from: int | None = None) -> Callable[..., bool]:
    """`rule`, its first token remembering where it started and ended in the content, and
    for a link or image where its text ends."""

    def recorded(state: StateInline, silent: bool) -> bool:
        # The rule's first push turns text pending before it into a token of its own first.
        start, count = state.pos, len(state.tokens) + bool(state.pending)
        found = bool(rule(state, silent))
        if found and not silent and len(state.tokens) > count:
            end, text_end = state.pos, -1
            if text_from is not None:  # as the rule found it (it leaves pos after the link)
                text_end = state.md.helpers.parseLinkLabel(state, start + text_from, not text_from)
            state.tokens[count].meta.update(start=start, end=end, text_end=text_end)
        return found

    return recorded


_READER = _reader()


class _Collector:
    def __init__(self, lines: SourceLines) -> None:
        self.lines = lines
        self.items: list[Markup] = []
        self._cell_cursor: dict[int, int] = {}

    def add(self, kind: Kind, name: str, at: int, attributes: Sequence[Found] = ()) -> None:
        found = (MarkupAttribute(key, value, self._at(where)) for key, value, where in attributes)
        self.items.append(Markup(kind, name, tuple(found), self._at(at)))

    def _at(self, offset: int) -> Span:
        return self.lines.span(offset, offset + 1)

    def blocks(self, tokens: Sequence[Token]) -> None:
        block: Block = "paragraph"
        raw_until = -1  # the line after a raw HTML block as Python-Markdown reads it
        for token in tokens:
            if token.map and token.map[0] < raw_until:
                continue  # raw HTML to Python-Markdown, whatever markdown-it made of it
            if token.type == "html_block" and token.map:
                self.html(token.content, ContentMap(token, self.lines, None).offset)
                raw_until = self.raw_block(token, token.map[1])
            elif token.type == "inline" and token.map and _read(token.content, block):
                cursor = self._cell_cursor if block == "cell" else None  # advanced cell by cell
                self.inline(token.content, ContentMap(token, self.lines, cursor).offset, block)
            block = BLOCK_OF_TOKEN.get(token.type, "paragraph")

    def html(self, html: str, to_file: ToFile) -> None:
        """Raw HTML: each start tag; text md_in_html renders as Markdown, read as Markdown."""
        for item in scan(html):
            if isinstance(item, Tag):
                found = [(a.name, a.value, to_file(a.offset)) for a in item.attributes]
                self.add("html", item.name, to_file(item.offset), found)
            elif isinstance(item, Irregular):
                self.add("irregular", item.what, to_file(item.offset))
            elif isinstance(item, MarkdownText):
                for start, chunk in _paragraphs(item.text):
                    block: Block = "heading" if chunk.startswith("#") else "paragraph"
                    self.inline(chunk, _shifted(to_file, item.offset + start), block)

    def raw_block(self, token: Token, after: int) -> int:
        """Python-Markdown keeps a block-level element's HTML raw up to its end tag, across the
        blank lines where markdown-it's HTML block ends: read the lines from `after` up to that
        end tag as raw HTML too. The line after them, or -1 when the block ends in `token`."""
        first = next(iter(scan(token.content)), None)
        if (
            not isinstance(first, Tag)
            or first.name not in _RAW_BLOCKS
            or token.content[: first.offset].strip()
            or any(attribute.name == "markdown" for attribute in first.attributes)
            or element_end(token.content.split("\n"), first.name) is not None
        ):
            return -1
        following = (self.lines.content(i) for i in range(after, len(self.lines)))
        line, _ = element_end(following, first.name, 1) or (len(self.lines) - after, 0)
        if after < len(self.lines):  # the end tag's whole line: what follows it is HTML too
            end = min(after + line + 1, len(self.lines))
            raw = "\n".join(self.lines.content(i) for i in range(after, end))
            self.html(raw, _shifted(lambda offset: offset, self.lines.content_start(after)))
        return after + line + 1

    def inline(self, content: str, to_file: ToFile, block: Block) -> None:
        """Running text: links and images, inline HTML, definitions, attribute lists."""
        if not _triggered(content):
            return
        blanked = self.links(content, to_file)
        for match in _INLINE_HTML.finditer(blanked):
            self.html_fragment(match.group(), match.start(), to_file)
        if "]:" in content:
            for where, address in _definitions(blanked):
                self.add("definition", "a", to_file(where), [("href", address, to_file(where))])
        for start, end, place in taken_away(content, block) if "{" in blanked else ():
            if place == "attributes" and blanked[start] == "{":  # not in a code span, say
                found = _attribute_list(content[start:end])
                attributes = [(name, value, to_file(start + at)) for name, value, at in found]
                self.add("attributes", "", to_file(start), attributes)

    def links(self, content: str, to_file: ToFile) -> str:
        """Each link's and image's address; and the content with what Python-Markdown takes
        before its inline HTML blanked out: code spans, escapes, autolinks, addresses."""
        blanked = list(content)
        for child in _READER.parseInline(content, {})[0].children or []:
            if "start" not in child.meta:
                continue
            start, end = child.meta["start"], child.meta["end"]
            if child.type in ("link_open", "image"):
                element, attribute = ("a", "href") if child.type == "link_open" else ("img", "src")
                kind: Kind = "link" if element == "a" else "image"
                address = str(child.attrs.get(attribute, ""))
                self.add(kind, element, to_file(start), [(attribute, address, to_file(start))])
                if child.type == "link_open" and child.markup != "autolink":
                    start = child.meta["text_end"]  # the link's text is read on
            elif child.type == "html_inline":
                continue
            blanked[start:end] = " " * (end - start)
        return "".join(blanked)

    def html_fragment(self, fragment: str, start: int, to_file: ToFile) -> None:
        for item in scan(fragment):
            if isinstance(item, Tag):
                found = [(a.name, a.value, to_file(start + a.offset)) for a in item.attributes]
                self.add("html", item.name, to_file(start + item.offset), found)
            elif isinstance(item, Irregular):
                self.add("irregular", item.what, to_file(start + item.offset))

    def known_definitions(self, env: Mapping[str, object]) -> None:
        """The definitions markdown-it took (and so left out of the tokens), read again as
        written: markdown-it keeps an address percent-encoded ('jav%09ascript:', which
        Python-Markdown writes as 'jav&#x09;ascript:', javascript: to a browser)."""
        known, duplicates = env.get("references"), env.get("duplicate_refs")
        entries = [*(known.values() if isinstance(known, dict) else ())]
        entries += duplicates if isinstance(duplicates, list) else []
        for entry in entries:
            first, last = entry["map"]
            written = [self.lines.content(i) for i in range(first, last)]
            leads = [len(line) - len(line.lstrip(" \t>")) for line in written]
            found = next(
                _definitions("\n".join(w[n:] for w, n in zip(written, leads, strict=True))), None
            )
            where = self.lines.content_start(first) + leads[0]
            address = found[1] if found else str(entry["href"])
            self.add("definition", "a", where, [("href", address, where)])


def _read(content: str, block: Block) -> bool:
    return block == "cell" or _triggered(content)


def _triggered(content: str) -> bool:
    """Whether `content` can hold markup: text without '<', '](', ']:' or '{' holds none.
    (Spelled out, not a loop over them: this runs for every inline token.)"""
    return "<" in content or "](" in content or "]:" in content or "{" in content


def _shifted(to_file: ToFile, base: int) -> ToFile:
    return lambda offset: to_file(base + offset)


def _definitions(text: str) -> Iterator[tuple[int, str]]:
    """(offset, address as a browser reads it) of each reference definition in `text`."""
    for match in _DEFINITION.finditer(text):
        if not match.group(1).startswith("^"):  # a footnote's definition
            yield match.start(), unescape(match.group(2).lstrip("<").rstrip(">"))


def _attribute_list(written: str) -> Iterator[tuple[str, str | None, int]]:
    """(name, value, offset) of each attribute of `{: … }`, read by attr_list's grammar:
    `#id`, `.class`, `key=value`, `key="value"`, `key='value'`, up to the `}`."""
    position = 1 + written.startswith("{:")
    while (item := _LIST_ITEM.match(written, position)) and item.end() > position:
        position = item.end()
        if pair := item.group("pair"):
            name, _, value = pair.partition("=")
            if value[:1] in ("'", '"'):
                value = value[1:-1]
            yield name.lower(), unescape(value), item.start()
        elif word := item.group("word"):
            name = {".": "class", "#": "id"}.get(word[0], word.lower())
            yield name, word[1:] if name in ("class", "id") else None, item.start()


def _paragraphs(text: str) -> Iterator[tuple[int, str]]:
    """(offset, text) of each stretch of `text` between blank lines."""
    offset = 0
    for part in re.split(r"(\n[ \t]*\n)", text):
        if part.strip() and not re.fullmatch(r"\n[ \t]*\n", part):
            lead = len(part) - len(part.lstrip("\n "))
            yield offset + lead, part.strip("\n ")
        offset += len(part)
