"""The words that stand in for citations while MkDocs renders a page, and where they came out.

A placeholder is one plain word (letters and digits: Markdown leaves it alone) holding a token
drawn afresh for each build, so no page, title or entry can contain one by accident or on
purpose: a literal `wpcite00000x` in a text is text. After rendering, each placeholder must
be in the page's text exactly once, and not where a citation's HTML cannot go: an attribute
(alt, title, id), a comment, a link's text (a link in a link), a code block, a script.
"""

from __future__ import annotations

import re
import secrets
from collections.abc import Iterator
from html.parser import HTMLParser

# Where in the rendered page a citation's link cannot stand, said for people.
_NO_TEXT = {
    "a": "in de tekst van een link",
    "pre": "in een codeblok",
    "script": "in een script",
    "style": "in een stijlblok",
    "textarea": "in een invoerveld",
    "title": "in de titel van de pagina",
}
IN_ATTRIBUTE = "in een HTML-attribuut (zoals een alt-tekst, een title of een id)"
IN_COMMENT = "in een HTML-commentaar"
VOID = frozenset({"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta"})


def new_token() -> str:
    """A fresh token for one build's placeholders: 64 random bits, in hexadecimal."""
    return secrets.token_hex(8)


def placeholder(token: str, index: int) -> str:
    return f"wpcite{token}n{index}x"


def pattern(token: str) -> re.Pattern[str]:
    """The placeholders of `token`; group 1 is the index."""
    return re.compile(rf"wpcite{re.escape(token)}n(\d+)x")


def misplaced(html: str, token: str) -> Iterator[tuple[int, str]]:
    """(index, where) of each placeholder in `html` that stands where no citation can."""
    finder = _Finder(pattern(token))
    finder.feed(html)
    finder.close()
    yield from finder.found


class _Finder(HTMLParser):
    def __init__(self, placeholders: re.Pattern[str]) -> None:
        super().__init__(convert_charrefs=True)
        self.placeholders = placeholders
        self.open: list[str] = []
        self.found: list[tuple[int, str]] = []

    def _note(self, text: str, where: str) -> None:
        self.found += [(int(m.group(1)), where) for m in self.placeholders.finditer(text)]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for _, value in attrs:
            self._note(value or "", IN_ATTRIBUTE)
        if tag not in VOID:
            self.open.append(tag)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for _, value in attrs:
            self._note(value or "", IN_ATTRIBUTE)

    def handle_endtag(self, tag: str) -> None:
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def handle_data(self, data: str) -> None:
        where = next((_NO_TEXT[tag] for tag in reversed(self.open) if tag in _NO_TEXT), None)
        if where:
            self._note(data, where)

    def handle_comment(self, data: str) -> None:
        self._note(data, IN_COMMENT)
