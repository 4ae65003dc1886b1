"""A page's front matter as MkDocs reads it, with a positioned problem wherever it does not
parse, or where MkDocs would read something else than the page seems to say.

MkDocs (`mkdocs.utils.meta.get_data`) reads the YAML between two `---` lines with PyYAML's safe
loader (safe_yaml.py: what must never reach that loader is refused first); a page without them
loses its first `key: value` lines as MultiMarkdown metadata, which would set page keys
unchecked, so they are refused too. The check runs before MkDocs reads any page (the plugin's
`on_pre_build`): what is refused here never reaches MkDocs.

A key written twice in one mapping is a problem at the second that keeps the data (the last
value, as YAML and MkDocs keep it), so the check still types what the site would show.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

import yaml

from whitepaper.sources.safe_yaml import At, Duplicate, Refused, load
from whitepaper.sources.source_map import Problem, SourceLines, Span

# MkDocs' MultiMarkdown metadata lines (mkdocs.utils.meta, MkDocs 1.6), copied: importing
# mkdocs.utils costs the check a tenth of a second. tests/test_front_matter.py holds them equal.
_META = re.compile(r"^[ ]{0,3}(?P<key>[A-Za-z0-9_-]+):\s*(?P<value>.*)")
_META_MORE = re.compile(r"^([ ]{4}|\t)(\s*)(?P<value>.*)")
# YAML reserves `@` and `` ` `` at the start of a plain value: a GitHub handle needs quotes
_RESERVED_HINT = (
    "een waarde die met @ of ` begint, moet tussen aanhalingstekens, zoals"
    ' owners: ["@whitepaper-nl/massage"]'
)
_YAML_HINT = (
    "zet per regel 'sleutel: waarde', spring in met spaties (geen tabs) en zet tekst met ':' of "
    "'#' tussen aanhalingstekens"
)


@dataclass(frozen=True)
class FrontMatter:
    data: Mapping[str, object]
    problems: tuple[Problem, ...] = ()
    end_line: int = 0  # lines it takes, fences included
    body_start: int = 0


def read_front_matter(lines: SourceLines) -> FrontMatter:
    """MkDocs' rule: '---' on the first line, closed by '---' or '...' from line 3 on."""
    closing = _closing_fence(lines)
    if closing is None:
        return FrontMatter({}, _metadata_lines(lines))
    # As MkDocs hands it to YAML: a NUL stays a NUL here (markdown-it's lines replace it).
    source = "".join(
        lines.text[lines.content_start(i) : lines.ends[i]] + "\n" for i in range(1, closing)
    )
    try:
        data, duplicates = load(source)
    except Refused as refused:
        problem = Problem("front-matter", _span(lines, refused.at, closing), *refused.says)
        return FrontMatter({}, (problem,), closing + 1)
    except yaml.YAMLError as error:
        return FrontMatter({}, (_yaml_problem(lines, error, closing),), closing + 1)
    if not isinstance(data, dict):
        problem = Problem(
            "front-matter",
            lines.span(0, 3),
            "de front matter is geen lijst van 'sleutel: waarde'-regels",
            "schrijf bijvoorbeeld 'title: Titel van de whitepaper' tussen de regels ---",
        )
        return FrontMatter({}, (problem,), closing + 1)
    body = lines.starts[closing + 1]
    while body < len(lines.text) and lines.text[body] in "\r\n":
        body += 1  # MkDocs strips the blank lines after front matter
    problems = tuple(_duplicate(lines, closing, found) for found in duplicates)
    return FrontMatter(data, problems, closing + 1, body)


def _closing_fence(lines: SourceLines) -> int | None:
    if len(lines) < 3 or not _is_fence(lines.content(0), "---") or not lines.terminated(0):
        return None
    for index in range(2, len(lines)):
        if _is_fence(lines.content(index), "---", "...") and lines.terminated(index):
            return index
    return None


def _is_fence(line: str, *fences: str) -> bool:
    return line.rstrip(" \t") in fences


# --- MultiMarkdown metadata --------------------------------------------------------------------


