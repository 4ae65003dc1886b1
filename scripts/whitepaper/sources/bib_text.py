"""Plain text written as BibTeX, so that pybtex reads it and pandoc shows it as it was.

pybtex's writer encodes with latexcodec, which leaves `{ } $ \\ ^` as they are (LaTeX markup
to it) and writes `~` as `\\textasciitilde\\ `; a title from a service is text, not LaTeX, so
each character LaTeX would read as markup is written as the command pandoc shows as that
character. Braces that pair stay `\\{ \\}`; braces that do not pair are written as commands
(pybtex would otherwise read the rest of the file as part of the field). `--` and `---` are
dashes to LaTeX: `-{}-` keeps them hyphens. The rest (letters with accents, dashes,
quotation marks) stays UTF-8, as the files are. CSL's rich text (`<i>Arnica</i>`) becomes
the LaTeX pandoc reads back as the same markup (`\\textit{Arnica}`).
"""

from __future__ import annotations

import io
import re
from html.parser import HTMLParser
from typing import Any

from pybtex.database import BibliographyData, Entry
from pybtex.database.output.bibtex import Writer

_ESCAPES = {
    "\\": "\\textbackslash{}",
    "%": "\\%",
    "#": "\\#",
    "&": "\\&",
    "$": "\\$",
    "_": "\\_",
    "~": "\\textasciitilde{}",
    "^": "\\textasciicircum{}",
}
_PAIRED_BRACES = {"{": "\\{", "}": "\\}"}
_LONE_BRACES = {"{": "\\textbraceleft{}", "}": "\\textbraceright{}"}
_SPECIAL = re.compile(r"[\\%#&$_~^{}]|-(?=-)")
_FACES = {
    "i": "textit", "em": "textit", "b": "textbf", "strong": "textbf",
    "sub": "textsubscript", "sup": "textsuperscript", "sc": "textsc", "scp": "textsc",
}  # fmt: skip
_MARKUP = re.compile(r"</?(?:i|em|b|strong|sub|sup|sc|scp|span)\b[^<>]*>", re.IGNORECASE)


def _braces_pair(text: str) -> bool:
    depth = 0
    for char in text:
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth < 0:
            return False
    return depth == 0


def escape(text: str) -> str:
    """`text` (plain, as a service gave it) as the value of a BibTeX field."""
    braces = _PAIRED_BRACES if _braces_pair(text) else _LONE_BRACES

    def replace(match: re.Match[str]) -> str:
        char = match.group()
        if char == "-":
            return "-{}"
        return braces.get(char) or _ESCAPES[char]

    return _SPECIAL.sub(replace, text)


class _RichText(HTMLParser):
    """CSL's rich text (`<i>`, `<b>`, `<sub>`, `<sup>`, small caps, `nocase`: the markup
    CSL-JSON documents, and Crossref's `<scp>`) as the LaTeX commands pandoc reads back as
    that markup; other tags (JATS, MathML) are dropped, their text kept."""

    def __init__(self, *, plain: bool) -> None:
        super().__init__(convert_charrefs=True)
        self.plain = plain
        self.out: list[str] = []
        self.closers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = " ".join(value or "" for _, value in attrs).replace(" ", "")
        if tag == "span" and "nocase" in values:
            opener = "{"
        elif tag == "span" and "small-caps" in values:
            opener = "\\textsc{"
        else:
            opener = f"\\{_FACES[tag]}{{" if tag in _FACES else ""
        self.out.append("" if self.plain else opener)
        self.closers.append("}" if opener and not self.plain else "")

    def handle_endtag(self, tag: str) -> None:
        if self.closers:
            self.out.append(self.closers.pop())

    def handle_data(self, data: str) -> None:
        self.out.append(data if self.plain else escape(data))

    def text(self, value: str) -> str:
        self.feed(value)
        self.close()
        return "".join(self.out + self.closers[::-1])


def rich(text: str) -> str:
    """`text` in CSL's rich text as the value of a BibTeX field: `escape` where it has no
    markup (a `<` in `p < 0.05` is text)."""
    return _RichText(plain=False).text(text) if _MARKUP.search(text) else escape(text)


def without_markup(text: str) -> str:
    """`text` in CSL's rich text without its markup: what a reader reads."""
    return _RichText(plain=True).text(text) if _MARKUP.search(text) else text


def protected(text: str) -> str:
    """A group's name in braces, so BibTeX reads it as one name, never as surname and
    first names: `{World Health Organization}`."""
    return "{" + escape(text) + "}"


class _HouseWriter(Writer):  # type: ignore[misc]
    """pybtex's writer in the style of bib/: values in braces, two spaces in, and the text
    taken as already written for BibTeX (`escape` did that)."""

    def quote(self, s: str) -> str:
        self.check_braces(s)  # pybtex's own guard: an unpaired brace is a bug here
        return f"{{{s}}}"

    def _write_field(self, stream: Any, type: str, value: str) -> None:
        stream.write(f",\n  {type} = {self.quote(value)}")


def entry_text(key: str, entry: Entry) -> str:
    """`entry` as BibTeX under `key`, ending in a newline."""
    stream = io.StringIO()
    _HouseWriter().write_stream(BibliographyData({key: entry}), stream)
    return stream.getvalue()
