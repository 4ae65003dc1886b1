"""The sentence a citation stands in, as plain text: what `verify --suggest` searches with
beside what the entry itself says, and what it shows a person deciding on a candidate.

The page's parse already knows where each citation is (`Document.citations`); its paragraph
is read again by the one Markdown parser, the citations taken out, and only the text a
reader reads kept (no markup, link addresses or footnote markers). Sentences end at '.',
'?' or '!' before a capital, a digit or an opening quotation mark.
"""

from __future__ import annotations

import re
import textwrap
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from markdown_it.token import Token

from whitepaper.sources.documents import Document
from whitepaper.sources.markdown_reader import parse_blocks, parse_inline
from whitepaper.sources.page_parts import Citation

MARK = "\ue000"  # stands where the citation stood (private use: no page writes it)
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# after the end: closing quotation marks or a bracket; before the next: an opening one
_CLOSING, _OPENING = '"\u201d\u2019)', '"\u201c\u2018('
_SENTENCE_END = re.compile(
    f"(?:(?<=[.?!])|(?<=[.?!][{_CLOSING}]))\\s+(?=[{_OPENING}A-Z0-9\u00c0-\u00dd])"
)
_TEXT_TOKENS = ("text", "code_inline")
_BREAKS = ("softbreak", "hardbreak")


@dataclass(frozen=True)
class Citing:
    """Where an entry is cited, and the sentence around it."""

    path: Path
    line: int
    sentence: str


def citing(documents: Iterable[Document], key: str) -> list[Citing]:
    """Each place a page cites `key` (pandoc's keys are case-sensitive), in page order."""
    found = []
    for document in documents:
        for citation in document.citations:
            if any(item.key == key for item in citation.items):
                sentence = sentence_of(document, citation)
                found.append(Citing(document.path, citation.span.line, sentence))
    return found


def sentence_of(document: Document, citation: Citation) -> str:
    """The plain text of the sentence `citation` stands in, without any citation."""
    text = document.text
    start = _paragraph_start(text, citation.span.start)
    end = _paragraph_end(text, citation.span.end)
    paragraph = _without_citations(text, start, end, document.citations, citation)
    plain = _plain_text(textwrap.dedent(paragraph))
    for sentence in _SENTENCE_END.split(plain):
        if MARK in sentence:
            return _tidy(sentence)
    return _tidy(plain)


def _paragraph_start(text: str, offset: int) -> int:
    ends = [blank.end() for blank in _BLANK_LINE.finditer(text, 0, offset)]
    return ends[-1] if ends else 0


def _paragraph_end(text: str, offset: int) -> int:
    blank = _BLANK_LINE.search(text, offset)
    return blank.start() if blank else len(text)


def _without_citations(
    text: str, start: int, end: int, citations: Iterable[Citation], wanted: Citation
) -> str:
    """The paragraph with the wanted citation as MARK and every other one left out."""
    pieces, position = [], start
    inside = sorted(
        (c for c in citations if start <= c.span.start and c.span.end <= end),
        key=lambda c: c.span.start,
    )
    for other in inside:
        if other.span.start < position:  # a citation in another's prefix: gone with it
            continue
        pieces.append(text[position : other.span.start])
        pieces.append(MARK if other is wanted else "")
        position = other.span.end
    pieces.append(text[position:end])
    return "".join(pieces)


def _plain_text(markdown: str) -> str:
    """The text of the block holding MARK (a list item, a table cell: not its neighbours)."""
    blocks = [token for token in parse_blocks(markdown, {}) if token.type == "inline"]
    holding = [token for token in blocks if MARK in token.content][:1]
    return "".join(_texts(holding or blocks))


def _texts(tokens: Iterable[Token]) -> Iterator[str]:
    for token in tokens:
        if token.type == "inline":  # the reader parses only content with an '@' or '^'
            yield from _texts(token.children or parse_inline(token.content, {}))
            yield " "
        elif token.type in _TEXT_TOKENS:
            yield token.content
        elif token.type in _BREAKS:
            yield " "


def _tidy(sentence: str) -> str:
    """No MARK, one space between words, none before punctuation."""
    words = " ".join(sentence.replace(MARK, " ").split())
    return re.sub(r"\s+(?=[.,;:?!)])", "", words)
