"""What pandoc makes of a BibTeX field's text, and how to write it so it shows what pybtex read.

pybtex reads a field as text; pandoc reads the same text as LaTeX (every field but the raw
ones: url, doi, dates, ...). Where the two differ, and the meaning is certain, `for_pandoc`
writes the text so that pandoc shows it as written:

- `%` (for pandoc a comment: the rest of the field is lost) becomes `\\%`; `#` (pandoc drops
  the whole field) becomes `\\#`; a single `$` (a formula that never ends: the field is
  dropped) becomes `\\$`; a trailing backslash (which pandoc reads as escaping the closing
  brace) becomes `\\textbackslash{}`;
- a command pandoc does not know but whose meaning is fixed (`\\textendash`, `\\nocase{...}`)
  becomes its character, or its argument;
- `\\{` and `\\}` that pybtex counted as braces but pandoc would not (pandoc then cannot read
  the file at all) lose their backslash.

Where the meaning is uncertain, `problems` says so for the check (`lost-text`): two or more
`$` (a formula, or dollar signs?), `\\\\` (a line break), a command pandoc does not know
(`C:\\Users`: a path, or a macro of an @preamble?), braces that do not pair for LaTeX.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

# Fields pandoc takes as they are (getRawField in pandoc's BibTeX reader): never escaped.
RAW_FIELDS = frozenset(
    "url doi isbn issn pmid pmcid library eprint eprinttype options crossref xdata ids "
    "date urldate eventdate origdate month day type entrysubtype editortype hyphenation "
    "langid file".split()
)
# Fields pandoc reads as LaTeX and APA can show: the check looks at these (and the persons).
SHOWN_FIELDS = frozenset(
    "title subtitle titleaddon maintitle mainsubtitle maintitleaddon booktitle booksubtitle "
    "booktitleaddon journal journaltitle journalsubtitle shortjournal issuetitle "
    "issuesubtitle eventtitle origtitle shorttitle series publisher school institution "
    "organization howpublished origpublisher address location origlocation venue pages "
    "volume part volumes pagetotal chapter edition version number issue note addendum "
    "pubstate year bookauthor translator director".split()
)
# Commands pandoc's LaTeX reader shows as LaTeX means them (tests/test_bib_fields.py runs
# pandoc on each): accents, letters, escapes, spacing, markup, symbols.
KNOWN_SYMBOLS = frozenset("\"'`^~=.&%$#_{} ,-/@")
KNOWN_COMMANDS = frozenset(
    "u v H c d b r k t ss o O ae AE aa AA l L i j oe OE "
    "emph textit textbf textsc textrm textsf texttt textup textsl textmd textnormal "
    "textsuperscript textsubscript underline url href enquote mkbibquote mkbibemph "
    "mkbibitalic mkbibbold ensuremath textlatin it bf sc em rm sl tt sf relax "
    "textquoteleft textquoteright textquotedblleft textquotedblright textquotesingle "
    "textbackslash textasciitilde textasciicircum textless textgreater textdollar "
    "textsection textparagraph textdegree textregistered textcopyright copyright ldots "
    "dots S P pounds euro LaTeX TeX textbullet textdagger guillemotleft guillemotright "
    "quotedblbase quotesinglbase hyphen slash textmu textonehalf".split()
)
# Known switches that pandoc drops with a group right after them, as in `\\sc{x}` (`{\\sc x}`
# is shown): LaTeX would show the group.
GROUP_DROPPING = frozenset({"sc", "sf", "relax"})
# Commands pandoc drops whose meaning is certain: written as the character they stand for.
TRANSLATED = {
    "textendash": "\u2013", "textemdash": "\u2014", "textbar": "|", "textunderscore": "\\_",
    "textpercent": "\\%", "textbraceleft": "\\{", "textbraceright": "\\}",
    "texttrademark": "™", "texteuro": "€", "textellipsis": "…", "textperiodcentered": "·",
    "dag": "†", "ddag": "‡", "textexclamdown": "¡", "textquestiondown": "¿",
    "nobreakspace": "~", "textasteriskcentered": "\u2217", "SS": "SS", "dh": "ð", "DH": "Ð",
    "th": "þ", "TH": "Þ", "ng": "ŋ", "NG": "Ŋ",
}  # fmt: skip
# Commands pandoc drops with their argument, that only wrap it: the argument is kept.
WRAPPERS = frozenset({"mbox", "hbox", "text", "nocase", "NoCaseChange"})

# A backslash and what it escapes (a control word, a control symbol, or nothing at the end),
# and the characters that mean something to LaTeX when not escaped.
_TOKEN = re.compile(r"\\(?:([A-Za-z]+)\s*(\{\})?|(.))?|[%#$]", re.DOTALL)
# How pandoc's BibTeX reader reads a value: a backslash and the character after it are a
# pair (`\\{` is no brace, `\\\\{` is one), so only the other braces are counted.
_PANDOC_UNIT = re.compile(r"\\.|[{}]", re.DOTALL)
_ESCAPED_BRACE = re.compile(r"\\+(?=[{}])")

Kind = Literal["formula", "line-break", "unknown-command", "braces"]


@dataclass(frozen=True)
class TextProblem:
    """Text pandoc shows differently from how pybtex read it, and the spelling that fixes it."""

    kind: Kind
    what: tuple[str, ...]  # the commands, for unknown-command
    corrected: str  # the field written so that it shows as text


def _math_spans(tokens: list[re.Match[str]]) -> list[tuple[int, int]]:
    """Where pandoc reads a formula: between pairs of unescaped `$`."""
    dollars = [t.start() for t in tokens if t.group() == "$"]
    return list(zip(dollars[::2], dollars[1::2], strict=False))


def _in(spans: list[tuple[int, int]], offset: int) -> bool:
    return any(start < offset < end for start, end in spans)


def _readable(value: str) -> bool:
    """Whether pandoc counts the braces of `{value}` as pybtex did: paired, and the last one
    not taken by a lone backslash before it."""
    depth = 0
    for unit in _PANDOC_UNIT.finditer(value):
        depth += {"{": 1, "}": -1}.get(unit.group(), 0)
        if depth < 0:
            return False
    return depth == 0 and not _lone_backslash_at_end(value)


def _lone_backslash_at_end(value: str) -> bool:
    return (len(value) - len(value.rstrip("\\"))) % 2 == 1


def _replace(value: str, edits: list[tuple[int, int, str]]) -> str:
    out, last = [], 0
    for start, end, text in sorted(edits):
        out += [value[last:start], text]
        last = end
    return "".join([*out, value[last:]])


def for_pandoc(value: str, *, raw: bool = False) -> str:
    """`value` (a field as pybtex read it) written so that pandoc shows it as written.

    A `raw` field (one of RAW_FIELDS) is only made readable: its braces as pybtex counted
    them, and no backslash before the closing brace."""
    if not any(char in value for char in "\\%#$"):
        return value  # the common case, fast
    if not _readable(value.rstrip("\\")):  # braces pybtex counts and pandoc does not
        value = _ESCAPED_BRACE.sub("", value)
    if raw:
        return value[:-1] if _lone_backslash_at_end(value) else value
    tokens = list(_TOKEN.finditer(value))
    single_dollar = sum(t.group() == "$" for t in tokens) == 1
    math = _math_spans(tokens)
    edits: list[tuple[int, int, str]] = []
    for token in tokens:
        text, start, name = token.group(), token.start(), token.group(1)
        if text in ("%", "#") or (text == "$" and single_dollar):
            edits.append((start, start, "\\"))
        elif text == "\\":  # at the very end: pandoc would read it as escaping the '}'
            edits.append((start, token.end(), "\\textbackslash{}"))
        elif name and not _in(math, start):
            if name in TRANSLATED:
                edits.append((start, token.end(), TRANSLATED[name]))
            elif name in WRAPPERS:
                edits.append((start, start + 1 + len(name), ""))
    return _replace(value, edits)


def problems(value: str) -> list[TextProblem]:
    """What pandoc would show differently from `value`, where the meaning is not certain."""
    if "\\" not in value and value.count("$") < 2:
        return []
    tokens = list(_TOKEN.finditer(value))
    found: list[TextProblem] = []
    dollars = [t for t in tokens if t.group() == "$"]
    if len(dollars) >= 2:
        corrected = _replace(value, [(t.start(), t.start(), "\\") for t in dollars])
        found.append(TextProblem("formula", (), corrected))
    breaks = [t for t in tokens if t.group(3) == "\\"]
    if breaks:
        edits = [(t.start(), t.end(), "\\textbackslash{}") for t in breaks]
        found.append(TextProblem("line-break", (), _replace(value, edits)))
    math = _math_spans(tokens)
    unknown = [t for t in tokens if _unknown(t, value) and not _in(math, t.start())]
    if unknown:
        names = tuple(dict.fromkeys("\\" + (t.group(1) or t.group(3)) for t in unknown))
        edits = [(t.start(), t.start() + 1, "\\textbackslash{}") for t in unknown]
        found.append(TextProblem("unknown-command", names, _replace(value, edits)))
    if not _readable(value.rstrip("\\")):
        found.append(TextProblem("braces", (), _ESCAPED_BRACE.sub("", value)))
    return found


def _unknown(token: re.Match[str], value: str) -> bool:
    """A command or control symbol pandoc drops, with no certain meaning to write instead."""
    name, symbol = token.group(1), token.group(3)
    if name in GROUP_DROPPING and not token.group(2):
        return value.startswith("{", token.end())
    if name:
        return name not in KNOWN_COMMANDS and name not in TRANSLATED and name not in WRAPPERS
    return symbol is not None and symbol != "\\" and symbol not in KNOWN_SYMBOLS
