"""What the site shows of `whitepaper verify`'s status file (issue 16): the "Bronnen" page
(pages/sources.py), the marks of a retracted or corrected source in the text, its reference
list, its preview's entry and the PDF (citations/marks.py), all from bib/bronstatus.json alone;
a status file that cannot be read stops the check and the build with one message."""

from __future__ import annotations

import datetime
import json
import logging
import posixpath
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING

import lxml.html
import markdown
import pytest
from mkdocs.exceptions import Abort
from pypdf import PdfReader

from tests.conftest import ROOT, build_site
from whitepaper import cli
from whitepaper.cache import Cache
from whitepaper.citations.format import Reference, format_paper
from whitepaper.citations.marks import entry_badges, in_text_mark
from whitepaper.citations.placement import place_citations, reference_entries
from whitepaper.health.claims import claims
from whitepaper.health.registry import RETRACTIONS
from whitepaper.health.standing import (
    RETRACTED_UNKNOWN,
    Mark,
    Standing,
    marks_for,
    marks_of,
    standing,
)
from whitepaper.health.status import Checked, Finding, Status, checked, status_bytes
from whitepaper.pages.sources import (
    NOT_CHECKED_YET,
    SOURCES,
    ListedSource,
    PaperSources,
    source_listing,
    status_html,
    with_sources,
)
from whitepaper.sources.bibliography import load_bibliography, parse_bib_text
from whitepaper.sources.documents import parse_document
from whitepaper.sources.entries import BibEntry, Bibliography

if TYPE_CHECKING:  # the `browser` fixture imports Playwright; the other tests run without it
    from playwright.sync_api import Browser

DAY = datetime.date(2026, 12, 2)
RETRACTED = Finding(
    "retracted",
    "doi",
    "het werk van DOI 10.5555/a is ingetrokken op 2021-05-03 (door 10.5555/notice)"
    " volgens Retraction Watch",
    kind="retraction",
)
CORRECTED = Finding(
    "corrected",
    "doi",
    "het werk van DOI 10.5555/b is gecorrigeerd op 2019-02 (door 10.5555/c)",
    kind="correction",
)
DEAD = Finding("dead-link", "url", "https://example.org/weg antwoordt met fout 404")
BIB = r"""
@article{doi1, author = {Stecco, Carla}, title = {Fascia}, journal = {J}, year = 2014,
  doi = {10.5555/a}}
@article{both, author = {Lee, S.}, title = {Massage}, journal = {J}, year = 2015,
  doi = {10.5555/b}, pmid = {123}}
@online{web, author = {{KNGF}}, title = {Nieuws}, year = 2025, url = {https://example.org/weg}}
@book{plain, author = {Kolk}, title = {Boek}, year = 2006}
"""


def entries(text: str = BIB) -> dict[str, BibEntry]:
    found, _ = parse_bib_text(text, Path("bib/refs.bib"), root=Path())
    return {entry.key: entry for entry in found}


def result(entry: BibEntry, *findings: Finding, day: datetime.date = DAY) -> Checked:
    said = claims(entry)
    return checked(day, said.fingerprint, said.asked, findings)


def text_of(html: str) -> str:
    return " ".join(lxml.html.fragment_fromstring(html, create_parent="div").text_content().split())


# --- each entry's standing, from the status file --------------------------------------------


def test_an_entrys_standing_counts_only_for_what_it_still_says() -> None:
    bib = entries()
    status = Status(
        entries={
            "doi1": result(bib["doi1"], RETRACTED),
            "both": result(bib["both"]),
            "web": checked(DAY, "0000000000000000", ("url",), (DEAD,)),  # an older 'web'
        }
    )
    said = {key: standing(entry, status) for key, entry in bib.items()}
    assert said["doi1"] == Standing("problems", DAY, ("doi",), (RETRACTED,))
    assert said["both"] == Standing("ok", DAY, ("doi", "pmid"))
    assert said["web"] == Standing("changed", DAY, ("url",))  # edited since: no findings
    assert said["plain"] == Standing("uncheckable")
    assert standing(bib["doi1"], Status()) == Standing("unchecked")
    assert marks_of(said) == {"doi1": (Mark("retracted", "ingetrokken", RETRACTED.message),)}


