"""Raw HTML and links in pages (issue 13): one strict policy, applied by the check to a page's
source and by the build to its rendered HTML; a page in `trusted_html` is exempt from both."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import tinyhtml5
from hypothesis import given, settings
from hypothesis import strategies as st

from tests.catalogue import run_command
from tests.conftest import ROOT
from whitepaper.check.findings import check
from whitepaper.check.html_rules import refusals
from whitepaper.html_policy import (
    UnsafeHtmlError,
    attribute_refusal,
    element_refusal,
    ensure_safe_html,
    html_refusals,
    is_trusted,
    url_refusal,
)
from whitepaper.sources.documents import parse_document

# --- the policy ------------------------------------------------------------------------------

# What the project's pages, Markdown and its extensions write: it must stay allowed.
USED = ["span", "br", "aside", "blockquote", "figure", "figcaption", "abbr", "sup", "sub", "div"]
REFUSED = [
    "script", "style", "iframe", "object", "embed", "form", "input", "button", "base", "meta",
    "link", "svg", "math", "video", "audio", "template", "body", "html", "marquee", "frameset",
]  # fmt: skip


@pytest.mark.parametrize("name", [*USED, "table", "td", "th", "h2", "a", "img", "details"])
def test_the_elements_pages_use_are_allowed(name: str) -> None:
    assert element_refusal(name) is None


@pytest.mark.parametrize("name", REFUSED)
def test_elements_that_run_load_or_restyle_are_refused(name: str) -> None:
    refused = element_refusal(name)
    assert refused is not None and refused.code == "unsafe-html"
    assert f"<{name}>" in refused.message and refused.tip


@pytest.mark.parametrize(
    ("element", "name", "value"),
    [
        ("span", "lang", "en"),
        ("aside", "class", "pull-quote"),
        ("aside", "markdown", None),
        ("blockquote", "markdown", "1"),
        ("abbr", "title", "Randomized controlled trial"),
        ("a", "href", "../andere.md"),
        ("a", "href", "#kop"),
        ("img", "src", "figuur.png"),
        ("img", "alt", "een schema"),
        ("td", "colspan", "2"),
        ("th", "style", "text-align: center;"),  # Python-Markdown's aligned table cells
        ("span", "aria-label", "tekst"),
        ("span", "data-cites", "stecco2018"),  # the citations' own
        ("div", "data-pagefind-ignore", None),  # the reference list and the home listing
        (None, "data-pagefind-ignore", None),  # "## Literatuur { data-pagefind-ignore }"
        (None, "class", "belangrijk"),  # in an attribute list
        (None, "width", "300"),
    ],
)
def test_harmless_attributes_are_allowed(element: str | None, name: str, value: str | None) -> None:
    assert attribute_refusal(element, name, value) is None


@pytest.mark.parametrize(
    ("element", "name", "value", "code"),
    [
        ("img", "onerror", "alert(1)", "unsafe-html"),
        ("span", "onclick", "x", "unsafe-html"),
        (None, "onmouseover", "x", "unsafe-html"),
        ("a", "target", "_blank", "unsafe-html"),
        ("span", "href", "#x", "unsafe-html"),  # not an attribute of <span>
        ("div", "data-md-component", "dialog", "unsafe-html"),
        ("iframe", "srcdoc", "<script>", "unsafe-html"),
        ("span", "style", "background: url(https://evil.example/)", "unsafe-html"),
        ("span", "style", "width: expression(alert(1))", "unsafe-html"),
        ("span", "style", "position: fixed", "unsafe-html"),
        ("span", "style", "text-align: \\75 rl(x)", "unsafe-html"),
        ("a", "href", "javascript:alert(1)", "unsafe-url"),
        ("img", "src", "data:image/svg+xml,<svg onload=alert(1)>", "unsafe-url"),
        ("blockquote", "cite", "vbscript:x", "unsafe-url"),
        (None, "href", "javascript:alert(1)", "unsafe-url"),  # {: href=… } on a code span
    ],
)
def test_attributes_that_run_or_load_are_refused(
    element: str | None, name: str, value: str, code: str
) -> None:
    refused = attribute_refusal(element, name, value)
    assert refused is not None and refused.code == code and refused.tip


@pytest.mark.parametrize(
    "address",
    [
        "javascript:alert(1)",
        "JavaScript:alert(1)",
        " \x01javascript:alert(1)",  # leading spaces and controls are ignored by a browser
        "java\tscript:alert(1)",  # and tabs and line breaks anywhere
        "java\nscript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:image/png;base64,iVBORw0KGgo=",
        "file:///etc/passwd",
        "ftp://example.org/x",
        "//evil.example/pad",
        "\\\\evil.example\\pad",
        "https://exa mple.org/",  # links.py's rule for a web address
        "http://",
    ],
)
def test_addresses_that_run_or_leave_the_rules_are_refused(address: str) -> None:
    refused = url_refusal(address)
    assert refused is not None and refused.code == "unsafe-url" and refused.tip


@pytest.mark.parametrize(
    "address",
    [
        "",
        "../andere.md",
        "figuur.png",
        "#kop",
        "?q=1",
        "https://example.org/pad?a=1#b",
        "mailto:redactie@example.org",
        "tel:+31201234567",
        "javascript%3Aalert(1)",  # no scheme: a file of the site with an odd name
    ],
)
def test_pages_files_web_addresses_and_mail_are_allowed(address: str) -> None:
    assert url_refusal(address) is None


def test_a_scheme_left_out_gets_the_full_address_as_tip() -> None:
    refused = url_refusal("//example.org/pad")
    assert refused is not None and "https://example.org/pad" in refused.tip


@pytest.mark.parametrize(
    ("page", "patterns", "trusted"),
    [
        ("over/ingebed.md", ["over/ingebed.md"], True),
        ("over/ingebed.md", ["over/*.md"], True),
        ("over/diep/ingebed.md", ["over/*.md"], False),  # '*' stays within a folder
        ("over/diep/ingebed.md", ["over/**"], True),
        ("over/diep/ingebed.md", ["**/ingebed.md"], True),
        ("ingebed.md", ["**/ingebed.md"], True),
        ("p/index.md", ["over/*"], False),
        ("p/index.md", [], False),
        ("pp/index.md", ["p?/index.md"], True),
        ("p.md", ["p?md"], True),
    ],
)
def test_trusted_pages_are_named_by_globs_below_docs(
    page: str, patterns: list[str], trusted: bool
) -> None:
    assert is_trusted(page, patterns) is trusted


# --- reading HTML as a browser does ----------------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        "<!-- a browser ends it here: --!><img src=x onerror=alert(1)> -->",
        "<!--><img src=x onerror=alert(1)>-->",
        "<!---><img src=x onerror=alert(1)>-->",
        "<![CDATA[><img src=x onerror=alert(1)>]]>",
        "<?php echo 1 ?>",
        "<img src=x onerror=alert(1) title='>",
        "<p>text</p><body onload=alert(1)>",  # a browser merges it into the page's <body>
        "<SCRIPT>alert(1)</SCRIPT>",
        "<img src=x onerror=alert(1)//>",
        "<svg/onload=alert(1)>",
        "<span\x0conclick=alert(1)>x</span>",
        '<a href="jav&#x61;script:alert(1)">x</a>',
        '<a href="&#x20;javascript:alert(1)">x</a>',
        '<a href="java&#9;script:alert(1)">x</a>',
        '<a href="javascript&colon;alert(1)">x</a>',
    ],
)
def test_html_read_otherwise_or_obfuscated_is_refused(html: str) -> None:
    assert html_refusals(html)


@pytest.mark.parametrize(
    "html",
    [
        "<!-- gewoon commentaar -->",
        "&lt;script&gt;alert(1)&lt;/script&gt;",
        "5 &lt; 6 en 7 > 6",
        '<p><span lang="en">x</span><br></p>',
        '<table><tr><td style="text-align: left;">x</td></tr></table>',
    ],
)
def test_plain_html_and_escaped_text_pass(html: str) -> None:
    assert html_refusals(html) == []


def _browser_would_run(html: str) -> bool:
    """What a browser's HTML parser (the WHATWG algorithm, tinyhtml5) builds from `html`
    that the policy refuses: an element or an attribute."""
    tree = tinyhtml5.parse(html, namespace_html_elements=False)
    for element in tree.iter():
        if not isinstance(element.tag, str):
            continue  # a comment
        name = element.tag.rpartition("}")[2]
        if name in ("html", "head", "body") and not element.attrib:
            continue  # made by the parser itself
        if element_refusal(name) or any(
            attribute_refusal(name, key, value) for key, value in element.attrib.items()
        ):
            return True
    return False


PIECES = st.sampled_from(
    [
        "<", ">", "/", "!", "?", "-", "--", "-->", "--!>", "<!--", "<!-->", "<![CDATA[", "]]>",
        "'", '"', "=", " ", "\n", "&", "&#x61;", "&lt;", "img", "span", "script", "a", "body",
        "src=x", "onerror=alert(1)", "href=javascript:x", "title=", "lang=en", "x", "<span>",
        "</span>", "<b", "</", "<!", "<?", "<img src=x onerror=alert(1)>", "<script>",
        "<svg onload=alert(1)>", '<a href="jav&#x61;script:x">', "<img src=x onerror=alert(1)",
    ]
)  # fmt: skip
# What follows a page's content in the themed page: an unfinished tag would read into it.
THEME_AFTER = '\n</article><footer class="md-footer"><a href="../">Vorige</a></footer>'


@settings(max_examples=600, deadline=None)
@given(html=st.lists(PIECES, max_size=12).map("".join))
def test_whatever_a_browser_would_build_and_the_policy_refuses_is_refused(html: str) -> None:
    """The oracle is a browser-grade parser (tinyhtml5) on the content in its page: the
    policy's reader (html.parser) may read less generously than a browser, never more."""
    if _browser_would_run(html + THEME_AFTER):
        assert html_refusals(html), html


