"""Citations are placed exactly where the check found them, and nowhere else."""

from __future__ import annotations

import re
from pathlib import Path

import lxml.html
import pytest

from tests.catalogue import BAD, prepare, run_case
from tests.conftest import build_site
from whitepaper.citations.format import Reference
from whitepaper.citations.placeholders import new_token, placeholder
from whitepaper.citations.placement import (
    PlacedPage,
    PlacementError,
    ensure_no_placeholders,
    fill_placeholders,
    place_citations,
    reference_list,
)
from whitepaper.sources.documents import Document, outermost, parse_document

PAGE = Path("docs/p/index.md")
TOKEN = "0123456789abcdef"
TEXT = (
    "---\ntitle: T\n---\n\n# Kop\n\nZie [@a; @b, p. 3] en @c [p. 4], niet `[@code]` of a@b.nl.\n"
    "\nGenest [@a en @b] eindigt.[^1]\n\n[^1]: Bron: [-@a].\n"
)


def rendered_for(text: str) -> tuple[Document, dict[tuple[str, int], str]]:
    document = parse_document(text, PAGE)
    shown = {
        (PAGE.as_posix(), c.span.start): f"<cite>{text[c.span.start : c.span.end]}</cite>"
        for c in document.citations
    }
    return document, shown


def test_each_outermost_citation_becomes_one_placeholder() -> None:
    document, shown = rendered_for(TEXT)
    placed = place_citations(TEXT[document.body_start :], document, shown, TOKEN)
    word = "wpcite0123456789abcdefn{}x".format
    assert placed.markdown == (
        f"# Kop\n\nZie {word(0)} en {word(1)}, niet `[@code]` of a@b.nl.\n"
        f"\nGenest {word(2)} eindigt.[^1]\n\n[^1]: Bron: {word(3)}.\n"
    )
    assert placed.citations == (
        "<cite>[@a; @b, p. 3]</cite>",
        "<cite>@c [p. 4]</cite>",
        "<cite>[@a en @b]</cite>",
        "<cite>[-@a]</cite>",
    )
    assert placed.cited_keys == ("a", "b", "c")


def test_a_nested_citation_is_covered_by_the_one_around_it() -> None:
    document = parse_document("[@a en @b]\n", PAGE)
    assert len(document.citations) == 2
    assert [c.span.start for c in outermost(document.citations)] == [0]


def test_a_page_changed_before_placing_is_refused() -> None:
    document, shown = rendered_for(TEXT)
    with pytest.raises(PlacementError, match="gewijzigd"):
        place_citations("iets anders", document, shown, TOKEN)


def placed_page(*citations: str, text: str = "Zie [@a] en [@b].\n") -> PlacedPage:
    """A page whose citations' HTML is `citations`, placed with TOKEN."""
    document = parse_document(text, PAGE)
    shown = {
        (PAGE.as_posix(), c.span.start): html
        for c, html in zip(document.citations, citations, strict=True)
    }
    return place_citations(text, document, shown, TOKEN)


def test_placeholders_come_back_as_html() -> None:
    placed = placed_page("(<a href='#ref-a'>Stecco &amp; Macchi, 2014</a>)", text="Zie [@a].\n")
    html = f"<p>Zie {placeholder(TOKEN, 0)}.</p>"
    assert fill_placeholders(html, placed) == f"<p>Zie {placed.citations[0]}.</p>"


@pytest.mark.parametrize("html", ["<p>Zie {0} en {1}.</p>", "<p>{0} {0}</p>", "<p>{1}</p>"])
def test_a_placeholder_lost_or_doubled_on_the_way_is_an_error(html: str) -> None:
    """A plugin that rewrote the page after us must not cost a reader a citation silently."""
    placed = placed_page("(A)", "(B)")
    words = [placeholder(TOKEN, 0).upper(), placeholder(TOKEN, 1)]
    with pytest.raises(PlacementError, match=r"p/index\.md: niet elke bronvermelding"):
        fill_placeholders(html.format(*words).replace(words[1], ""), placed, "docs/p/index.md")


@pytest.mark.parametrize(
    "literal",
    ["wpcite00000x", "wpcite99999x", "wpcite0123456789abcdefx", "wpcitefedcba9876543210n0x"],
)
def test_text_that_looks_like_a_placeholder_stays_text(literal: str) -> None:
    """A placeholder holds the build's token: no page or title can write one (issue 13)."""
    placed = placed_page("(A)", text="Zie [@a].\n")
    html = f"<p>{literal} {placeholder(TOKEN, 0)}</p><pre><code>{literal}</code></pre>"
    assert (
        fill_placeholders(html, placed) == f"<p>{literal} (A)</p><pre><code>{literal}</code></pre>"
    )


def test_every_build_draws_a_new_token() -> None:
    tokens = {new_token() for _ in range(100)}
    assert len(tokens) == 100 and all(re.fullmatch("[0-9a-f]{16}", token) for token in tokens)


