"""The entry rules' shortcuts for the common entry (no LaTeX, no `$`, names in BibTeX's own
form, lower-case field names) find what the full look finds: fields read by their lower-case
name whatever case they are written in, a link or a `$` in any field or name, and pybtex's
fields and persons stored in the cache in their order, names as written."""

from __future__ import annotations

from pathlib import Path

import pytest
from pybtex.database import Entry, Person

from whitepaper.check.entry_rules import entry_findings
from whitepaper.sources.bibliography import parse_bib_text
from whitepaper.sources.cached import BIBLIOGRAPHY
from whitepaper.sources.crossrefs import resolve
from whitepaper.sources.entries import BibEntry, Bibliography
from whitepaper.sources.languages import unknown_values
from whitepaper.sources.names import pubmed_correction

BIB = Path("bib/refs.bib")


def read(text: str) -> list[BibEntry]:
    entries, diagnostics = parse_bib_text(text, BIB, root=Path())
    assert [d.message for d in diagnostics if d.severity == "error"] == []
    return resolve(entries)


def found(text: str) -> list[tuple[int, int, str, str]]:
    """(line, column, code, message) of each finding about the entries of `text`."""
    return [
        (d.line, d.column, d.code, d.message)
        for entry in read(text)
        for d in entry_findings(entry, "bib/refs.bib")
    ]


def test_folded_fields_are_the_fields_by_lower_case_name_in_their_order() -> None:
    [entry] = read("@book{a, TITLE = {T}, Year = 2020, note = {N}, ISBN = {1}}")
    assert list(entry.folded_fields.items()) == [
        (name.lower(), value) for name, value in entry.fields.items()
    ]
    assert list(entry.folded_fields) == ["title", "year", "note", "isbn"]


def test_fields_written_in_capitals_count_as_given() -> None:
    """No `incomplete-entry` for TITLE and YEAR; `NOTE = {Onvolledig: ...}` is a marking."""
    assert found("@book{a, Author = {Doe, J.}, TITLE = {T}, YEAR = 2020}") == []
    [(_, _, code, message)] = found(
        "@book{a, author = {Doe, J.}, NOTE = {Onvolledig: de uitgever}}"
    )
    assert (code, message) == ("incomplete-entry", "'a' is gemarkeerd als onvolledig: de uitgever")


def test_what_is_missing_is_said_after_the_shortcut() -> None:
    [(_, _, code, message)] = found("@book{a, editor = {Roe, R.}, title = {T}}")
    assert (code, message) == ("incomplete-entry", "'a' mist jaar")


@pytest.mark.parametrize("field", ["note", "Note", "abstract", "HowPublished"])
def test_a_link_in_any_field_is_checked(field: str) -> None:
    text = (
        "@misc{a, author = {Doe, J.}, title = {T}, year = 2020,\n"
        f"  {field} = {{Zie \\href{{javascript:alert(1)}}{{hier}}}}}}"
    )
    unsafe = [(line, column, code) for line, column, code, _ in found(text) if code == "unsafe-url"]
    assert unsafe == [(2, 3, "unsafe-url")]


@pytest.mark.parametrize(
    ("author", "message"),
    [
        ("Sm\\ith, J.", "de site kent het LaTeX-commando '\\ith' in het veld 'author' niet"),
        ("Doe, J. and $x$, Y.", "het veld 'author' bevat '$'"),
    ],
)
def test_latex_or_a_formula_in_a_name_alone_is_lost_text(author: str, message: str) -> None:
    text = f"@misc{{a, title = {{T}}, year = 2020,\n  author = {{{author}}}}}"
    [(line, column, code, said)] = found(text)
    assert (line, column, code) == (2, 3, "lost-text")
    assert said.startswith(message)


def test_a_single_dollar_in_another_field_leaves_a_formula_in_a_name_warned() -> None:
    text = "@misc{a, title = {$5}, year = 2020, author = {$x$, Y.}}"
    assert [(code, message[:32]) for _, _, code, message in found(text)] == [
        ("lost-text", "het veld 'author' bevat '$': de ")
    ]


@pytest.mark.parametrize(
    ("name", "corrected"),
    [
        ("Field,T M", None),  # the surname before the first comma is one word
        ("Field, T, Diego M", None),
        ("{Field, T} M", None),
        ("Field T,Diego M", "Field, T. and Diego, M."),
        ("  Field T", "Field, T."),
    ],
)
def test_pubmed_names_around_the_first_comma(name: str, corrected: str | None) -> None:
    assert pubmed_correction(name) == corrected


def test_a_language_field_in_capitals_is_read() -> None:
    [entry] = read("@book{a, LANGID = {klingon}, Language = {english and elvish}}")
    assert list(unknown_values(entry)) == [("langid", "klingon"), ("language", "elvish")]


def _bibliography(entry: Entry) -> Bibliography:
    bib_entry = BibEntry("a", BIB, 1, 1, entry)
    return Bibliography({"a": bib_entry}, (), (bib_entry,))


def test_fields_and_persons_come_back_from_the_cache_in_their_order_as_written() -> None:
    """Also after pybtex's mapping was changed: a name written again in another case keeps
    its place, a field taken out and put back goes last."""
    entry = Entry("Book", fields=[("Title", "T"), ("year", "2020"), ("note", "N")])
    entry.fields["TITLE"] = "T2"
    del entry.fields["year"]
    entry.fields["Year"] = "2021"
    entry.add_person(Person("Roe, R."), "Editor")
    entry.add_person(Person("Doe, J."), "author")
    entry.add_person(Person("van der Berg, Jan"), "author")
    [back] = BIBLIOGRAPHY.decode(BIBLIOGRAPHY.encode(_bibliography(entry))).all_entries
    assert list(back.entry.fields.items()) == [("TITLE", "T2"), ("note", "N"), ("Year", "2021")]
    assert list(back.folded_fields.items()) == [("title", "T2"), ("note", "N"), ("year", "2021")]
    persons = {role: [str(p) for p in people] for role, people in back.entry.persons.items()}
    assert persons == {"Editor": ["Roe, R."], "author": ["Doe, J.", "van der Berg, Jan"]}
    assert back.entry.persons["author"][1].prelast_names == ["van", "der"]
