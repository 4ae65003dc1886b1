"""The built site's PDFs: one A4, tagged, self-contained PDF per paper, whole and linked."""

from __future__ import annotations

import posixpath
import re
from functools import cache
from pathlib import Path
from urllib.parse import urljoin

import lxml.html
import pytest
import yaml
from pypdf import PdfReader
from pypdf.generic import BooleanObject, DictionaryObject

from tests.conftest import ROOT
from whitepaper.pdf.book import size_label

pytestmark = pytest.mark.slow

PAPERS = sorted(p.parent.name for p in (ROOT / "docs").glob("*/index.md"))
A4 = (595.28, 841.89)  # points
CHARACTERS_PER_PAGE = 1_500  # of Markdown source: far fewer than a printed page holds
FRONT_PAGES = 4  # cover, contents, and room for the last, part-filled pages
FOOTNOTE_PAPER = "craniosacraal-therapie"  # the one paper whose site page lists "Voetnoten"
DOI_PAPER = "massagetherapie"  # its reference list links DOIs
NOT_PRINTED = ("Download als PDF", "Wijzig deze pagina", "Voetnoten", "[@", "[^")
SIZE_MARKER = "<!--wp-pdf-size:"


def has_class(name: str) -> str:
    """An XPath test for an element whose class attribute holds `name`."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def normalized(text: str) -> str:
    """Letters and digits only, case-folded: immune to hyphenation, line breaks and spacing."""
    return re.sub(r"[\W_]+", "", text.casefold())


def front_matter(paper: str) -> dict[str, object]:
    text = (ROOT / "docs" / paper / "index.md").read_text(encoding="utf-8")
    data = yaml.safe_load(text.split("---", 2)[1])
    assert isinstance(data, dict)
    return data


def pdf_file(site: Path, paper: str) -> Path:
    return site / "pdf" / f"{paper}.pdf"


@cache
def read_pdf(path: Path) -> PdfReader:
    return PdfReader(path)


@cache
def pdf_text(path: Path) -> str:
    return "\n".join(page.extract_text() for page in read_pdf(path).pages)


def without_running_lines(text: str, paper: str) -> str:
    """The PDF's text without its page margins (the title and version at the top, "pagina N
    van M" at the bottom), which a text extractor puts amid an entry that spans two pages."""
    data = front_matter(paper)
    running = f"{data['title']} versie {data['version']}" if "version" in data else data["title"]
    return re.sub(r"pagina \d+ van \d+", " ", text.replace(str(running), " "))


def site_page(site: Path, paper: str) -> lxml.html.HtmlElement:
    return lxml.html.parse(site / paper / "index.html").getroot()


def annotations(reader: PdfReader) -> list[DictionaryObject]:
    return [
        annotation.get_object() for page in reader.pages for annotation in page.get("/Annots") or []
    ]


def web_links(reader: PdfReader) -> set[str]:
    """The address of every link annotation that opens a URI."""
    actions = [a["/A"] for a in annotations(reader) if "/A" in a]
    return {str(action["/URI"]) for action in actions if action.get("/S") == "/URI"}


def internal_links(reader: PdfReader) -> list[str]:
    """The named destination of every link annotation that jumps within the PDF."""
    targets: list[object] = []
    for annotation in annotations(reader):
        action = annotation.get("/A")
        if "/Dest" in annotation:
            targets.append(annotation["/Dest"])
        elif action is not None and action.get("/S") == "/GoTo":
            targets.append(action["/D"])
    return [str(target) for target in targets]


def markdown_characters(paper: str) -> int:
    return sum(len(p.read_text(encoding="utf-8")) for p in (ROOT / "docs" / paper).rglob("*.md"))


# The PDF itself


@pytest.mark.parametrize("paper", PAPERS)
def test_every_page_is_a4_portrait(built_site: Path, paper: str) -> None:
    assert pdf_file(built_site, paper).is_file()
    reader = read_pdf(pdf_file(built_site, paper))
    sizes = [(float(page.mediabox.width), float(page.mediabox.height)) for page in reader.pages]
    assert sizes
    assert all(w == pytest.approx(A4[0], abs=0.5) for w, _ in sizes), sizes
    assert all(h == pytest.approx(A4[1], abs=0.5) for _, h in sizes), sizes


