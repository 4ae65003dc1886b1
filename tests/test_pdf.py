"""PDFs written from print documents: cached, in parallel, whole, or not at all.

The PDFs of the project's own papers are tested in test_pdf_site.py."""

from __future__ import annotations

import io
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from whitepaper import workers as worker_processes
from whitepaper.cache import Cache
from whitepaper.citations.format import Reference
from whitepaper.citations.placement import reference_entries
from whitepaper.papers import Paper
from whitepaper.pdf import render as pdf
from whitepaper.pdf.book import pdf_link, size_label, size_marker, with_sizes
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


def _objects(written: bytes) -> dict[int, bytes]:
    return {int(number): body for number, body in _OBJECT.findall(written)}


_OBJECT = re.compile(rb"\n(\d+) 0 obj\n(.*?)\nendobj", re.DOTALL)


def test_a_release_changes_only_the_cover_of_an_unchanged_paper(site: Path) -> None:
    """The cover names the release; the rest of the PDF, the compressed object stream of its
    small objects included, stays byte for byte the same, so that gh-pages keeps a small delta.
    The versioned address is linked from objects outside the compressed stream."""
    releases = {}
    for release in ("2026.1", "2026.10"):
        paper = replace(PAPER, url=f"https://wp.nl/{release}/fascia/")
        releases[release] = render(compose(replace(job(paper=paper), site_version=release)),
                                   [PRINT_CSS], site)  # fmt: skip
    first, second = (_objects(written) for written in releases.values())
    assert first.keys() == second.keys()
    changed = [number for number in first if first[number] != second[number]]
    [stream] = [number for number in first if b"/Type /ObjStm" in first[number]]
    assert stream not in changed
    cover = PdfReader(io.BytesIO(releases["2026.1"])).pages[0]
    [xref] = [number for number in first if b"/Type /XRef" in first[number]]
    links = [annotation.idnum for annotation in cover["/Annots"]]
    assert set(changed) <= {cover.raw_get("/Contents").idnum, *links, xref}
    for release, written in releases.items():
        assert f"/URI (https://wp.nl/{release}/fascia/)".encode() in written
        pages = PdfReader(io.BytesIO(written)).pages
        assert "siteversie" not in "".join(page.extract_text() for page in pages[1:])


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
    loaded = "PDF van fascia: een bestand kon niet worden geladen: fascia/fascia/weg.png ontbreekt"
    with pytest.raises(PdfError, match=loaded):
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


def test_each_size_marker_gets_its_papers_size_and_one_without_a_pdf_stays() -> None:
    home = pdf_link("a-", "A") + pdf_link("b.c", "B") + pdf_link("zonder", "Z")
    page = f"<p>{size_marker('b.c')}</p>{home}"
    sizes = {"a-": 1_500, "b.c": 2_500_000}
    expected = page
    for name, size in sizes.items():  # what a replace per paper makes: the same text
        expected = expected.replace(size_marker(name), size_label(size))
    assert with_sizes(page, sizes) == expected
    assert expected.count("2,5 MB") == 2 and "(2 kB)" in expected
    assert expected.count(size_marker("zonder")) == 1


# --- failures said per paper, whatever WeasyPrint raises ---------------------------------------


def attached(href: str) -> str:
    return CONTENT + f'<p><a rel="attachment" href="{href}">de bijlage</a></p>'


@pytest.mark.parametrize("workers", [1, 2], ids=["in-process", "in-workers"])
@pytest.mark.parametrize("href", ["https://example.org/x", "http://example.org/data.csv"])
def test_an_attachment_from_the_web_is_the_papers_failure(
    site: Path, workers: int, href: str
) -> None:
    """WeasyPrint's FatalURLFetchingError is a BaseException, raised while writing the PDF
    (print documents make every link of a page a web address)."""
    documents = {"goed": compose(job("goed")), "kapot": compose(job("kapot", attached(href)))}
    with pytest.raises(PdfError) as raised:
        write(site, documents, Cache(None), workers=workers)
    assert str(raised.value) == (
        'PDF van kapot: een bijlage (een link met rel="attachment") kon niet in de PDF worden'
        f" ingesloten: {href} ligt buiten de site, en een PDF laadt alleen bestanden van de"
        ' site; haal rel="attachment" weg, dan wordt het een gewone link'
    )
    assert sorted(path.name for path in (site / "pdf").iterdir()) == ["goed.pdf"]


@pytest.mark.parametrize(
    ("href", "reason"),
    [
        ("fascia/weg.csv", "fascia/weg.csv ontbreekt in de site"),
        ("../buiten.csv", "buiten.csv ligt buiten de site"),
    ],
)
def test_the_renderer_embeds_only_files_of_the_site(site: Path, href: str, reason: str) -> None:
    (site.parent / "buiten.csv").write_text("geheim", encoding="utf-8")
    document = f'<html lang="nl"><body><a rel="attachment" href="{href}">x</a></body></html>'
    with pytest.raises(PdfError, match=re.escape(reason)):
        render(document, [PRINT_CSS], site)


def test_an_attachment_of_the_site_is_embedded(site: Path) -> None:
    (site / "fascia").mkdir()
    (site / "fascia" / "data.csv").write_text("a,b\n1,2\n", encoding="utf-8")
    document = '<html lang="nl"><body><a rel="attachment" href="fascia/data.csv">x</a></body>'
    reader = PdfReader(io.BytesIO(render(document, [PRINT_CSS], site)))
    annotations = [a.get_object() for page in reader.pages for a in page.get("/Annots", [])]
    [attachment] = [a for a in annotations if a["/Subtype"] == "/FileAttachment"]
    assert attachment["/FS"]["/EF"]["/F"].get_data() == b"a,b\n1,2\n"


