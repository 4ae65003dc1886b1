"""Scholarly metadata of a paper: meta tags, JSON-LD, cite box, home-page list (metadata.py)."""

from __future__ import annotations

import datetime
import json
import re
from collections.abc import Mapping
from html import unescape
from pathlib import Path

import jinja2
import lxml.html
import markdown
import material
import pytest
from markupsafe import Markup
from pybtex.database import parse_string

from whitepaper.links import public_url
from whitepaper.links import web_url as safe_url
from whitepaper.pages.listing import PaperSummary, paper_listing
from whitepaper.pages.scholarly import (
    bibtex,
    citation_key,
    csl_item,
    json_ld,
    meta_tags,
    page_context,
    ris,
    split_name,
)
from whitepaper.papers import ChangelogEntry, Paper, read_paper, shown_date, version_order
from whitepaper.pdf.book import pdf_link

PARTIALS = Path(__file__).resolve().parent.parent / "overrides" / "partials"
URL = "https://example.org/kraken/"
HOSTILE = '</script><script>alert(1)</script> "q" & {b} 100% #1 a_b'

FULL = read_paper(
    {
        "title": "Kraken",
        "summary": "Kort.",
        "version": "1.1",
        "authors": ["Jan Jansen", "Petra de Vries"],
        "association": "NVMT",
        "date": datetime.date(2025, 6, 1),
        "doi": "https://doi.org/10.1234/abc.5",
        "license": "https://creativecommons.org/licenses/by/4.0/",
    },
    URL,
    ["Cramer, G. (2002). Titel.", "CBS. (2020). Cijfers."],
    pdf_url="https://example.org/kraken.pdf",
)
BARE = read_paper({"title": "Kraken"}, URL)
GROUP = read_paper({"title": "Kraken", "association": "NVMT", "date": "2025-06"}, None)


def stub_apa(item: Mapping[str, object]) -> str:
    return f"<i>{item['title']}</i>"


@pytest.mark.parametrize(
    ("front_matter", "expected"),
    [
        ({"title": "T"}, Paper("T")),
        ({"title": " T\n  x ", "lang": "en", "version": 2}, Paper("T x", lang="en", version="2")),
        ({"title": "T", "version": 1.0, "date": 2025}, Paper("T", version="1.0", date=(2025,))),
        ({"title": "T", "date": "2025-06"}, Paper("T", date=(2025, 6))),
        ({"title": "T", "date": datetime.date(2025, 6, 1)}, Paper("T", date=(2025, 6, 1))),
        ({"title": "T", "date": "2025-13"}, Paper("T")),
        ({"title": "T", "date": "juni 2025"}, Paper("T")),
        ({"title": "T", "doi": "doi:10.1234/x.y"}, Paper("T", doi="10.1234/x.y")),
        ({"title": "T", "doi": "javascript:alert(1)"}, Paper("T")),
        ({"title": "T", "authors": ["A B", " ", "C\nD"]}, Paper("T", authors=("A B", "C D"))),
        ({"title": "T", "authors": "A B", "association": ""}, Paper("T")),
        ({"title": "T", "version": "  "}, Paper("T")),
        ({"title": "T", "version": True}, Paper("T")),
        ({"title": "T", "version": " 2026.1\n"}, Paper("T", version="2026.1")),
    ],
)
def test_read_paper(front_matter: dict[str, object], expected: Paper) -> None:
    """What the front matter leaves out stays out: lang has DESIGN's default, `nl`, and no
    version is invented (the check warns instead: missing-version)."""
    assert read_paper(front_matter, None) == expected


def test_read_paper_reads_the_changelog_newest_first() -> None:
    """Entries in any order come out highest version first; dates as `date` is read."""
    paper = read_paper(
        {
            "title": "T",
            "version": "1.10",
            "changelog": [
                {"version": "1.2", "date": "2025-09", "summary": " Correcties\n in tekst. "},
                {"version": "1.10", "date": datetime.date(2026, 3, 3), "summary": "Nieuw."},
                {"version": 1.0, "date": 2025, "summary": "Eerste versie."},
                {"version": "1.9", "summary": "Zonder datum."},
            ],
        },
        None,
    )
    assert paper.version == "1.10"
    assert paper.changelog == (
        ChangelogEntry("1.10", (2026, 3, 3), "Nieuw."),
        ChangelogEntry("1.9", (), "Zonder datum."),
        ChangelogEntry("1.2", (2025, 9), "Correcties in tekst."),
        ChangelogEntry("1.0", (2025,), "Eerste versie."),
    )


