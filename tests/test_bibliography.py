"""bibliography.py: entries by key with their positions, and the findings of reading .bib files."""

from __future__ import annotations

from pathlib import Path

import pybtex.errors
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from whitepaper.check.findings import check
from whitepaper.sources.bibliography import load_bibliography, parse_bib_text

ROOT = Path("/project")
BIB = ROOT / "bib" / "refs.bib"


def findings(text: str) -> list[tuple[int, int, str, str]]:
    """(line, column, code, message) of every syntax finding in one file's text."""
    _, diagnostics = parse_bib_text(text, BIB, root=ROOT)
    return [(d.line, d.column, d.code, d.message) for d in sorted(diagnostics)]


def content_findings(text: str, tmp_path: Path) -> list[tuple[str, str]]:
    """(code, message) of every finding the check makes of a bibliography of one file."""
    write(tmp_path, refs=text)
    (tmp_path / "docs").mkdir()
    return [(d.code, d.message) for d in check(tmp_path / "docs", tmp_path / "bib", root=tmp_path)]


def write(folder: Path, **files: str) -> Path:
    (folder / "bib").mkdir()
    for name, text in files.items():
        (folder / "bib" / f"{name}.bib").write_text(text, encoding="utf-8")
    return folder / "bib"


def test_entries_know_file_line_and_column(tmp_path: Path) -> None:
    """Each entry records the file and the 1-based line and column of its '@'."""
    bib = write(
        tmp_path, a="% commentaar\n\n  @book{wal2013, title={T}}\n@misc{cbs2020,title={C}}\n"
    )
    entries = load_bibliography(bib, root=tmp_path).entries
    assert [(e.key, e.path.name, e.line, e.column) for e in entries.values()] == [
        ("wal2013", "a.bib", 3, 3),
        ("cbs2020", "a.bib", 4, 1),
    ]


def test_entries_keep_pybtex_fields_and_persons(tmp_path: Path) -> None:
    """The parsed pybtex Entry travels along, for the citation renderer."""
    bib = write(
        tmp_path,
        a="@article{wal2013, author = {van der Wal, Jaap and Stecco, Carla},"
        " title = {Fascia}, year = 2013, month = jun}",
    )
    entry = load_bibliography(bib, root=tmp_path).entries["wal2013"]
    assert entry.entry.type == "article"
    assert [str(p) for p in entry.entry.persons["author"]] == ["van der Wal, Jaap", "Stecco, Carla"]
    assert entry.fields["Title"] == "Fascia"  # field names ignore case, as in BibTeX
    assert entry.fields["month"] == "June"  # pybtex's month abbreviations


@pytest.mark.parametrize(
    "key",
    ["müller2010", "who:2019/a.b-c", "o'brien2001", "a+b=c", "wal2013a"],
)
def test_odd_keys_are_read_as_written(key: str) -> None:
    """Keys with unicode and punctuation are kept exactly (BibTeX allows all but , } and space)."""
    entries, diagnostics = parse_bib_text(
        f"@book{{{key}, author={{A}}, title={{T}}, year=2000}}\n", BIB, root=ROOT
    )
    assert [e.key for e in entries] == [key]
    assert diagnostics == []


def test_string_abbreviations_carry_over_to_later_files(tmp_path: Path) -> None:
    """Files are read in sorted order as one stream, so @string in a.bib serves b.bib."""
    bib = write(
        tmp_path,
        a="@string{jbmt = {J. Bodyw. Mov. Ther.}}\n",
        b="@article{x, author={A}, title={T}, year=2000, journal=jbmt}\n",
    )
    result = load_bibliography(bib, root=tmp_path)
    assert result.diagnostics == ()
    assert result.entries["x"].fields["journal"] == "J. Bodyw. Mov. Ther."


def test_keys_are_exact_but_duplicates_ignore_case(tmp_path: Path) -> None:
    """'Wal2013' after 'wal2013' is a duplicate (as in BibTeX); lookups stay exact."""
    bib = write(tmp_path, a="@book{wal2013, author={A}, title={T}, year=1}\n"
                "@book{Wal2013, author={A}, title={T}, year=1}\n")  # fmt: skip
    result = load_bibliography(bib, root=tmp_path)
    assert list(result.entries) == ["wal2013", "Wal2013"]
    assert [(d.code, d.line) for d in result.diagnostics] == [("duplicate-key", 2)]
    assert "bib/a.bib:1" in result.diagnostics[0].message