@pytest.mark.parametrize(
    ("kind", "label"),
    [
        ("retraction", "ingetrokken"),
        ("partial_retraction", "gedeeltelijk ingetrokken"),
        ("withdrawal", "teruggetrokken"),
        ("removal", "verwijderd"),
        ("expression_of_concern", "in twijfel getrokken"),
    ],
)
def test_a_marks_word_is_the_kind_of_update_never_a_retraction_it_is_not(
    kind: str, label: str
) -> None:
    message = f"het werk van DOI 10.5555/a is {RETRACTIONS[kind]} op 2021-05-03"
    found = [Finding("retracted", "doi", message, kind=kind)]
    assert marks_for(found) == (Mark("retracted", label, message),)


def test_every_kind_of_retraction_has_its_word() -> None:
    found = [
        Finding("retracted", "doi", f"is {said}", kind=kind) for kind, said in RETRACTIONS.items()
    ]
    labels = {marks_for([finding])[0].label for finding in found}
    assert RETRACTED_UNKNOWN not in labels and len(labels) == len(RETRACTIONS)


def test_marks_come_retraction_first_each_once_other_findings_none() -> None:
    found = [CORRECTED, DEAD, RETRACTED, CORRECTED]
    assert [mark.code for mark in marks_for(found)] == ["retracted", "corrected"]
    unknown = marks_for([Finding("retracted", "doi", "iets nieuws")])
    assert unknown == (Mark("retracted", RETRACTED_UNKNOWN, "iets nieuws"),)


# --- the page's Markdown and HTML --------------------------------------------------------------


def reference(key: str, html: str = "Auteur. (2020). <em>Titel</em>.") -> Reference:
    return Reference(key, html, incomplete=False)


@pytest.mark.parametrize(
    ("said", "shown"),
    [
        (
            Standing("ok", DAY, ("doi", "pmid")),
            "Gecontroleerd op 2 december 2026 (DOI en PMID): klopt.",
        ),
        (Standing("ok", DAY, ("url",)), "Gecontroleerd op 2 december 2026 (webadres): klopt."),
        (
            Standing("problems", DAY, ("doi",), (RETRACTED,)),
            f"Gecontroleerd op 2 december 2026 (DOI): ingetrokken: {RETRACTED.message}",
        ),
        (
            Standing("problems", DAY, ("doi",), (CORRECTED,)),
            f"Gecontroleerd op 2 december 2026 (DOI): gecorrigeerd: {CORRECTED.message}",
        ),
        (
            Standing("problems", DAY, ("url",), (DEAD,)),
            f"Gecontroleerd op 2 december 2026 (webadres): link werkt niet: {DEAD.message}",
        ),
        (
            Standing("problems", DAY, ("doi",), (Finding("doi-mismatch", "doi", "m"),)),
            "Gecontroleerd op 2 december 2026 (DOI): DOI hoort bij een ander werk: m",
        ),
        (
            Standing("problems", DAY, ("doi",), (Finding("unknown-doi", "doi", "m"),)),
            "Gecontroleerd op 2 december 2026 (DOI): DOI onbekend: m",
        ),
        (
            Standing("problems", DAY, ("pmid",), (Finding("pmid-mismatch", "pmid", "m"),)),
            "Gecontroleerd op 2 december 2026 (PMID): PMID hoort bij een ander werk: m",
        ),
        (
            Standing("changed", DAY, ("doi",)),
            "Gewijzigd na de controle van 2 december 2026: nog niet opnieuw gecontroleerd.",
        ),
        (Standing("unchecked"), "Nog niet gecontroleerd."),
        (None, "Nog niet gecontroleerd."),
        (Standing("uncheckable"), "Niet te controleren: geen DOI, PMID of webadres."),
    ],
    ids=[
        "ok",
        "ok-url",
        "retracted",
        "corrected",
        "dead-link",
        "doi-mismatch",
        "unknown-doi",
        "pmid-mismatch",
        "changed",
        "unchecked",
        "not-in-file",
        "uncheckable",
    ],
)
def test_each_status_in_plain_dutch(said: Standing | None, shown: str) -> None:
    assert text_of(status_html(said)) == shown


