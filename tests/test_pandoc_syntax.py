"""`unsupported-syntax`: pandoc's bracketed spans, braces after a citation and fenced divs, which
Python-Markdown shows as written (sources/pandoc_syntax, syntax_walk, syntax_problems).

Each finding of the tables is rendered by Python-Markdown with the extensions of the project's
mkdocs.yml (citations placed first, as the build places them): what the rule finds is what the
page shows as written, and what it leaves alone is read by the renderer as the tables say, so
the rule cannot drift from the renderer.
"""

from __future__ import annotations

from pathlib import Path

import lxml.html
import markdown
import pytest
import yaml
from mkdocs.utils.yaml import get_yaml_loader

from whitepaper.citations.placement import fill_placeholders, place_citations
from whitepaper.sources.documents import parse_document

ROOT = Path(__file__).resolve().parent.parent
PAGE = Path("docs/p/index.md")
TOKEN = "0123456789abcdef"

# Markdown, and each finding as (line, column, the text it stands on).
FOUND = [
    ("[English words]{lang=en}", [(1, 1, "[English words]{lang=en}")]),
    ("Zo: [English words]{: lang=en }.", [(1, 5, "[English words]{: lang=en }")]),
    ("[a]{.klasse} en [b]{#id}", [(1, 1, "[a]{.klasse}"), (1, 17, "[b]{#id}")]),
    ('[x]{lang="en"}', [(1, 1, '[x]{lang="en"}')]),
    ("[*schuin*]{lang=en}", [(1, 1, "[*schuin*]{lang=en}")]),
    ("[[genest]]{lang=en}", [(1, 1, "[[genest]]{lang=en}")]),
    ("[text][nergens]{lang=en}", [(1, 7, "[nergens]{lang=en}")]),  # no such reference
    ("![alt]{lang=en}", [(1, 2, "[alt]{lang=en}")]),  # an image needs its address
    ("[[x]{lang=en}](https://example.org)", [(1, 2, "[x]{lang=en}")]),  # a link's text
    ("<span>[x]{lang=en}</span>", [(1, 7, "[x]{lang=en}")]),  # inline HTML in a paragraph
    ("## Kop met [words]{lang=en}", [(1, 12, "[words]{lang=en}")]),
    ('!!! note "[x]{lang=en}"\n    Tekst.', [(1, 11, "[x]{lang=en}")]),
    ("Term [x]{lang=en}\n:   Uitleg.", [(1, 6, "[x]{lang=en}")]),
    (
        "| [x]{lang=en} | [x]{lang=en} |\n| --- | --- |\n| a | [y]{lang=en} |",
        [(1, 3, "[x]{lang=en}"), (1, 18, "[x]{lang=en}"), (3, 7, "[y]{lang=en}")],
    ),
    ("- een\n- [x]{lang=en}", [(2, 3, "[x]{lang=en}")]),
    ("> [x]{lang=en}", [(1, 3, "[x]{lang=en}")]),
    ('<div markdown="1">\n\n[x]{lang=en}\n\n</div>', [(3, 1, "[x]{lang=en}")]),
    ("Zie [@a]{lang=en}.", [(1, 9, "{lang=en}")]),  # a citation takes no attributes
    ("Zie [zie @a, p. 3]{.x} en @b{lang=en}.", [(1, 19, "{.x}"), (1, 29, "{lang=en}")]),
    (
        "::: {lang=en}\nMassage therapy is effective.\n:::",
        [(1, 1, "::: {lang=en}"), (3, 1, ":::")],
    ),
    ("Tekst.\n::: note\nMeer.\n::::::", [(2, 1, "::: note"), (4, 1, "::::::")]),
    (":::: {.x} ::::\n\n  :::waarschuwing", [(1, 1, ":::: {.x} ::::"), (3, 3, ":::waarschuwing")]),
    ("- ::: {lang=en}", [(1, 3, "::: {lang=en}")]),
    ("> ::: {lang=en}\n> Tekst.\n> :::", [(1, 3, "::: {lang=en}"), (3, 3, ":::")]),
    ("!!! note\n    ::: {lang=en}\n    Tekst.\n    :::", [(2, 5, "::: {lang=en}"), (4, 5, ":::")]),
    ("[^1]\n\n[^1]: Noot.\n    :::", [(4, 5, ":::")]),
]

