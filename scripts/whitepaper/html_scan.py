"""HTML read as a browser reads it, with offsets: the start tags of a piece of HTML and their
attributes, the text md_in_html renders as Markdown, and what a browser could read otherwise.

The reader is Python's `html.parser` (a tokenizer: it reports every start tag as written, where
a tree builder would drop a second `<body onload=…>` that a browser merges into the page). Where
it and a browser's tokenizer part ways, the piece is reported as `Irregular`, never read
generously: a comment a browser ends earlier (`<!-- --!>`, `<!-->`), a declaration (`<![CDATA[`
ends at the first `>` in a browser), and a '<' before a letter that this parser left as text
(an unfinished tag a browser would go on reading into the next markup).
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal

# Elements that never have content; a start tag of one opens nothing.
VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
# What a browser's tokenizer reads as the start of a tag (a '<!' or '<?' it reads as a comment).
_TAG_OPEN = re.compile(r"</?[A-Za-z]")


@dataclass(frozen=True)
class Attribute:
    name: str  # lower case, as the browser names it
    value: str | None  # entities decoded; None when written without '='
    offset: int  # where its name is written


@dataclass(frozen=True)
class Tag:
    name: str  # lower case
    attributes: tuple[Attribute, ...]
    offset: int  # of its '<'


@dataclass(frozen=True)
class Irregular:
    """HTML this reader and a browser could read differently: refused as a whole."""

    what: Literal["comment", "declaration", "tag"]
    offset: int


@dataclass(frozen=True)
class MarkdownText:
    """Text inside an element with a `markdown` attribute: md_in_html renders it as Markdown."""

    text: str  # as written (entities not decoded)
    offset: int


Item = Tag | Irregular | MarkdownText


def scan(html: str) -> list[Item]:
    """The start tags, irregularities and Markdown text of `html`, in the order written."""
    scanner = _Scanner(html)
    try:
        scanner.feed(html)
        scanner.close()
    except (AssertionError, ValueError):  # markup html.parser gives up on: a browser would not
        scanner.items.append(Irregular("declaration", scanner.here()))
    scanner.end_text(len(html))
    return scanner.items


def irregular_comment(data: str) -> bool:
    """A comment whose end a browser finds elsewhere than html.parser (the HTML standard's
    rules for comment text: not starting with '>' or '->', no '<!--', '-->' or '--!>' in it,
    not ending in '<!-')."""
    return (
        data.startswith((">", "->"))
        or any(part in data for part in ("<!--", "-->", "--!>"))
        or data.endswith("<!-")
    )


def _opens_tag(text: str) -> int:
    """Where in `text` (as written) a '<' starts a tag for a browser, else -1."""
    found = _TAG_OPEN.search(text)
    return found.start() if found else -1


class _Scanner(HTMLParser):
    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=False)  # text as written: '&lt;b>' is no '<'
        self.html = html
        self.starts = [0, *(found.end() for found in re.finditer("\n", html))]
        self.items: list[Item] = []
        self.open: list[tuple[str, bool]] = []  # open elements; True: has a markdown attribute
        self.text_start: int | None = None

    def here(self) -> int:
        line, column = self.getpos()
        return self.starts[line - 1] + column

    # text: data and character references, gathered into one stretch as written

    def _text(self) -> None:
        if self.text_start is None:
            self.text_start = self.here()

    def handle_data(self, data: str) -> None:
        self._text()

    def handle_entityref(self, name: str) -> None:
        self._text()

    def handle_charref(self, name: str) -> None:
        self._text()

    def end_text(self, end: int) -> None:
        start, self.text_start = self.text_start, None
        if start is None or start >= end:
            return
        text = self.html[start:end]
        if self.cdata_elem is None and (found := _opens_tag(text)) >= 0:
            self.items.append(Irregular("tag", start + found))
        elif any(markdown for _, markdown in self.open):
            self.items.append(MarkdownText(text, start))

    # markup

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        offset = self.here()
        self.end_text(offset)
        written = (self.get_starttag_text() or "").lower() if attrs else ""
        cursor, attributes = 1 + len(tag), []
        for name, value in attrs:
            found = written.find(name, cursor)
            cursor = found + len(name) if found >= 0 else cursor
            attributes.append(Attribute(name, value, offset + (found if found >= 0 else 0)))
        self.items.append(Tag(tag, tuple(attributes), offset))
        if tag not in VOID and not (self.get_starttag_text() or "").endswith("/>"):
            self.open.append((tag, any(name == "markdown" for name, _ in attrs)))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_endtag(self, tag: str) -> None:
        self.end_text(self.here())
        for depth in range(len(self.open) - 1, -1, -1):
            if self.open[depth][0] == tag:
                del self.open[depth:]
                return

    def handle_comment(self, data: str) -> None:
        offset = self.here()
        self.end_text(offset)
        if irregular_comment(data):
            self.items.append(Irregular("comment", offset))

    def handle_decl(self, decl: str) -> None:
        offset = self.here()
        self.end_text(offset)
        self.items.append(Irregular("declaration", offset))

    def unknown_decl(self, data: str) -> None:  # <![CDATA[ … ]]> and the like
        self.handle_decl(data)

    def handle_pi(self, data: str) -> None:  # <? … >
        self.handle_decl(data)


def element_end(lines: Iterable[str], name: str, open_already: int = 0) -> tuple[int, int] | None:
    """Where the element `name` is closed in `lines` (text lines without their breaks): the
    first one opened in them, or with `open_already` one opened before them. (line, column)
    just after its end tag, 0-based; None when it never is. Reads no further than that."""
    finder = _EndFinder(name, open_already)
    try:
        for line in lines:
            finder.feed_line(line)
            if finder.end is not None:
                return finder.end
        finder.close()
    except (AssertionError, ValueError):
        pass
    return finder.end


class _EndFinder(HTMLParser):
    def __init__(self, name: str, depth: int) -> None:
        super().__init__(convert_charrefs=False)
        self.name, self.depth = name, depth
        self.lines: list[str] = []
        self.end: tuple[int, int] | None = None

    def feed_line(self, line: str) -> None:
        self.lines.append(line)
        self.feed(line + "\n")

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == self.name and self.end is None:
            self.depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        pass  # `<div/>` opens nothing

    def handle_endtag(self, tag: str) -> None:
        if tag == self.name and self.end is None and self.depth > 0:
            self.depth -= 1
            if self.depth == 0:
                line, column = self.getpos()
                written = self.lines[line - 1] if line <= len(self.lines) else ""
                closing = written.find(">", column)
                self.end = (line - 1, len(written) if closing < 0 else closing + 1)
