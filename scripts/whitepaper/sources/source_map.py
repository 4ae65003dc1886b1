"""Positions: character offsets into a page, their lines and columns, the way back from
markdown-it's inline content (container markers stripped) to the page, and a problem found
at a position."""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

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
        breaks = [(m.start(), m.end()) for m in re.finditer(r"\r\n|\r|\n", text)]
        self.starts = [0, *(end for _, end in breaks)]
        self.ends = [*(start for start, _ in breaks), len(text)]
        self.bom = 1 if text.startswith("\ufeff") else 0

    def __len__(self) -> int:
        return len(self.starts)

    def content(self, index: int) -> str:
        """Line `index` (0-based) as markdown-it sees it: no BOM, NUL made U+FFFD."""
        start = self.starts[index] + (self.bom if index == 0 else 0)
        return self.text[start : self.ends[index]].replace("\0", "\ufffd")

    def content_start(self, index: int) -> int:
        return self.starts[index] + (self.bom if index == 0 else 0)

    def terminated(self, index: int) -> bool:
        return self.ends[index] < len(self.text)

    def markdown_input(self, blank_lines: int) -> str:
        """The body for markdown-it: front matter lines blanked, so line numbers hold."""
        return "\n" * blank_lines + "\n".join(
            self.content(i) for i in range(blank_lines, len(self))
        )

    def span(self, start: int, end: int) -> Span:
        index = bisect_right(self.starts, start) - 1
        return Span(start, end, index + 1, start - self.starts[index] + 1)


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
        offset = 0
        for k, content_line in enumerate(token.content.split("\n")):
            stripped = content_line.lstrip(" \t")
            lead = len(content_line) - len(stripped)
            index = token.map[0] + k
            found = self._locate(stripped, index, cell_cursor)
            self.anchors.append(offset)
            self.bases.append(lines.content_start(index) + found - lead)
            offset += len(content_line) + 1

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
        return self.bases[k] + relative + bisect_right(self.escaped_pipes, relative)

    def span(self, start: int, end: int) -> Span:
        return self.lines.span(self.offset(start), self.offset(end - 1) + 1)
