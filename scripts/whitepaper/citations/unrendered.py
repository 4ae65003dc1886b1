"""Citation syntax that reached the rendered page: a guard, so no reader ever sees `[@key]`.

The plugin runs it on each page's rendered content (the article; navigation and header are
made from titles, not from the text).

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


def unrendered_citations(html: str) -> list[str]:
    """Snippets of text, outside code, that still hold `[@` or `[^`."""
    # A quick look first, on the text without code (a regex is fine for that on Markdown's own
    # output; the parser below decides): most pages hold no marker at all.
    text = unescape(_CODE.sub("", html))  # '&#91;@a]' shows as '[@a]' all the same
    if not any(marker in text for marker in MARKERS):
        return []
    parser = _TextOutsideCode()
    parser.feed(html)
    parser.close()
    return parser.found


class UnrenderedError(StageError):
    """A rendered page still shows citation or footnote syntax; the message names the page."""


def ensure_rendered(html: str, page: str) -> None:
    """An UnrenderedError when citation syntax is left in the text of `page`'s `html`."""
    leftovers = unrendered_citations(html)
    if leftovers:
        raise UnrenderedError(
            f"{page}: de pagina toont onverwerkte bronvermeldingen of voetnoten,"
            f" bijvoorbeeld '{leftovers[0]}'"
        )
