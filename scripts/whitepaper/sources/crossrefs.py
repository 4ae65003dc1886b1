"""`crossref` and `xdata`: which entries an entry inherits fields from, and the loops.

Pandoc's BibTeX reader gives an entry the fields of the entries its `crossref` and `xdata`
name (keys split on spaces and commas, exactly as written) and follows their own links
without end: an entry that names itself, or a ring of entries, grows pandoc's memory
without bound. So the links are resolved here, once, for every stage:

- a key is found as BibTeX finds it, ignoring case (the first of duplicates);
- a link that leads back to its own entry is a cycle: it is kept out of `BibEntry.parents`
  (what the check counts as inherited, and all pandoc is given), and the check reports it;
- a key no entry has resolves to nothing, and the check reports that too.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from whitepaper.sources.entries import BibEntry, Link

LINK_FIELDS = ("crossref", "xdata")


def split_keys(value: str) -> list[str]:
    """The keys of a crossref or xdata field, as pandoc splits them."""
    return [key for key in value.replace(",", " ").split() if key]


def resolve(entries: Sequence[BibEntry]) -> list[BibEntry]:
    """`entries` with their links and parents filled in, in the same order."""
    canonical: dict[str, BibEntry] = {}  # by folded key: what a link finds
    for entry in entries:
        canonical.setdefault(entry.key.lower(), entry)
    named: dict[int, list[tuple[str, str, str | None]]] = {}  # by id(): duplicates differ
    for entry in entries:
        found = [
            (field, key, key.lower() if key.lower() in canonical else None)
            for field in LINK_FIELDS
            for key in split_keys(entry.fields.get(field, ""))
        ]
        if found:
            named[id(entry)] = found
    if not named:
        return list(entries)
    graph = {
        folded: [target for _, _, target in named[id(entry)] if target]
        for folded, entry in canonical.items()
        if id(entry) in named
    }

    component = _components(graph)

    def link(entry: BibEntry, field: str, written: str, target: str | None) -> Link:
        if target is None:
            return Link(field, written, None)
        start = entry.key.lower()
        in_ring = target == start or component.get(target, target) == component.get(start)
        ring = _ring(graph, start, target) if in_ring else ()
        return Link(field, written, canonical[target].key, tuple(canonical[k].key for k in ring))

    links = {
        id(entry): tuple(link(entry, *found) for found in named[id(entry)])
        for entry in entries
        if id(entry) in named
    }
    done: dict[int, BibEntry] = {}
    for entry in entries:
        stack = [entry]  # parents first, without recursion: a chain may be long
        while stack:
            top = stack[-1]
            own = [
                canonical[link.target.lower()]
                for link in links.get(id(top), ())
                if link.followed and link.target
            ]
            waiting = [parent for parent in own if id(parent) not in done]
            if id(top) in done:
                stack.pop()
                continue
            if waiting:
                stack.extend(waiting)
                continue
            parents = tuple(done[id(parent)] for parent in own)
            done[id(top)] = (
                replace(top, links=links[id(top)], parents=parents) if id(top) in links else top
            )
            stack.pop()
    return [done[id(entry)] for entry in entries]


def _ring(graph: dict[str, list[str]], start: str, first: str) -> tuple[str, ...]:
    """The (folded) keys from `start` through `first` back to `start`, when that path exists."""
    if first == start:
        return (start, start)
    came_from: dict[str, str] = {first: start}
    queue = [first]
    while queue:
        key = queue.pop(0)
        for following in graph.get(key, ()):
            if following == start:
                path = [key]
                while path[-1] != first:
                    path.append(came_from[path[-1]])
                return (start, *reversed(path), start)
            if following not in came_from:
                came_from[following] = key
                queue.append(following)
    return ()


def _components(graph: dict[str, list[str]]) -> dict[str, int]:
    """Each key's strongly connected component (Tarjan's algorithm, without recursion)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    component: dict[str, int] = {}
    stack: list[str] = []
    for root in graph:
        if root in index:
            continue
        work = [(root, 0)]
        while work:
            key, child = work.pop()
            if child == 0:
                index[key] = low[key] = len(index)
                stack.append(key)
            following = graph.get(key, [])
            if child < len(following):
                work.append((key, child + 1))
                if following[child] not in index:
                    work.append((following[child], 0))
                continue
            for successor in following:  # finished, or still on the stack
                if successor not in component:
                    low[key] = min(low[key], low[successor])
            if low[key] == index[key]:
                while (member := stack.pop()) != key:
                    component[member] = index[key]
                component[key] = index[key]
    return component