# Markdown that is no finding, and a fragment of the HTML Python-Markdown makes of it: where
# attr_list sets the attributes on an element, or the text was meant as written (code, an
# escape, an attribute's value) or is no pandoc syntax either.
LEFT_ALONE = [
    ("[text](https://example.org){lang=en}", '<a href="https://example.org" lang="en">text</a>'),
    ("[text][ref]{lang=en}\n\n[ref]: https://example.org", 'lang="en">text</a>'),
    ("[Ref]{lang=en}\n\n[ref]: https://example.org", 'lang="en">Ref</a>'),  # case ignored
    ("[a b](pad met spatie){lang=en}", '<a href="pad met spatie" lang="en">a b</a>'),
    ("![alt](x.png){lang=en}", '<img alt="alt" lang="en" src="x.png" />'),
    ("Tekst[^1]{lang=en}\n\n[^1]: Noot.", '<sup id="fnref:1" lang="en">'),
    ("*evidence based*{lang=en}", '<em lang="en">evidence based</em>'),
    ("`[x]`{lang=en}", '<code lang="en">[x]</code>'),
    ("A paragraph.\n{: lang=en }", '<p lang="en">A paragraph.</p>'),
    ("## A heading {lang=en}", 'lang="en">A heading'),
    ("Zie [@a].", "<p>Zie <cite>X</cite>.</p>"),
    (
        "`[x]{lang=en}` en `::: {lang=en}`",
        "<code>[x]{lang=en}</code> en <code>::: {lang=en}</code>",
    ),
    ("```\n[x]{lang=en}\n::: {lang=en}\n```", "<code>[x]{lang=en}\n::: {lang=en}\n</code>"),
    (
        "    ::: {lang=en}\n    [x]{lang=en}",
        "<pre><code>::: {lang=en}\n[x]{lang=en}\n</code></pre>",
    ),
    ('<span title="[x]{lang=en}">y</span>', '<span title="[x]{lang=en}">y</span>'),
    ("\\[text\\]{lang=en} en \\[text]{lang=en}", "<p>[text]{lang=en} en [text]{lang=en}</p>"),
    ("&#91;text]{lang=en}", "<p>&#91;text]{lang=en}</p>"),
    ("[x] {lang=en}", "<p>[x] {lang=en}</p>"),  # a space: pandoc makes no span either
    ("[x]{} en [y]{ }", "<p>[x]{} en [y]{ }</p>"),  # attr_list's braces hold something
    ("a ::: b", "<p>a ::: b</p>"),  # a fence starts its line
    (":: {lang=en}", "<p>:: {lang=en}</p>"),  # three colons or more
    ("::: twee woorden", "<p>::: twee woorden</p>"),  # one word or attributes, in pandoc
    ("## ::: kop", '">::: kop'),  # a fence stands in a paragraph
]


def site_html(text: str) -> str:
    """`text` rendered as the build renders a page: citations placed, then Python-Markdown with
    mkdocs.yml's extensions and their options."""
    config = yaml.load((ROOT / "mkdocs.yml").read_text(encoding="utf-8"), get_yaml_loader())
    names, options = [], {}
    for item in config["markdown_extensions"]:
        name = item if isinstance(item, str) else next(iter(item))
        names.append(name)
        options[name] = {} if isinstance(item, str) else item[name]
    document = parse_document(text, PAGE)
    shown = {(PAGE.as_posix(), c.span.start): "<cite>X</cite>" for c in document.citations}
    placed = place_citations(text, document, shown, TOKEN)
    html = markdown.markdown(placed.markdown, extensions=names, extension_configs=options)
    return fill_placeholders(html, placed)


def findings(text: str) -> list[tuple[int, int, str]]:
    document = parse_document(text, PAGE)
    return [
        (p.span.line, p.span.column, text[p.span.start : p.span.end])
        for p in document.problems
        if p.code == "unsupported-syntax"
    ]


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_each_piece_of_pandoc_syntax_is_found_where_it_stands(
    text: str, expected: list[tuple[int, int, str]]
) -> None:
    assert findings(text) == expected


@pytest.mark.parametrize(("text", "expected"), FOUND)
def test_what_is_found_the_site_shows_as_written(
    text: str, expected: list[tuple[int, int, str]]
) -> None:
    shown = lxml.html.fromstring(f"<div>{site_html(text)}</div>").text_content()
    for _, _, written in expected:
        assert written.replace("*", "") in shown  # emphasis in a span is emphasis


@pytest.mark.parametrize(("text", "made"), LEFT_ALONE)
def test_what_the_renderer_reads_otherwise_is_no_finding(text: str, made: str) -> None:
    assert findings(text) == []
    assert made in site_html(text)


# Markdown, and the tip of its one finding.
TIPS = [
    ("[Low back pain]{lang=en}", 'schrijf <span lang="en">Low back pain</span>'),
    ("[x]{: lang=en-GB }", 'schrijf <span lang="en-GB">x</span>'),
    ("[x]{.a #b .c}", 'schrijf <span id="b" class="a c">x</span> (HTML: id, class, lang, dir'),
    ('[x]{title="<b>"}', 'schrijf <span title="&lt;b&gt;">x</span>'),
    ("[@a]{lang=en}", "haal de accolades weg; Engelse tekst markeert u vóór de bronvermelding"),
    ("::: {lang=en}", 'schrijf <div lang="en" markdown> op een eigen regel'),
    ("::: note", 'een kader schrijft u als !!! note "Titel"'),
    (":::", "sluit het blok met </div> op een eigen regel"),
]


@pytest.mark.parametrize(("text", "tip"), TIPS)
def test_the_tip_gives_the_form_that_works_for_the_case(text: str, tip: str) -> None:
    [problem] = [p for p in parse_document(text, PAGE).problems if p.code == "unsupported-syntax"]
    assert problem.hint.startswith(tip)
    assert problem.message.startswith("lezers zien hier letterlijk")


@pytest.mark.parametrize(
    ("written", "made"),
    [
        ('<span lang="en">Low back pain</span>', '<span lang="en">Low back pain</span>'),
        ('<div lang="en" markdown>\n\nMassage works.\n\n</div>', '<div lang="en">\n<p>Massage'),
        ('<div class="note" markdown>\n\nTekst.\n\n</div>', '<div class="note">\n<p>Tekst.'),
    ],
)
def test_the_tips_forms_render_with_their_attributes(written: str, made: str) -> None:
    assert findings(written) == []
    assert made in site_html(written)


def test_a_long_span_is_quoted_short() -> None:
    [problem] = parse_document(f"[{'woord ' * 20}]{{lang=en}}", PAGE).problems
    quoted = problem.message.split("'")[1]
    assert len(quoted) == 50 and quoted.endswith("…")