# --- the check: what a page's source holds, at its place -------------------------------------


def _found(markdown: str) -> list[tuple[int, int, str]]:
    page = f"---\ntitle: Proef\n---\n\n{markdown}\n"
    document = parse_document(page, Path("p/index.md"))
    found = [(s.line, s.column, why.code) for m in document.markup for s, why in refusals(m)]
    return sorted(found)


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("<script>alert(1)</script>", [(5, 1, "unsafe-html")]),
        ("Tekst <img src=x onerror=alert(1)> meer.", [(5, 18, "unsafe-html")]),
        ("[klik](javascript:alert(1))", [(5, 1, "unsafe-url")]),  # markdown-it drops it
        ("Zie [dit](jav&#x61;script:alert(1)).", [(5, 5, "unsafe-url")]),
        ("Een <javascript:alert(1)> autolink.", [(5, 5, "unsafe-url")]),
        ("![plaatje](data:image/png;base64,AAAA)", [(5, 1, "unsafe-url")]),
        ("Een [ref][r].\n\n[r]: javascript:alert(1)", [(7, 1, "unsafe-url")]),
        ("Een [ref][r].\n\n[r]: jav&#x09;ascript:alert(1)", [(7, 1, "unsafe-url")]),
        ("Tekst\n[r]: vbscript:x", [(6, 1, "unsafe-url")]),  # a definition on any line
        ("> [r]: <java&#9;script:x>\n\n[a][r]", [(5, 3, "unsafe-url")]),
        ("## Kop {: onclick=alert(1) }", [(5, 11, "unsafe-html")]),
        ("Alinea\n{: style='background: url(x)' }", [(6, 4, "unsafe-html")]),
        ("[a](/x){: onclick=alert(1) }", [(5, 11, "unsafe-html")]),
        ("`code`{: href=javascript:x }", [(5, 10, "unsafe-url")]),
        ("| a {: onclick=x } | b |\n|---|---|\n| c | d |", [(5, 8, "unsafe-html")]),
        ("Term {: onclick=x }\n:   definitie", [(5, 9, "unsafe-html")]),
        ('!!! note "Let <img src=x onerror=1>"\n    tekst', [(5, 26, "unsafe-html")]),
        ("<aside markdown>\nEen [link](javascript:1).\n</aside>", [(6, 5, "unsafe-url")]),
        ("<div>\n<!-- --!><img src=x onerror=1> -->\n</div>", [(6, 1, "unsafe-html")]),
        # raw to Python-Markdown up to </div>, where markdown-it reads a code block or span
        ("<div>\n\n    <script>alert(1)</script>\n\n</div>", [(7, 5, "unsafe-html")]),
        ("<details>\n\n`<img src=x onerror=1>`\n\n</details>", [(7, 13, "unsafe-html")]),
    ],
)
def test_the_check_refuses_each_hostile_form_at_its_place(
    markdown: str, expected: list[tuple[int, int, str]]
) -> None:
    assert _found(markdown) == expected


