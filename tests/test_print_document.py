"""A paper's print document: cover, contents, pages, one reference list; all escaped."""

from __future__ import annotations

from tests.test_pdf import CONTENT, PAPER, job
from whitepaper.papers import Paper
from whitepaper.pdf.document import PrintJob, PrintPage, compose


def test_the_cover_shows_what_the_front_matter_gives_escaped() -> None:
    document = compose(job())
    assert '<h1 class="wp-cover__title">Fascia &amp; &lt;gezondheid&gt;</h1>' in document
    for fact in ("Vereniging", "Carla Stecco, Jan Jansen", "1.0<", "juni 2025"):
        assert fact in document
    assert '<a href="https://wp.nl/fascia/">https://wp.nl/fascia/</a>' in document
    assert "Citeer als:</span> Stecco (2025)." in document


def test_the_cover_leaves_out_what_is_not_known() -> None:
    document = compose(job(paper=Paper(title="Kaal")))
    assert "<dt>Versie</dt>" in document
    for label in ("Uitgegeven door", "Auteurs", "Datum", "DOI", "Online", "wp-cover__summary"):
        assert label not in document


def test_the_document_information_comes_from_the_front_matter() -> None:
    document = compose(job())
    assert "<title>Fascia &amp; &lt;gezondheid&gt;</title>" in document
    assert '<meta name="author" content="Carla Stecco, Jan Jansen">' in document
    assert '<meta name="description" content="Wat fascia doet.">' in document
    assert '<meta name="dcterms.created" content="2025-06">' in document
    assert '<html lang="nl">' in document
    association_only = compose(job(paper=Paper(title="T", association="Vereniging")))
    assert '<meta name="author" content="Vereniging">' in association_only


def test_the_contents_list_the_sections_and_the_references_come_last_once() -> None:
    document = compose(job())
    assert '<li class="wp-toc__section"><a href="#inleiding">Inleiding</a></li>' in document
    assert '<a href="#wp-literatuur">Literatuur</a>' in document
    assert document.count('id="ref-stecco2018"') == 1
    assert document.index('id="ref-stecco2018"') > document.index("Fascia is overal")


def test_later_pages_are_chapters_of_the_same_paper() -> None:
    second = PrintPage('<h1 id="deel-2">Deel 2</h1><h2 id="inleiding">Inleiding</h2>', "fascia/b/")
    document = compose(PrintJob("fascia", PAPER, (PrintPage(CONTENT, "fascia/"), second)))
    assert '<li class="wp-toc__chapter"><a href="#p1-deel-2">Deel 2</a></li>' in document
    assert 'id="inleiding"' in document and 'id="p1-inleiding"' in document
