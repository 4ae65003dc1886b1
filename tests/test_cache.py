"""The caches hold data, never code: MessagePack decoded strictly against the expected type.

A cache is restored between CI runs, so every file in it is untrusted input: a crafted,
foreign, truncated or old (pickled) file is a miss and the value is computed again, never
code run, never an exception. What is stored comes back exactly: YAML's dates and sets in
front matter, pybtex's entries, the sharing of entries between lists and crossref parents.
"""

from __future__ import annotations

import os
import pickle
import random
import shutil
import threading
from collections.abc import Callable
from dataclasses import replace
from datetime import date, datetime, timedelta, timezone
from multiprocessing import get_context
from pathlib import Path

import msgspec
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from msgspec.msgpack import Ext

from whitepaper import cache as caches
from whitepaper.cache import BYTES, PACKED, TEXT, Cache, Codec, Unstorable, pack_key
from whitepaper.check.findings import CHECKED, Checked, check
from whitepaper.check.focus import EntryPlace, FocusIndex
from whitepaper.diagnostics import Diagnostic, finding
from whitepaper.sources import cached, reading
from whitepaper.sources.bibliography import load_bibliography
from whitepaper.sources.cached import BIBLIOGRAPHY, DOCUMENT
from whitepaper.sources.documents import Document, parse_document
from whitepaper.sources.reading import take_inventory

FRONT_MATTER = """---
title: Pagina
date: 2024-03-05
updated: 2024-03-05 10:20:30.5+02:00
naive: 2024-03-05 10:20:30
utc: 2024-03-05T10:20:30Z
big: 123456789012345678901234567890
negative: -99999999999999999999
1: een sleutel die een getal is
null: geen sleutel
2024-01-01: een datum als sleutel
nested: {3: drie, 4.5: [x, {true: ja}]}
float: 1.5
inf: .inf
nothing: ~
list: [1, "1", 1.0, true]
---
"""
PAGE = (
    "\n# Titel\n\nVolgens [@bron1, p. 3] en @bron2.[^1]\n\n[^1]: Een voetnoot.\n\n"
    "[@]\n\nEen [link](javascript:alert(1)).\n"
)
BIB = """@string{tijd = {Tijdschrift}}
@book{reeks, title = {De reeks}, year = 2019, editor = {Jansen, Piet}}
@incollection{bron1, crossref = {deel}, title = {Hoofdstuk},
  author = {van der Wal, Jaap and Stecco, Carla and de la Fontaine, Jr., Jean}}
@collection{deel, crossref = {reeks}, title = {Deel een}, journal = tijd}
@article{bron2, author = {Ander, A.}, title = {T}, year = {2020}, xdata = {deel}}
@article{Bron2, author = {Dubbel, D.}, title = {T}, year = {2021}}
@misc{kapot, title = {Kapot
"""


def typed(value: object) -> object:
    """`value` with every type spelled out: 1, 1.0 and True differ, so do tuple and list."""
    if isinstance(value, dict):
        return ("dict", [(typed(key), typed(item)) for key, item in value.items()])
    if isinstance(value, list | tuple):
        return (type(value).__name__, [typed(item) for item in value])
    if isinstance(value, set):
        return ("set", sorted(repr(typed(item)) for item in value))
    if isinstance(value, datetime):
        return ("datetime", value.isoformat(), repr(value.tzinfo))
    return (type(value).__name__, value)


def document(text: str = FRONT_MATTER + PAGE, path: str = "/p/docs/a/index.md") -> Document:
    return parse_document(text, Path(path))


@pytest.fixture
def bib_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "bib"
    folder.mkdir()
    (folder / "refs.bib").write_text(BIB, encoding="utf-8")
    return folder


# --- what is stored comes back exactly ---


def test_a_document_comes_back_with_its_front_matter_exactly() -> None:
    original = document()
    assert original.front_matter["date"] == date(2024, 3, 5)  # what this test is about
    assert 1 in original.front_matter and original.front_matter["big"] > 2**64
    assert original.citations and original.problems and original.footnote_defs
    back = DOCUMENT.decode(DOCUMENT.encode(original))
    assert back == original
    assert typed(back.front_matter) == typed(original.front_matter)
    assert isinstance(back.path, Path)