SYNTAX_ERRORS = [
    # (name, text, line, column, words in the message)
    ("missing comma", "@book{a,\n title = {T}\n year = 1}\n", 3, 2, "komma"),
    (
        "entry not closed",
        "@book{a,\n title = {T},\n\n@book{b, title={U}}\n",
        4,
        1,
        "niet afgesloten",
    ),
    ("closing brace missing at end", "@book{a, title = {T}\n", 1, 1, "nooit afgesloten"),
    ("value never closed", "@book{a, title = {T, year = 1}\n", 1, 1, "nooit afgesloten"),
    ("quote never closed", '@book{a, title = "T, year = 1}\n', 1, 18, "sluit niet"),
    ("at sign in comment text", "mail a@b.nl\n", 1, 7, "'@'"),
    ("no key", "@book{, title={T}}\n", 1, 7, "sleutel"),
    ("no equals", "@book{a, title {T}}\n", 1, 16, "'='"),
    ("no value", "@book{a, title = , year = 1}\n", 1, 18, "waarde"),
    ("no type name", "@{a, title={T}}\n", 1, 2, "itemtype"),
    ("undefined abbreviation", "@book{a, title = T, year=1}\n", 1, 18, "afkorting"),
    ("comment inside an entry", "@book{a,\n  % uitgever?\n  title = {T}}\n", 2, 3, "'%' begint"),
    ("escaped closing brace", "@book{a, title = {a\\}b}, year = 2000}\n", 1, 20, "'\\}' sluit"),
]


@pytest.mark.parametrize(
    ("text", "line", "column", "words"),
    [case[1:] for case in SYNTAX_ERRORS],
    ids=[case[0] for case in SYNTAX_ERRORS],
)
def test_syntax_errors(text: str, line: int, column: int, words: str) -> None:
    """Each kind of syntax error: one bib-syntax finding, at the right place, in Dutch."""
    [(found_line, found_column, code, message)] = findings(text)
    assert (found_line, found_column, code) == (line, column, "bib-syntax")
    assert words in message


def test_syntax_error_shows_line_and_caret_position() -> None:
    """The finding carries its source line, for the caret display."""
    _, [diagnostic] = parse_bib_text("@book{a,\n  title {T}}\n", BIB, root=ROOT)
    assert (diagnostic.excerpt, diagnostic.column) == ("  title {T}}", 9)


def test_entry_after_a_broken_one_is_still_read() -> None:
    """An entry that was never closed does not swallow the next entry."""
    entries, _ = parse_bib_text("@book{a,\n title = {T},\n\n@book{b, title={U}}\n", BIB, root=ROOT)
    assert [(e.key, e.broken) for e in entries] == [("a", True), ("b", False)]


@pytest.mark.parametrize(
    "command",
    [
        '@preamble{"\\newcommand{\\noopsort}[1]{}"}',
        '@PREAMBLE("\\providecommand{\\x}{x}")',
        '@preamble{"a" # "b"}',
        "@string{jbmt = {J. Bodyw. Mov. Ther.}}",
        "@comment{wat dan ook}",
    ],
)
def test_commands_that_are_no_entries_are_skipped(command: str) -> None:
    """@preamble (it stopped the check with an internal error), @string and @comment are read
    past: no finding, and the entries on either side are kept."""
    text = f"@book{{a, title = {{A}}}}\n{command}\n@book{{b, title = {{B}}}}\n"
    entries, diagnostics = parse_bib_text(text, BIB, root=ROOT)
    assert ([e.key for e in entries], diagnostics) == (["a", "b"], [])


def test_pybtex_strict_mode_is_left_alone() -> None:
    """Errors are collected without touching pybtex's global strict switch."""
    before = pybtex.errors.strict
    findings("@book{a, author = {A, B, C, D}, title = T}\n@book{a}")
    assert pybtex.errors.strict is before


def test_not_utf8_is_an_encoding_finding(tmp_path: Path) -> None:
    """A Latin-1 file is reported with the line and column of the first bad byte."""
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "a.bib").write_bytes("@book{a,\n title={Caf\xe9}}\n".encode("latin-1"))
    [d] = load_bibliography(tmp_path / "bib", root=tmp_path).diagnostics
    assert (d.path, d.line, d.column, d.code) == ("bib/a.bib", 2, 12, "encoding")


@pytest.mark.parametrize(
    ("fields", "message"),
    [
        ("author={A}, title={T}, year=2000", None),
        ("editor={A}, title={T}, year=2000", None),
        ("organization={CBS}, title={T}, year=2000", None),
        ("institution={CBS}, title={T}, date={2000-05}", None),
        ("title={T}", "'x' mist auteur en jaar"),
        ("author={A}", "'x' mist titel en jaar"),
        ("author={A}, title={T}, year=2000, note={Onvolledig: geen paginas}",
         "'x' is gemarkeerd als onvolledig: geen paginas"),
    ],
)  # fmt: skip
def test_incomplete_entry_rule(fields: str, message: str | None, tmp_path: Path) -> None:
    """Author (or editor, organisation, institution), title and year, or a note 'onvolledig'."""
    found = [
        m
        for code, m in content_findings(f"@misc{{x, {fields}}}", tmp_path)
        if code == "incomplete-entry"
    ]
    assert found == ([message] if message else [])


_PIECES = [*'@{}(),="# \n\tab1%é\\', "preamble", "string", "author", "crossref", " and "]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(_PIECES), max_size=40).map("".join))
def test_any_text_gives_findings_not_exceptions(text: str) -> None:
    """Whatever a .bib file holds, reading it yields findings inside the file, never a crash."""
    entries, diagnostics = parse_bib_text(text, BIB, root=ROOT)
    lines = text.count("\n") + 1
    for d in diagnostics:
        assert 1 <= d.line <= lines and d.column >= 1 and d.message
    assert all(1 <= e.line <= lines for e in entries)
