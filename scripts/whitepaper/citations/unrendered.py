"""Citation syntax that reached the rendered page: a guard, so no reader ever sees `[@key]`.

The plugin runs it on each page's rendered content (the article; navigation and header are
made from titles, not from the text). The check reports every such syntax it can see, so
what reaches this guard slipped past it; the message names the first line of the page's
source that holds the text, so the author can find it all the same.

Markdown in `<code>` and `<pre>` is shown as written on purpose, so only text outside them
counts; attribute values (a link's `title`, say) are not shown as text and are skipped too.
"""

from __future__ import annotations

import re
from html import unescape
from html.parser import HTMLParser

from whitepaper.diagnostics import StageError

MARKERS = ("[@", "[^")
VERBATIM = {"code", "pre", "script", "style", "kbd", "samp"}
SHOWN_AROUND = 30  # characters of context on each side in the message
_CODE = re.compile(r"<(pre|code)\b.*?</\1>", re.S)


class _TextOutsideCode(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth = 0  # how many verbatim elements we are inside
        self.found: list[str] = []
        self.written: list[str] = []  # the text from each marker on, to find it in the source

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in VERBATIM:
            self.depth += 1

    def handle_endtag(self, tag: str) -> None:
        if tag in VERBATIM and self.depth:
            self.depth -= 1

    def handle_data(self, data: str) -> None:
        if self.depth:
            return
        for marker in MARKERS:
            start = data.find(marker)
            if start >= 0:
                around = data[max(0, start - SHOWN_AROUND) : start + SHOWN_AROUND]
                self.found.append(" ".join(around.split()))
                self.written.append(data[start : start + SHOWN_AROUND].split("\n", 1)[0])


def unrendered_citations(html: str) -> list[str]:
    """Snippets of text, outside code, that still hold `[@` or `[^`."""
    return [shown for shown, _ in _leftovers(html)]


def _leftovers(html: str) -> list[tuple[str, str]]:
    """(snippet, text from the marker on) of each leftover, in order."""
    # A quick look first, on the text without code (a regex is fine for that on Markdown's own
    # output; the parser below decides): most pages hold no marker at all.
    text = unescape(_CODE.sub("", html))  # '&#91;@a]' shows as '[@a]' all the same
    if not any(marker in text for marker in MARKERS):
        return []
    parser = _TextOutsideCode()
    parser.feed(html)
    parser.close()
    return list(zip(parser.found, parser.written, strict=True))


def source_line(source: str, written: str) -> int | None:
    """The 1-based line of `source` where `written` (rendered text from a marker on) first
    stands, or as much of its start as the source holds, down to the marker; None when not
    even the marker does."""
    words = written.split(" ")
    for start in (*(" ".join(words[:n]) for n in range(len(words), 0, -1)), written[:2]):
        found = source.find(start)
        if found >= 0:
            return source.count("\n", 0, found) + 1
    return None


class UnrenderedError(StageError):
    """A rendered page still shows citation or footnote syntax; the message names the page."""


def ensure_rendered(html: str, page: str, source: str = "") -> None:
    """An UnrenderedError when citation syntax is left in the text of `page`'s `html`;
    `source`, the page's Markdown, gives the line to name."""
    leftovers = _leftovers(html)
    if leftovers:
        shown, written = leftovers[0]
        line = source_line(source, written) if source else None
        where = f"{page}:{line}" if line else page
        raise UnrenderedError(
            f"{where}: de pagina toont onverwerkte bronvermeldingen of voetnoten,"
            f" bijvoorbeeld '{shown}'"
        )