@pytest.mark.parametrize(
    "changelog",
    [None, "eerste", {"version": "1"}, ["eerste"], [{"version": "1"}], [{"summary": "x"}], []],
)
def test_read_paper_without_a_changelog_it_can_read(changelog: object) -> None:
    """What the check refuses never becomes an entry (the build stops before, anyway)."""
    assert read_paper({"title": "T", "changelog": changelog}, None).changelog == ()
    assert read_paper({"title": "T"}, None).changelog == ()


def test_versions_sort_as_people_count_them() -> None:
    versions = ["2", "1.10", "1.2", "2026.1", "1.2.1", "1.0"]
    assert sorted(versions, key=version_order) == ["1.0", "1.2", "1.2.1", "1.10", "2", "2026.1"]


def test_read_paper_needs_a_title() -> None:
    """A paper without a title is refused (the check reports it before any build)."""
    with pytest.raises(ValueError, match="title"):
        read_paper({"summary": "S"}, URL)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a/", "https://example.org/a/"),
        ("http://127.0.0.1:8000/", "http://127.0.0.1:8000/"),
        ("javascript:alert(1)", None),
        ("JavaScript:alert(1)//https://x", None),
        ("data:text/html,<script>", None),
        ("//example.org/a/", None),
        ("https://example.org/a b", None),
        ("https://example.org/\n", None),
        (None, None),
    ],
)
def test_safe_url(url: str | None, expected: str | None) -> None:
    """Only absolute http(s) addresses are ever emitted."""
    assert safe_url(url) == expected


def test_unsafe_addresses_are_dropped() -> None:
    """A javascript: page or PDF address is no address at all."""
    paper = read_paper({"title": "T"}, "javascript:alert(1)", pdf_url="javascript:x")
    assert (paper.url, paper.pdf_url) == (None, None)


@pytest.mark.parametrize(
    ("date", "expected"),
    [((), "z.d."), ((2025,), "2025"), ((2025, 6), "juni 2025"), ((2025, 3, 5), "5 maart 2025")],
)
def test_shown_date(date: tuple[int, ...], expected: str) -> None:
    """The page shows what is known, in Dutch; no date is 'z.d.'."""
    assert shown_date(date) == expected


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("Jan Jansen", {"family": "Jansen", "given": "Jan"}),
        ("Petra de Vries", {"family": "de Vries", "given": "Petra"}),
        ("Anna Maria van der Berg", {"family": "van der Berg", "given": "Anna Maria"}),
        ("Jansen, J.", {"family": "Jansen", "given": "J."}),
        ("Plato", {"literal": "Plato"}),
        ("Jansen,", {"literal": "Jansen"}),
    ],
)
def test_split_name(name: str, expected: dict[str, str]) -> None:
    """Given names first, the Dutch particles stay with the family name."""
    assert split_name(name) == expected


@pytest.mark.parametrize(
    ("paper", "folder", "expected"),
    [
        (FULL, "kraken", "jansen2025"),
        (Paper("T", authors=("Lucía Castro-Sánchez",)), "x", "castrosanchezzd"),
        (Paper("T", authors=("Jan van der Wal",), date=(2013,)), "x", "wal2013"),
        (GROUP, "kraken-van-gewrichten", "krakenvangewrichten2025"),
    ],
)
def test_citation_key(paper: Paper, folder: str, expected: str) -> None:
    """DESIGN's key rule; without authors the paper's folder stands in for a short name."""
    assert citation_key(paper, folder) == expected


def test_meta_tags_of_a_fully_described_paper() -> None:
    """Every known fact, one citation_author and one citation_reference per item."""
    assert meta_tags(FULL) == [
        ("citation_title", "Kraken"),
        ("citation_author", "Jan Jansen"),
        ("citation_author", "Petra de Vries"),
        ("citation_publication_date", "2025/06/01"),
        ("citation_technical_report_institution", "NVMT"),
        ("citation_publisher", "NVMT"),
        ("citation_language", "nl"),
        ("citation_doi", "10.1234/abc.5"),
        ("citation_pdf_url", "https://example.org/kraken.pdf"),
        ("citation_reference", "Cramer, G. (2002). Titel."),
        ("citation_reference", "CBS. (2020). Cijfers."),
    ]