@pytest.mark.parametrize(
    "markdown",
    [
        '<span lang="en">evidence</span>, een regel<br>\nverder.',
        '<aside class="pull-quote" markdown>\nEen citaat [met een link](../andere.md).\n</aside>',
        '<blockquote lang="en" markdown>\n“Quote”\n</blockquote>',
        "`<script>alert(1)</script>` in code",
        "```\n<script>alert(1)</script>\n```",
        "\\<script>alert(1)",
        "## Kop {: .klasse #kop }",
        "Zie [de site](https://example.org/) en <https://example.org/>.",
        "<div>\nZonder markdown is [dit](javascript:1) geen link.\n</div>",
        "<div>\n\nOok [dit](javascript:1) niet: het blok blijft ruw.\n\n</div>",
        "5 < 6, en 6 > 5; a <b",
        "[a]: javascript:alert(1) geen titel\n\n[a]",  # no definition to Python-Markdown
        "<!-- whitepapers -->",
    ],
)
def test_what_the_pages_write_passes(markdown: str) -> None:
    assert _found(markdown) == []


def test_the_projects_own_pages_pass() -> None:
    for path in sorted((ROOT / "docs").rglob("*.md")):
        text = path.read_text(encoding="utf-8")
        document = parse_document(text, path)
        assert [why for m in document.markup for _, why in refusals(m)] == [], path