def test_a_finding_with_two_problems_lists_both() -> None:
    html = status_html(Standing("problems", DAY, ("doi",), (RETRACTED, CORRECTED)))
    items = lxml.html.fragment_fromstring(html, create_parent="div").xpath(".//li")
    assert [text_of(lxml.html.tostring(li, encoding="unicode")) for li in items] == [
        f"ingetrokken: {RETRACTED.message}",
        f"gecorrigeerd: {CORRECTED.message}",
    ]


def listing(found: dict[str, Standing], *keys: str, title: str = "Titel") -> str:
    sources = tuple(ListedSource(reference(key), f"../p/#ref-{key}") for key in keys)
    return source_listing([PaperSources("p/index.md", title, sources)], found)


def rendered(source: str) -> lxml.html.HtmlElement:
    html = markdown.markdown(source, extensions=["attr_list", "md_in_html"])
    return lxml.html.fragment_fromstring(html, create_parent="div")


def test_without_a_status_file_nothing_is_checked_and_the_page_says_how() -> None:
    bib = entries()
    found = {key: standing(entry, Status()) for key, entry in bib.items()}
    page = rendered(listing(found, *bib))
    summary = text_of(
        lxml.html.tostring(page.xpath("//p[@class='wp-sources-summary']")[0]).decode()
    )
    assert summary.startswith(text_of(NOT_CHECKED_YET))
    assert "whitepaper verify" in summary
    assert "1 bron heeft geen DOI, PMID of webadres: die is niet te controleren." in summary
    statuses = [
        " ".join(d.text_content().split()) for d in page.xpath("//div[@class='wp-source__status']")
    ]
    assert statuses == [
        *["Nog niet gecontroleerd."] * 3,
        "Niet te controleren: geen DOI, PMID of webadres.",
    ]


def test_with_a_status_file_the_summary_counts_each_source_once() -> None:
    found = {
        "a": Standing("ok", DAY, ("doi",)),
        "b": Standing("problems", DAY, ("doi",), (RETRACTED,)),
        "c": Standing("uncheckable"),
    }
    papers = [
        PaperSources(
            "p/index.md",
            "P",
            (ListedSource(reference("a"), None), ListedSource(reference("b"), None)),
        ),
        PaperSources(
            "q/index.md",
            "Q",
            (ListedSource(reference("a"), None), ListedSource(reference("c"), None)),
        ),
    ]
    page = rendered(source_listing(papers, found))
    assert " ".join(page.xpath("//p[@class='wp-sources-summary']")[0].text_content().split()) == (
        "Van de 3 bronnen die de whitepapers noemen, zijn er 2 gecontroleerd; bij 1 vond de"
        " controle iets. 1 bron heeft geen DOI, PMID of webadres: die is niet te controleren."
    )
    assert [h.text_content() for h in page.xpath("//h2")] == ["P", "Q"]
    assert not page.xpath("//a[@class='wp-source__link']")  # no page cites them directly


def test_the_list_is_kept_out_of_search_each_source_linked_to_its_entry() -> None:
    found = {"a": Standing("ok", DAY, ("doi",))}
    page = rendered(listing(found, "a"))
    assert page.xpath("//h2/@data-pagefind-ignore") == [""]
    assert page.xpath("//h2/a/@href") == ["p/index.md"]
    (item,) = page.xpath("//ul[@class='wp-sources' and @data-pagefind-ignore]/li")
    assert item.get("class") == "wp-source wp-source--ok"
    assert item.xpath(".//a[@class='wp-source__link']/@href") == ["../p/#ref-a"]
    assert page.xpath("//p[@class='wp-sources-summary']/@data-pagefind-ignore") == [""]