@pytest.mark.parametrize(
    ("html", "where"),
    [
        ('<img alt="{0}" src="x.png"><p>{1}</p>', "in een HTML-attribuut"),
        ('<h2 id="kop-{0}">Kop {0}</h2><p>{1}</p>', "in een HTML-attribuut"),
        ('<p><a href="u">zie {0}</a> {1}</p>', "in de tekst van een link"),
        ("<pre><code>{0}</code></pre><p>{1}</p>", "in een codeblok"),
        ("<!-- {0} --><p>{1}</p>", "in een HTML-commentaar"),
    ],
)
def test_a_placeholder_where_no_citation_can_stand_names_its_line(html: str, where: str) -> None:
    """The last line of defence: never a citation's HTML in an attribute, a link or code."""
    placed = placed_page("(A)", "(B)", text="Zie\n[@a] en [@b].\n")
    words = [placeholder(TOKEN, 0), placeholder(TOKEN, 1)]
    with pytest.raises(PlacementError) as raised:
        fill_placeholders(html.format(*words), placed, "docs/p/index.md")
    assert str(raised.value).startswith(
        f"docs/p/index.md:2:1: de bronvermelding van @a kwam {where}"
    )


def test_a_placeholder_left_in_the_themed_page_names_its_line() -> None:
    """A table of contents or a title made from a heading would show the word."""
    placed = placed_page("(A)", "(B)", text="Zie [@a]\nen [@b].\n")
    ensure_no_placeholders("<nav>Inhoud</nav>", placed, "docs/p/index.md")
    with pytest.raises(PlacementError, match=r"^docs/p/index\.md:2:4: .* @b kwam in de inhoud"):
        ensure_no_placeholders(f"<nav>{placeholder(TOKEN, 1)}</nav>", placed, "docs/p/index.md")


def test_a_citation_in_a_heading_becomes_escaped_text() -> None:
    text = "# Kop\n\n## Cijfers [@a]\n\nTekst [@a].\n"
    document = parse_document(text, PAGE)
    shown = {
        (PAGE.as_posix(), c.span.start): "(<a href='#ref-a'>C_B_S &amp; *co*, 2020</a>)"
        for c in document.citations
    }
    placed = place_citations(text, document, shown, TOKEN)
    assert placed.markdown == (
        "# Kop\n\n## Cijfers \\(C\\_B\\_S &amp; \\*co\\*, 2020\\)\n\n"
        f"Tekst {placeholder(TOKEN, 0)}.\n"
    )
    assert placed.cited_keys == ("a",)


@pytest.mark.parametrize(
    "heading",
    [
        "Cijfers [@a]\n=======",
        "> ## Cijfers [@a]",
        "!!! note\n    ## Cijfers [@a]",
        "- ## Cijfers [@a]",
    ],
)
def test_a_citation_in_any_heading_becomes_text(heading: str) -> None:
    """Setext headings and headings in quotes, admonitions and lists too (issue 13)."""
    document = parse_document(f"{heading}\n", PAGE)
    shown = {(PAGE.as_posix(), c.span.start): "(A~b, 2020)" for c in document.citations}
    placed = place_citations(document.text, document, shown, TOKEN)
    assert "\\(A~b, 2020\\)" in placed.markdown and placed.citations == ()


def test_without_footnotes_no_marker_is_left_for_markdown_to_show() -> None:
    assert "Footnotes Go Here" not in reference_list([Reference("a", "A.", False)])


def test_a_list_with_an_incomplete_entry_explains_the_badge_above_it() -> None:
    """The legend stands between the heading and the list, on a page that shows a badge, and
    an entry's `onvolledig` note is said in its badge, escaped (the preview copies it)."""
    hostile = Reference("k", "K. (2014).", True, "<script>x</script> & paginanummers")
    block = reference_list([Reference("a", "A.", False), hostile])
    assert block == (
        "\n\n## Literatuur { data-pagefind-ignore }\n\n"
        '<p class="wp-incomplete-legend" data-pagefind-ignore>Bij een bron met'
        ' <span class="wp-incomplete wp-incomplete--legend">onvolledige bronvermelding</span>'
        " ontbreken gegevens (zoals auteur, jaar of titel); ze zijn niet aangevuld.</p>\n\n"
        '<div id="refs" class="references csl-bib-body" role="list" data-pagefind-ignore>\n'
        '<div id="ref-a" class="csl-entry" role="listitem">A.</div>\n'
        '<div id="ref-k" class="csl-entry" role="listitem">K. (2014). <span class="wp-incomplete">'
        "onvolledige bronvermelding: &lt;script&gt;x&lt;/script&gt; &amp; paginanummers</span>"
        "</div>\n</div>\n"
    )
    marked_without_note = reference_list([Reference("k", "K.", True)])
    assert (
        '<span class="wp-incomplete">onvolledige bronvermelding</span></div>' in marked_without_note
    )
    assert "wp-incomplete-legend" in marked_without_note
    assert "wp-incomplete-legend" not in reference_list([Reference("a", "A.", False)])