def test_a_front_matter_with_text_keys_only_comes_back_too() -> None:
    original = document("---\ntitle: T\ndate: 2024-01-02\nlist: [a, {b: 2020-01-01}]\n---\n")
    back = DOCUMENT.decode(DOCUMENT.encode(original))
    assert typed(back.front_matter) == typed(original.front_matter)


_OFFSETS = st.integers(-23 * 60, 23 * 60).map(lambda minutes: timezone(timedelta(minutes=minutes)))
_KEYS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False)
    | st.text()
    | st.dates()
    | st.datetimes(timezones=st.none() | _OFFSETS).map(lambda moment: moment.replace(fold=0))
)
_VALUES = st.recursive(
    _KEYS | st.binary(),
    lambda inner: (
        st.lists(inner)
        | st.lists(inner).map(tuple)
        | st.sets(_KEYS)
        | st.dictionaries(_KEYS, inner)
    ),
    max_leaves=12,
)


@settings(max_examples=100, deadline=None)
@given(st.dictionaries(_KEYS, _VALUES, max_size=6))
def test_any_value_yaml_makes_comes_back_with_its_type(front_matter: dict[object, object]) -> None:
    original = replace(document("text"), front_matter=front_matter)  # type: ignore[arg-type]
    back = DOCUMENT.decode(DOCUMENT.encode(original))
    assert typed(back.front_matter) == typed(front_matter)


def test_the_bibliography_comes_back_with_its_entries_shared(bib_dir: Path) -> None:
    original = load_bibliography(bib_dir, root=bib_dir.parent)
    assert original.diagnostics  # a duplicate key, an unclosed entry
    assert original.entries["bron1"].parents  # a crossref chain, as the module reads it
    back = BIBLIOGRAPHY.decode(BIBLIOGRAPHY.encode(original))
    assert back == original
    assert [e.key for e in back.all_entries] == [e.key for e in original.all_entries]
    for old, new in zip(original.all_entries, back.all_entries, strict=True):
        assert (new.entry, new.source, new.written_names, new.links) == (
            old.entry,
            old.source,
            old.written_names,
            old.links,
        )
        assert vars(new.entry).keys() == vars(old.entry).keys()  # pybtex's Entry, whole
        assert [str(p) for p in new.entry.persons.get("author", [])] == [
            str(p) for p in old.entry.persons.get("author", [])
        ]
        assert new.fields.get("TITLE") == old.fields.get("title")  # still case-insensitive
        assert [p.key for p in new.parents] == [p.key for p in old.parents]
        assert new.missing_fields() == old.missing_fields()
    in_file_order = {id(entry) for entry in back.all_entries}
    assert all(id(entry) in in_file_order for entry in back.entries.values())
    assert all(id(p) in in_file_order for entry in back.all_entries for p in entry.parents)


def test_an_entry_is_stored_once_however_many_children_inherit_from_it(tmp_path: Path) -> None:
    """A chain where each entry inherits from the two before it: stored nested, it doubles."""
    entries = "@book{e0, title = {T}, year = 2000}\n@book{e1, title = {T}, year = 2000}\n"
    entries += "".join(
        f"@book{{e{n}, title = {{T}}, xdata = {{e{n - 1}, e{n - 2}}}}}\n" for n in range(2, 40)
    )
    (tmp_path / "refs.bib").write_text(entries, encoding="utf-8")
    bibliography = load_bibliography(tmp_path, root=tmp_path)
    assert len(BIBLIOGRAPHY.encode(bibliography)) < 40 * 2000


def test_findings_text_and_bytes_come_back() -> None:
    findings = [finding("docs/a.md", 3, 5, "unknown-key", "onbekend", "tip", "regel")]
    places = {"bib/a.bib": [EntryPlace(1, 9, "a2020", marked=True)]}
    index = FocusIndex(places, {"docs/a.md": [("a2020", 3)]}, {"a2020": ["boek"]})
    assert CHECKED.decode(CHECKED.encode(Checked(findings, index))) == Checked(findings, index)
    assert TEXT.decode(TEXT.encode("<p>é</p>")) == "<p>é</p>"
    assert BYTES.decode(BYTES.encode(b"%PDF-\x00\xff")) == b"%PDF-\x00\xff"