# --- trusted pages, in the check and on the command line -------------------------------------


# The test papers name what their card shows: missing-metadata is not what these tests are about.
NAMED = "association: Proefvereniging\ndate: 2025-06\ncontact: info@proefvereniging.nl\n"


def _project(root: Path, trusted: str | None = None) -> Path:
    (root / "docs" / "p").mkdir(parents=True)
    (root / "docs" / "over").mkdir()
    (root / "bib").mkdir()
    page = (
        f"---\ntitle: Proef\nversion: '1.0'\n{NAMED}---\n\n# Proef\n\n<script>alert(1)</script>\n"
    )
    (root / "docs" / "p" / "index.md").write_text(page, encoding="utf-8")
    (root / "docs" / "over" / "ingebed.md").write_text(page.split("\n\n", 1)[1], encoding="utf-8")
    if trusted is not None:
        (root / "mkdocs.yml").write_text(trusted, encoding="utf-8")
    return root


def _codes_by_path(root: Path, trusted: tuple[str, ...], cache: Path | None = None) -> list[str]:
    found = check(root / "docs", root / "bib", root=root, cache_dir=cache, trusted_html=trusted)
    return [f"{d.path}:{d.code}" for d in found]


def test_a_trusted_page_is_exempt_and_the_cache_does_not_mix_them_up(tmp_path: Path) -> None:
    root, cache = _project(tmp_path), tmp_path / "cache"
    both = ["docs/over/ingebed.md:unsafe-html", "docs/p/index.md:unsafe-html"]
    assert _codes_by_path(root, (), cache) == both
    assert _codes_by_path(root, ("over/*.md",), cache) == ["docs/p/index.md:unsafe-html"]
    assert _codes_by_path(root, (), cache) == both  # from the cache: the same, unexempted


