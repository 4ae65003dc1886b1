"""links.py: the one rule for web addresses and DOIs, as the check states it."""

from __future__ import annotations

import io
import json
import re
from html import escape, unescape
from pathlib import Path

import pytest
from pypdf import PdfReader

from whitepaper.cache import Cache
from whitepaper.check.findings import check
from whitepaper.citations.format import Reference, format_apa, format_paper, plain_text
from whitepaper.citations.placement import reference_entries
from whitepaper.links import bare_doi, doi_problem, doi_url, link_target, url_problem, web_url
from whitepaper.pages.scholarly import apa_reference, csl_item, json_ld, meta_tags
from whitepaper.papers import read_paper
from whitepaper.pdf.document import PrintJob, compose
from whitepaper.pdf.render import PRINT_CSS, render
from whitepaper.sources.bibliography import load_bibliography
from whitepaper.sources.documents import parse_document


@pytest.mark.parametrize(
    ("url", "problem"),
    [
        ("https://www.ncbi.nlm.nih.gov/pubmed/123", False),
        ("HTTP://example.org/a?b=c&d=e#f", False),
        ("javascript:alert(1)", True),
        ("JavaScript:alert(1)", True),
        ("data:text/html,<script>", True),
        ("file:///etc/passwd", True),
        ("vbscript:msgbox", True),
        ("//evil.example/x", True),
        ("www.example.org", True),
        ("http:example.org", True),
        ('https://x.nl/" onclick="alert(1)', True),
        ("https://x.nl/<script>", True),
    ],
)
def test_url_rule(url: str, problem: bool) -> None:
    """Only plain http(s) links pass; everything else is unsafe-url."""
    assert (url_problem(url) is not None) is problem


@pytest.mark.parametrize(
    ("doi", "code"),
    [
        ("10.1016/j.jbmt.2018.01.002", None),
        ("10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI3>3.0.CO;2-O", None),
        ("https://doi.org/10.1016/j.jbmt.2018.01.002", "bad-doi"),
        ("http://dx.doi.org/10.1016/j.jbmt.2018.01.002", "bad-doi"),
        ("doi:10.1016/j.jbmt.2018.01.002", "bad-doi"),
        ("ISBN 978-90-368-1234-5", "bad-doi"),
        ("10.1/x", "bad-doi"),
        ("https://example.org/paper", "bad-doi"),
        ("javascript:alert(1)//10.1016/x", "unsafe-url"),
    ],
)
def test_doi_rule(doi: str, code: str | None) -> None:
    """Bare DOIs pass; doi.org links get a tip to store the bare DOI; other schemes are unsafe."""
    problem = doi_problem(doi)
    assert (problem[0] if problem else None) == code


def test_doi_link_tip_names_the_bare_doi() -> None:
    problem = doi_problem("https://doi.org/10.1016/j.jbmt.2018.01.002")
    assert problem is not None
    assert problem[2] == "sla de kale DOI op: doi = {10.1016/j.jbmt.2018.01.002}"


# --- what the check accepts reaches every output unchanged; what it refuses, none ----------------

SICI = "10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0"
ACCEPTED_URLS = [
    "https://example.org/a?b=c&d=e#f",
    "HTTP://example.org/Hoofdletters",
    "https://example.org/a%20b",
    "https://example.org/~u/(p)[q]",
    "https://example.org/a|b^c`d",
    "https://example.org/café",
    "https://example.org/a_b%2Fc#d_e$f",  # % # _ $: LaTeX to pandoc, but a url is read raw
]
REFUSED_URLS = [
    "https://",
    "https://example.org/a\\b",
    "https://example.org/{x}",
    "https://:80/x",
    "javascript:alert(1)",
    "www.example.org",
]
ACCEPTED_DOIS = [
    SICI,
    "10.1000/a#b?c",
    "10.1000/[x]_y",
    "10.1000/a%b",
    "10.1016/j.x.2018.01.002",
    "10.1000/a_b_c",  # a front-matter DOI with '_' was dropped once
    "10.1000/x$y*z",
]
REFUSED_DOIS = ["10.1000/{x}", "10.1000/a\\b", "10.1/x", "ISBN 978-90-368-1234-5"]


def project(tmp_path: Path, entries: list[str]) -> Path:
    (tmp_path / "docs" / "p").mkdir(parents=True)
    (tmp_path / "bib").mkdir()
    keys = [f"e{number}" for number in range(len(entries))]
    body = "".join(f"Zin [@{key}].\n\n" for key in keys)
    page = f"---\ntitle: Proef\n---\n\n# Proef\n\n{body}"
    (tmp_path / "docs" / "p" / "index.md").write_text(page, encoding="utf-8")
    bib = "".join(
        f"@misc{{{key}, author = {{Auteur, A.}}, title = {{Titel {key}}}, year = 2020, {field}}}\n"
        for key, field in zip(keys, entries, strict=True)
    )
    (tmp_path / "bib" / "refs.bib").write_text(bib, encoding="utf-8")
    return tmp_path


def link_findings(root: Path) -> dict[str, list[str]]:
    """Each entry's unsafe-url and bad-doi findings, by key."""
    found: dict[str, list[str]] = {}
    for finding in check(root / "docs", root / "bib", root=root):
        if finding.code in ("unsafe-url", "bad-doi"):
            key = finding.excerpt.split("{", 1)[1].split(",", 1)[0]
            found.setdefault(key, []).append(finding.code)
    return found