def _metadata_lines(lines: SourceLines) -> tuple[Problem, ...]:
    """MkDocs reads `key: value` lines at the top of a page without `---` as metadata: the page
    keys they set would go unchecked, and the lines would be missing from the page."""
    taken = list(_taken_lines(lines))
    if not taken:
        return ()
    key = taken[0]
    first = "de eerste regel" if len(taken) == 1 else f"de eerste {len(taken)} regels"
    return (
        Problem(
            "front-matter",
            lines.span(lines.content_start(0), lines.content_start(0) + len(key)),
            f"MkDocs leest {first} van de pagina als metadata ('{key}: …') en toont"
            f" {'die' if len(taken) == 1 else 'ze'} niet",
            "zet front matter tussen twee regels --- bovenaan, of begin de pagina met een kop"
            " (# Titel) of een lege regel",
        ),
    )


def _taken_lines(lines: SourceLines) -> Iterator[str]:
    """The key of each line MkDocs' MultiMarkdown reader takes (a continuation repeats it)."""
    key = ""
    for index in range(len(lines)):
        line = lines.content(index)
        if not line.strip():
            return
        if meta := _META.match(line):
            key = meta["key"].lower()
        elif not (_META_MORE.match(line) and key):
            return
        yield key


# --- positions -------------------------------------------------------------------------------


def _offset(lines: SourceLines, at: At, closing: int) -> int:
    """The file offset of a place in the YAML, whose lines count from the line after '---'."""
    index = min(at.line + 1, closing)
    return min(lines.content_start(index) + at.column, lines.ends[index])


def _span(lines: SourceLines, at: At, closing: int) -> Span:
    offset = _offset(lines, at, closing)
    return lines.span(offset, offset)


def _duplicate(lines: SourceLines, closing: int, duplicate: Duplicate) -> Problem:
    key, first, second = duplicate.key, duplicate.first, duplicate.second
    offset = _offset(lines, second, closing)
    where = "dezelfde regel" if first.line == second.line else f"regel {first.line + 2}"
    return Problem(
        "front-matter",
        lines.span(offset, offset + len(key)),
        f"'{key}' staat twee keer in de front matter (ook op {where}); alleen deze laatste telt",
        f"houd één regel '{key}: …' over en haal de andere weg",
    )


# PyYAML's most common problems (yaml/scanner.py, parser.py), said for people; others as written
_PYYAML_DUTCH = (
    ("found character '\\t'", "een tab: spring in met spaties"),
    ("found a tab character", "een tab: spring in met spaties"),
    ("found character that cannot start any token", "met dit teken kan geen waarde beginnen"),
    ("mapping values are not allowed", "hier kan geen 'sleutel: waarde' staan"),
    ("could not find expected ':'", "de ':' na een sleutel ontbreekt"),
    ("did not find expected key", "een regel springt anders in dan de regels erboven"),
    ("did not find expected ',' or ']'", "een lijst [ … ] wordt niet gesloten met ]"),
    ("did not find expected ',' or '}'", "een { … } wordt niet gesloten met }"),
    ("found unexpected end of stream", "een aanhalingsteken of haakje wordt niet gesloten"),
    ("expected <block end>", "de inspringing klopt niet"),
    ("did not find expected node content", "hier ontbreekt een waarde"),
)


def _in_dutch(problem: str) -> str:
    return next((dutch for start, dutch in _PYYAML_DUTCH if problem.startswith(start)), problem)


def _yaml_problem(lines: SourceLines, error: Exception, closing: int) -> Problem:
    mark = getattr(error, "problem_mark", None)
    offset = lines.content_start(0)
    if mark is not None:
        offset = _offset(lines, At(mark.line, mark.column), closing)
    detail = _in_dutch((getattr(error, "problem", None) or str(error)).splitlines()[0])
    return Problem(
        "front-matter",
        lines.span(offset, offset),
        f"de front matter is geen geldige YAML: {detail}",
        _RESERVED_HINT if lines.text[offset : offset + 1] in ("@", "`") else _YAML_HINT,
    )