@pytest.mark.parametrize(
    ("paper", "expected"),
    [
        (BARE, [("citation_title", "Kraken"), ("citation_language", "nl")]),
        (
            GROUP,
            [
                ("citation_title", "Kraken"),
                ("citation_author", "NVMT"),
                ("citation_publication_date", "2025/06"),
                ("citation_technical_report_institution", "NVMT"),
                ("citation_publisher", "NVMT"),
                ("citation_language", "nl"),
            ],
        ),
    ],
)
def test_meta_tags_invent_nothing(paper: Paper, expected: list[tuple[str, str]]) -> None:
    """No author is made up ('Anoniem'); a paper naming no persons is its association's
    (a corporate author), and one naming neither has no citation_author at all."""
    assert meta_tags(paper) == expected


def test_json_ld_of_a_fully_described_paper() -> None:
    """A schema.org Report with people as authors and the association as publisher."""
    assert json.loads(json_ld(FULL)) == {
        "@context": "https://schema.org",
        "@type": "Report",
        "name": "Kraken",
        "headline": "Kraken",
        "description": "Kort.",
        "author": [
            {"@type": "Person", "name": "Jan Jansen"},
            {"@type": "Person", "name": "Petra de Vries"},
        ],
        "publisher": {"@type": "Organization", "name": "NVMT"},
        "datePublished": "2025-06-01",
        "inLanguage": "nl",
        "version": "1.1",
        "url": URL,
        "sameAs": "https://doi.org/10.1234/abc.5",
        "license": "https://creativecommons.org/licenses/by/4.0/",
        "citation": [
            {"@type": "CreativeWork", "name": "Cramer, G. (2002). Titel."},
            {"@type": "CreativeWork", "name": "CBS. (2020). Cijfers."},
        ],
    }


def test_json_ld_cannot_close_its_script_element() -> None:
    """< > & and the JavaScript line separators are \\u escapes; the values survive intact."""
    paper = read_paper({"title": HOSTILE, "license": "CC-BY-4.0 <x>"}, URL, ["a\u2028b & </p>"])
    text = json_ld(paper)
    assert text == (
        '{"@context": "https://schema.org", "@type": "Report", "name": "\\u003c/script\\u003e'
        '\\u003cscript\\u003ealert(1)\\u003c/script\\u003e \\"q\\" \\u0026 {b} 100% #1 a_b", '
        '"headline": "\\u003c/script\\u003e\\u003cscript\\u003ealert(1)\\u003c/script\\u003e '
        '\\"q\\" \\u0026 {b} 100% #1 a_b", "inLanguage": "nl", '
        '"url": "https://example.org/kraken/", "license": {"@type": "CreativeWork", '
        '"name": "CC-BY-4.0 \\u003cx\\u003e"}, "citation": [{"@type": "CreativeWork", '
        '"name": "a b \\u0026 \\u003c/p\\u003e"}]}'
    )
    assert json.loads(text)["name"] == HOSTILE


@pytest.mark.parametrize(
    ("paper", "expected"),
    [
        (
            FULL,
            {
                "id": "k", "type": "report", "genre": "Whitepaper", "title": "Kraken",
                "author": [
                    {"family": "Jansen", "given": "Jan"}, {"family": "de Vries", "given": "Petra"}
                ],
                "issued": {"date-parts": [[2025, 6, 1]]}, "version": "1.1", "language": "nl",
                "publisher": "NVMT", "URL": URL, "DOI": "10.1234/abc.5",
            },
        ),
        (
            GROUP,
            {
                "id": "k", "type": "report", "genre": "Whitepaper", "title": "Kraken",
                "author": [{"literal": "NVMT"}], "issued": {"date-parts": [[2025, 6]]},
                "language": "nl",
            },
        ),
        (
            BARE,
            {
                "id": "k", "type": "report", "genre": "Whitepaper", "title": "Kraken",
                "language": "nl", "URL": URL,
            },
        ),
    ],
)  # fmt: skip
def test_csl_item(paper: Paper, expected: dict[str, object]) -> None:
    """APA's group-author rule: the association is the author when no person is, and then
    not named again as publisher; no date means no `issued` (APA prints 'z.d.')."""
    assert csl_item(paper, "k") == expected


