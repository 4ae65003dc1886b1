"""Sources are parsed once and cached; a cached run says exactly what a fresh run says."""

from __future__ import annotations

import os
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

from whitepaper.cache import PACKED, Cache, Codec, pack_key
from whitepaper.check import findings
from whitepaper.check.entry_rules import entries
from whitepaper.check.findings import check
from whitepaper.diagnostics import Diagnostic
from whitepaper.sources import reading as sources
from whitepaper.sources.entries import Bibliography

ENTRIES = "".join(
    f"@article{{bron{n},\n  author = {{Auteur, A.}},\n  title = {{T{n}}},\n  year = {{2020}}\n}}\n"
    for n in range(12)
)


def page(n: int) -> str:
    named = "association: Proefvereniging\ndate: 2025-06\ncontact: info@proefvereniging.nl\n"
    front_matter = f"---\ntitle: Pagina {n}\nversion: 1\n{named}---\n"
    return f"{front_matter}\n# Pagina {n}\n\nVolgens [@bron{n}] en @bron{n + 1}.\n"


@pytest.fixture
def project(tmp_path: Path) -> Path:
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "refs.bib").write_text(ENTRIES, encoding="utf-8")
    for n in range(10):
        folder = tmp_path / "docs" / f"paper{n}"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(page(n), encoding="utf-8")
    return tmp_path


def run(project: Path, cache: Path | None) -> list[str]:
    found = check(project / "docs", project / "bib", root=project, cache_dir=cache)
    return [f"{d.path}:{d.line}:{d.column}: {d.code}" for d in found]


def test_a_cached_check_says_what_a_fresh_one_says(project: Path) -> None:
    fresh = run(project, None)
    assert fresh == ["bib/refs.bib:56:1: unused-entry"]  # bron0..bron10 are cited, bron11 not
    cache = project / ".cache"
    assert run(project, cache) == fresh  # cold: fills the cache
    assert run(project, cache) == fresh  # warm: from the cache


def test_an_edited_page_is_read_again(project: Path) -> None:
    cache = project / ".cache"
    run(project, cache)
    edited = project / "docs" / "paper3" / "index.md"
    edited.write_text(page(3) + "\nEn [@bestaatniet].\n", encoding="utf-8")
    assert "docs/paper3/index.md:13:5: unknown-key" in run(project, cache)


def test_an_edited_bibliography_is_read_again(project: Path) -> None:
    cache = project / ".cache"
    run(project, cache)
    bib = project / "bib" / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("@article{bron2,", "@article{bronx,"))
    assert "docs/paper2/index.md:11:10: unknown-key" in run(project, cache)


def test_the_entries_are_judged_again_only_when_the_bibliography_changed(
    project: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    judged: list[int] = []

    def entries_judged(bibliography: Bibliography, root: Path) -> Iterator[Diagnostic]:
        judged.append(len(bibliography.all_entries))
        yield from entries(bibliography, root)

    monkeypatch.setattr(findings, "BIBLIOGRAPHY_RULES", (entries_judged,))
    cache = project / ".cache"
    fresh = run(project, cache)
    edited = project / "docs" / "paper3" / "index.md"
    edited.write_text(page(3) + "\nMeer.\n", encoding="utf-8")
    assert run(project, cache) == fresh and judged == [12]  # a page edited: entries as before
    bib = project / "bib" / "refs.bib"
    bib.write_text(bib.read_text(encoding="utf-8").replace("{bron11", "{bron11a"))
    run(project, cache)
    assert judged == [12, 12]


def test_a_deleted_page_is_forgotten(project: Path) -> None:
    cache = project / ".cache"
    run(project, cache)
    (project / "docs" / "paper9" / "index.md").unlink()
    assert "bib/refs.bib:51:1: unused-entry" in run(project, cache)  # only paper9 cited bron10


def test_a_damaged_cache_is_a_miss_not_an_error(project: Path) -> None:
    cache = project / ".cache"
    expected = run(project, cache)
    for stored in cache.glob("*.msgpack"):
        stored.write_bytes(b"not msgpack")
    assert run(project, cache) == expected


def test_the_cache_keeps_only_what_the_last_run_used(project: Path) -> None:
    cache = project / ".cache"
    run(project, cache)
    first = set(cache.glob("*.msgpack"))
    (project / "docs" / "paper0" / "index.md").write_text(page(0) + "\nMeer.\n", "utf-8")
    run(project, cache)
    second = set(cache.glob("*.msgpack"))
    # findings, the bibliography's findings, the bibliography, the pack of the pages
    assert len(second) == len(first) == 4
    assert first != second  # the findings of another set of pages
    pages = Cache(cache).load(pack_key(sources.PAGES), PACKED)
    assert pages is not None and len(pages) == 10  # the edited page's old parse left out


def test_no_cache_folder_writes_nothing(project: Path) -> None:
    run(project, None)
    assert sorted(p.name for p in project.iterdir()) == ["bib", "docs"]


@pytest.mark.parametrize("other_thread", [False, True], ids=["fork", "forkserver"])
def test_parsing_in_worker_processes_gives_the_same_result(
    project: Path, monkeypatch: pytest.MonkeyPatch, other_thread: bool
) -> None:
    """Worker processes (forked, or from a fork server while other threads run) agree."""
    expected = run(project, None)
    monkeypatch.setattr(sources, "PARALLEL_FROM_BYTES", 0)
    stop = threading.Event()
    watcher = threading.Thread(target=stop.wait, daemon=True)  # like mkdocs serve's watcher
    if other_thread:
        watcher.start()
    try:
        assert run(project, project / ".cache") == expected
    finally:
        stop.set()


def test_cache_values_round_trip_and_misses_are_none(tmp_path: Path) -> None:
    cache, codec = Cache(tmp_path / "c"), Codec(dict[str, list[int]])
    assert cache.load("abc", codec) is None
    cache.store("abc", {"a": [1, 2]}, codec)
    assert cache.load("abc", codec) == {"a": [1, 2]}
    assert Cache(None).load("abc", codec) is None


def test_a_new_symlink_is_found_though_no_page_changed(project: Path) -> None:
    """The cached findings are keyed on what the walk found too, not only on the pages."""
    cache = project / ".cache"
    run(project, cache)
    (project / "docs" / "paper0" / "env.txt").symlink_to("/proc/self/environ")
    assert "docs/paper0/env.txt:1:1: unsafe-file" in run(project, cache)
    (project / "docs" / "paper0" / "env.txt").unlink()
    assert "docs/paper0/env.txt:1:1: unsafe-file" not in run(project, cache)


def test_the_inventory_opens_no_fifo_and_no_link_out(project: Path) -> None:
    """A FIFO would block the read; /dev/zero would never end; neither is read or keyed."""
    os.mkfifo(project / "docs" / "paper0" / "pipe.md")
    (project / "docs" / "paper1" / "zero.md").symlink_to("/dev/zero")
    os.mkfifo(project / "bib" / "pipe.bib")
    (project / "bib" / "zero.bib").symlink_to("/dev/zero")
    inventory = sources.take_inventory(project / "docs", project / "bib", project)
    names = sorted(path.relative_to(project / "docs").as_posix() for path in inventory.pages)
    assert names == [f"paper{n}/index.md" for n in range(10)]
    kinds = {(p.path.name, p.kind) for p in inventory.tree.problems}
    assert kinds == {
        ("pipe.md", "special"),
        ("zero.md", "outside"),
        ("pipe.bib", "special"),
        ("zero.bib", "outside"),
    }