TRUSTED = """site_name: Proef
site_url: !ENV [WHITEPAPER_SITE_URL, "http://127.0.0.1:8000/"]
markdown_extensions:
  - pymdownx.emoji:
      emoji_index: !!python/name:material.extensions.emoji.twemoji
plugins:
  - search
  - whitepaper:
      trusted_html: [over/*.md, p/index.md]
"""


def test_whitepaper_check_reads_trusted_html_from_mkdocs_yml(tmp_path: Path) -> None:
    code, said = run_command(_project(tmp_path, TRUSTED), "check", "--no-cache")
    assert (code, said.strip()) == (0, "geen problemen gevonden")


def test_without_mkdocs_yml_no_page_is_trusted(tmp_path: Path) -> None:
    code, said = run_command(_project(tmp_path), "check", "--no-cache")
    assert code == 1 and said.count("error[unsafe-html]") == 2


def test_mkdocs_yml_is_read_without_running_what_it_names(tmp_path: Path) -> None:
    config = TRUSTED + "extra:\n  x: !!python/object/apply:os.system ['touch gemaakt']\n"
    code, _ = run_command(_project(tmp_path, config), "check", "--no-cache")
    assert code == 0 and not (tmp_path / "gemaakt").exists()


@pytest.mark.parametrize(
    ("config", "said"),
    [
        ("plugins:\n  - whitepaper:\n      trusted_html: p/index.md\n", "moet een lijst"),
        ("plugins:\n  - whitepaper:\n      trusted_html: [1, 2]\n", "moet een lijst"),
        ("plugins: [\n", "geen geldige YAML"),
    ],
)
def test_a_wrong_trusted_html_is_a_usage_error(tmp_path: Path, config: str, said: str) -> None:
    code, printed = run_command(_project(tmp_path, config), "check", "--no-cache")
    assert code == 2 and said in printed and "Traceback" not in printed


def test_a_config_file_named_but_missing_is_a_usage_error(tmp_path: Path) -> None:
    code, printed = run_command(_project(tmp_path), "check", "-f", "ander.yml")
    assert code == 2 and "ander.yml bestaat niet" in printed


# --- the build's guard: the rendered page ----------------------------------------------------


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="javascript:alert(1)">x</a></p>',  # a reference link, rendered
        '<h2 id="kop" onclick="alert(1)">Kop</h2>',  # an attribute list, rendered
        '<p><a href="javascript:alert(1);// verder">Klik</a></p>',  # Python-Markdown's link
    ],
)
def test_the_guard_refuses_a_rendered_page_by_name(html: str) -> None:
    with pytest.raises(UnsafeHtmlError, match=r"^p/index\.md: .*in de gebouwde pagina"):
        ensure_safe_html(html, "p/index.md")


def test_the_guard_lets_what_markdown_writes_pass() -> None:
    rendered = (
        '<h2 id="kop">Kop<a class="headerlink" href="#kop" title="Link naar deze sectie">¶</a>'
        '</h2>\n<p>Tekst<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup></p>'
        '\n<div class="admonition note">\n<p class="admonition-title">Let op</p>\n</div>'
        '\n<div class="footnote">\n<hr />\n<ol>\n<li id="fn:1">\n<p>Noot&#160;<a'
        ' class="footnote-backref" href="#fnref:1" title="Terug">&#8617;</a></p>\n</li>\n</ol>'
        "\n</div>"
    )
    ensure_safe_html(rendered, "p/index.md")


