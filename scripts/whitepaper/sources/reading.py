"""The check's inputs: the bibliography and every page, parsed once, cached, in parallel.

Cold (nothing cached), worker processes parse chunks of pages on every core while this
process parses the bibliography; warm, only what changed is parsed again, and when nothing
changed at all the check's findings themselves come from the cache. Python's cyclic garbage
collector is paused while parsing: the parsers build many small objects and no cycles worth
collecting, and the collector's repeated walks over them otherwise double the time.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path

from whitepaper.cache import Cache, Unstorable, content_key, pack_key
from whitepaper.sources.bibliography import load_bibliography
from whitepaper.sources.cached import BIBLIOGRAPHY, DOCUMENT
from whitepaper.sources.documents import Document, document_from_bytes
from whitepaper.sources.entries import Bibliography
from whitepaper.sources.tree import SourceTree, bib_files, read_source, source_tree
from whitepaper.workers import (
    available_cores,
    process_context,
    process_pool,
    prompt_pool_threads,
)

# Below this many bytes to parse, starting worker processes costs more than it saves.
PARALLEL_FROM_BYTES = 1_500_000
CHUNKS_PER_WORKER = 4
PAGES = "pages"  # the cache's pack of parsed pages (`Cache.pack`): one file, not one a page


@dataclass(frozen=True)
class Sources:
    """Everything the rules look at."""

    bibliography: Bibliography
    documents: tuple[Document, ...]
    docs_dir: Path
    root: Path
    tree: SourceTree  # what the walk of docs/, bib/ and overrides/ refused or left unread

    @cached_property
    def cited(self) -> tuple[list[tuple[str, int]], ...]:
        """For each of `documents`, the keys it cites with their lines, in page order: made
        once for the rules that ask (walking every citation's items costs as much as they)."""
        return tuple(
            [(item.key, item.span.line) for citation in doc.citations for item in citation.items]
            for doc in self.documents
        )


@dataclass(frozen=True)
class Inventory:
    """The sources' bytes and the cache key of each, taken before anything is parsed."""

    docs_dir: Path
    bib_dir: Path
    root: Path
    pages: dict[Path, bytes]
    page_keys: dict[Path, str]
    bib_key: str
    tree: SourceTree

    @property
    def key(self) -> str:
        """Everything a check's findings derive from; equal keys, equal findings."""
        where = (str(self.root.absolute()), str(self.docs_dir.absolute()))
        tree = repr(self.tree.problems)  # a new symlink changes no page, but the findings
        return content_key("findings", *where, self.bib_key, *self.page_keys.values(), tree)

    @property
    def bibliography_key(self) -> str:
        """What the findings about the bibliography alone derive from (the entry rules'): a
        page edited, they are not made again."""
        return content_key("bibliography findings", self.bib_key)

    def keys(self) -> set[str]:
        """The cache's files a check uses: its findings, the bibliography's findings, the
        bibliography, the pages' pack."""
        return {self.key, self.bibliography_key, self.bib_key, pack_key(PAGES)}


def take_inventory(
    docs_dir: Path, bib_dir: Path, root: Path, overrides: Path | None = None
) -> Inventory:
    tree = source_tree(docs_dir, bib_dir, overrides)  # before anything is opened
    # Absolute paths: what is cached must not depend on where the command was run from.
    pages = {path.absolute(): data for path, data in read_pages(tree.pages).items()}
    bib_key = _bibliography_key(bib_dir, root)  # an error names the file as it was given
    docs_dir, bib_dir = docs_dir.absolute(), bib_dir.absolute()
    page_keys = {path: content_key(str(path.absolute()), data) for path, data in pages.items()}
    return Inventory(docs_dir, bib_dir, root, pages, page_keys, bib_key, tree)


def read_sources(
    inventory: Inventory,
    cache: Cache,
    while_pages_parse: Callable[[Bibliography], object] = lambda bibliography: None,
) -> Sources:
    """Parse what the cache does not hold yet, and store it there.

    `while_pages_parse` is given the bibliography as soon as it is read, while worker
    processes may still be parsing pages: work on it alone costs no time there."""
    with paused_gc():
        pack = cache.pack(PAGES)
        loaded = {path: pack.load(key, DOCUMENT) for path, key in inventory.page_keys.items()}
        documents = {path: doc for path, doc in loaded.items() if doc is not None}
        missing = {path: inventory.pages[path] for path in loaded if path not in documents}
        with parsed_pages(missing) as parsed:
            bibliography = cache.load(inventory.bib_key, BIBLIOGRAPHY)
            if bibliography is None:  # parsed here while workers parse pages
                bibliography = load_bibliography(inventory.bib_dir, root=inventory.root)
                if _bibliography_key(inventory.bib_dir, inventory.root) == inventory.bib_key:
                    cache.store(inventory.bib_key, bibliography, BIBLIOGRAPHY)  # not edited since
            while_pages_parse(bibliography)
            for path, page in parsed:
                if isinstance(page, Document):  # parsed in this process, or not encodable
                    pack.store(inventory.page_keys[path], page, DOCUMENT)
                    documents[path] = page
                else:
                    pack.store_encoded(inventory.page_keys[path], page)
                    documents[path] = DOCUMENT.decode(page)
        pack.save()
    found = tuple(documents[path] for path in inventory.pages)
    return Sources(bibliography, found, inventory.docs_dir, inventory.root, inventory.tree)


def read_pages(pages: Iterable[Path]) -> dict[Path, bytes]:
    """The bytes of each page the walk found (`SourceTree.pages`: regular files only, never a
    FIFO or a link out of docs/); InputError when one cannot be read."""
    return {path: read_source(path) for path in pages}


def _bibliography_key(bib_dir: Path, root: Path) -> str:
    # Findings name files relative to root, so root is part of what the result derives from.
    parts: list[bytes | str] = [str(root.absolute()), str(bib_dir.absolute())]
    for path in bib_files(bib_dir) if bib_dir.is_dir() else []:  # the files bibliography reads
        parts += [path.name, read_source(path)]
    return content_key(*parts)


@contextmanager
def paused_gc() -> Iterator[None]:
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


# From a worker, a Document comes encoded as the cache stores it, and is stored as it came;
# parsed in this process (or, rarely, not encodable), it is the Document itself.
Parsed = bytes | Document
ParsedPages = Iterator[tuple[Path, Parsed]]


@contextmanager
def parsed_pages(pages: dict[Path, bytes]) -> Iterator[ParsedPages]:
    """(page, its Document) for each of `pages`, parsed on every core when it pays.

    Workers start on entering; results come as they finish, so the caller can do other work
    (parse the bibliography) and then decode one result while the workers parse the next.
    """
    workers = available_cores()
    if workers < 2 or sum(map(len, pages.values())) < PARALLEL_FROM_BYTES:
        yield ((path, document_from_bytes(path, data)) for path, data in pages.items())
        return
    # Workers live for one check: their collector stays off, encoding the results included.
    context = process_context()  # the workers end with this process, kill -9 included
    pool = process_pool(workers, initializer=gc.disable, context=context)
    with pool, prompt_pool_threads():  # results are read while this process parses the .bib
        chunks = _chunks(list(pages.items()), workers * CHUNKS_PER_WORKER)
        pending = [pool.submit(_parse_pages, chunk) for chunk in chunks]
        yield (result for future in as_completed(pending) for result in future.result())


def _chunks(items: list[tuple[Path, bytes]], count: int) -> list[list[tuple[Path, bytes]]]:
    """`count` chunks of about equal size in bytes (pages differ a lot in length)."""
    chunks: list[list[tuple[Path, bytes]]] = [[] for _ in range(count)]
    sizes = [0] * count
    for item in sorted(items, key=lambda item: -len(item[1])):
        smallest = sizes.index(min(sizes))
        chunks[smallest].append(item)
        sizes[smallest] += len(item[1])
    return [chunk for chunk in chunks if chunk]


def _parse_pages(pages: list[tuple[Path, bytes]]) -> list[tuple[Path, Parsed]]:
    """In a worker: each page's Document, encoded for the cache."""
    return [(path, _encoded(document_from_bytes(path, data))) for path, data in pages]


def _encoded(document: Document) -> Parsed:
    try:
        return DOCUMENT.encode(document)
    except Unstorable:
        return document  # the pool pickles it to the parent (in-process, trusted), uncached
