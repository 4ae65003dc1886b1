"""The guard finds citation syntax in a page's visible text, and only there."""

from __future__ import annotations

import pytest

from whitepaper.citations.unrendered import (
    UnrenderedError,
    ensure_rendered,
    source_line,
    unrendered_citations,
)


@pytest.mark.parametrize(
    ("html", "found"),
    [
        ("<p>Fascia is overal [@stecco2018].</p>", ["Fascia is overal [@stecco2018]."]),
        ("<p>Een voetnoot[^3] bleef staan.</p>", ["Een voetnoot[^3] bleef staan."]),
        ("<li><em>zie [@a; @b]</em></li>", ["zie [@a; @b]"]),
        ("<p>Schrijf <code>[@sleutel]</code> in de tekst.</p>", []),
        ("<pre><code>[@a]\n[^1]: bron\n</code></pre>", []),
        ("<pre>[@a]</pre><p>daarna [@b]</p>", ["daarna [@b]"]),
        ('<a title="[@a]" href="#x">link</a>', []),
        ("<p>Mail info@register-rcn.nl of [bel] ons.</p>", []),
        ("<p>&#91;@a]</p>", ["[@a]"]),
        ("<script>var s = '[@a]';</script>", []),
    ],
)
def test_citation_syntax_outside_code_is_found(html: str, found: list[str]) -> None:
    assert unrendered_citations(html) == found


SOURCE = "---\ntitle: T\n---\n\n# Kop\n\nEen &amp; [@; twee] en\n<div>[^] daar</div>\n"


@pytest.mark.parametrize(
    ("html", "named"),
    [
        ("<p>Een &amp; [@; twee] en</p>", "docs/p/index.md:7: "),  # the words from the marker on
        ("<p>x [@; iets anders</p>", "docs/p/index.md:7: "),  # at least the marker's line
        ("<div>[^] daar</div>", "docs/p/index.md:8: "),
        ("<p>ingevoegd [@x door een plugin</p>", "docs/p/index.md:7: "),
        ("<p>ingevoegd [^x door een plugin</p>", "docs/p/index.md:8: "),
    ],
)
def test_the_guard_names_the_page_and_the_line_that_holds_the_text(html: str, named: str) -> None:
    with pytest.raises(UnrenderedError) as raised:
        ensure_rendered(html, "docs/p/index.md", SOURCE)
    assert str(raised.value).startswith(f"{named}de pagina toont onverwerkte bronvermeldingen")


def test_without_the_source_the_guard_names_the_page() -> None:
    with pytest.raises(UnrenderedError, match=r"^docs/p/index\.md: de pagina toont"):
        ensure_rendered("<p>[@a]</p>", "docs/p/index.md")


@pytest.mark.parametrize(
    ("written", "line"),
    [
        ("[@; twee] en", 7),
        ("[@; tw", 7),
        ("[@; iets", 7),
        ("[^] daar", 8),
        ("[@x", 7),
        ("[*", None),
    ],
)
def test_source_line_is_where_most_of_the_text_first_stands(written: str, line: int | None) -> None:
    assert source_line(SOURCE, written) == line