def test_a_paper_that_cites_nothing_says_so_and_no_papers_says_that() -> None:
    assert "Dit whitepaper noemt geen bronnen." in listing({})
    assert source_listing([], {}) == "Er zijn nog geen whitepapers gepubliceerd.\n"


HOSTILE = '<script>alert(1)</script> *x* [@k](javascript:x) {: #id } & "q" _z_'


def test_hostile_titles_messages_and_keys_stay_text() -> None:
    finding = Finding("dead-link", "url", HOSTILE)
    found = {'k"><script>': Standing("problems", DAY, ("url",), (finding,))}
    sources = (ListedSource(reference('k"><script>'), "../p/#ref-k%22%3E%3Cscript%3E"),)
    page = rendered(source_listing([PaperSources("p/index.md", HOSTILE, sources)], found))
    assert not page.xpath(
        "//script | //*[@id='id'] | //em[.='x'] | //a[contains(@href, 'javascript')]"
    )
    assert " ".join(page.xpath("//h2")[0].text_content().split()) == HOSTILE
    status = page.xpath("//div[@class='wp-source__status']")[0]
    assert " ".join(status.text_content().split()).endswith(f"link werkt niet: {HOSTILE}")


def test_the_marker_is_replaced_once_a_page_without_it_is_left() -> None:
    assert with_sources("# Bronnen\n", [], {}) == "# Bronnen\n"
    page = with_sources(f"{SOURCES}\n\n{SOURCES}\n", [], {})
    assert page == f"Er zijn nog geen whitepapers gepubliceerd.\n\n\n{SOURCES}\n"


# --- the marks ----------------------------------------------------------------------------------


def test_a_mark_says_its_word_to_eyes_and_screen_readers_escaped() -> None:
    mark = Mark("retracted", "<b>ingetrokken</b>", HOSTILE)
    shown = lxml.html.fragment_fromstring(in_text_mark([mark]), create_parent="div")
    (span,) = shown.xpath("./span")
    assert span.get("class") == "wp-mark wp-mark--retracted"
    assert span.text_content() == "bron <b>ingetrokken</b>"
    assert span.xpath("./span[@class='wp-visually-hidden']/text()") == ["bron "]
    badges = lxml.html.fragment_fromstring(entry_badges([mark, mark]), create_parent="div")
    assert [b.text_content() for b in badges.xpath("./span")] == [
        f"<b>ingetrokken</b>: {HOSTILE}"
    ] * 2
    assert not badges.xpath("//script | //b") and in_text_mark([]) == entry_badges([]) == ""


BIB_PAGE = "Zie [@doi1; @both] en @doi1 [p. 3].\n\n## Kop [@doi1]\n"


def test_the_marks_follow_their_citations_link_but_never_in_a_heading() -> None:
    bib = entries()
    document = parse_document(BIB_PAGE, Path("docs/p/index.md"))
    bibliography = Bibliography(bib, ())
    marks = {"doi1": (Mark("retracted", "ingetrokken", RETRACTED.message),)}
    paper = format_paper("p", [document], bibliography, cache=Cache(None), marks=marks)
    plain = format_paper("p", [document], bibliography, cache=Cache(None))
    assert plain.citations == paper.citations  # the unmarked ones stay as they were
    mark = in_text_mark(marks["doi1"])
    assert len(paper.marked) == 3  # the heading's too: placement leaves it out
    assert all(mark in html for html in paper.marked.values())
    first = next(iter(paper.marked.values()))
    assert re.search(r'data-wp-ref="doi1">[^<]*</a>' + re.escape(mark) + "[;)]", first)
    assert re.search(r'data-wp-ref="both">[^<]*</a>;', first)  # Lee's is not marked
    placed = place_citations(BIB_PAGE, document, paper.citations, "0" * 16, paper.marked)
    assert all(mark in html for html in placed.citations)
    heading = placed.markdown.split("## ")[1]
    assert "ingetrokken" not in heading and "Stecco" in heading
    (listed,) = [ref for ref in paper.references if ref.key == "doi1"]
    assert listed.marks == marks["doi1"] and "wp-status" not in listed.html
    assert entry_badges(marks["doi1"]) in reference_entries([listed])


