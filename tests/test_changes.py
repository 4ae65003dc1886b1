"""pages/changes.py: "Wat is er veranderd in versie X", exact for small cases, and one real page.

The real case (tests/data/golden/changes/) is the article of massagetherapie as the site
renders it, and the same after a sentence, a list item, a table cell, a paragraph with a
citation and a quotation with its reference were edited in docs/. After an intended change,
regenerate its expected output with `UPDATE_GOLDEN=1 .venv/bin/pytest tests/test_changes.py`
and read the diff before committing.
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest
from lxml import html as lxml_html

from whitepaper.pages.changes import article, change_page, change_title

GOLDEN = Path(__file__).parent / "data" / "golden" / "changes"
URL = "../../2026.2/kraken/"
OLD_URL = "../../2026.1/kraken/"
SR = '<span class="wp-sr-only" data-pagefind-ignore="">'
DEL = f'<del data-pagefind-ignore="">{SR}verwijderd: </span>'
INS = f"<ins>{SR}toegevoegd: </span>"
GAP = (
    '<p class="wp-changes__gap" data-pagefind-ignore><span aria-hidden="true">[…]</span>'
    '<span class="wp-sr-only">ongewijzigde tekst weggelaten</span></p>'
)
LEGEND = (
    '<p class="wp-changes__legend" data-pagefind-ignore>Hieronder staan alleen de delen van de'
    " tekst die in versie 1.1 anders zijn dan in versie 1.0:"
    ' <span class="wp-changes__was">doorgehaalde tekst</span> is verwijderd,'
    ' <span class="wp-changes__now">onderstreepte tekst</span> is toegevoegd. De hele tekst'
    f' staat in <a href="{URL}">het whitepaper</a>.</p>'
)
SENTENCE = "Het is vandaag een mooie dag in de stad, zegt men."
PAPER = "\n".join(
    [
        '<h1 id="kraken">Kraken<a class="headerlink" href="#kraken" title="Link">&para;</a></h1>',
        "<p>Een inleiding die in beide versies gelijk is.</p>",
        '<h2 id="eerste">Eerste deel</h2>',
        f"<p>{SENTENCE}</p>",
        "<p>Een alinea die blijft.</p>",
        '<h2 id="tweede">Tweede deel</h2>',
        "<p>Dit deel verandert niet.</p>",
        '<h3 id="tabel">Tabel</h3>',
        "<table><thead><tr><th>Klacht</th><th>Zorg</th></tr></thead>"
        "<tbody><tr><td>Rugpijn</td><td>Massage</td></tr></tbody></table>",
    ]
)


def body(old: str, new: str, summary: str = "Een zin verduidelijkt.") -> str:
    return change_page(
        old,
        new,
        old_version="1.0",
        new_version="1.1",
        summary=summary,
        paper_url=URL,
        old_paper_url=OLD_URL,
    )


def changes(old: str, new: str) -> str:
    """The changed blocks only: what follows the summary and the legend."""
    page = body(old, new)
    start = page.index(LEGEND) + len(LEGEND) + 1
    return page[start : -len("</div>")].strip()


CASES = {
    "a word changed: old text first, under its headings": (
        PAPER,
        PAPER.replace("mooie dag", "grijze dag"),
        "<h2>Kraken</h2>\n<h3>Eerste deel</h3>\n"
        f"<p>Het is vandaag een {DEL}mooie</del> {INS}grijze</ins> dag in de stad, zegt men.</p>",
    ),
    "a paragraph inserted, after unchanged text": (
        PAPER,
        PAPER.replace(
            "<p>Een alinea die blijft.</p>",
            "<p>Een alinea die blijft.</p>\n<p>Een nieuwe alinea over kraken.</p>",
        ),
        f"<h2>Kraken</h2>\n<h3>Eerste deel</h3>\n{GAP}\n"
        f'<p data-wp-change="inserted">{INS}Een nieuwe alinea over kraken.</ins></p>',
    ),
    "a section deleted, heading and all": (
        PAPER,
        PAPER.replace('<h2 id="eerste">Eerste deel</h2>', "")
        .replace(f"<p>{SENTENCE}</p>", "")
        .replace("<p>Een alinea die blijft.</p>", ""),
        "<h2>Kraken</h2>\n"
        f'<h3 data-wp-change="deleted">{DEL}Eerste deel</del></h3>\n'
        f'<p data-wp-change="deleted">{DEL}{SENTENCE}</del></p>\n'
        f'<p data-wp-change="deleted">{DEL}Een alinea die blijft.</del></p>',
    ),
    "a heading renamed": (
        PAPER,
        PAPER.replace("Eerste deel</h2>", "Eerste hoofdstuk</h2>"),
        f"<h2>Kraken</h2>\n<h3>Eerste {DEL}deel</del> {INS}hoofdstuk</ins></h3>",
    ),
    "a section added": (
        PAPER,
        f"{PAPER}\n<h2>Nieuw deel</h2>\n<p>Met een nieuwe alinea.</p>",
        f'<h2>Kraken</h2>\n<h3 data-wp-change="inserted">{INS}Nieuw deel</ins></h3>\n'
        f'<p data-wp-change="inserted">{INS}Met een nieuwe alinea.</ins></p>',
    ),
    "a table cell changed: the whole table, the change in its cell": (
        PAPER,
        PAPER.replace("<td>Rugpijn</td>", "<td>Lage rugpijn</td>"),
        "<h2>Kraken</h2>\n<h3>Tweede deel</h3>\n<h4>Tabel</h4>\n"
        "<table><thead><tr><th>Klacht</th><th>Zorg</th></tr></thead><tbody><tr>"
        f"<td>{DEL}Rugpijn</del> {INS}Lage rugpijn</ins></td><td>Massage</td></tr></tbody></table>",
    ),
    "a row added to a table": (
        PAPER,
        PAPER.replace(
            "</tr></tbody>", "</tr><tr><td>Nekpijn</td><td>Manuele therapie</td></tr></tbody>"
        ),
        "<h2>Kraken</h2>\n<h3>Tweede deel</h3>\n<h4>Tabel</h4>\n"
        "<table><thead><tr><th>Klacht</th><th>Zorg</th></tr></thead><tbody>"
        '<tr><td>Rugpijn</td><td>Massage</td></tr><tr data-wp-change="inserted">'
        f"<td>{INS}Nekpijn</ins></td><td>{INS}Manuele therapie</ins></td></tr></tbody></table>",
    ),
    "a list item changed: the whole list": (
        "<h2>Opleidingen</h2>\n<ul>\n<li>Holos (210 EC)</li>\n<li>Esoterra (160 EC)</li>\n</ul>",
        "<h2>Opleidingen</h2>\n<ul>\n<li>Holos (210 EC)</li>\n<li>Esoterra (168 EC)</li>\n</ul>",
        "<h3>Opleidingen</h3>\n<ul>\n<li>Holos (210 EC)</li>\n"
        f"<li>Esoterra {DEL}(160</del> {INS}(168</ins> EC)</li>\n</ul>",
    ),
    "an admonition changed: the whole admonition": (
        '<div class="admonition info">\n<p class="admonition-title">Gezondheid</p>\n'
        "<p>Het vermogen om zich aan te passen en regie te voeren.</p>\n</div>",
        '<div class="admonition info">\n<p class="admonition-title">Gezondheid</p>\n'
        "<p>Het vermogen om zich aan te passen en eigen regie te voeren.</p>\n</div>",
        '<div class="admonition info">\n<p class="admonition-title">Gezondheid</p>\n'
        f"<p>Het vermogen om zich aan te passen en {INS}eigen</ins> regie te voeren.</p>\n</div>",
    ),
    "unchanged sections are left out": (
        f"{PAPER}\n<h2>Derde deel</h2>\n<p>Hier staat de laatste alinea van de tekst.</p>",
        f"{PAPER}\n<h2>Derde deel</h2>\n<p>Hier staat de allerlaatste alinea van de tekst.</p>",
        "<h2>Kraken</h2>\n<h3>Derde deel</h3>\n"
        f"<p>Hier staat de {DEL}laatste</del> {INS}allerlaatste</ins> alinea van de tekst.</p>",
    ),
}


@pytest.mark.parametrize(("old", "new", "expected"), CASES.values(), ids=CASES.keys())
def test_only_the_changes_are_shown_under_their_headings(old: str, new: str, expected: str) -> None:
    assert changes(old, new) == expected


CITE = '<a class="wp-cite" href="#ref-{0}" data-wp-ref="{0}" role="doc-biblioref">{1}</a>'
REFS = '<div id="refs" class="references csl-bib-body" role="list">\n{}\n</div>'
ENTRY = '<div id="ref-{0}" class="csl-entry" role="listitem">{1}</div>'
FOOTNOTES = '<div class="footnote">\n<hr>\n<ol>\n{}\n</ol>\n</div>'
NOTE = '<li id="fn:{0}"><p>{1}&#160;<a class="footnote-backref" href="#fnref:{0}">↩</a></p></li>'


def test_citations_stay_linked_to_the_reference_list_on_the_paper_page() -> None:
    old = f"<p>Zo blijkt uit {CITE.format('jansen2020', 'Jansen, 2020')} al heel lang bekend.</p>"
    new = f"<p>Zo blijkt uit {CITE.format('smit2021', 'Smit, 2021')} al heel lang bekend.</p>"
    assert changes(old, new) == (
        f"<p>Zo blijkt uit {DEL}"
        f'<a class="wp-cite" href="{OLD_URL}#ref-jansen2020" data-wp-ref="jansen2020"'
        f' role="doc-biblioref">Jansen, 2020</a></del> {INS}<a class="wp-cite"'
        f' href="{URL}#ref-smit2021" data-wp-ref="smit2021" role="doc-biblioref">Smit, 2021</a>'
        "</ins> al heel lang bekend.</p>"
    )


def test_of_the_references_and_the_footnotes_only_the_changed_ones_are_shown() -> None:
    entries = [("a2000", "Aalders, A. (2000). Boek."), ("b2001", "Bakker, B. (2001). Artikel.")]
    notes = ["Een eerste voetnoot.", "Een tweede voetnoot van enige lengte."]

    def page(entries: list[tuple[str, str]], notes: list[str]) -> str:
        listed = "\n".join(ENTRY.format(*entry) for entry in entries)
        numbered = "\n".join(NOTE.format(number, note) for number, note in enumerate(notes, 1))
        footnotes, references = FOOTNOTES.format(numbered), REFS.format(listed)
        return f"<h2>Voetnoten</h2>\n{footnotes}\n<h2>Literatuur</h2>\n{references}"

    new_notes = [notes[0], "Een tweede voetnoot van flinke lengte."]
    new_entries = [*entries, ("c2002", "Claes, C. (2002). Rapport.")]
    assert changes(page(entries, notes), page(new_entries, new_notes)) == (
        '<h3>Voetnoten</h3>\n<div class="footnote">\n<hr>\n<ol>\n<li value="2">'
        f"<p>Een tweede voetnoot van {DEL}enige</del> {INS}flinke</ins> lengte.\xa0"
        f'<a class="footnote-backref" href="{URL}#fnref:2">↩</a></p></li>\n</ol>\n</div>\n'
        '<h3>Literatuur</h3>\n<div class="references csl-bib-body" role="list">\n'
        f'<div class="csl-entry" role="listitem" data-wp-change="inserted">{INS}Claes, C. (2002).'
        " Rapport.</ins></div>\n</div>"
    )


def test_nothing_changed_says_so_in_dutch() -> None:
    assert body(PAPER, PAPER) == (
        '<div class="wp-changes">\n<p class="wp-changes__summary">Een zin verduidelijkt.</p>\n'
        "<p>De tekst van deze versie is gelijk aan die van versie 1.0.</p>\n</div>"
    )


def test_the_theme_around_the_article_is_no_change() -> None:
    """The PDF link, the edit button, the permalinks, the heading block and the cite box."""

    def page(version: str) -> str:
        return (
            '<html><body><header>Menu</header><article class="md-content__inner md-typeset">\n'
            '<div data-pagefind-body>\n<p class="wp-pdf" data-pagefind-ignore><a href="x.pdf">PDF'
            f' (versie {version})</a></p>\n<a class="md-content__button" href="edit">Wijzig</a>\n'
            + PAPER.replace(
                "</h1>",
                f'</h1>\n<div class="wp-heading"><p><strong>Versie {version}</strong></p></div>',
            )
            + "\n"
            '<section class="wp-citebox" data-pagefind-ignore><h2>Citeer dit whitepaper</h2>'
            f"<p>Versie {version}</p></section>\n</div></article></body></html>"
        )

    assert body(page("1.0"), page("1.1")) == body(PAPER, PAPER)
    assert [block.tag for block in article(page("1.0"))] == [
        "h1", "p", "h2", "p", "p", "h2", "p", "h3", "table",
    ]  # fmt: skip


def test_summary_and_versions_are_escaped_and_nothing_unsafe_survives() -> None:
    hostile = '<script>alert("x")</script> & <img src=x onerror=alert(1)>\x00'
    new = PAPER.replace(
        "<p>Een alinea die blijft.</p>",
        '<p>Een alinea die blijft.</p>\n<p onclick="alert(1)">Zie <a href="javascript:alert(1)">'
        'dit</a> en <a href="JaVa\tScRiPt:alert(2)">dat</a>.<script>alert(3)</script></p>\n'
        "<script>alert(4)</script>",
    )
    page = change_page(
        PAPER,
        new,
        old_version="1.0",
        new_version='1.1"><script>',
        summary=hostile,
        paper_url=URL,
    )
    assert page.startswith(
        '<div class="wp-changes">\n<p class="wp-changes__summary">&lt;script&gt;alert("x")'
        "&lt;/script&gt; &amp; &lt;img src=x onerror=alert(1)&gt;</p>\n"
        '<p class="wp-changes__legend" data-pagefind-ignore>Hieronder staan alleen de delen van'
        ' de tekst die in versie 1.1"&gt;&lt;script&gt; anders zijn'
    )
    assert f'<p data-wp-change="inserted">{INS}Zie dit en dat.</ins></p>' in page
    parsed = lxml_html.fragment_fromstring(page)
    assert not parsed.xpath("//script | //@*[starts-with(name(), 'on')]")
    assert "javascript" not in page.lower()


REAL = {
    "old": (GOLDEN / "massagetherapie-1.0.html").read_text(encoding="utf-8"),
    "new": (GOLDEN / "massagetherapie-1.1.html").read_text(encoding="utf-8"),
}


def real_page() -> str:
    return change_page(
        REAL["old"],
        REAL["new"],
        old_version="1.0",
        new_version="1.1",
        summary="Een zin verduidelijkt, een tabelcel, een citaat toegevoegd en een weggehaald.",
        paper_url="../../2026.2/massagetherapie/",
        old_paper_url="../../2026.1/massagetherapie/",
    )


def test_a_real_page_matches_its_golden_file() -> None:
    golden = GOLDEN / "massagetherapie-1.1-changes.html"
    page = real_page() + "\n"
    if os.environ.get("UPDATE_GOLDEN"):
        golden.write_text(page, encoding="utf-8")
    assert page == golden.read_text(encoding="utf-8")


def test_on_a_real_page_only_the_changed_sections_are_shown() -> None:
    headings = re.findall(r"<h(\d)[^>]*>(.*?)</h\1>", real_page())
    assert [text for _, text in headings] == [
        "Massagetherapie",
        "Massagetherapie in de gezondheidszorg",
        "Opleidingen Massagetherapie",
        "Wetenschappelijk onderzoek naar massagetherapie",
        "Nek- en schouderpijn",
        "Literatuur",
    ]
    assert "promovenda" in real_page() and "Wijzig" not in real_page()


ALL = [body(old, new) for old, new, _ in CASES.values()] + [real_page()]


@pytest.mark.parametrize("page", ALL)
def test_every_mark_says_what_it_is_and_deleted_text_is_not_searched(page: str) -> None:
    marks = lxml_html.fragment_fromstring(page).xpath("//del | //ins")
    assert marks
    for mark in marks:
        word = mark[0]
        assert word.get("class") == "wp-sr-only" and mark.text is None
        assert word.text == {"del": "verwijderd: ", "ins": "toegevoegd: "}[mark.tag]
        if mark.tag == "del":
            assert mark.get("data-pagefind-ignore") == ""


@pytest.mark.parametrize("page", ALL)
def test_old_text_comes_before_new_and_no_id_is_left(page: str) -> None:
    assert "</ins> <del" not in page and "</ins><del" not in page
    assert ' id="' not in page


def test_the_title() -> None:
    assert change_title("1.1") == "Wat is er veranderd in versie 1.1"
