"""The guard finds citation syntax in a page's visible text, and only there."""

from __future__ import annotations

import pytest

from whitepaper.citations.unrendered import unrendered_citations


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