def test_the_reference_list_escapes_keys_and_keeps_entries_as_given() -> None:
    block = reference_list(
        [Reference('a"b', "Stecco, C. (2018). <em>Fascia</em>.", False)], footnotes=True
    )
    assert block == (
        "\n\n///Footnotes Go Here///\n\n## Literatuur { data-pagefind-ignore }\n\n"
        '<div id="refs" class="references csl-bib-body" role="list" data-pagefind-ignore>\n'
        '<div id="ref-a&quot;b" class="csl-entry" role="listitem">'
        "Stecco, C. (2018). <em>Fascia</em>.</div>\n</div>\n"
    )


# -- in a real build ------------------------------------------------------------------------

SHOWN = "citation-shown-in-headings-and-html"
REFUSED = [
    "citation-in-link-text",
    "citation-in-alt-text",
    "citation-in-abbreviation",
    "citation-in-attribute-list",
    "citation-broken-syntax",
    "citation-nesting-too-deep",
]


@pytest.fixture(scope="module")
def shown_page(tmp_path_factory: pytest.TempPathFactory) -> lxml.html.HtmlElement:
    root = prepare(BAD / SHOWN, tmp_path_factory.mktemp("shown"))
    build_site(root / "mkdocs.yml", root / "site")
    return lxml.html.parse(str(root / "site" / "p" / "index.html")).getroot()


@pytest.mark.slow
def test_the_build_shows_citations_in_headings_as_text_and_in_raw_html_as_links(
    shown_page: lxml.html.HtmlElement,
) -> None:
    """Each heading's text, id and TOC entry hold the citation as text; no placeholder, no
    HTML in an attribute, no link in a link anywhere in the page."""
    article = shown_page.xpath("//article")[0]
    headings = article.xpath(".//h2|.//h3|.//h4")[:5]
    assert [h.text_content().rstrip("¶") for h in headings] == [
        "Een kop met een bron (Field & Diego, 2020)",
        "Een setext-kop Stecco (2018)",
        "In een citaat (Stecco, 2018)",
        "In een kader (Stecco, 2018)",
        "In een lijst (Field & Diego, 2020)",
    ]
    assert [h.get("id") for h in headings][:2] == [
        "een-kop-met-een-bron-field-diego-2020",
        "een-setext-kop-stecco-2018",
    ]
    toc = [
        a.text_content().strip()
        for a in shown_page.xpath("//nav[contains(@class, 'md-nav--secondary')]//a")
    ]
    assert toc[:5] == [h.text_content().rstrip("¶") for h in headings]
    html = lxml.html.tostring(shown_page, encoding=str)
    assert not re.search(r"wpcite[0-9a-f]{16}n", html)
    assert not shown_page.xpath("//a//a | //h1//a[@data-wp-ref] | //h2//a[@data-wp-ref]")
    assert not shown_page.xpath(
        "//@*[contains(., '<')][name()='alt' or name()='title' or name()='id']"
    )


@pytest.mark.slow
def test_the_build_links_citations_in_raw_html_and_keeps_lookalike_text(
    shown_page: lxml.html.HtmlElement,
) -> None:
    raw = shown_page.xpath("//article//div[@lang='en']")
    assert [[a.get("data-wp-ref") for a in div.xpath(".//a[@data-wp-ref]")] for div in raw] == [
        ["stecco2018"],
        ["field2020"],
    ]
    details = shown_page.xpath("//article//details")[0]
    assert [a.get("data-wp-ref") for a in details.xpath(".//a")] == ["stecco2018", "field2020"]
    text = shown_page.xpath("//article")[0].text_content()
    assert "Letterlijk wpcite00000x en wpcite99999x in de tekst" in text
    assert (
        "wpcite00000x in code blijft code" in shown_page.xpath("//article//pre")[0].text_content()
    )
    entry = shown_page.xpath("//*[@id='ref-stecco2018']")[0].text_content()
    assert "Fascia wpcite00001x en wpcite99999x" in entry


@pytest.mark.slow
@pytest.mark.parametrize("case", REFUSED)
def test_what_the_check_refuses_stops_the_build_at_the_same_place(
    case: str, tmp_path: Path
) -> None:
    """Never 'check 0, build 1': the build stops with the check's finding, before site/."""
    checked = run_case(BAD / case, tmp_path / "check")
    built = run_case(BAD / case, tmp_path / "build", ("build",))
    errors = [f for f in checked.findings if "error[" in f.split("\n", 1)[0]]
    assert (checked.exit, built.exit) == (1, 1)
    assert errors and [f for f in built.findings if "error[" in f.split("\n", 1)[0]] == errors
    assert not (tmp_path / "build" / case / "site").exists()