@pytest.mark.parametrize(
    ("paper", "expected"),
    [
        (
            FULL,
            "@techreport{k,\n"
            "  author = {Jansen, Jan and de Vries, Petra},\n"
            "  title = {{Kraken}},\n"
            "  institution = {NVMT},\n"
            "  type = {Whitepaper},\n"
            "  year = {2025},\n"
            "  month = jun,\n"
            "  date = {2025-06-01},\n"
            "  version = {1.1},\n"
            "  doi = {10.1234/abc.5},\n"
            "  url = {https://example.org/kraken/},\n"
            "}\n",
        ),
        (
            GROUP,
            "@techreport{k,\n  author = {{NVMT}},\n  title = {{Kraken}},\n  institution = {NVMT},\n"
            "  type = {Whitepaper},\n  year = {2025},\n  month = jun,\n  date = {2025-06},\n}\n",
        ),
        (BARE, "@techreport{k,\n  title = {{Kraken}},\n  type = {Whitepaper},\n"
               "  url = {https://example.org/kraken/},\n}\n"),
    ],
)  # fmt: skip
def test_bibtex(paper: Paper, expected: str) -> None:
    """A @techreport; a group author in double braces; only the fields the paper has."""
    assert bibtex(paper, "k") == expected


def test_bibtex_escapes_what_bibtex_and_latex_would_read() -> None:
    """Braces become \\textbrace..., so no value can unbalance the entry; % & # _ $ are escaped;
    an 'and' inside a name cannot split it into two people."""
    paper = read_paper(
        {"title": "Een } { \\x ~^ " + HOSTILE, "authors": ["Anna and Bob", "Jan, Jansen, Jr."]},
        None,
    )
    text = bibtex(paper, "k")
    assert text.splitlines()[1:3] == [
        "  author = {Bob, Anna {and} and Jan, Jansen{,} Jr.},",
        "  title = {{Een \\textbraceright{} \\textbraceleft{} \\textbackslash{}x "
        "\\textasciitilde{}\\textasciicircum{} </script><script>alert(1)</script> "
        '"q" \\& \\textbraceleft{}b\\textbraceright{} 100\\% \\#1 a\\_b}},',
    ]
    entry = parse_string(text, "bibtex").entries["k"]
    assert [str(person) for person in entry.persons["author"]] == [
        "Bob, Anna {and}",
        "Jan, Jansen{,} Jr.",
    ]


@pytest.mark.parametrize(
    ("paper", "expected"),
    [
        (
            FULL,
            "TY  - RPRT\r\nAU  - Jansen, Jan\r\nAU  - de Vries, Petra\r\nTI  - Kraken\r\n"
            "PY  - 2025\r\nDA  - 2025/06/01\r\nPB  - NVMT\r\nM3  - Whitepaper\r\nET  - 1.1\r\n"
            "LA  - nl\r\nAB  - Kort.\r\nDO  - 10.1234/abc.5\r\nUR  - https://example.org/kraken/\r\n"
            "ER  - \r\n",
        ),
        (
            GROUP,
            "TY  - RPRT\r\nAU  - NVMT,\r\nTI  - Kraken\r\nPY  - 2025\r\nDA  - 2025/06\r\n"
            "PB  - NVMT\r\nM3  - Whitepaper\r\nLA  - nl\r\nER  - \r\n",
        ),
        (
            BARE,
            "TY  - RPRT\r\nTI  - Kraken\r\nM3  - Whitepaper\r\nLA  - nl\r\n"
            "UR  - https://example.org/kraken/\r\nER  - \r\n",
        ),
    ],
)
def test_ris(paper: Paper, expected: str) -> None:
    """One field per line; a group author ends in a comma so it is not split into names."""
    assert ris(paper) == expected