class Stuck(BaseException):
    """An error that is no Exception, as some of WeasyPrint's are."""


@pytest.fixture
def forked(monkeypatch: pytest.MonkeyPatch) -> None:
    """Workers are forked, so they have what this test patched (a fork server's would not;
    it is chosen when another test has left a thread running)."""
    monkeypatch.setattr(worker_processes.threading, "active_count", lambda: 1)


@pytest.mark.parametrize("workers", [1, 2], ids=["in-process", "in-workers"])
@pytest.mark.usefixtures("forked")
def test_any_error_of_the_renderer_is_the_papers_failure(
    site: Path, monkeypatch: pytest.MonkeyPatch, workers: int
) -> None:
    def stuck(*args: object) -> bytes:
        raise Stuck("vast")

    monkeypatch.setattr(pdf, "render", stuck)  # forked workers have it too
    documents = {"een": compose(job("een")), "twee": compose(job("twee"))}
    with pytest.raises(PdfError) as raised:
        write(site, documents, Cache(None), workers=workers)
    failure = "WeasyPrint faalde (Stuck: vast)"
    assert str(raised.value) == f"PDF van een: {failure}; PDF van twee: {failure}"


@pytest.mark.parametrize("interrupt", [KeyboardInterrupt, SystemExit])
def test_an_interrupt_still_stops_the_pdfs(
    site: Path, monkeypatch: pytest.MonkeyPatch, interrupt: type[BaseException]
) -> None:
    def interrupted(*args: object) -> bytes:
        raise interrupt()

    monkeypatch.setattr(pdf, "render", interrupted)
    with pytest.raises(interrupt):
        write(site, {"een": compose(job("een"))}, Cache(None), workers=1)


@pytest.mark.usefixtures("forked")
def test_a_worker_that_dies_is_its_papers_failure(
    site: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    parent = os.getpid()

    def killed(*args: object) -> bytes:
        assert os.getpid() != parent
        os._exit(9)  # as the kernel's out-of-memory killer ends a worker

    monkeypatch.setattr(pdf, "render", killed)
    documents = {"een": compose(job("een")), "twee": compose(job("twee"))}
    with pytest.raises(PdfError, match=r"^PDF van een: het proces dat hem maakte, stopte"):
        write(site, documents, Cache(None), workers=2)


def test_a_missing_style_sheet_is_said(site: Path) -> None:
    fonts = site / "assets" / "stylesheets" / "fonts.css"
    with pytest.raises(PdfError, match=r"^het stijlblad assets/stylesheets/fonts\.css van de PDF"):
        write_pdfs(
            {"een": compose(job("een"))},
            site / "pdf",
            stylesheets=[fonts, PRINT_CSS],
            root=site,
            cache=Cache(None),
        )


# --- kill -9: the workers end with the build ----------------------------------------------------

# Renders two long documents on two workers; how they start is the first argument.
KILLED_BUILD = """
import sys, threading, time
from pathlib import Path
from whitepaper import workers
from whitepaper.cache import Cache
from whitepaper.pdf.render import PRINT_CSS, write_pdfs

start, site = sys.argv[1], Path(sys.argv[2])
if start == "forkserver":  # another thread runs: workers come from a fork server
    threading.Thread(target=time.sleep, args=(3600,), daemon=True).start()
if start == "fork-polling":  # where the kernel cannot signal the parent's end
    workers._kill_me_when_my_parent_ends = lambda: False
paragraph = "<p>Een alinea die een lange pagina vult, zin na zin na zin na zin.</p>"
document = "<html lang='nl'><body>" + paragraph * 20000 + "</body></html>"
write_pdfs(
    {"een": document, "twee": document}, site / "pdf", stylesheets=[PRINT_CSS], root=site,
    cache=Cache(None), workers=2,
)
"""


def processes() -> dict[int, tuple[int, str, str]]:
    """Every process: its parent, its state and its start time (read from /proc)."""
    found = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            text = stat.read_text()
        except OSError:
            continue  # ended meanwhile
        fields = text[text.rindex(")") + 2 :].split()
        found[int(stat.parent.name)] = (int(fields[1]), fields[0], fields[19])
    return found


def descendants(pid: int) -> dict[int, str]:
    """The processes below `pid`, each with its start time (a pid may be reused later)."""
    table = processes()
    below, todo = {}, [pid]
    while todo:
        parent = todo.pop()
        for child, (ppid, _, started) in table.items():
            if ppid == parent and child not in below:
                below[child] = started
                todo.append(child)
    return below


def alive(recorded: dict[int, str]) -> list[int]:
    table = processes()
    return [
        pid
        for pid, started in recorded.items()
        if pid in table and table[pid][2] == started and table[pid][1] != "Z"
    ]


@pytest.mark.slow
@pytest.mark.parametrize("start", ["fork", "fork-polling", "forkserver"])
def test_no_worker_outlives_a_killed_render(site: Path, start: str) -> None:
    build = subprocess.Popen([sys.executable, "-c", KILLED_BUILD, start, str(site)])
    workers: dict[int, str] = {}
    try:
        deadline = time.monotonic() + 60
        # Two workers rendering: two descendants (fork) or four (fork server, resource tracker)
        while len(workers) < (4 if start == "forkserver" else 2):
            assert build.poll() is None and time.monotonic() < deadline
            time.sleep(0.1)
            workers = descendants(build.pid)
        time.sleep(1)  # well into rendering, which takes half a minute
        workers = descendants(build.pid)
        build.kill()
        build.wait()
        deadline = time.monotonic() + 10
        while alive(workers) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert alive(workers) == []
    finally:
        build.kill()
        for pid in alive(workers):  # orphans of a failed test: end them, not the machine
            os.kill(pid, signal.SIGKILL)
