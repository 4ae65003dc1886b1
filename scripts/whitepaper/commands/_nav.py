"""A new paper's entry in mkdocs.yml's `nav`, for `whitepaper new`, only where it is safe.

Without a `nav` (as in this project) MkDocs makes the navigation from docs/'s folders and the
plugin names each paper's section after its title: there is nothing to add. With one, a page
outside it is a warning that fails the strict build, so the entry is added at the end of the
top-level `nav:` list, in the list's own indentation, and written only when MkDocs' reading
of the new file is the old `nav` plus exactly that entry; otherwise the file is left alone and
the command says which line to add.
"""

from __future__ import annotations

import json
import os
import re
import tempfile
from dataclasses import dataclass
from pathlib import Path

from whitepaper.commands._plugin_options import read_config

_NAV = re.compile(r"nav:[ \t]*(?:#.*)?")
_ITEM = re.compile(r"([ \t]+)- ")


@dataclass(frozen=True)
class NavEdit:
    """What `whitepaper new` does to the nav: `line` is the entry, `staged` the new mkdocs.yml
    beside it (None: she adds `line` herself)."""

    config: Path
    line: str
    staged: Path | None

    def commit(self) -> None:
        if self.staged is not None:
            os.replace(self.staged, self.config)

    def discard(self) -> None:
        if self.staged is not None:
            self.staged.unlink(missing_ok=True)


def plan_nav(config: Path, paper: str, title: str, index: str) -> NavEdit | None:
    """None when `config` has no `nav`; else the entry for `paper`, staged when it is safe."""
    if not config.is_file():
        return None
    old = read_config(config).get("nav")
    if old is None:
        return None
    entry = f"- {json.dumps(title, ensure_ascii=False)}: {paper}/{index}"
    text = config.read_text(encoding="utf-8")
    lines = text.splitlines(keepends=True)
    at = _end_of_nav(lines)
    if at is None or not isinstance(old, list):
        return NavEdit(config, entry, None)
    indent, end = at
    new = "".join([*lines[:end], f"{indent}{entry}\n", *lines[end:]])
    staged = _stage(config, new)
    if read_config(staged).get("nav") != [*old, {title: f"{paper}/{index}"}]:
        staged.unlink()
        return NavEdit(config, entry, None)
    return NavEdit(config, entry, staged)


def _end_of_nav(lines: list[str]) -> tuple[str, int] | None:
    """The indentation of the top-level nav's items and the line after its last, or None."""
    starts = [number for number, line in enumerate(lines) if _NAV.fullmatch(line.rstrip("\n"))]
    if len(starts) != 1 or not lines[-1].endswith("\n"):
        return None
    indent, end = None, starts[0] + 1
    for number in range(starts[0] + 1, len(lines)):
        line = lines[number]
        if line.strip() and not line[0].isspace():
            break  # the next top-level key
        if indent is None and (item := _ITEM.match(line)):
            indent = item[1]
        if line.strip():
            end = number + 1
    return (indent, end) if indent is not None else None


def _stage(config: Path, text: str) -> Path:
    handle, name = tempfile.mkstemp(dir=config.parent, prefix=f".{config.name}.", suffix=".tmp")
    with os.fdopen(handle, "w", encoding="utf-8") as stream:
        stream.write(text)
    os.chmod(name, config.stat().st_mode & 0o777)
    return Path(name)