def test_ris_keeps_every_value_on_its_line() -> None:
    """Newlines, carriage returns and line separators in a value become spaces."""
    paper = read_paper({"title": "Een\nER  - \r\nTY  - X", "summary": "a\u2028b\x0bc"}, None)
    lines = ris(paper).split("\r\n")
    assert lines[1:4] == ["TI  - Een ER - TY - X", "M3  - Whitepaper", "LA  - nl"]
    assert lines[4] == "AB  - a b c"


def test_no_version_is_named_where_the_front_matter_gives_none() -> None:
    """No "1.0" stands in for an unknown version: not in the meta tags, the JSON-LD, the CSL
    item (so not in the APA reference), BibTeX's `version` or RIS's `ET`."""
    for paper in (BARE, GROUP):
        assert paper.version is None
        assert not any("version" in name for name, _ in meta_tags(paper))
        assert "version" not in json.loads(json_ld(paper))
        assert "version" not in csl_item(paper, "k")
        assert "version" not in bibtex(paper, "k")
        assert "\r\nET  -" not in ris(paper)
    assert json.loads(json_ld(FULL))["version"] == csl_item(FULL, "k")["version"] == "1.1"


def test_page_context_hands_the_csl_item_to_format_apa() -> None:
    """The APA text comes from format_apa, marked safe; the rest is plain text."""
    items: list[Mapping[str, object]] = []

    def format_apa(item: Mapping[str, object]) -> str:
        items.append(item)
        return "<i>Kraken</i>"

    context = page_context(GROUP, "/kraken-van-gewrichten/", format_apa=format_apa)
    assert items == [csl_item(GROUP, "krakenvangewrichten2025")]
    assert context["apa"] == Markup("<i>Kraken</i>")
    assert isinstance(context["json_ld"], Markup)
    keys = ("title", "version", "date", "datetime", "changelog", "url", "folder")
    assert {key: context[key] for key in keys} == {
        "title": "Kraken",
        "version": None,
        "date": "juni 2025",
        "datetime": "2025-06",
        "changelog": [],
        "url": None,
        "folder": "kraken-van-gewrichten/",
    }
    assert context["bibtex"] == bibtex(GROUP, "krakenvangewrichten2025")
    assert context["ris"] == ris(GROUP)


def render(template: str, whitepaper: object, extra: dict[str, object] | None = None) -> str:
    """A partial as MkDocs renders it: no autoescaping; `url` made relative to the page;
    `extra` is mkdocs.yml's (`whitepaper_preview` in a pull request's preview)."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(PARTIALS), autoescape=False)
    env.filters["url"] = lambda path: f"../{path}"
    config = {"extra": extra or {}}
    return env.get_template(template).render(whitepaper=whitepaper, config=config)


@pytest.mark.parametrize("template", ["wp-meta.html", "wp-citebox.html"])
def test_a_preview_offers_nothing_to_cite(template: str) -> None:
    """A preview's address disappears with its pull request: no cite box, no citation_*."""
    context = page_context(read_paper({"title": "T"}, URL), "t", format_apa=stub_apa)
    assert render(template, context).strip()
    preview = {"whitepaper_preview": {"number": 12, "stamp": "Voorbeeld"}}
    assert render(template, context, preview).strip() == ""


def test_meta_partial() -> None:
    """Each tag's content escaped for its attribute; the JSON-LD as metadata.py made it."""
    paper = read_paper({"title": HOSTILE, "authors": ['A "B"']}, URL)
    html = render("wp-meta.html", page_context(paper, "k", format_apa=stub_apa))
    assert html.strip().splitlines() == [
        '<meta name="citation_title" content="&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt;'
        ' &#34;q&#34; &amp; {b} 100% #1 a_b">',
        '  <meta name="citation_author" content="A &#34;B&#34;">',
        '  <meta name="citation_language" content="nl">',
        f'  <script type="application/ld+json">{json_ld(paper)}</script>',
    ]