# --- a corrupt status file: the check and the build stop alike ------------------------------


SMALL_BIB = r"""
@article{doi1, author = {Stecco, Carla}, title = {Fascia}, journal = {J}, year = 2014,
  doi = {10.5555/a}}
@article{both, author = {Lee, S.}, title = {Massage}, journal = {J}, year = 2015,
  doi = {10.5555/b}, pmid = {123}}
"""


@pytest.fixture
def small_project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The project's configuration and theme with one paper citing two entries with a DOI,
    and a "Bronnen" page (no PDF, no search: quick)."""
    shutil.copytree(ROOT / "overrides", tmp_path / "overrides")
    (tmp_path / "docs" / "p").mkdir(parents=True)
    (tmp_path / "bib").mkdir()
    (tmp_path / "docs" / "index.md").write_text("# Whitepapers\n", encoding="utf-8")
    (tmp_path / "docs" / "p" / "index.md").write_text(
        "---\ntitle: P\n---\n\n# P\n\nZie [@doi1] en [@both].\n", encoding="utf-8"
    )
    (tmp_path / "docs" / "bronnen.md").write_text(f"# Bronnen\n\n{SOURCES}\n", encoding="utf-8")
    (tmp_path / "bib" / "refs.bib").write_text(SMALL_BIB, encoding="utf-8")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    quick = "      bib_dir: bib\n      pdf: false\n      search: false\n"
    (tmp_path / "mkdocs.yml").write_text(config.replace("      bib_dir: bib\n", quick), "utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


CORRUPT = {
    "not-json": b"{",
    "wrong-type": b'{"format": "whitepaper-bronstatus", "version": 1, "entries": {"x": 1}}',
    "other-format": b'{"format": "iets", "version": 1, "entries": {}}',
    "result-and-findings-disagree": json.dumps(
        {
            "format": "whitepaper-bronstatus",
            "version": 1,
            "entries": {
                "doi1": {
                    "checked": "2026-12-02",
                    "fingerprint": "x",
                    "asked": ["doi"],
                    "result": "ok",
                    "findings": [{"code": "retracted", "field": "doi", "message": "m"}],
                }
            },
        }
    ).encode(),
}


def stopped_build(project: Path, caplog: pytest.LogCaptureFixture) -> list[str]:
    """The errors MkDocs logged for a build that stopped (before site/ was made)."""
    caplog.clear()
    with pytest.raises(Abort):
        build_site(project / "mkdocs.yml", project / "site")
    assert not (project / "site").exists()
    return [r.getMessage() for r in caplog.records if r.levelno == logging.ERROR]


@pytest.mark.parametrize("data", CORRUPT.values(), ids=CORRUPT)
def test_a_corrupt_status_file_stops_check_and_build_with_one_message(
    small_project: Path,
    data: bytes,
    capsys: pytest.CaptureFixture[str],
    caplog: pytest.LogCaptureFixture,
) -> None:
    (small_project / "bib" / "bronstatus.json").write_bytes(data)
    assert cli.main(["check"]) == 2
    said = capsys.readouterr().err
    assert said.startswith("whitepaper check: bib/bronstatus.json is geen geldig statusbestand (")
    message = said.removeprefix("whitepaper check: ").strip()
    assert "(git checkout -- bib/bronstatus.json)" in message and "\n" not in message
    assert stopped_build(small_project, caplog) == [message]


def test_a_status_file_that_is_no_regular_file_stops_both(
    small_project: Path, capsys: pytest.CaptureFixture[str], caplog: pytest.LogCaptureFixture
) -> None:
    (small_project / "bib" / "bronstatus.json").mkdir()
    assert cli.main(["check"]) == 2
    message = capsys.readouterr().err.removeprefix("whitepaper check: ").strip()
    assert message.startswith("bib/bronstatus.json is geen gewoon bestand")
    assert stopped_build(small_project, caplog) == [message]


def test_no_status_file_and_a_key_no_entry_has_build_alike(
    small_project: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A left-over key is ignored (verify's next full run forgets it): no finding, no mark."""
    assert cli.main(["check"]) == 0
    without = capsys.readouterr()
    site = build_site(small_project / "mkdocs.yml", small_project / "one")
    status = Status(entries={"gone": checked(DAY, "x", ("doi",), (RETRACTED,))})
    (small_project / "bib" / "bronstatus.json").write_bytes(status_bytes(status))
    assert cli.main(["check"]) == 0
    assert capsys.readouterr() == without
    again = build_site(small_project / "mkdocs.yml", small_project / "two")
    for name in ("p/index.html", "bronnen/index.html"):
        assert (site / name).read_text(encoding="utf-8") == (again / name).read_text(
            encoding="utf-8"
        )


