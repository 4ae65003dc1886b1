"""The text of a raw HTML block, where pandoc reads Markdown and Python-Markdown passes it on.

pandoc parses the text between the tags of an HTML block as Markdown, so a citation there is
one. Python-Markdown, MkDocs' renderer, keeps the block as it is, placeholders included: a
citation placed there is shown all the same, unless it sits inside a link (a link in a link),
or in what is no text: a verbatim element (`<pre>`, `<script>`, ...), a comment, an attribute.
With `markdown="1"` (md_in_html) Python-Markdown parses the element's content as Markdown, so
that content is read again as blocks.
"""

from __future__ import annotations

from dataclasses import dataclass
from html.parser import HTMLParser
from typing import Literal

Kind = Literal["text", "link", "markdown"]

VERBATIM = frozenset({"pre", "script", "style", "textarea", "title"})
VOID = frozenset(
    "area base br col embed hr img input link meta source track wbr".split()
)  # no content


@dataclass(frozen=True)
class Run:
    """A stretch of the block's content: text (in a link or not), or Markdown to parse."""

    start: int
    end: int
    kind: Kind


def text_runs(content: str) -> list[Run]:
    """The stretches of `content` (an HTML block) that are text or Markdown, in order."""
    scanner = _Scanner(content)
    try:
        scanner.feed(content)
        scanner.close()
    except (AssertionError, ValueError):  # markup html.parser gives up on: no text after it
        scanner.event(scanner.here())
    return [run for run in scanner.runs if run.end > run.start]


class _Scanner(HTMLParser):
    def __init__(self, content: str) -> None:
        super().__init__(convert_charrefs=True)  # data comes in one piece up to the next markup
        self.content = content
        self.line_starts = [0, *(i + 1 for i, ch in enumerate(content) if ch == "\n")]
        self.runs: list[Run] = []
        self.open: list[str] = []  # elements open, innermost last
        self.text_from: int | None = None  # where the data being collected started
        self.markdown: tuple[str, int, int] | None = None  # (tag, depth, content start)

    def here(self) -> int:
        line, column = self.getpos()
        return self.line_starts[line - 1] + column

    def event(self, at: int) -> None:
        """Markup starts at `at`: the data before it, if any, is a run."""
        if self.text_from is not None:
            self.runs.append(Run(self.text_from, at, "link" if "a" in self.open else "text"))
            self.text_from = None

    def handle_data(self, data: str) -> None:
        verbatim = self.markdown is not None or VERBATIM.intersection(self.open)
        if not verbatim and self.text_from is None:
            self.text_from = self.here()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        start = self.here()
        self.event(start)
        if self.markdown is not None:  # inside Markdown: only the depth of its element counts
            name, depth, begun = self.markdown
            self.markdown = (name, depth + (tag == name), begun)
            return
        if tag in VOID:
            return
        self.open.append(tag)
        markdown = dict(attrs).get("markdown")
        if markdown not in (None, "0") and not VERBATIM.intersection(self.open):
            self.markdown = (tag, 1, start + len(self.get_starttag_text() or ""))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.event(self.here())

    def handle_endtag(self, tag: str) -> None:
        at = self.here()
        self.event(at)
        if self.markdown is not None:
            name, depth, begun = self.markdown
            depth -= tag == name
            self.markdown = (name, depth, begun) if depth else None
            if depth:
                return
            self.runs.append(Run(begun, at, "markdown"))
        if tag in self.open:
            while self.open.pop() != tag:
                pass

    def close(self) -> None:
        super().close()
        self.event(len(self.content))
        if self.markdown is not None:
            self.runs.append(Run(self.markdown[2], len(self.content), "markdown"))
            self.markdown = None

    def handle_comment(self, data: str) -> None:
        self.event(self.here())

    def handle_decl(self, decl: str) -> None:
        self.event(self.here())

    def handle_pi(self, data: str) -> None:
        self.event(self.here())

    def unknown_decl(self, data: str) -> None:
        self.event(self.here())