def rendered_references(root: Path) -> dict[str, Reference]:
    documents = [parse_document(p.read_text("utf-8"), p) for p in (root / "docs").rglob("*.md")]
    bibliography = load_bibliography(root / "bib", root=root)
    paper = format_paper("p", documents, bibliography, cache=Cache(None))
    return {reference.key: reference for reference in paper.references}


def hrefs(fragment: str) -> list[str]:
    return [unescape(href) for href in re.findall(r'href="([^"]*)"', fragment)]


@pytest.mark.slow  # one pandoc run
def test_an_accepted_address_reaches_the_reference_list_as_written(tmp_path: Path) -> None:
    urls = [f"url = {{{url}}}" for url in ACCEPTED_URLS + REFUSED_URLS]
    dois = [f"doi = {{{doi}}}" for doi in ACCEPTED_DOIS + REFUSED_DOIS]
    root = project(tmp_path, urls + dois)
    findings, references = link_findings(root), rendered_references(root)
    for number, url in enumerate(ACCEPTED_URLS + REFUSED_URLS):
        key, accepted = f"e{number}", url in ACCEPTED_URLS
        assert (key not in findings) is accepted, (url, findings.get(key))
        shown = references[key].html
        assert hrefs(shown) == ([url] if accepted else []), url
        assert (url in unescape(plain_text(shown))) is accepted, url
    for number, doi in enumerate(ACCEPTED_DOIS + REFUSED_DOIS, start=len(urls)):
        key, accepted = f"e{number}", doi in ACCEPTED_DOIS
        assert (key not in findings) is accepted, (doi, findings.get(key))
        shown = references[key].html
        assert hrefs(shown) == ([doi_url(doi)] if accepted else []), doi
        assert (f"https://doi.org/{doi}" in plain_text(shown)) is accepted, doi


@pytest.mark.parametrize("doi", ACCEPTED_DOIS)
def test_an_accepted_doi_of_a_paper_reaches_its_metadata_and_cover(doi: str) -> None:
    paper = read_paper({"title": "T", "doi": doi}, "https://wp.nl/p/")
    assert paper.doi == doi
    assert ("citation_doi", doi) in meta_tags(paper)
    assert json.loads(json_ld(paper))["sameAs"] == doi_url(doi)
    assert csl_item(paper, "t2025")["DOI"] == doi
    cover = compose(PrintJob("p", paper, ()))
    assert f'<a href="{escape(doi_url(doi))}">{escape(doi)}</a>' in cover


@pytest.mark.parametrize("doi", REFUSED_DOIS)
def test_a_refused_doi_of_a_paper_is_the_checks_error_and_reaches_nothing(doi: str) -> None:
    assert bare_doi(doi) is None
    paper = read_paper({"title": "T", "doi": doi}, "https://wp.nl/p/")
    assert paper.doi is None
    assert "sameAs" not in json.loads(json_ld(paper))
    assert "DOI" not in csl_item(paper, "t2025")


@pytest.mark.slow  # one pandoc run
@pytest.mark.parametrize("doi", ACCEPTED_DOIS)
def test_the_cite_box_links_the_papers_doi_encoded(doi: str) -> None:
    paper = read_paper({"title": "T", "doi": doi}, "https://wp.nl/p/")
    apa = apa_reference(paper, "p", format_apa=format_apa)
    assert hrefs(apa) == [doi_url(doi)]  # APA 7: a DOI, when there is one, and no URL
    assert f"https://doi.org/{doi}" in unescape(plain_text(apa))


@pytest.mark.parametrize("url", ACCEPTED_URLS)
def test_the_check_and_the_renderers_agree_on_every_url(url: str) -> None:
    assert url_problem(url) is None and web_url(url) == url and link_target(url) == url


@pytest.mark.parametrize("url", REFUSED_URLS)
def test_a_refused_url_is_no_link_anywhere(url: str) -> None:
    assert url_problem(url) is not None
    assert web_url(url) is None and link_target(url) is None


def test_a_doi_address_is_encoded_once() -> None:
    """< > # ? [ ] are percent-encoded; an address that is encoded already stays as it is."""
    assert doi_url(SICI) == (
        "https://doi.org/10.1002/(SICI)1097-4571(199806)49:8%3C693::AID-ASI4%3E3.0.CO;2-0"
    )
    assert doi_url("10.1000/a#b?c") == "https://doi.org/10.1000/a%23b%3Fc"
    assert doi_url("10.1000/a%b") == "https://doi.org/10.1000/a%25b"
    assert link_target(doi_url(SICI)) == doi_url(SICI)


@pytest.mark.slow  # one WeasyPrint run
def test_the_pdf_links_the_addresses_the_site_links(tmp_path: Path) -> None:
    """The cover's DOI and each reference's links are the PDF's link annotations, unchanged."""
    url = ACCEPTED_URLS[0]
    references = reference_entries(
        [
            Reference("a", f'A. (2020). <a href="{escape(url)}">{escape(url)}</a>', False),
            Reference("b", f'B. (2020). <a href="{escape(doi_url(SICI))}">x</a>', False),
        ]
    )
    paper = read_paper({"title": "T", "doi": "10.1000/a#b?c"}, "https://wp.nl/p/")
    document = compose(PrintJob("p", paper, (), references))
    (tmp_path / "site").mkdir()
    pdf = render(document, [PRINT_CSS], tmp_path / "site")
    targets = {
        annotation.get_object()["/A"]["/URI"]
        for page in PdfReader(io.BytesIO(pdf)).pages
        for annotation in page.get("/Annots", [])
        if "/URI" in annotation.get_object().get("/A", {})
    }
    assert targets == {url, doi_url(SICI), doi_url("10.1000/a#b?c"), "https://wp.nl/p/"}
