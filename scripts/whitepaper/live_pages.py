"""What MkDocs made of each page, kept between the rebuilds of a live preview (the adapter's
half of `live_rebuild`, which decides what may be kept): a page's render put back into MkDocs'
dirty build, a page made stale so that it renders again, the theme's templates compiled once.
"""

from __future__ import annotations

import os
from typing import Any, NamedTuple

from jinja2 import BytecodeCache
from jinja2.bccache import Bucket
from mkdocs.structure.files import File, Files
from mkdocs.structure.pages import Page

from whitepaper.live_rebuild import Memory


def keep_pages(files: Files, before: Memory, render: frozenset[str]) -> None:
    """A live rebuild: every page but those saved as the last build made it. MkDocs' dirty
    build renders a page whose site/ file is older than its source: the saved ones are made so
    (a save while the last build ran), and any page the last build did not make."""
    for file in files.documentation_pages():
        state = before.pages.get(file.src_uri)
        if not isinstance(state, _PageState) or file.page is None or file.abs_src_path in render:
            _make_stale(file)
        else:
            _restore(file.page, state, files)


def remember(files: Files, made: Memory, before: Memory | None, render: frozenset[str]) -> None:
    """What each page is now, for the next rebuild; a saved page with another title changes
    every page's navigation, so every page is templated again (its content kept)."""
    retitled = False
    for file in files.documentation_pages():
        if file.page is None:
            continue
        made.pages[file.src_uri] = _state(file.page)
        made.titles[file.src_uri] = file.page.title
        if before and file.abs_src_path in render:
            retitled |= before.titles.get(file.src_uri) != file.page.title
    if retitled:
        for file in files.documentation_pages():
            _make_stale(file)


class CompiledTemplates(BytecodeCache):
    """The theme's templates compiled once per serve process (keyed by their source)."""

    def __init__(self) -> None:
        self.compiled: dict[str, bytes] = {}

    def load_bytecode(self, bucket: Bucket) -> None:
        if bucket.key in self.compiled:
            bucket.bytecode_from_string(self.compiled[bucket.key])

    def dump_bytecode(self, bucket: Bucket) -> None:
        self.compiled[bucket.key] = bucket.bytecode_to_string()


class _PageState(NamedTuple):
    """What MkDocs' render made of a page (links to anchors by page, not by a build's File)."""

    markdown: str | None
    meta: dict[str, Any]
    content: str | None
    toc: Any
    title: str | None
    anchors: set[str] | None
    links: dict[str, dict[str, str]] | None


def _state(page: Page) -> _PageState:
    links = {f.src_uri: dict(to) for f, to in (page.links_to_anchors or {}).items()}
    return _PageState(
        page.markdown,
        dict(page.meta),
        page.content,
        page.toc,
        page._title_from_render,
        page.present_anchor_ids,
        links if page.links_to_anchors is not None else None,
    )


def _restore(page: Page, state: _PageState, files: Files) -> None:
    page.markdown, page.meta, page.content = state.markdown, dict(state.meta), state.content
    page.toc, page._title_from_render, page.present_anchor_ids = (
        state.toc,
        state.title,
        state.anchors,
    )
    if state.links is not None:
        linked = ((files.get_file_from_path(uri), to) for uri, to in state.links.items())
        page.links_to_anchors = {file: dict(to) for file, to in linked if file is not None}


def _make_stale(file: File) -> None:
    """Older than any source, for MkDocs' dirty build: it renders the page again."""
    if os.path.exists(file.abs_dest_path):
        os.utime(file.abs_dest_path, ns=(0, 0))
