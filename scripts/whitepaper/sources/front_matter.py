"""A page's front matter as MkDocs reads it, with a positioned problem where it does not parse."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import yaml

from whitepaper.sources.source_map import Problem, SourceLines


@dataclass(frozen=True)
class FrontMatter:
    data: Mapping[str, object]
    problems: tuple[Problem, ...] = ()
    end_line: int = 0  # lines it takes, fences included
    body_start: int = 0


# libyaml's loader when PyYAML has it: the same data, a tenth of the time.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def read_front_matter(lines: SourceLines) -> FrontMatter:
    """MkDocs' rule: '---' on the first line, closed by '---' or '...' from line 3 on."""
    closing = _closing_fence(lines)
    if closing is None:
        return FrontMatter({})
    source = "".join(lines.content(i) + "\n" for i in range(1, closing))
    try:
        data = yaml.load(source, Loader=_YAML_LOADER)
    except (yaml.YAMLError, ValueError) as error:
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
    return FrontMatter(data, (), closing + 1, body)


def _closing_fence(lines: SourceLines) -> int | None:
    if len(lines) < 3 or not _is_fence(lines.content(0), "---") or not lines.terminated(0):
        return None
    for index in range(2, len(lines)):
        if _is_fence(lines.content(index), "---", "...") and lines.terminated(index):
            return index
    return None


def _is_fence(line: str, *fences: str) -> bool:
    return line.rstrip(" \t") in fences


def _yaml_problem(lines: SourceLines, error: Exception, closing: int) -> Problem:
    mark = getattr(error, "problem_mark", None)
    offset = lines.content_start(0)
    if mark is not None:  # mark lines count from the line after the opening fence
        index = min(mark.line + 1, closing)
        offset = min(lines.content_start(index) + mark.column, lines.ends[index])
    detail = getattr(error, "problem", None) or str(error)
    return Problem(
        "front-matter",
        lines.span(offset, offset),
        f"de front matter is geen geldige YAML: {detail}",
        "zet per regel 'sleutel: waarde', spring in met spaties (geen tabs) en zet "
        "tekst met ':' of '#' tussen aanhalingstekens",
    )
