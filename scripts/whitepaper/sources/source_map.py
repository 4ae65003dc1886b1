"""Positions: character offsets into a page, their lines and columns, the way back from
markdown-it's inline content (container markers stripped) to the page, and a problem found
at a position."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from markdown_it.token import Token

from whitepaper.diagnostics import Code


@dataclass(frozen=True)
class Span:
    """A stretch of `Document.text`; line and column (in characters) are 1-based."""

    start: int
    end: int
    line: int
    column: int


@dataclass(frozen=True)
class Problem:
    code: Code
    span: Span
    message: str
    hint: str


class SourceLines:
    """Line starts of the text (split like markdown-it: \\r\\n, \\r or \\n)."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.bom = 1 if text.startswith("\ufeff") else 0
        self.starts, self.ends, written = _split(text)
        # Each line's content made once: the walks ask for the same lines again and again.
        if "\0" in text:
            written = [line.replace("\0", "\ufffd") for line in written]
        if self.bom:
            written[0] = written[0][1:]
        self._contents = written

    def __len__(self) -> int:
        return len(self.starts)

    def content(self, index: int) -> str:
        """Line `index` (0-based) as markdown-it sees it: no BOM, NUL made U+FFFD."""
        return self._contents[index]

    def content_start(self, index: int) -> int:
        return self.starts[index] + self.bom if index == 0 else self.starts[index]

    def terminated(self, index: int) -> bool:
        return self.ends[index] < len(self.text)

    def markdown_input(self, blank_lines: int) -> str:
        """The body for markdown-it: front matter lines blanked, so line numbers hold."""
        return "\n" * blank_lines + "\n".join(self._contents[blank_lines:])

    def span(self, start: int, end: int) -> Span:
        index = bisect_right(self.starts, start) - 1
        return Span(start, end, index + 1, start - self.starts[index] + 1)


def _split(text: str) -> tuple[list[int], list[int], list[str]]:
    """The start and end offsets of the lines of `text` (\\r\\n, \\r or \\n), and the lines."""
    if "\r" in text:
        breaks = [(m.start(), m.end()) for m in re.finditer(r"\r\n|\r|\n", text)]
        starts = [0, *(end for _, end in breaks)]
        ends = [*(start for start, _ in breaks), len(text)]
        return starts, ends, [text[start:end] for start, end in zip(starts, ends, strict=True)]
    # only '\n', as pages are read: split once, the offsets summed from the lengths
    written = text.split("\n")
    starts = [0, *accumulate([len(line) + 1 for line in written])]
    starts.pop()  # where a line after the last would start
    ends = [start - 1 for start in starts[1:]]
    ends.append(len(text))
    return starts, ends, written


class ContentMap:
    """Maps offsets in an inline token's content to offsets in the file.

    markdown-it strips container markers and indentation from each content line,
    so each line is located within its own source line.
    """

    def __init__(self, token: Token, lines: SourceLines, cell_cursor: dict[int, int] | None):
        assert token.map is not None
        self.lines = lines
        self.anchors: list[int] = []  # content offset where each content line starts
        self.bases: list[int] = []  # file offset of that content line's first character
        self.escaped_pipes: tuple[int, ...] = ()
        offset, index = 0, token.map[0]
        for content_line in token.content.split("\n"):
            stripped = content_line.lstrip(" \t")
            lead = len(content_line) - len(stripped)
            found = self._locate(stripped, index, cell_cursor)
            self.anchors.append(offset)
            self.bases.append(lines.content_start(index) + found - lead)
            offset += len(content_line) + 1
            index += 1

    def _locate(self, stripped: str, index: int, cell_cursor: dict[int, int] | None) -> int:
        line = self.lines.content(index) if index < len(self.lines) else ""
        if cell_cursor is None:  # the content is the end of its line, bar closing '#'s
            return max(line.rfind(stripped), 0)
        cursor = cell_cursor.get(index, 0)
        found, length = line.find(stripped, cursor), len(stripped)
        if found < 0 and "|" in stripped:  # markdown-it unescapes \| in table cells
            escaped = stripped.replace("|", "\\|")
            found, length = line.find(escaped, cursor), len(escaped)
            self.escaped_pipes = tuple(i for i, ch in enumerate(stripped) if ch == "|")
        cell_cursor[index] = max(found, 0) + length
        return max(found, 0)

    def offset(self, position: int) -> int:
        k = bisect_right(self.anchors, position) - 1
        relative = position - self.anchors[k]
        if self.escaped_pipes:  # a table cell's '\\|' only
            return self.bases[k] + relative + bisect_right(self.escaped_pipes, relative)
        return self.bases[k] + relative

    def span(self, start: int, end: int) -> Span:
        return self.lines.span(self.offset(start), self.offset(end - 1) + 1)
