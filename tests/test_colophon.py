"""The site footer (overrides/partials/copyright.html): the colophon from mkdocs.yml's
`extra.colophon`, only what is configured, escaped; the medical disclaimer on every page."""

from __future__ import annotations

import re
from pathlib import Path

import jinja2
import pytest

PARTIALS = Path(__file__).resolve().parent.parent / "overrides" / "partials"
DISCLAIMER = '<p class="wp-disclaimer">De informatie op deze site vervangt geen medisch advies.</p>'


def footer(extra: dict[str, object]) -> str:
    """The partial as MkDocs renders it (no autoescaping), whitespace runs as one space."""
    env = jinja2.Environment(loader=jinja2.FileSystemLoader(PARTIALS), autoescape=False)
    html = env.get_template("copyright.html").render(config={"extra": extra, "copyright": None})
    return re.sub(r"\s+", " ", html).strip()


def test_without_a_colophon_only_the_disclaimer_is_shown() -> None:
    assert footer({"generator": False}) == f'<div class="md-copyright"> {DISCLAIMER} </div>'


@pytest.mark.parametrize(
    ("colophon", "shown"),
    [
        ({"publisher": "Stichting X"}, "Uitgegeven door Stichting X."),
        ({"license": "CC BY 4.0"}, " Licentie: CC BY 4.0."),
        (
            {"publisher": "X", "review": "Elk whitepaper is beoordeeld.", "license": "CC BY 4.0"},
            "Uitgegeven door X. Elk whitepaper is beoordeeld. Licentie: CC BY 4.0.",
        ),
        (
            {"publisher": '</p><script>alert(1)</script> "q" & x'},
            "Uitgegeven door &lt;/p&gt;&lt;script&gt;alert(1)&lt;/script&gt; &#34;q&#34; &amp; x.",
        ),
    ],
)
def test_the_colophon_says_what_is_configured_escaped(colophon: dict[str, str], shown: str) -> None:
    html = footer({"generator": False, "colophon": colophon})
    assert f'<p class="wp-colophon">{shown}</p> {DISCLAIMER}' in html
    assert "<script>" not in html