def test_a_changed_status_file_changes_the_marks_with_a_warm_cache(small_project: Path) -> None:
    bib = entries(SMALL_BIB)
    path = small_project / "bib" / "bronstatus.json"
    path.write_bytes(status_bytes(Status(entries={"doi1": result(bib["doi1"], RETRACTED)})))
    first = build_site(small_project / "mkdocs.yml", small_project / "one")
    assert "wp-mark--retracted" in (first / "p" / "index.html").read_text(encoding="utf-8")
    path.write_bytes(status_bytes(Status(entries={"doi1": result(bib["doi1"], CORRECTED)})))
    second = build_site(small_project / "mkdocs.yml", small_project / "two")
    page = (second / "p" / "index.html").read_text(encoding="utf-8")
    assert "wp-mark--corrected" in page and "wp-mark--retracted" not in page
    path.unlink()
    third = build_site(small_project / "mkdocs.yml", small_project / "three")
    assert "wp-mark" not in (third / "p" / "index.html").read_text(encoding="utf-8")
    assert "wp-status" not in (third / "p" / "index.html").read_text(encoding="utf-8")


# --- the project's site: no status file ----------------------------------------------------------


def tree(site: Path, path: str) -> lxml.html.HtmlElement:
    return lxml.html.fromstring((site / path).read_text(encoding="utf-8"))


def words(element: lxml.html.HtmlElement) -> str:
    """The element's text as read, without the headings' permalinks ("¶")."""
    said = element.xpath('.//text()[not(ancestor::a[@class="headerlink"])]')
    return " ".join("".join(said).split())


@pytest.mark.slow
def test_the_projects_bronnen_page_says_nothing_is_checked_yet(built_site: Path) -> None:
    assert not (ROOT / "bib" / "bronstatus.json").exists()  # the case this test is about
    page = tree(built_site, "bronnen/index.html")
    assert [words(h1) for h1 in page.xpath("//article//h1")] == ["Bronnen"]
    summary = words(page.xpath("//p[@class='wp-sources-summary']")[0])
    assert summary.startswith("Nog geen enkele bron is gecontroleerd.")
    states = {item.get("class") for item in page.xpath("//li[contains(@class, 'wp-source ')]")}
    assert states == {"wp-source wp-source--unchecked", "wp-source wp-source--uncheckable"}
    assert (
        not list((built_site / "bronnen").glob("*.pdf"))
        and not (built_site / "pdf" / "bronnen.pdf").exists()
    )


