"""entry_builder.EntryBuilder: exactly pybtex's own Entry building, with less work.

Every test compares with pybtex's own `Parser().process_entry` (persons made by `Person(name)`,
errors collected as the builder collects them) and with the written names split as pybtex
splits them: entry type, fields in order, each role's persons part by part, errors, names.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pybtex.errors
import pytest
from benchmarks.corpus import generate
from hypothesis import example, given, settings
from hypothesis import strategies as st
from pybtex import textutils
from pybtex.bibtex.utils import split_name_list
from pybtex.database import Entry, Person
from pybtex.database.input.bibtex import Parser
from pybtex.exceptions import PybtexError

from whitepaper.sources import bibliography, entry_builder
from whitepaper.sources.bibliography import parse_bib_text

REPOSITORY = Path(__file__).resolve().parent.parent
BIB_FILES = sorted((REPOSITORY / "bib").glob("*.bib")) + sorted(
    (REPOSITORY / "tests" / "data").rglob("*.bib")
)

Fields = list[tuple[str, list[str]]]
Call = tuple[str, str, Fields]  # what parse_bib_text gives the builder: type, key, fields


def pybtex_building(entry_type: str, key: str, fields: Fields) -> tuple[Any, ...]:
    """pybtex's own Entry and errors, and each person field's names as pybtex splits them."""
    parser = Parser()
    errors: list[PybtexError] = []
    parser.handle_error = errors.append
    with pybtex.errors.capture() as captured:
        parser.process_entry(entry_type, key, fields)
    written: dict[str, tuple[str, ...]] = {}
    for name, value in fields:
        if name in parser.person_fields and name.lower() not in written:
            text = textutils.normalize_whitespace(parser.flatten_value_list(value))
            written[name.lower()] = tuple(split_name_list(text))
    return snapshot(parser.data.entries[key], errors + captured, written)


def our_building(builder: entry_builder.EntryBuilder, call: Call) -> tuple[Any, ...]:
    entry = builder.build(*call)
    errors = list(builder.errors)
    builder.errors.clear()  # as parse_bib_text does after each entry
    return snapshot(entry, errors, builder.written_names)


def snapshot(
    entry: Entry, errors: list[PybtexError], written: dict[str, tuple[str, ...]]
) -> tuple[Any, ...]:
    """All that an Entry holds, each person's attributes whole (its five part lists)."""
    persons = [
        (role, [(type(person), vars(person)) for person in people])
        for role, people in entry.persons.items()
    ]
    return (
        entry.type,
        entry.original_type,
        entry.key,
        list(entry.fields.items()),
        persons,
        [(type(error), str(error)) for error in errors],
        dict(written),
    )


def assert_built_as_pybtex_builds(calls: list[Call]) -> None:
    builder = entry_builder.EntryBuilder()  # one for all, as in parse_bib_text: nothing carries
    for call in calls:
        ours = our_building(builder, call)
        assert ours == pybtex_building(*call)
        assert all(kind is Person for _, people in ours[4] for kind, _ in people)  # no subclass


def parse_both_ways(
    text: str, path: Path, monkeypatch: pytest.MonkeyPatch
) -> list[tuple[Call, Any, Any]]:
    """parse_bib_text's calls of the builder, fast path and pybtex's path, each with its result."""
    calls: list[Call] = []
    original = entry_builder.EntryBuilder.build

    def spy(self: entry_builder.EntryBuilder, *call: Any) -> Entry:
        calls.append(call)
        return original(self, *call)

    monkeypatch.setattr(entry_builder.EntryBuilder, "build", spy)
    entries, _ = parse_bib_text(text, path, root=path.parent)
    monkeypatch.setattr(bibliography, "scan_entries", lambda text, macros: None)
    slow_entries, _ = parse_bib_text(text, path, root=path.parent)
    monkeypatch.undo()
    built = entries + slow_entries
    assert len(calls) == len(built)
    return [(call, e.entry, e.written_names) for call, e in zip(calls, built, strict=True)]


def assert_parsed_as_pybtex_builds(text: str, path: Path, monkeypatch: pytest.MonkeyPatch) -> int:
    """Each entry of parse_bib_text (both paths) is pybtex's, its written names too."""
    parsed = parse_both_ways(text, path, monkeypatch)
    for call, entry, written in parsed:
        ours = snapshot(entry, [], dict(written))
        theirs = pybtex_building(*call)
        assert ours == (*theirs[:5], [], theirs[6])  # errors: compared by the builder's test
    assert_built_as_pybtex_builds([call for call, _, _ in parsed])
    return len(parsed)


def readable(paths: list[Path]) -> list[Path]:
    found = []
    for path in paths:
        try:
            path.read_bytes().decode("utf-8-sig")
        except UnicodeDecodeError:  # the catalogue's encoding case: never built
            continue
        found.append(path)
    return found


