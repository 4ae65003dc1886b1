"""The language of a reference's title: `lang` on the title only (WCAG 3.1.2: a screen reader
speaks it, WeasyPrint hyphenates it in its language), from the entry's `langid` or `language`;
a value nobody knows is a finding, never dropped without a word."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

from tests.test_citations import bibliography, formatted
from tests.test_pdf import CONTENT, PAPER
from whitepaper.check.entry_rules import entry_findings
from whitepaper.citations import csl_bibtex
from whitepaper.citations.csl_html import by_id, inner_html
from whitepaper.citations.format import plain_text
from whitepaper.citations.placement import reference_entries
from whitepaper.diagnostics import format_one
from whitepaper.pdf.document import PrintJob, PrintPage, compose
from whitepaper.sources.languages import LANGUAGES, language


class _Spans(HTMLParser):
    """The text inside each element with a `lang`, and the text outside all of them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth: list[str | None] = []  # each open element's lang
        self.inside: list[tuple[str, str]] = []  # (lang, text)
        self.outside = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        lang = dict(attrs).get("lang")
        if lang is not None and tag not in ("br",):
            self.inside.append((lang, ""))
        if tag != "br":
            self.depth.append(lang)

    def handle_endtag(self, tag: str) -> None:
        if self.depth:
            self.depth.pop()

    def handle_data(self, data: str) -> None:
        if any(lang is not None for lang in self.depth):
            lang, text = self.inside[-1]
            self.inside[-1] = (lang, text + data)
        else:
            self.outside += data


def spans(html: str) -> _Spans:
    parser = _Spans()
    parser.feed(html)
    parser.close()
    return parser


@pytest.mark.parametrize(
    ("written", "tag"),
    [
        ("english", "en"),
        ("English", "en"),
        ("american", "en-US"),
        ("USenglish", "en-US"),
        ("british", "en-GB"),
        ("dutch", "nl"),
        ("en", "en"),
        ("EN-gb", "en-GB"),
        ("en-US", "en-US"),
        ("en-IE", "en"),  # a region the table has no row for: its language
        ("nl-BE", "nl"),
        ("de", "de-DE"),
        ("ngerman", "de-DE"),
        ("langgerman", "de-DE"),  # biblatex's localisation key
        ("brazil", "pt"),
        ("nb", "no"),
        (" french ", "fr"),
        ("klingon", None),
        ("englsh", None),
        ("xx-YY", None),
        ("en_US", None),
        ("", None),
    ],
)
def test_the_table_gives_each_written_value_its_tag(written: str, tag: str | None) -> None:
    found = language(written)
    assert (found.tag if found else None) == tag


def test_dutch_is_the_pages_own_language() -> None:
    assert [row.tag for row in LANGUAGES if not row.foreign] == ["nl"]


def _rows_bib() -> str:
    return "".join(
        f"@book{{row{i}, author = {{Doe, J.}}, title = {{Titel {i}}}, year = {1900 + i},"
        f" langid = {{{row.babel}}}}}\n"
        for i, row in enumerate(LANGUAGES)
    )


def test_pandoc_makes_each_rows_tag_of_its_babel_name() -> None:
    """The table's tags are pandoc's: its LaTeX reader turns \\foreignlanguage{babel} into
    the span, so every row is run through it."""
    bib = _rows_bib()
    text = " ".join(f"[@row{i}]" for i in range(len(LANGUAGES)))
    references = {ref.key: ref.html for ref in formatted(text, bib).references}
    for i, row in enumerate(LANGUAGES):
        found = spans(references[f"row{i}"]).inside
        assert found == ([(row.tag, f"Titel {i}")] if row.foreign else []), row


ENGLISH = r"""
@incollection{smith2020, author = {Smith, John}, title = {Massage for low-back pain},
  booktitle = {Handbook of Pain}, editor = {Roe, Richard}, publisher = {Elsevier}, year = 2020,
  langid = {english}}
@online{nhs2021, author = {{National Health Service}}, title = {Back pain},
  url = {https://www.nhs.uk/back-pain}, urldate = {2025-03-05}, language = {british}}
@book{jansen2019, author = {Jansen, Piet}, title = {Rugpijn in de praktijk}, year = 2019,
  langid = {dutch}}
@book{vries2018, author = {de Vries, Anna}, title = {Nekpijn}, year = 2018}
@book{braun2017, author = {Braun, Karl}, title = {Rückenschmerz}, year = 2017, langid = {ngerman}}
@book{many2016, author = {Many, M.}, title = {Both}, year = 2016, language = {english and german}}
"""


def references() -> dict[str, str]:
    cited = "[@smith2020; @nhs2021; @jansen2019; @vries2018; @braun2017; @many2016]"
    return {ref.key: ref.html for ref in formatted(cited, ENGLISH).references}


@pytest.mark.parametrize(
    ("key", "title", "dutch_words"),
    [
        ("smith2020", "Massage for low-back pain", ["In ", "(Red.)"]),
        ("nhs2021", "Back pain", ["(z.d.)", "Geraadpleegd op 5 maart 2025, van"]),
        ("braun2017", "Rückenschmerz", []),
    ],
)
def test_a_title_in_another_language_has_it_and_the_rest_stays_dutch(
    key: str, title: str, dutch_words: list[str]
) -> None:
    found = spans(references()[key])
    tag = {"smith2020": "en", "nhs2021": "en-GB", "braun2017": "de-DE"}[key]
    assert found.inside == [(tag, title)]
    for words in dutch_words:
        assert words in found.outside


