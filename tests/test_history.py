"""pages/history.py: a paper's "Versiegeschiedenis", newest first, every text escaped."""

from __future__ import annotations

import pytest

from whitepaper.pages.history import TITLE, PaperVersion, SiteRelease, history_page

FIRST = PaperVersion(
    "1.0",
    (2025, 6),
    "Eerste versie.",
    (SiteRelease("2026.1", "../../2026.1/kraken/"),),
)
SECOND = PaperVersion(
    "1.1",
    (2026, 3, 2),
    "Een zin verduidelijkt.",
    (SiteRelease("2026.2", "../../2026.2/kraken/"), SiteRelease("2026.3", "../../2026.3/kraken/")),
    "../../2026.2/kraken/veranderd/",
)
ENTRY_1_0 = (
    '<section class="wp-history__entry">\n'
    '<h2 class="wp-history__version">Versie 1.0</h2>\n'
    '<p class="wp-history__date">juni 2025</p>\n'
    '<p class="wp-history__summary">Eerste versie.</p>\n'
    '<p class="wp-history__releases">Te lezen in siteversie'
    ' <a href="../../2026.1/kraken/">2026.1</a>.</p>\n'
    "</section>"
)
ENTRY_1_1 = (
    '<section class="wp-history__entry">\n'
    '<h2 class="wp-history__version">Versie 1.1</h2>\n'
    '<p class="wp-history__date">2 maart 2026</p>\n'
    '<p class="wp-history__summary">Een zin verduidelijkt.</p>\n'
    '<p class="wp-history__releases">Te lezen in de siteversies'
    ' <a href="../../2026.2/kraken/">2026.2</a> en <a href="../../2026.3/kraken/">2026.3</a>.</p>\n'
    '<p class="wp-history__changes"><a href="../../2026.2/kraken/veranderd/">'
    "Wat is er veranderd in versie 1.1</a></p>\n"
    "</section>"
)


def page(*entries: str) -> str:
    return '<div class="wp-history">\n' + "\n".join(entries) + "\n</div>"


CASES = {
    "newest first, whatever the order given": ([FIRST, SECOND], page(ENTRY_1_1, ENTRY_1_0)),
    "one version": ([FIRST], page(ENTRY_1_0)),
    "versions as people count them: 1.10 after 1.9": (
        [PaperVersion("1.9"), PaperVersion("1.10"), PaperVersion("2")],
        page(
            *(
                '<section class="wp-history__entry">\n'
                f'<h2 class="wp-history__version">Versie {version}</h2>\n'
                '<p class="wp-history__date">z.d.</p>\n'
                '<p class="wp-history__releases">Niet online te lezen.</p>\n'
                "</section>"
                for version in ("2", "1.10", "1.9")
            )
        ),
    ),
    "a year only, three site versions, no summary": (
        [
            PaperVersion(
                "3.0",
                (2027,),
                "",
                tuple(SiteRelease(name, f"../{name}/") for name in ("2027.1", "2027.2", "2028.1")),
            )
        ],
        page(
            '<section class="wp-history__entry">\n'
            '<h2 class="wp-history__version">Versie 3.0</h2>\n'
            '<p class="wp-history__date">2027</p>\n'
            '<p class="wp-history__releases">Te lezen in de siteversies'
            ' <a href="../2027.1/">2027.1</a>, <a href="../2027.2/">2027.2</a>'
            ' en <a href="../2028.1/">2028.1</a>.</p>\n'
            "</section>"
        ),
    ),
    "no versions": (
        [],
        '<div class="wp-history">\n<p>Er is nog geen versie gepubliceerd.</p>\n</div>',
    ),
}


@pytest.mark.parametrize(("versions", "expected"), CASES.values(), ids=CASES.keys())
def test_the_history_lists_each_version(versions: list[PaperVersion], expected: str) -> None:
    assert history_page(versions) == expected


def test_every_text_is_escaped_and_only_safe_addresses_are_linked() -> None:
    hostile = PaperVersion(
        '2.0"><script>',
        (2026, 1),
        'Zie <a href="x">dit</a> & "dat"\n\x00<script>alert(1)</script>',
        (
            SiteRelease("<b>2026.1</b>", "javascript:alert(1)"),
            SiteRelease("2026.2", " Java\tScript:alert(2)"),
            SiteRelease("2026.3", 'https://example.org/a"onmouseover="x'),
        ),
        "data:text/html,<script>alert(3)</script>",
    )
    assert history_page([hostile]) == page(
        '<section class="wp-history__entry">\n'
        '<h2 class="wp-history__version">Versie 2.0&quot;&gt;&lt;script&gt;</h2>\n'
        '<p class="wp-history__date">januari 2026</p>\n'
        '<p class="wp-history__summary">Zie &lt;a href=&quot;x&quot;&gt;dit&lt;/a&gt; &amp;'
        " &quot;dat&quot; &lt;script&gt;alert(1)&lt;/script&gt;</p>\n"
        '<p class="wp-history__releases">Te lezen in de siteversies &lt;b&gt;2026.1&lt;/b&gt;,'
        ' 2026.2 en <a href="https://example.org/a&quot;onmouseover=&quot;x">2026.3</a>.</p>\n'
        '<p class="wp-history__changes">Wat is er veranderd in versie 2.0&quot;&gt;&lt;script&gt;'
        "</p>\n"
        "</section>"
    )


def test_the_title() -> None:
    assert TITLE == "Versiegeschiedenis"
