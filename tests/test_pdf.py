"""PDFs written from print documents: cached, in parallel, whole, or not at all.

The PDFs of the project's own papers are tested in test_pdf_site.py."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from pypdf import PdfReader

from whitepaper.cache import Cache
from whitepaper.citations.format import Reference
from whitepaper.citations.placement import reference_entries
from whitepaper.papers import Paper
from whitepaper.pdf import render as pdf
from whitepaper.pdf.book import size_label
from whitepaper.pdf.document import PrintJob, PrintPage, compose
from whitepaper.pdf.render import PRINT_CSS, PdfError, render, write_pdfs

PAPER = Paper(
    title="Fascia & <gezondheid>",
    summary="Wat fascia doet.",
    authors=("Carla Stecco", "Jan Jansen"),
    association="Vereniging",
    date=(2025, 6),
    version="1.0",
    url="https://wp.nl/fascia/",
)
CONTENT = (
    '<h1 id="fascia">Fascia</h1>\n<h2 id="inleiding">Inleiding</h2>\n'
    '<p>Fascia is overal <a href="#ref-stecco2018">(Stecco, 2018)</a>.</p>\n'
    '<h2 id="literatuur">Literatuur</h2>\n<div id="refs" class="references"></div>\n'
)
REFERENCES = reference_entries(
    [Reference("stecco2018", "Stecco, C. (2018). <em>Fascia</em>.", False)]
)


def job(name: str = "fascia", content: str = CONTENT, paper: Paper = PAPER) -> PrintJob:
    return PrintJob(name, paper, (PrintPage(content, f"{name}/"),), REFERENCES, "Stecco (2025).")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A built site as far as the PDFs need it: no fonts.css, so fonts come from the system."""
    (tmp_path / "site").mkdir()
    return tmp_path / "site"


def write(site: Path, documents: dict[str, str], cache: Cache, **options: object) -> pdf.Written:
    return write_pdfs(
        documents, site / "pdf", stylesheets=[PRINT_CSS], root=site, cache=cache, **options
    )


def test_a_pdf_is_a4_with_the_papers_metadata(site: Path) -> None:
    write(site, {"fascia": compose(job())}, Cache(None))
    reader = PdfReader(site / "pdf" / "fascia.pdf")
    assert reader.metadata is not None
    assert reader.metadata.title == "Fascia & <gezondheid>"
    assert reader.metadata.author == "Carla Stecco, Jan Jansen"
    assert reader.metadata.subject == "Wat fascia doet."
    assert reader.trailer["/Root"]["/Lang"] == "nl"
    assert reader.trailer["/Root"]["/MarkInfo"]["/Marked"]
    xmp = reader.trailer["/Root"]["/Metadata"].get_data()
    assert b'pdfuaid:part="1"' in xmp  # it claims PDF/UA-1: the tests above back it
    assert [round(float(v)) for v in reader.pages[0].mediabox[2:]] == [595, 842]
    text = "".join(page.extract_text() for page in reader.pages)
    # Cover, contents, text, references (they start a page of their own).
    assert "pagina 4 van 4" in text and "Stecco, C. (2018)." in text
    assert text.count("versie 1.0") == 3  # the running header of every page but the cover


def test_the_pdf_has_bookmarks_of_its_title_and_sections(site: Path) -> None:
    write(site, {"fascia": compose(job())}, Cache(None))
    outline = PdfReader(site / "pdf" / "fascia.pdf").outline
    assert outline[0].title == "Fascia & <gezondheid>"
    assert [item.title for item in outline[1]] == ["Inhoud", "Inleiding", "Literatuur"]


def test_an_unchanged_paper_comes_from_the_cache(
    site: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    cache = Cache(tmp_path / "cache")
    first = write(site, {"fascia": compose(job())}, cache)
    rendered: list[str] = []
    monkeypatch.setattr(pdf, "render", lambda *args: rendered.append("x") or b"%PDF-")
    (site / "pdf" / "fascia.pdf").unlink()
    again = write(site, {"fascia": compose(job())}, cache)
    assert (rendered, again.cached, again.sizes) == ([], 1, first.sizes)
    assert (site / "pdf" / "fascia.pdf").stat().st_size == first.sizes["fascia"]
    write(site, {"fascia": compose(job(content=CONTENT + "<p>Nieuw.</p>"))}, cache)
    assert rendered == ["x"]


def test_papers_render_in_parallel_as_they_do_one_by_one(site: Path) -> None:
    documents = {name: compose(job(name)) for name in ("een", "twee", "drie")}
    parallel = write(site, documents, Cache(None), workers=2)
    assert sorted(parallel.sizes) == ["drie", "een", "twee"]
    for name in documents:
        reader = PdfReader(site / "pdf" / f"{name}.pdf")
        assert len(reader.pages) == 4


def test_a_failing_paper_is_named_with_its_reason_and_leaves_no_pdf(site: Path) -> None:
    remote = CONTENT + '<p><img alt="" src="https://example.org/x.png"></p>'
    documents = {"goed": compose(job("goed")), "kapot": compose(job("kapot", remote))}
    with pytest.raises(PdfError, match=r"PDF van kapot: .*https://example\.org/x\.png"):
        write(site, documents, Cache(None), workers=1)
    assert sorted(path.name for path in (site / "pdf").iterdir()) == ["goed.pdf"]


def test_a_missing_image_stops_the_paper(site: Path) -> None:
    missing = CONTENT + '<p><img alt="" src="fascia/weg.png"></p>'
    with pytest.raises(PdfError, match="PDF van fascia: een bestand kon niet worden geladen"):
        write(site, {"fascia": compose(job(content=missing))}, Cache(None))


def test_a_write_that_fails_keeps_the_previous_pdf_whole(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (site / "pdf").mkdir()
    (site / "pdf" / "fascia.pdf").write_bytes(b"the previous PDF")

    def broken_replace(source: str, target: str) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        write(site, {"fascia": compose(job())}, Cache(None))
    assert [path.name for path in (site / "pdf").iterdir()] == ["fascia.pdf"]
    assert (site / "pdf" / "fascia.pdf").read_bytes() == b"the previous PDF"


def test_notes_weasyprint_cannot_place_stop_the_pdf(site: Path, tmp_path: Path) -> None:
    """WeasyPrint 70 loses waiting notes when the footnote area has a margin: never print so."""
    note = "Een lange voetnoot die veel ruimte vraagt en daarom naar een volgende pagina moet. " * 6
    called = "Een zin van de lopende tekst, die ergens over gaat, met een voetnoot erbij"
    notes = "".join(
        f'{called}<span class="wp-footnote" id="wp-fn-{n}">{note}</span>. ' for n in range(12)
    )
    document = compose(job(content=f"<p>{notes}</p>"))
    margin = tmp_path / "margin.css"
    margin.write_text("@page { @footnote { margin-top: 4mm; padding-top: 2mm } }")
    with pytest.raises(PdfError, match=r"voetnoot .* kreeg geen plaats op een pagina"):
        render(document, [PRINT_CSS, margin], site)
    pages = PdfReader(io.BytesIO(render(document, [PRINT_CSS], site))).pages
    text = " ".join(" ".join(page.extract_text() for page in pages).split())
    assert text.count("naar een volgende") == 72


@pytest.mark.parametrize(
    ("size", "label"),
    [(1, "1 kB"), (499, "1 kB"), (36_102, "36 kB"), (999_499, "999 kB"), (1_234_567, "1,2 MB")],
)
def test_sizes_are_written_as_dutch_readers_write_them(size: int, label: str) -> None:
    assert size_label(size) == label