@pytest.mark.parametrize("key", ["jansen2019", "vries2018", "many2016"])
def test_a_dutch_entry_or_one_of_several_languages_has_no_lang(key: str) -> None:
    assert "lang=" not in references()[key]


@pytest.mark.parametrize(
    "title",
    [
        "Effectiveness of massage therapy for shoulder pain: a systematic review",
        "A:b c",
        "A {B: c} and d: e",
        "What is it? A: b: c",
        "Ends with a colon:",
        "x http://a.b/c: d",
        "{Whole: braced}",
        r"A \& b: c \{d: e\} f",
        "Without a colon",
    ],
)
def test_an_authorless_work_is_cited_by_the_same_short_title(
    title: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Pandoc cuts the short title at the first ':' outside braces; the span must not hide it."""
    bib = f"@article{{anon, title = {{{title}}}, journal = {{J}}, year = 2017, langid = {{en}}}}"
    marked = formatted("[@anon]", bib)
    monkeypatch.setattr(csl_bibtex, "_in_language", lambda text, babel: text)
    unmarked = formatted("[@anon]", bib)
    assert [plain_text(c) for c in marked.citations.values()] == [
        plain_text(c) for c in unmarked.citations.values()
    ]
    assert plain_text(marked.references[0].html) == plain_text(unmarked.references[0].html)
    assert 'lang="en"' in marked.references[0].html


@pytest.mark.parametrize(
    ("written", "kept"),
    [
        ('<span lang="en-GB">x</span>', '<span lang="en-GB">x</span>'),
        ('<span lang="en" onclick="x()">x</span>', '<span lang="en">x</span>'),
        ('<span lang="en&quot; onclick=&quot;x()">x</span>', "<span>x</span>"),
        ('<span lang="">x</span>', "<span>x</span>"),
        ('<em lang="en">x</em>', "<em>x</em>"),
    ],
)
def test_the_allowlist_keeps_only_a_language_tag_on_a_span(written: str, kept: str) -> None:
    assert inner_html(by_id(f'<div id="r">{written}</div>')["r"]) == kept


def entry_with(field: str, value: str) -> str:
    return (
        "@article{smith2010,\n  author = {Smith},\n  title = {Massage},\n"
        f"  {field} = {{{value}}},\n  year = {{2010}},\n}}\n"
    )


@pytest.mark.parametrize(
    ("field", "value", "hint"),
    [
        ("langid", "englsh", "bedoelde u 'english'? Schrijf langid = {english}"),
        ("langid", "Engels", "bedoelde u 'english'? Schrijf langid = {english}"),
        ("langid", "en_US", "bedoelde u 'en-US'? Schrijf langid = {en-US}"),
        ("language", "duits", "bedoelde u 'german'? Schrijf language = {german}"),
        (
            "langid",
            "klingon",
            "schrijf de taal zoals biblatex die noemt, zoals langid = {english}, of als"
            " taalcode: langid = {en}",
        ),
    ],
)
def test_an_unknown_language_is_a_finding_at_its_field(field: str, value: str, hint: str) -> None:
    entry = bibliography(entry_with(field, value)).entries["smith2010"]
    found = [d for d in entry_findings(entry, "bib/refs.bib") if d.code == "unknown-language"]
    assert [(d.line, d.column, d.severity, d.hint) for d in found] == [(4, 3, "warning", hint)]
    assert f"'{value}'" in found[0].message and f"'{field}'" in found[0].message
    assert f"{field} = {{{value}}}" in format_one(found[0])


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("langid", "english"),
        ("langid", "dutch"),
        ("langid", "en-US"),
        ("language", "english and langgerman"),
        ("language", "nl"),
    ],
)
def test_a_known_language_is_no_finding(field: str, value: str) -> None:
    entry = bibliography(entry_with(field, value)).entries["smith2010"]
    assert not [d for d in entry_findings(entry, "bib/refs.bib") if d.code == "unknown-language"]


def test_the_pdf_gets_the_title_with_its_language() -> None:
    """WeasyPrint hyphenates by `lang`: the print document keeps the span, in a Dutch page."""
    entries = reference_entries(formatted("[@smith2020]", ENGLISH).references)
    document = compose(
        PrintJob("fascia", PAPER, (PrintPage(CONTENT, "fascia/"),), entries, "Stecco (2025).")
    )
    assert re.search(r'<html lang="nl"', document)
    refs = document[document.index('class="wp-references"') :]
    assert spans(refs).inside == [("en", "Massage for low-back pain")]
    assert "In " in spans(refs).outside


@pytest.mark.slow
def test_the_built_site_marks_english_titles_and_not_dutch_ones(built_site: Path) -> None:
    page = (built_site / "massagetherapie" / "index.html").read_text(encoding="utf-8")
    entries = dict(re.findall(r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>(.*?)</div>', page))
    furlan = spans(entries["furlan2015"])
    assert furlan.inside == [("en", "Massage for low-back pain")]
    assert "Furlan, A. D." in furlan.outside and "(2015)" in furlan.outside
    assert "lang=" not in entries["rivm2017"]  # "Zicht op depressie": Dutch
    english = [key for key, html in entries.items() if 'lang="en"' in html]
    assert len(english) >= 20


def test_a_short_title_of_its_own_is_marked_too() -> None:
    """An authorless work is cited by its `shorttitle` when it has one: the title's language."""
    bib = (
        "@article{anon, title = {A long title: and more}, shorttitle = {Short},"
        " journal = {J}, year = 2017, langid = {english}}"
    )
    (citation,) = formatted("[@anon]", bib).citations.values()
    assert spans(citation).inside == [("en", "Short")]