@pytest.mark.parametrize("path", readable(BIB_FILES), ids=lambda p: str(p.relative_to(REPOSITORY)))
def test_every_bib_file_is_built_as_pybtex_builds_it(
    path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every .bib of bib/ and tests/data/, read either way: pybtex's entries, names and errors."""
    text = path.read_bytes().decode("utf-8-sig")
    assert_parsed_as_pybtex_builds(text, path, monkeypatch)


def test_the_bib_files_have_persons_to_build() -> None:
    """The files above are no empty test: they hold hundreds of persons."""
    persons = 0
    for path in readable(BIB_FILES):
        entries, _ = parse_bib_text(path.read_bytes().decode("utf-8-sig"), path, root=path.parent)
        persons += sum(len(p) for e in entries for p in e.entry.persons.values())
    assert persons > 100


def test_the_benchmark_corpus_is_built_as_pybtex_builds_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The generated bibliography: 300 entries, each as pybtex builds it."""
    path = generate(tmp_path, 5, 300).bib / "references.bib"
    text = path.read_text(encoding="utf-8")
    assert assert_parsed_as_pybtex_builds(text, path, monkeypatch) == 2 * 300


NAMES = [
    "van der Berg, Jan",
    "Ludwig van Beethoven",
    "Dixit, Jr, Avinash K.",
    "Dixit, Jr., Avinash K.",
    "{World Health Organization}",
    r"M{\"u}ller, H.",
    r"{\"O}zt{\"u}rk, Ay{\c{s}}e",
    r"{\'E}mile Zola",
    r"{\relax Ch}ristopher Smith",
    r"Charles Louis Xavier Joseph de la Vall{\'e}e Poussin",
    r"Qui\~{n}onero-Candela, J.",
    "Viktorov, Michail~Markovitch",
    "Jan~van~Berg",
    r"Jan\ van\ Berg",
    "jean de la fontaine",
    "de la Fontaine, Jean",
    "Müller, Hans and Ørsted, H. C.",
    "A, B, C, D",
    "A, B, C, D, E",
    "Doe, J. and Roe, R. and others",
    "others",
    " and ",
    "Doe, J. and",
    "and Doe, J.",
    "Doe, J. AND Roe, R. aNd Poe, E.",
    "{Doe and Roe} and {Smith, Jones}",
    "van\n   der Berg,\n\tJan and\n  Ludwig   van Beethoven",
    "Doe,",
    ", Jan",
    "Jr, , X",
    "{}",
    "{van} Berg",
    "   ",
]


@pytest.mark.parametrize("names", NAMES)
def test_a_name_is_built_as_pybtex_builds_it(
    names: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each tricky author list: pybtex's persons and errors (too many commas), its names."""
    text = f'@article{{k,\n  author = {{{names}}},\n  editor = "{names}",\n  year = 2000\n}}\n'
    assert assert_parsed_as_pybtex_builds(text, tmp_path / "refs.bib", monkeypatch) == 2


FIELDS = {
    "title twice": "title = {T}, title = {U}",
    "title in two cases": "title = {T}, Title = {U}, TITLE = {V}",
    "author twice": "author = {Doe, J.}, Author = {Roe, R.}",
    "editor and author": "editor = {Roe, R. and Poe, E.}, author = {Doe, J.}",
    "roles in capitals": "AUTHOR = {Doe, J.}, Editor = {Roe, R.}",
    "empty author": "author = {}, editor = {  }",
    "too many commas twice": "author = {A, B, C, D}, editor = {E, F, G, H and I, J, K, L}",
    "a duplicate and a bad name": "author = {A, B, C, D}, title = {T}, title = {U}",
    "concatenated names": 'author = "Doe, J." # " and " # {Roe, R.}',
    "whitespace in values": 'title = {A\n   {B}\tC }, note = "  x  "',
    "a month macro": "month = jan, author = {Doe, J.}",
    "a number": "year = 2000, volume = 12",
}


@pytest.mark.parametrize("fields", FIELDS.values(), ids=FIELDS.keys())
def test_an_entry_is_built_as_pybtex_builds_it(
    fields: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Duplicate fields (in any case), both roles, empty and bad names: as pybtex, same errors."""
    text = f"@Article{{Key,\n  {fields}\n}}\n\n@misc{{other, author = {{Doe, J.}}}}\n"
    assert assert_parsed_as_pybtex_builds(text, tmp_path / "refs.bib", monkeypatch) == 4


def test_errors_come_in_pybtex_s_order() -> None:
    """Duplicates as met, then the bad names: as the builder always reported them."""
    fields = [
        ("author", ["A, B, C, D"]),
        ("title", ["T"]),
        ("Title", ["U"]),
        ("editor", ["E, F, G, H"]),
        ("AUTHOR", ["I, J, K, L"]),
    ]
    builder = entry_builder.EntryBuilder()
    builder.build("article", "k", fields)
    assert [str(error) for error in builder.errors] == [
        "entry with key k has a duplicate Title field",
        "entry with key k has a duplicate AUTHOR field",
        "Too many commas in 'A, B, C, D'",
        "Too many commas in 'E, F, G, H'",
    ]
    assert_built_as_pybtex_builds([("article", "k", fields)])


def test_each_entry_keeps_its_own_written_names(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """One builder for a whole file: no entry's names end up in another's."""
    text = "@misc{a, author = {Doe, J.}}\n@misc{b, editor = {Roe, R.}}\n@misc{c, year = 1}\n"
    entries, _ = parse_bib_text(text, tmp_path / "refs.bib", root=tmp_path)
    assert [dict(e.written_names) for e in entries] == [
        {"author": ("Doe, J.",)},
        {"editor": ("Roe, R.",)},
        {},
    ]


def test_names_are_split_once_and_person_init_is_not_run(monkeypatch: pytest.MonkeyPatch) -> None:
    """The saving itself: one split of each person field, no Person() with its empty splits."""
    splits: list[str] = []

    def counted(text: str) -> list[str]:
        splits.append(text)
        names: list[str] = split_name_list(text)
        return names

    def refused(*args: object, **kwargs: object) -> None:
        raise AssertionError("Person() called")

    monkeypatch.setattr(entry_builder, "split_name_list", counted)
    monkeypatch.setattr(Person, "__init__", refused)
    builder = entry_builder.EntryBuilder()
    entry = builder.build("book", "k", [("author", ["Doe, J. and Roe, R."]), ("editor", ["X"])])
    assert splits == ["Doe, J. and Roe, R.", "X"]
    assert [str(p) for p in entry.persons["author"]] == ["Doe, J.", "Roe, R."]


NAME_TEXT = st.text(alphabet="aZé ,{}\\~.-\n\"'", max_size=30) | st.lists(
    st.sampled_from(["van", "Der", "and", "AND", ",", "{", "}", "Jr", "J.", "{\\'e}", "~", " "]),
    max_size=12,
).map(" ".join)


def outcome(build: Any, *call: Any) -> tuple[Any, ...]:
    """What a building gives, or the exception it raises (an unbalanced brace may)."""
    try:
        return ("built", build(*call))
    except Exception as error:  # the very exception is what is compared
        return ("raised", type(error), str(error))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(st.sampled_from(["author", "Editor", "title"]), NAME_TEXT), max_size=4))
def test_random_names_are_built_as_pybtex_builds_them(raw: list[tuple[str, str]]) -> None:
    """Any text in the person fields, braces unbalanced too: what pybtex gives or raises."""
    call = ("misc", "k", [(name, [value]) for name, value in raw])
    ours = outcome(lambda *c: our_building(entry_builder.EntryBuilder(), c), *call)
    assert ours == outcome(pybtex_building, *call)


@settings(max_examples=300, deadline=None)
@given(NAME_TEXT | st.text(max_size=20))
@example(" A, B, C, D ")  # the error names the name stripped
def test_a_person_is_made_as_person_makes_it(name: str) -> None:
    """_person(name) is Person(name): same type, same attributes, same errors."""
    assert outcome(made_by, entry_builder.person, name) == outcome(made_by, Person, name)


def made_by(make: Any, name: str) -> tuple[Any, ...]:
    """The person `make(name)` makes, as its type and attributes, and the errors it reports."""
    with pybtex.errors.capture() as captured:
        person = make(name)
    return type(person), vars(person), [(type(e), str(e)) for e in captured]


PLAIN_NAME = st.text(alphabet="aZéÉ1ǅ ,~.-\\\n'", max_size=30) | st.lists(
    st.sampled_from(["van", "Der", "de", "la", "Jr", "J.", "Ørsted", "1st", "ǅx", ",", "~", "\\ "]),
    max_size=10,
).map(" ".join)


@settings(max_examples=500, deadline=None)
@given(PLAIN_NAME)
@example("van der Berg, Jr, Jan")
@example("Ludwig van Beethoven")
@example("jean de la fontaine")
def test_a_name_without_braces_is_made_as_person_makes_it(name: str) -> None:
    """The quick way for names without braces (entry_builder._parsed_plain), and pybtex's for
    the words whose first letter is not a cased one: each exactly Person(name)."""
    assert outcome(made_by, entry_builder.person, name) == outcome(made_by, Person, name)


@pytest.mark.parametrize(
    ("name", "quick"),
    [
        ("van der Berg, Jan", True),
        ("Dixit, Jr, Avinash K.", True),
        ("Jan~van~Berg", True),
        ("{World Health Organization}", False),
        ("A, B, C, D", False),  # pybtex reports the commas
        ("Smith, 3rd", False),  # a word pybtex judges letter by letter
    ],
)
def test_common_names_take_the_quick_way(name: str, quick: bool) -> None:
    made = entry_builder.person("")  # a person with every part empty
    assert entry_builder._parsed_plain(made, name) is quick
    assert quick or vars(made) == vars(entry_builder.person(""))  # untouched