@pytest.mark.slow
def test_every_source_links_to_its_entry_on_its_papers_page(built_site: Path) -> None:
    page = tree(built_site, "bronnen/index.html")
    links = page.xpath("//a[@class='wp-source__link']/@href")
    assert len(links) > 50, len(links)
    for href in links:
        path, _, fragment = href.partition("#")
        target = posixpath.normpath(posixpath.join("bronnen", path)) + "/index.html"
        ids = tree(built_site, target).xpath("//div[contains(@class, 'csl-entry')]/@id")
        assert fragment in ids, href


@pytest.mark.slow
def test_bronnen_comes_after_the_papers_and_is_linked_from_over_deze_site(built_site: Path) -> None:
    home = tree(built_site, "index.html")
    items = home.xpath('//nav[contains(@class, "md-nav--primary")]/ul/li')
    tail = [item.xpath(".//a/@href")[0] for item in items[-2:]]
    assert tail == ["bronnen/", "over-deze-site/"]
    about = tree(built_site, "over-deze-site/index.html")
    (section,) = about.xpath("//h2[@id='bronnen-lezen']")
    following = section.xpath("following-sibling::p[.//a[@href='../bronnen/']]")
    assert following and "ingetrokken of gecorrigeerd" in words(following[0])


@pytest.mark.slow
def test_the_bronnen_page_is_searched_but_not_its_list(built_site: Path) -> None:
    page = tree(built_site, "bronnen/index.html")
    body = page.xpath("//*[@data-pagefind-body]")[0]
    assert body.xpath(".//h2[@id='wat-wordt-er-gecontroleerd']")
    for element in body.xpath(".//ul[@class='wp-sources'] | .//p[@class='wp-sources-summary']"):
        assert element.get("data-pagefind-ignore") is not None


# --- a copy of the project with a status file: the marks -----------------------------------------

MARKED_PAPER = "massagetherapie"
MARKED = {"furlan2015": RETRACTED, "kamali2014": CORRECTED}  # two of its entries with a DOI


@pytest.fixture(scope="module")
def marked_site(tmp_path_factory: pytest.TempPathFactory, shared_pdf_cache: Path) -> Path:
    """The project with a status file: one entry retracted, one corrected, one fine."""
    project = tmp_path_factory.mktemp("marked")
    for name in ("docs", "bib", "overrides"):
        shutil.copytree(ROOT / name, project / name)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    bib = load_bibliography(project / "bib", root=project).entries
    results = {key: result(bib[key], finding) for key, finding in MARKED.items()}
    results["lee2015"] = result(bib["lee2015"])
    status = Status(entries=dict(sorted(results.items())))
    (project / "bib" / "bronstatus.json").write_bytes(status_bytes(status))
    cache = project / ".cache"
    cache.mkdir()
    (cache / "pdf").symlink_to(shared_pdf_cache)
    config = project / "mkdocs.yml"
    text = config.read_text(encoding="utf-8")
    config.write_text(
        text.replace(
            "      bib_dir: bib\n", f"      bib_dir: bib\n      pdf_papers: [{MARKED_PAPER}]\n"
        ),
        encoding="utf-8",
    )
    return build_site(config, project / "site", cache_dir=cache)


@pytest.mark.slow
@pytest.mark.parametrize(
    ("key", "word"), [("furlan2015", "ingetrokken"), ("kamali2014", "gecorrigeerd")]
)
def test_every_citation_of_a_marked_source_says_so(marked_site: Path, key: str, word: str) -> None:
    page = tree(marked_site, f"{MARKED_PAPER}/index.html")
    links = page.xpath(f"//article//a[@data-wp-ref='{key}']")
    assert links
    for link in links:
        (mark,) = link.xpath("following-sibling::*[1][contains(@class, 'wp-mark')]")
        assert words(mark) == f"bron {word}"
        assert mark.xpath("./span[@class='wp-visually-hidden']/text()") == ["bron "]
    (entry,) = page.xpath(f"//div[@id='ref-{key}']")
    (badge,) = entry.xpath(".//span[contains(@class, 'wp-status')]")
    assert words(badge) == f"{word}: {MARKED[key].message}"