def _recursive() -> list[object]:
    holds_itself: list[object] = ["x"]
    holds_itself.append(holds_itself)
    return holds_itself


def _shared(levels: int) -> list[object]:
    value: list[object] = ["x"] * 10
    for _ in range(levels):
        value = [value] * 10  # what YAML aliases make: ten to the ninth values, held in 90
    return value


@pytest.mark.parametrize(
    "value",
    [_recursive(), _shared(8), list(range(cached.MAX_FRONT_MATTER_VALUES)), object()],
    ids=["recursive", "shared-a-billion-times", "too-many", "not-yaml"],
)
def test_a_front_matter_that_cannot_be_written_is_unstorable(value: object) -> None:
    page = replace(document("text"), front_matter={"a": value})
    with pytest.raises(Unstorable):
        DOCUMENT.encode(page)


# --- what is loaded is data of the expected type, or a miss ---


class _Payload:
    """Unpickled, it would create `marker`: what a crafted cache file would do instead."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self) -> tuple[object, ...]:
        return (open, (str(self.marker), "w"))


def test_the_payload_runs_code_when_unpickled(tmp_path: Path) -> None:
    """The crafted pickle below is real: pickle, as the caches used it, creates the file."""
    marker = tmp_path / "pwned"
    pickle.loads(pickle.dumps(_Payload(marker))).close()
    assert marker.exists()


def _raw(data: bytes) -> object:
    return msgspec.msgpack.decode(data)


def _edited(edit: Callable[[list[object]], None]) -> Callable[[Path, bytes], bytes]:
    def crafted(marker: Path, valid: bytes) -> bytes:
        wire = _raw(valid)
        assert isinstance(wire, list)
        edit(wire)
        return msgspec.msgpack.encode(wire)

    return crafted


def _nested(depth: int) -> bytes:
    data = msgspec.msgpack.encode([])
    for _ in range(depth):
        data = msgspec.msgpack.encode([Ext(4, data)])  # a tuple holding a tuple ...
    return msgspec.msgpack.encode([{}, Ext(4, data)])


def _set_in(path: str, value: object) -> Callable[[list[object]], None]:
    """An edit of the document's wire form: set what `path` (dot-separated) names."""

    def edit(wire: list[object]) -> None:
        target: object = wire
        *parents, last = path.split(".")
        for part in parents:
            target = target[int(part)] if isinstance(target, list) else target[part]  # type: ignore[index]
        if isinstance(target, list):
            target[int(last)] = value
        else:
            target[last] = value  # type: ignore[index]

    return edit


