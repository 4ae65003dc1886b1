"""Citations are placed exactly where the check found them, and nowhere else."""

from __future__ import annotations

from pathlib import Path

import pytest

from whitepaper.citations.format import Reference
from whitepaper.citations.placement import (
    PlacementError,
    fill_placeholders,
    place_citations,
    reference_list,
)
from whitepaper.sources.documents import Document, outermost, parse_document

PAGE = Path("docs/p/index.md")
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
    placed = place_citations(TEXT[document.body_start :], document, shown)
    assert placed.markdown == (
        "# Kop\n\nZie wpcite00000x en wpcite00001x, niet `[@code]` of a@b.nl.\n"
        "\nGenest wpcite00002x eindigt.[^1]\n\n[^1]: Bron: wpcite00003x.\n"
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
        place_citations("iets anders", document, shown)


def test_placeholders_come_back_as_html() -> None:
    citations = ["(<a href='#ref-a'>Stecco &amp; Macchi, 2014</a>)"]
    assert fill_placeholders("<p>Zie wpcite00000x.</p>", citations) == f"<p>Zie {citations[0]}.</p>"


@pytest.mark.parametrize(
    "html", ["<p>Zie WPCITE00000X en wpcite00001x.</p>", "<p>wpcite00000x wpcite00000x</p>"]
)
def test_a_placeholder_lost_or_doubled_on_the_way_is_an_error(html: str) -> None:
    """A plugin that rewrote the page after us must not cost a reader a citation silently."""
    with pytest.raises(PlacementError, match=r"p/index\.md: niet elke bronvermelding"):
        fill_placeholders(html.replace("wpcite00001x", ""), ["(A)", "(B)"], "p/index.md")


def test_a_citation_in_a_heading_becomes_escaped_text() -> None:
    text = "# Kop\n\n## Cijfers [@a]\n\nTekst [@a].\n"
    document = parse_document(text, PAGE)
    shown = {
        (PAGE.as_posix(), c.span.start): "(<a href='#ref-a'>C_B_S &amp; *co*, 2020</a>)"
        for c in document.citations
    }
    placed = place_citations(text, document, shown)
    assert placed.markdown == (
        "# Kop\n\n## Cijfers \\(C\\_B\\_S &amp; \\*co\\*, 2020\\)\n\nTekst wpcite00000x.\n"
    )
    assert placed.cited_keys == ("a",)


def test_without_footnotes_no_marker_is_left_for_markdown_to_show() -> None:
    assert "Footnotes Go Here" not in reference_list([Reference("a", "A.", False)])


def test_the_reference_list_escapes_keys_and_keeps_entries_as_given() -> None:
    block = reference_list(
        [Reference('a"b', "Stecco, C. (2018). <em>Fascia</em>.", False)], footnotes=True
    )
    assert block == (
        "\n\n///Footnotes Go Here///\n\n## Literatuur\n\n"
        '<div id="refs" class="references csl-bib-body" role="list">\n'
        '<div id="ref-a&quot;b" class="csl-entry" role="listitem">'
        "Stecco, C. (2018). <em>Fascia</em>.</div>\n</div>\n"
    )