@pytest.mark.slow
def test_an_unmarked_source_has_no_mark(marked_site: Path) -> None:
    page = tree(marked_site, f"{MARKED_PAPER}/index.html")
    marked = {
        link.get("data-wp-ref")
        for link in page.xpath("//a[following-sibling::*[1][contains(@class, 'wp-mark')]]")
    }
    assert marked == set(MARKED)
    assert {
        e.get("id")
        for e in page.xpath("//div[@class='csl-entry'][.//span[contains(@class, 'wp-status')]]")
    } == {f"ref-{key}" for key in MARKED}


@pytest.mark.slow
def test_the_bronnen_page_shows_the_status_files_results(marked_site: Path) -> None:
    page = tree(marked_site, "bronnen/index.html")

    def status(key: str) -> str:
        (item,) = page.xpath(
            f"//li[.//a[@class='wp-source__link' and contains(@href, '#ref-{key}')]]"
        )
        return words(item.xpath(".//div[@class='wp-source__status']")[0])

    assert (
        status("furlan2015")
        == f"Gecontroleerd op 2 december 2026 (DOI): ingetrokken: {RETRACTED.message}"
    )
    assert (
        status("kamali2014")
        == f"Gecontroleerd op 2 december 2026 (DOI): gecorrigeerd: {CORRECTED.message}"
    )
    assert status("lee2015") == "Gecontroleerd op 2 december 2026 (DOI en PMID): klopt."
    assert status("tick2018") == "Nog niet gecontroleerd."
    summary = words(page.xpath("//p[@class='wp-sources-summary']")[0])
    assert (
        summary.startswith("Van de ")
        and "zijn er 3 gecontroleerd; bij 2 vond de controle iets." in summary
    )


@pytest.mark.slow
def test_the_pdf_marks_them_too(marked_site: Path) -> None:
    reader = PdfReader(marked_site / "pdf" / f"{MARKED_PAPER}.pdf")
    text = " ".join(" ".join(page.extract_text() for page in reader.pages).split())
    flat = re.sub(r"[\W_]+", "", text.casefold())
    for finding in MARKED.values():
        label = "ingetrokken" if finding.code == "retracted" else "gecorrigeerd"
        assert re.sub(r"[\W_]+", "", f"{label}: {finding.message}".casefold()) in flat
    assert "furlanetal2015ingetrokken" in flat  # the in-text mark after its citation
    assert "bron ingetrokken" not in text  # the screen readers' word is the site's


@pytest.fixture(scope="module")
def marked_url(marked_site: Path) -> Iterator[str]:
    from tests.browser import serve

    with serve(marked_site) as url:
        yield url


@pytest.mark.slow
def test_the_preview_shows_the_marks_badge_and_axe_stays_clean(
    browser: Browser, marked_url: str
) -> None:
    from tests.test_accessibility import SEVERE, axe_violations, describe

    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="nl-NL")
    page = context.new_page()
    page.goto(marked_url + f"{MARKED_PAPER}/", wait_until="networkidle")
    page.locator("a.wp-cite[data-wp-ref='furlan2015']").first.hover()
    popover = page.locator("#wp-cite-popover")
    popover.wait_for(state="visible")
    assert f"ingetrokken: {RETRACTED.message}" in " ".join(popover.inner_text().split())
    problems = []
    for path in (f"{MARKED_PAPER}/", "bronnen/"):
        page.goto(marked_url + path, wait_until="networkidle")
        problems += [
            f"{path}: {describe(v)}" for v in axe_violations(page) if v["impact"] in SEVERE
        ]
    context.close()
    assert not problems, "\n".join(problems)