# --- whole builds ----------------------------------------------------------------------------

HOSTILE = {
    "script": ("<script>alert('script')</script>", "unsafe-html"),
    "handler": ('<img src="x.png" onerror="alert(\'handler\')">', "unsafe-html"),
    "link": ("[klik](javascript:alert(3))", "unsafe-url"),
    "reference": ("[klik][kwaad]\n\n[kwaad]: javascript:alert('reference')", "unsafe-url"),
    "attributes": ("## Kop {: onclick=\"alert('attributes')\" }", "unsafe-html"),
    "markdown-in-html": ("<div markdown>\n[klik](javascript:alert(6))\n</div>", "unsafe-url"),
}


def _sandbox(project_copy: Path, body: str, trusted: bool) -> Path:
    config = (project_copy / "mkdocs.yml").read_text(encoding="utf-8")
    options = "      pdf: false\n      search: false\n"
    if trusted:
        options += "      trusted_html: [proef/*.md]\n"
    config = config.replace("  - whitepaper:\n", "  - whitepaper:\n" + options)
    (project_copy / "mkdocs.yml").write_text(config, encoding="utf-8")
    (project_copy / "docs" / "proef").mkdir()
    page = f"---\ntitle: Proef\nversion: '1.0'\n{NAMED}---\n\n# Proef\n\n{body}\n"
    (project_copy / "docs" / "proef" / "index.md").write_text(page, encoding="utf-8")
    (project_copy / "docs" / "proef" / "x.png").write_bytes(b"")
    return project_copy


@pytest.mark.slow
@pytest.mark.parametrize("name", sorted(HOSTILE))
def test_a_hostile_page_fails_the_check_and_does_not_build(project_copy: Path, name: str) -> None:
    markdown, code = HOSTILE[name]
    root = _sandbox(project_copy, markdown, trusted=False)
    checked, said = run_command(root, "check", "--no-cache")
    assert checked == 1 and "docs/proef/index.md:" in said and f"error[{code}]" in said, said
    built, log = run_command(root, "build")
    assert built == 1 and not (root / "site").exists(), log


@pytest.mark.slow
def test_a_trusted_page_keeps_its_html_in_check_and_build(project_copy: Path) -> None:
    root = _sandbox(project_copy, "\n\n".join(m for m, _ in HOSTILE.values()), trusted=True)
    checked, said = run_command(root, "check", "--no-cache")
    assert checked != 3 and "docs/proef/" not in said, said  # the project's own findings aside
    built, log = run_command(root, "build")
    assert built == 0, log
    html = (root / "site" / "proef" / "index.html").read_text(encoding="utf-8")
    for name, kept in [
        ("script", "<script>alert('script')</script>"),
        ("handler", "onerror=\"alert('handler')\""),
        ("link", 'href="javascript:alert(3)"'),
        ("reference", "href=\"javascript:alert('reference')\""),
        ("attributes", "onclick=\"alert('attributes')\""),
        ("markdown-in-html", 'href="javascript:alert(6)"'),
    ]:
        assert kept in html, name


@pytest.mark.slow
def test_the_build_refuses_what_the_check_cannot_see(project_copy: Path) -> None:
    """markdown-it reads no link where a space follows the address and no title comes;
    Python-Markdown makes the whole of it the href, which runs: only the guard sees it."""
    root = _sandbox(project_copy, "[Klik](javascript:alert(1);// verder) hier.", False)
    checked, said = run_command(root, "check", "--no-cache")
    assert checked != 3 and "docs/proef/" not in said, said
    site = root / "site"
    shutil.rmtree(site, ignore_errors=True)
    built, log = run_command(root, "build")
    assert built == 1, log
    assert "proef/index.md: het adres 'javascript:alert(1);// verder'" in log, log
    assert not site.exists()