def test_page_context_gives_the_changelog_as_shown() -> None:
    """Newest first, each date in Dutch and for <time datetime>; None where it gives none."""
    context = page_context(CHANGED, "kraken", format_apa=stub_apa)
    assert (context["version"], context["date"], context["datetime"]) == (
        "1.2",
        "3 maart 2026",
        "2026-03-03",
    )
    assert context["changelog"] == [
        {"version": "1.2", "date": "3 maart 2026", "datetime": "2026-03-03", "summary": HOSTILE},
        {"version": "1.1", "date": None, "datetime": None, "summary": "Correcties."},
        {"version": "1.0", "date": "juni 2025", "datetime": "2025-06", "summary": "Eerste."},
    ]


CHANGED = read_paper(
    {
        "title": "Kraken",
        "version": "1.2",
        "date": datetime.date(2026, 3, 3),
        "changelog": [
            {"version": "1.0", "date": "2025-06", "summary": "Eerste."},
            {"version": "1.2", "date": datetime.date(2026, 3, 3), "summary": HOSTILE},
            {"version": "1.1", "summary": "Correcties."},
        ],
    },
    URL,
)


def test_heading_partial() -> None:
    """Version and date under the title; the changes as a real list in <details>, newest
    first, every value escaped; the facts and the changes kept out of the search index (the
    block itself is not: what it says of the paper stays findable)."""
    html = render("wp-heading.html", page_context(CHANGED, "kraken", format_apa=stub_apa))
    flat = re.sub(r"\s+", " ", html)
    assert '<div class="wp-heading">' in html
    assert (
        '<p class="wp-heading__facts" data-pagefind-ignore><strong>Versie 1.2</strong> · '
        '<time datetime="2026-03-03">3 maart 2026</time></p>'
    ) in html
    changes = '<details class="abstract wp-heading__changes" data-pagefind-ignore>'
    assert f"{changes} <summary>Wijzigingen</summary>" in flat
    items = re.findall(r"<li>(.*?)</li>", flat)
    assert items == [
        ' <strong>Versie 1.2</strong> · <time datetime="2026-03-03">3 maart 2026</time>: '
        "&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &#34;q&#34; &amp; {b} 100% #1 a_b ",
        " <strong>Versie 1.1</strong>: Correcties. ",
        ' <strong>Versie 1.0</strong> · <time datetime="2025-06">juni 2025</time>: Eerste. ',
    ]
    assert "<script>" not in html


@pytest.mark.parametrize(
    ("front_matter", "facts"),
    [
        ({"title": "T", "date": "2025-06"}, '<time datetime="2025-06">juni 2025</time>'),
        ({"title": "T", "version": 2}, "<strong>Versie 2</strong>"),
    ],
)
def test_heading_partial_shows_what_is_known(front_matter: dict[str, object], facts: str) -> None:
    html = render(
        "wp-heading.html", page_context(read_paper(front_matter, URL), "t", format_apa=stub_apa)
    )
    assert f'<p class="wp-heading__facts" data-pagefind-ignore>{facts}</p>' in html
    assert "<details" not in html and "z.d." not in html and " · " not in html


def test_heading_partial_shows_nothing_when_nothing_is_known() -> None:
    """No version, no date, no changes: no empty block (and no invented "1.0" or "z.d.")."""
    assert render("wp-heading.html", page_context(BARE, "t", format_apa=stub_apa)).strip() == ""
    assert render("wp-heading.html", None).strip() == ""


CARD_HOSTILE = '</dd><script>alert(1)</script> "q" & {b}'


def card(front_matter: dict[str, object], **extra: object) -> str:
    """The heading block of `front_matter`, its whitespace runs as one space."""
    context = page_context(read_paper(front_matter, URL), "t", format_apa=stub_apa)
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(PARTIALS), autoescape=False)
    html = env.get_template("wp-heading.html").render(whitepaper=context, **extra)
    return re.sub(r"\s+", " ", html)


