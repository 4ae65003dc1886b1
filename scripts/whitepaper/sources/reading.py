"""The check's inputs: the bibliography and every page, parsed once, cached, in parallel.

Cold (nothing cached), worker processes parse chunks of pages on every core while this
process parses the bibliography; warm, only what changed is parsed again, and when nothing
changed at all the check's findings themselves come from the cache. Python's cyclic garbage
collector is paused while parsing: the parsers build many small objects and no cycles worth
collecting, and the collector's repeated walks over them otherwise double the time.
"""

from __future__ import annotations

import gc
import pickle
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from whitepaper.cache import Cache, content_key
from whitepaper.diagnostics import InputError
from whitepaper.sources.bibliography import load_bibliography
from whitepaper.sources.documents import Document, document_from_bytes
from whitepaper.sources.entries import Bibliography
from whitepaper.workers import available_cores, process_context

# Below this many bytes to parse, starting worker processes costs more than it saves.
PARALLEL_FROM_BYTES = 1_500_000
CHUNKS_PER_WORKER = 4


@dataclass(frozen=True)
class Sources:
    """Everything the rules look at."""

    bibliography: Bibliography
    documents: tuple[Document, ...]
    docs_dir: Path
    root: Path


@dataclass(frozen=True)
class Inventory:
    """The sources' bytes and the cache key of each, taken before anything is parsed."""

    docs_dir: Path
    bib_dir: Path
    root: Path
    pages: dict[Path, bytes]
    page_keys: dict[Path, str]
    bib_key: str

    @property
    def key(self) -> str:
        """Everything a check's findings derive from; equal keys, equal findings."""
        where = (str(self.root.absolute()), str(self.docs_dir.absolute()))
        return content_key("findings", *where, self.bib_key, *self.page_keys.values())

    def keys(self) -> set[str]:
        return {self.key, self.bib_key, *self.page_keys.values()}


def take_inventory(docs_dir: Path, bib_dir: Path, root: Path) -> Inventory:
    # Absolute paths: what is cached must not depend on where the command was run from.
    pages = {path.absolute(): data for path, data in read_pages(docs_dir).items()}
    docs_dir, bib_dir = docs_dir.absolute(), bib_dir.absolute()
    page_keys = {path: content_key(str(path.absolute()), data) for path, data in pages.items()}
    return Inventory(docs_dir, bib_dir, root, pages, page_keys, _bibliography_key(bib_dir, root))


def read_sources(inventory: Inventory, cache: Cache) -> Sources:
    """Parse what the cache does not hold yet, and store it there."""
    with paused_gc():
        documents = {path: cache.load(key) for path, key in inventory.page_keys.items()}
        missing = {path: inventory.pages[path] for path, doc in documents.items() if doc is None}
        with parsed_pages(missing) as parsed:
            bibliography = cache.load(inventory.bib_key)
            if not isinstance(bibliography, Bibliography):  # parsed here while workers parse pages
                bibliography = load_bibliography(inventory.bib_dir, root=inventory.root)
                if _bibliography_key(inventory.bib_dir, inventory.root) == inventory.bib_key:
                    cache.store(inventory.bib_key, bibliography)  # not edited meanwhile
            for path, data in parsed:
                cache.store_pickled(inventory.page_keys[path], data)
                documents[path] = pickle.loads(data)
    found = tuple(documents[path] for path in inventory.pages)
    assert all(isinstance(document, Document) for document in found)
    return Sources(bibliography, found, inventory.docs_dir, inventory.root)  # type: ignore[arg-type]


def read_pages(docs_dir: Path) -> dict[Path, bytes]:
    """Every Markdown page under `docs_dir`, sorted; hidden folders are skipped as MkDocs does."""
    if not docs_dir.is_dir():
        raise InputError(f"de map {docs_dir} met pagina's bestaat niet")
    paths = sorted(
        path
        for path in docs_dir.rglob("*.md")
        if path.is_file()
        and not any(part.startswith(".") for part in path.relative_to(docs_dir).parts)
    )
    try:
        return {path: path.read_bytes() for path in paths}
    except OSError as error:
        raise InputError(f"kan {error.filename} niet lezen: {error.strerror}") from error


def _bibliography_key(bib_dir: Path, root: Path) -> str:
    # Findings name files relative to root, so root is part of what the result derives from.
    parts: list[bytes | str] = [str(root.absolute()), str(bib_dir.absolute())]
    for path in sorted(bib_dir.glob("*.bib")) if bib_dir.is_dir() else []:
        try:
            parts += [path.name, path.read_bytes()]
        except OSError:
            parts += [path.name, "unreadable"]
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


Pickled = bytes  # a Document travels between processes pickled, and is cached as it travels
ParsedPages = Iterator[tuple[Path, Pickled]]


@contextmanager
def parsed_pages(pages: dict[Path, bytes]) -> Iterator[ParsedPages]:
    """(page, its pickled Document) for each of `pages`, parsed on every core when it pays.

    Workers start on entering; results come as they finish, so the caller can do other work
    (parse the bibliography) and then unpickle one result while the workers parse the next.
    """
    workers = available_cores()
    if workers < 2 or sum(map(len, pages.values())) < PARALLEL_FROM_BYTES:
        yield iter(_parse_pages(list(pages.items())))
        return
    # Workers live for one check: their collector stays off, pickling the results included.
    context = process_context()
    with ProcessPoolExecutor(workers, mp_context=context, initializer=gc.disable) as pool:
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


def _parse_pages(pages: list[tuple[Path, bytes]]) -> list[tuple[Path, Pickled]]:
    return [(path, _pickled(document_from_bytes(path, data))) for path, data in pages]


def _pickled(value: object) -> Pickled:
    return pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL)