@pytest.mark.parametrize("paper", PAPERS)
def test_the_page_count_fits_the_text(built_site: Path, paper: str) -> None:
    """At least a cover, the contents and one page of text; no runaway layout."""
    pages = len(read_pdf(pdf_file(built_site, paper)).pages)
    assert 3 <= pages <= markdown_characters(paper) // CHARACTERS_PER_PAGE + FRONT_PAGES


@pytest.mark.parametrize("paper", PAPERS)
def test_the_document_information_comes_from_the_front_matter(built_site: Path, paper: str) -> None:
    meta = front_matter(paper)
    authors = meta.get("authors")
    author = ", ".join(authors) if isinstance(authors, list) else meta.get("association")
    info = read_pdf(pdf_file(built_site, paper)).metadata
    assert info is not None
    assert (info.title, info.author, info.subject) == (meta["title"], author, meta.get("summary"))
    assert str(info.creator).startswith("whitepaper ")


@pytest.mark.parametrize("paper", PAPERS)
def test_the_pdf_is_dutch_and_tagged(built_site: Path, paper: str) -> None:
    catalog = read_pdf(pdf_file(built_site, paper)).trailer["/Root"]
    assert catalog.get("/Lang") == "nl"
    assert catalog["/MarkInfo"].get("/Marked") == BooleanObject(True)
    assert "/StructTreeRoot" in catalog


@pytest.mark.parametrize("paper", PAPERS)
def test_every_font_is_embedded_and_inter_is_used(built_site: Path, paper: str) -> None:
    fonts: dict[str, bool] = {}
    for page in read_pdf(pdf_file(built_site, paper)).pages:
        resources = page["/Resources"].get_object()
        for font in (resources.get("/Font") or {}).values():
            font = font.get_object()
            if font.get("/Subtype") == "/Type0":
                font = font["/DescendantFonts"][0].get_object()
            descriptor = font.get("/FontDescriptor")
            files = {"/FontFile", "/FontFile2", "/FontFile3"}
            embedded = descriptor is not None and bool(files & set(descriptor.get_object()))
            fonts[str(font["/BaseFont"])] = embedded
    assert fonts
    assert [name for name, embedded in fonts.items() if not embedded] == []
    assert any("Inter" in name for name in fonts), sorted(fonts)


@pytest.mark.parametrize("paper", PAPERS)
def test_the_pdf_shows_the_title(built_site: Path, paper: str) -> None:
    title = str(front_matter(paper)["title"])
    assert normalized(title) in normalized(pdf_text(pdf_file(built_site, paper)))


@pytest.mark.parametrize("paper", PAPERS)
def test_the_pdf_lists_every_reference(built_site: Path, paper: str) -> None:
    entries = site_page(built_site, paper).xpath(
        f"//div[@id='refs']//div[{has_class('csl-entry')}]"
    )
    text = normalized(without_running_lines(pdf_text(pdf_file(built_site, paper)), paper))
    missing = [e.text_content() for e in entries if normalized(e.text_content()) not in text]
    assert missing == []


@pytest.mark.parametrize("paper", PAPERS)
def test_the_pdf_shows_every_footnote(built_site: Path, paper: str) -> None:
    page = site_page(built_site, paper)
    for backlink in page.xpath(
        f"//div[{has_class('footnote')}]//a[{has_class('footnote-backref')}]"
    ):
        backlink.drop_tree()  # its arrow is the site's, not the note's
    notes = page.xpath(f"//div[{has_class('footnote')}]//li")
    text = normalized(pdf_text(pdf_file(built_site, paper)))
    missing = [n.text_content() for n in notes if normalized(n.text_content()) not in text]
    assert missing == []


@pytest.mark.parametrize("paper", PAPERS)
@pytest.mark.parametrize("shown_only_online", NOT_PRINTED)
def test_the_pdf_leaves_out_what_belongs_online(
    built_site: Path, paper: str, shown_only_online: str
) -> None:
    assert shown_only_online not in pdf_text(pdf_file(built_site, paper))


@pytest.mark.parametrize("paper", PAPERS)
def test_a_local_preview_address_is_never_printed(built_site: Path, paper: str) -> None:
    """The test build's site_url is 127.0.0.1: a reader of a PDF passed on can't open that."""
    reader = read_pdf(pdf_file(built_site, paper))
    assert "127.0.0.1" not in pdf_text(pdf_file(built_site, paper))
    assert not [link for link in web_links(reader) if "127.0.0.1" in link]