def test_the_paper_card_shows_what_the_front_matter_says_escaped() -> None:
    """Summary first, then publisher, authors, status and contact, each escaped as text."""
    html = card(
        {
            "title": "T",
            "summary": CARD_HOSTILE,
            "association": CARD_HOSTILE,
            "authors": ["Jan Jansen", CARD_HOSTILE],
            "standing": CARD_HOSTILE,
            "contact": "info@vereniging.nl",
        }
    )
    text = "&lt;/dd&gt;&lt;script&gt;alert(1)&lt;/script&gt; &#34;q&#34; &amp; {b}"
    assert (
        '<div class="wp-heading"> <div class="admonition abstract wp-heading__summary">'
        f' <p class="admonition-title">In het kort</p> <p>{text}</p> </div>'
        f' <dl class="wp-heading__card"> <div><dt>Uitgegeven door</dt><dd>{text}</dd></div>'
        f" <div><dt>Auteurs</dt><dd>Jan Jansen, {text}</dd></div>"
        f" <div><dt>Status</dt><dd>{text}</dd></div>"
        ' <div><dt>Contact</dt><dd><a href="mailto:info@vereniging.nl">info@vereniging.nl</a>'
        "</dd></div> </dl> </div>"
    ) == html.strip()
    assert "<script>" not in html


@pytest.mark.parametrize(
    ("contact", "link"),
    [
        ("info@vereniging.nl", '<a href="mailto:info@vereniging.nl">info@vereniging.nl</a>'),
        ("https://v.nl/c?a=1&b=2", '<a href="https://v.nl/c?a=1&amp;b=2">https://v.nl/c?a=1&amp;b=2</a>'),
    ],
)  # fmt: skip
def test_the_paper_card_links_its_contact(contact: str, link: str) -> None:
    assert f"<div><dt>Contact</dt><dd>{link}</dd></div>" in card({"title": "T", "contact": contact})


@pytest.mark.parametrize(
    "contact", ["javascript:alert(1)", "data:text/html,x", "a@b", 'a@b.nl"><x', "vereniging.nl", 5]
)
def test_the_paper_card_links_no_contact_the_check_refuses(contact: object) -> None:
    assert card({"title": "T", "contact": contact}).strip() == ""


def test_the_paper_card_names_one_author_so() -> None:
    assert "<div><dt>Auteur</dt><dd>Jan Jansen</dd></div>" in card(
        {"title": "T", "authors": ["Jan Jansen"]}
    )


def test_the_version_links_its_history_where_a_release_has_one() -> None:
    release = {"history": "/wp/1.1/t/versiegeschiedenis/"}
    html = card({"title": "T", "version": "1.1"}, whitepaper_release=release)
    assert (
        '<p class="wp-heading__facts" data-pagefind-ignore><strong>Versie 1.1</strong>'
        ' (<a href="/wp/1.1/t/versiegeschiedenis/">versiegeschiedenis</a>)</p>'
    ) in html
    assert "versiegeschiedenis" not in card({"title": "T", "version": "1.1"})


def test_cite_box_partial() -> None:
    """The box names version, date and address, links the two files, escapes everything."""
    paper = read_paper({"title": HOSTILE, "date": 2024, "version": "1.1"}, URL)
    html = render("wp-citebox.html", page_context(paper, "kraken", format_apa=stub_apa))
    assert '<section class="admonition quote wp-citebox" aria-labelledby="wp-citebox-title"' in html
    assert '<h2 class="admonition-title" id="wp-citebox-title">Citeer dit whitepaper</h2>' in html
    assert "<i>&lt;/script&gt;" not in html  # the stub's output is not escaped a second time
    assert "<i></script><script>alert(1)</script>" in html
    assert f'Versie 1.1, 2024 · <a href="{URL}">{URL}</a>' in re.sub(r"\s+", " ", html)
    assert '<a href="../kraken/citeer.bib" download>BibTeX</a>' in html
    assert '<a href="../kraken/citeer.ris" download>RIS</a>' in html
    assert "title = {{&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &#34;q&#34;" in html


def test_cite_box_without_date_or_safe_address() -> None:
    """'z.d.' for no date, no version when none is known; a javascript: address is shown
    nowhere, least of all as a link."""
    paper = read_paper({"title": "T"}, "javascript:alert(1)")
    html = render("wp-citebox.html", page_context(paper, "t", format_apa=stub_apa))
    assert '<p class="wp-citebox__facts">\n    z.d.\n' in html
    assert "Versie" not in html
    assert "javascript" not in html


def test_partials_render_nothing_outside_a_paper() -> None:
    """Pages that are not a paper's index page have no `whitepaper`."""
    assert render("wp-meta.html", None).strip() == ""
    assert render("wp-citebox.html", None).strip() == ""
    assert render("wp-heading.html", None).strip() == ""