CRAFTED_DOCUMENTS: dict[str, Callable[[Path, bytes], bytes]] = {
    "pickle-that-creates-a-file": lambda marker, valid: pickle.dumps(_Payload(marker)),
    "pickle-of-a-document": lambda marker, valid: pickle.dumps(document()),
    "random-bytes": lambda marker, valid: random.Random(13).randbytes(4096),
    "empty": lambda marker, valid: b"",
    "truncated": lambda marker, valid: valid[: len(valid) // 2],
    "trailing-bytes": lambda marker, valid: valid + b"\xc0",
    "json": lambda marker, valid: b'[{"path": "/x.md", "text": ""}, {}]',
    "msgpack-of-another-shape": lambda marker, valid: msgspec.msgpack.encode({"path": "/x"}),
    "findings-not-a-page": lambda marker, valid: CHECKED.encode(
        Checked([], FocusIndex({}, {}, {}))
    ),
    "a-line-as-text": _edited(_set_in("0.citations.0.span.line", "3")),
    "a-line-as-float": _edited(_set_in("0.citations.0.span.line", 3.0)),
    "an-unknown-problem-code": _edited(_set_in("0.problems.0.code", "run-code")),
    "a-path-as-number": _edited(_set_in("0.path", 5)),
    "a-missing-field": _edited(lambda wire: wire[0].pop("text")),  # type: ignore[attr-defined]
    "front-matter-a-list": _edited(_set_in("1", [1, 2])),
    "front-matter-in-the-document": _edited(_set_in("0.front_matter", {"a": 1})),
    "an-unknown-extension": _edited(_set_in("1", Ext(99, b""))),
    "a-date-that-is-none": _edited(_set_in("1", {"d": Ext(1, b"vandaag")})),
    "a-huge-integer-text": _edited(_set_in("1", {"n": Ext(3, b"9" * 100_000)})),
    "a-set-of-lists": _edited(_set_in("1", {"s": Ext(5, msgspec.msgpack.encode([[1]]))})),
    "a-map-of-triples": _edited(_set_in("1", Ext(6, msgspec.msgpack.encode([[1, 2, 3]])))),
    "extensions-nested-past-the-stack": lambda marker, valid: _nested(3000),
}


@pytest.mark.parametrize("crafted", CRAFTED_DOCUMENTS.values(), ids=CRAFTED_DOCUMENTS.keys())
def test_a_crafted_page_file_is_a_miss(
    tmp_path: Path, crafted: Callable[[Path, bytes], bytes]
) -> None:
    marker = tmp_path / "pwned"
    cache = Cache(tmp_path / "cache")
    cache.store("k", document(), DOCUMENT)
    valid = (tmp_path / "cache" / "k.msgpack").read_bytes()
    assert cache.load("k", DOCUMENT) == document()  # the file the crafted one replaces
    (tmp_path / "cache" / "k.msgpack").write_bytes(crafted(marker, valid))
    assert cache.load("k", DOCUMENT) is None
    assert not marker.exists()


def _bib_edit(edit: Callable[[list[object]], None]) -> Callable[[bytes], bytes]:
    def crafted(valid: bytes) -> bytes:
        wire = _raw(valid)
        assert isinstance(wire, list)
        edit(wire)
        return msgspec.msgpack.encode(wire)

    return crafted


def _ring(wire: list[object]) -> None:
    parents = wire[4]
    assert isinstance(parents, list)
    parents[0], parents[1] = [1], [0]


CRAFTED_BIBLIOGRAPHIES: dict[str, Callable[[bytes], bytes]] = {
    "a-position-past-the-end": _bib_edit(_set_in("3.bron1", 999)),
    "a-negative-position": _bib_edit(_set_in("2.0", -1)),
    "parents-in-a-ring": _bib_edit(_ring),
    "parents-of-too-few": _bib_edit(lambda wire: wire[4].pop()),  # type: ignore[attr-defined]
    "a-field-too-many": _bib_edit(lambda wire: wire.append([])),
    "an-entry-type-as-number": _bib_edit(_set_in("1.0.entry.0", 7)),
    "an-entry-without-persons": _bib_edit(lambda wire: wire[1][0]["entry"].pop()),  # type: ignore[index]
    "a-person-of-four-parts": _bib_edit(_set_in("1.1.entry.3.0.1.0", [[], [], [], []])),
    "an-unknown-severity": _bib_edit(_set_in("0.0.severity", "fatal")),
    "a-document-instead": lambda valid: DOCUMENT.encode(document()),
}


@pytest.mark.parametrize(
    "crafted", CRAFTED_BIBLIOGRAPHIES.values(), ids=CRAFTED_BIBLIOGRAPHIES.keys()
)
def test_a_crafted_bibliography_file_is_a_miss(
    tmp_path: Path, bib_dir: Path, crafted: Callable[[bytes], bytes]
) -> None:
    bibliography = load_bibliography(bib_dir, root=bib_dir.parent)
    valid = BIBLIOGRAPHY.encode(bibliography)
    assert BIBLIOGRAPHY.decode(valid) == bibliography
    cache = Cache(tmp_path / "cache")
    cache.store_encoded("k", crafted(valid))
    assert cache.load("k", BIBLIOGRAPHY) is None


def _fifo(path: Path) -> None:
    os.mkfifo(path)


FILE_KINDS: dict[str, Callable[[Path], None]] = {
    "fifo": _fifo,  # reading one would wait for a writer for ever
    "link-to-dev-zero": lambda path: path.symlink_to("/dev/zero"),  # would never end
    "link-to-a-valid-file": lambda path: path.symlink_to(path.with_name("valid.msgpack")),
    "folder": lambda path: path.mkdir(),
    "unreadable": lambda path: (path.write_bytes(b""), path.chmod(0)),
}


@pytest.mark.parametrize("make", FILE_KINDS.values(), ids=FILE_KINDS.keys())
def test_a_cache_file_that_is_not_a_regular_file_is_a_miss_at_once(
    tmp_path: Path, make: Callable[[Path], None]
) -> None:
    cache = Cache(tmp_path)
    cache.store("valid", "tekst", TEXT)
    make(tmp_path / "k.msgpack")
    found: list[object] = []
    reader = threading.Thread(target=lambda: found.append(cache.load("k", TEXT)), daemon=True)
    reader.start()
    reader.join(timeout=10)
    assert found == [None]


def test_a_value_of_another_type_under_a_key_is_a_miss(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.store(
        "k", Checked([finding("a.md", 1, 1, "encoding", "m")], FocusIndex({}, {}, {})), CHECKED
    )
    assert cache.load("k", DOCUMENT) is None
    assert cache.load("k", BYTES) is None
    assert cache.load("k", Codec(list[int])) is None
    cache.store("t", "123", TEXT)
    assert cache.load("t", Codec(int)) is None  # strict: text is never read as a number


# --- the cache as the check uses it ---


@pytest.fixture
def project(tmp_path: Path, bib_dir: Path) -> Path:
    for n in range(4):
        folder = tmp_path / "docs" / f"paper{n}"
        folder.mkdir(parents=True)
        (folder / "index.md").write_text(FRONT_MATTER + PAGE, encoding="utf-8")
    return tmp_path


def _run(project: Path) -> list[Diagnostic]:
    return check(project / "docs", project / "bib", root=project, cache_dir=project / "cache")


def test_old_pickles_at_the_very_keys_are_ignored_and_pruned(project: Path) -> None:
    """A previous version's files, and payloads under the names this version reads."""
    fresh = check(project / "docs", project / "bib", root=project)
    inventory = take_inventory(project / "docs", project / "bib", project)
    folder = project / "cache"
    folder.mkdir()
    marker = project / "pwned"
    for key in sorted(inventory.keys()):
        for suffix in (".pickle", caches.SUFFIX):
            (folder / f"{key}{suffix}").write_bytes(pickle.dumps(_Payload(marker)))
    (folder / "notes.txt").write_text("niet van de cache", encoding="utf-8")
    assert _run(project) == fresh
    assert not marker.exists()
    assert not list(folder.glob("*.pickle"))
    assert {path.stem for path in folder.glob("*.msgpack")} == inventory.keys()
    assert (folder / "notes.txt").exists()  # only the cache's own kinds of file are pruned
    assert _run(project) == fresh  # and now from the cache
    cache = Cache(folder)
    checked = cache.load(inventory.key, CHECKED)
    assert checked is not None and checked.findings == fresh
    assert cache.load(inventory.bib_key, BIBLIOGRAPHY) is not None
    pages = cache.pack(reading.PAGES)
    assert all(pages.load(key, DOCUMENT) for key in inventory.page_keys.values())


def test_keep_only_prunes_unused_values_and_old_formats(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    for key in ("a", "b"):
        cache.store(key, key, TEXT)
    (tmp_path / "a.pickle").write_bytes(pickle.dumps("a"))
    cache.keep_only({"a"})
    assert sorted(path.name for path in tmp_path.iterdir()) == ["a.msgpack"]
    assert cache.load("a", TEXT) == "a"


@pytest.mark.parametrize("parallel", [False, True], ids=["in-process", "worker-processes"])
def test_a_page_that_cannot_be_cached_is_checked_all_the_same(
    project: Path, monkeypatch: pytest.MonkeyPatch, parallel: bool
) -> None:
    monkeypatch.setattr(cached, "MAX_FRONT_MATTER_VALUES", 100)  # forked workers see it too
    page = project / "docs" / "paper0" / "index.md"
    too_many = ", ".join(["0"] * 100)
    page.write_text(f"---\ntitle: T\nlist: [{too_many}]\n---\n{PAGE}", encoding="utf-8")
    if parallel:
        monkeypatch.setattr(reading, "PARALLEL_FROM_BYTES", 0)
        monkeypatch.setattr(reading, "available_cores", lambda: 2)
        monkeypatch.setattr(reading, "process_context", lambda: get_context("fork"))
    fresh = check(project / "docs", project / "bib", root=project)
    assert _run(project) == fresh
    inventory = take_inventory(project / "docs", project / "bib", project)
    stored = {path.stem for path in (project / "cache").glob("*.msgpack")}
    assert stored == inventory.keys()
    packed = Cache(project / "cache").load(pack_key(reading.PAGES), PACKED)
    assert packed is not None
    assert inventory.page_keys[page.absolute()] not in packed  # not cached: parsed each time
    assert len(packed) == len(inventory.page_keys) - 1
    (project / "cache" / f"{inventory.key}.msgpack").unlink()  # the findings: read it all
    assert _run(project) == fresh


def test_a_pack_keeps_many_values_in_one_file_and_prunes_what_a_run_left_unused(
    tmp_path: Path,
) -> None:
    first = Cache(tmp_path).pack("pages")
    for key in ("a", "b", "c"):
        first.store(key, key.upper(), TEXT)
    first.save()
    assert [path.stem for path in tmp_path.iterdir()] == [pack_key("pages")]
    second = Cache(tmp_path).pack("pages")
    assert second.load("a", TEXT) == "A"
    assert second.load("b", BYTES) is None  # another type under a key: a miss, as in a Cache
    second.store("d", "D", TEXT)
    second.save()
    third = Cache(tmp_path).pack("pages")
    assert [third.load(key, TEXT) for key in "abcd"] == ["A", None, None, "D"]


def test_a_pack_that_holds_what_a_run_used_is_not_written_again(tmp_path: Path) -> None:
    pack = Cache(tmp_path).pack("pages")
    pack.store("a", "A", TEXT)
    pack.save()
    file = tmp_path / f"{pack_key('pages')}{caches.SUFFIX}"
    before = file.stat().st_ino
    again = Cache(tmp_path).pack("pages")
    assert again.load("a", TEXT) == "A"
    again.save()
    assert file.stat().st_ino == before  # a write is a rename: a new inode


CRAFTED_PACKS = {
    "a-pickle": lambda marker: pickle.dumps(_Payload(marker)),
    "a-list": lambda marker: msgspec.msgpack.encode([b"x"]),
    "text-for-bytes": lambda marker: msgspec.msgpack.encode({"a": "A"}),
    "a-pickle-inside": lambda marker: msgspec.msgpack.encode({"a": pickle.dumps(_Payload(marker))}),
}


@pytest.mark.parametrize("crafted", CRAFTED_PACKS.values(), ids=CRAFTED_PACKS.keys())
def test_a_crafted_pack_is_a_miss(tmp_path: Path, crafted: Callable[[Path], bytes]) -> None:
    marker = tmp_path / "pwned"
    folder = tmp_path / "cache"
    folder.mkdir()
    (folder / f"{pack_key('pages')}{caches.SUFFIX}").write_bytes(crafted(marker))
    pack = Cache(folder).pack("pages")
    assert pack.load("a", TEXT) is None
    assert pack.load("a", DOCUMENT) is None
    assert not marker.exists()


def test_a_cold_check_writes_four_files_however_many_pages(project: Path) -> None:
    """Findings, the bibliography's findings, the bibliography and the pages' pack: a file per
    page cost a millisecond each to create on a VM's disk, a second of a cold check of a
    thousand pages."""
    for number in range(4, 10):
        shutil.copytree(project / "docs" / "paper0", project / "docs" / f"paper{number}")
    _run(project)
    inventory = take_inventory(project / "docs", project / "bib", project)
    assert len(inventory.page_keys) > 3
    assert {path.stem for path in (project / "cache").iterdir()} == inventory.keys()


def test_an_unstorable_value_is_not_stored(tmp_path: Path) -> None:
    cache = Cache(tmp_path)
    cache.store("k", 2**70, Codec(int))
    assert not list(tmp_path.iterdir())
    assert "k" in cache.used  # asked for: kept by keep_only if it ever is stored


def test_the_codec_says_what_it_cannot_write() -> None:
    with pytest.raises(Unstorable, match="no codec for"):
        Codec(object).encode(object())
    assert cached.MAX_FRONT_MATTER_VALUES < 10**6