def test_the_footnote_heading_is_dropped_from_the_pdf(built_site: Path) -> None:
    """The site lists the paper's footnotes under "Voetnoten"; the PDF puts them at page foot."""
    headings = site_page(built_site, FOOTNOTE_PAPER).xpath("//h2[@id='voetnoten']")
    assert ["".join(h.xpath("text()")).strip() for h in headings] == ["Voetnoten"]
    assert "voetnoten" not in normalized(pdf_text(pdf_file(built_site, FOOTNOTE_PAPER)))


# Its links


@pytest.mark.parametrize("paper", PAPERS)
def test_every_web_link_of_the_references_is_clickable(built_site: Path, paper: str) -> None:
    hrefs = set(site_page(built_site, paper).xpath("//div[@id='refs']//a/@href"))
    links = web_links(read_pdf(pdf_file(built_site, paper)))
    assert {href for href in hrefs if href.startswith(("http://", "https://"))} - links == set()


def test_the_reference_list_links_its_dois(built_site: Path) -> None:
    links = web_links(read_pdf(pdf_file(built_site, DOI_PAPER)))
    assert [link for link in links if link.startswith("https://doi.org/10.")]


@pytest.mark.parametrize("paper", PAPERS)
def test_every_citation_links_to_its_reference(built_site: Path, paper: str) -> None:
    """Each cited work the site page links to is a jump within the PDF to its entry."""
    cited = {
        href.removeprefix("#")
        for href in site_page(built_site, paper).xpath("//a[@role='doc-biblioref']/@href")
    }
    targets = internal_links(read_pdf(pdf_file(built_site, paper)))
    assert {target for target in targets if target.startswith("ref-")} == cited


def test_the_text_has_internal_citation_links(built_site: Path) -> None:
    targets = internal_links(read_pdf(pdf_file(built_site, DOI_PAPER)))
    assert [target for target in targets if target.startswith("ref-")]


@pytest.mark.parametrize("paper", PAPERS)
def test_every_internal_link_has_a_destination(built_site: Path, paper: str) -> None:
    reader = read_pdf(pdf_file(built_site, paper))
    targets = set(internal_links(reader))
    assert targets
    assert targets - set(reader.named_destinations) == set()


# The site that links them


@pytest.mark.parametrize("paper", PAPERS)
def test_every_page_of_a_paper_links_its_pdf_with_its_size(built_site: Path, paper: str) -> None:
    size = f"({size_label(pdf_file(built_site, paper).stat().st_size)})"
    for page in sorted((built_site / paper).rglob("*.html")):
        folder = posixpath.dirname(page.relative_to(built_site).as_posix())
        links = lxml.html.parse(page).getroot().xpath(f"//a[{has_class('wp-pdf__link')}]")
        shown = [
            (
                posixpath.normpath(posixpath.join(folder, link.get("href"))),
                [s.text_content() for s in link.xpath(f".//span[{has_class('wp-pdf__size')}]")],
            )
            for link in links
        ]
        assert shown == [(f"pdf/{paper}.pdf", [size])], page


def test_the_home_page_links_every_pdf_with_its_size(built_site: Path) -> None:
    home = lxml.html.parse(built_site / "index.html").getroot()
    shown = {
        link.get("href"): link.xpath(f"following-sibling::span[{has_class('wp-pdf-size')}][1]")
        for link in home.xpath(f"//a[{has_class('wp-pdf-link')}]")
    }
    sizes = {href: [span.text_content() for span in spans] for href, spans in shown.items()}
    assert sizes == {
        f"pdf/{paper}.pdf": [f"({size_label(pdf_file(built_site, paper).stat().st_size)})"]
        for paper in PAPERS
    }


def test_no_page_keeps_a_size_marker(built_site: Path) -> None:
    pages = sorted(built_site.rglob("*.html"))
    assert pages
    marked = [p.relative_to(built_site).as_posix() for p in pages if SIZE_MARKER in p.read_text()]
    assert marked == []


@pytest.mark.parametrize("paper", PAPERS)
def test_the_paper_page_gives_scholars_its_pdf(built_site: Path, paper: str) -> None:
    page = site_page(built_site, paper)
    canonical = page.xpath("//link[@rel='canonical']/@href")
    urls = page.xpath("//meta[@name='citation_pdf_url']/@content")
    assert len(canonical) == 1
    assert urls == [urljoin(canonical[0], f"../pdf/{paper}.pdf")]
    assert urls[0].endswith(f"/pdf/{paper}.pdf")