def test_paper_listing() -> None:
    """Per paper a heading (screen readers and the page's table of contents go from paper to
    paper by it) with the linked title; association, authors, version, date; the summary."""
    papers = [PaperSummary("kraken/index.md", FULL), PaperSummary("b/index.md", BARE)]
    assert paper_listing(papers) == (
        "### [Kraken](kraken/index.md)\n\n"
        "NVMT · Jan Jansen en Petra de Vries · versie 1&#46;1 · 1 juni 2025\n\n"
        "Kort&#46;\n\n"
        "### [Kraken](b/index.md)\n\n"
        "z&#46;d&#46;\n"
    )


def test_paper_listing_without_papers() -> None:
    """An empty site says so instead of showing an empty list."""
    assert paper_listing([]) == "Er zijn nog geen whitepapers gepubliceerd.\n"


def test_paper_listing_shows_hostile_text_as_text() -> None:
    """Markdown, HTML, attribute lists and citation syntax in the front matter stay text."""
    hostile = "*x* <b>y</b> [@k] {: #id } `c` & \\ | _z_"
    front_matter = {"title": hostile, "summary": hostile, "authors": ["A [B](javascript:x)"]}
    paper = read_paper(front_matter, None)
    source = paper_listing([PaperSummary("a b/(x).md", paper)])
    html = markdown.markdown(source, extensions=["attr_list", "md_in_html", "tables", "abbr"])
    tags = re.findall(r"<[^>]*>", html)
    link = '<a href="a%20b/%28x%29.md">'
    assert tags == ["<h3>", link, "</a>", "</h3>", *["<p>", "</p>"] * 2]
    text = unescape(re.sub(r"<[^>]*>", "", html)).split("\n")
    assert text == [hostile, "A [B](javascript:x) · z.d.", hostile]


def test_the_home_pages_pdf_link_names_its_paper_and_keeps_its_title_text() -> None:
    hostile = '"><script>x</script> *y* [@k]'
    html = pdf_link("kraken", hostile)
    (link,) = lxml.html.fromstring(markdown.markdown(html)).xpath("//a")
    assert link.get("aria-label") == f"Download als PDF: {hostile}"
    assert link.text_content() == "Download als PDF" and "<script" not in html


@pytest.mark.parametrize(
    ("url", "public"),
    [
        ("https://whitepapers.nl/kraken/", True),
        ("http://10.0.0.5/kraken/", True),  # an intranet is somebody's public
        ("http://127.0.0.1:8000/kraken/", False),
        ("http://localhost:8000/", False),
        ("http://docs.localhost/", False),
        ("http://[::1]:8000/", False),
        ("", False),
        (None, False),
    ],
)
def test_an_address_of_this_machine_is_not_a_public_one(url: str | None, public: bool) -> None:
    assert public_url(url) == (url if public else None)


def test_the_content_partial_is_materials_own_plus_the_heading_block() -> None:
    """overrides/partials/content.html replaces Material's to put the PDF link, the printed
    address and the heading block under the title; an upgrade of Material that changes its
    partial fails here, so the override is made again from the new one instead of silently
    dropping what Material added."""
    theirs = Path(material.__file__).parent / "templates" / "partials" / "content.html"
    ours = (PARTIALS / "content.html").read_text(encoding="utf-8")
    lines = [line.strip() for line in theirs.read_text(encoding="utf-8").splitlines()]
    assert lines == [
        "{#-",
        "This file was automatically generated - do not edit",
        "-#}",
        '{% include "partials/tags.html" %}',
        '{% include "partials/actions.html" %}',
        '{% if "\\u003ch1" not in page.content %}',
        "<h1>{{ page.title | d(config.site_name, true)}}</h1>",
        "{% endif %}",
        "{{ page.content }}",
        '{% include "partials/source-file.html" %}',
        '{% include "partials/feedback.html" %}',
        '{% include "partials/comments.html" %}',
    ]
    for line in lines[3:5] + lines[9:]:
        assert line in ours, line
    assert "page.title | d(config.site_name, true)" in ours  # Material's title when none
    for partial in ("wp-pdf.html", "wp-heading.html"):
        assert ours.count(f'{{%- include "partials/{partial}" %}}') == 1, partial
