"""What the check accepts, every output shows right: the site, the preview, the PDF, the metadata.

One project holds each accepted class of input (each place a citation may stand, each form of
citation, each kind of entry) once, marked by a word of its own (`KLASSE01`). `whitepaper check`
passes it without an error, `whitepaper build` builds it with its PDF, and then, class by class:
the site shows the citations it names as links into the page's reference list (the preview
reads that entry: `data-wp-ref` names an element of the page), nothing unrendered is left, the
PDF shows the same citation text, and the metadata lists every cited entry.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

import lxml.html
import pytest
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pypdf import PdfReader

from tests.catalogue import ROOT, quick_config, run_command

BIB = r"""
@book{stecco2018, author = {Stecco, Carla}, title = {Fascial manipulation: 100\% practical},
  year = {2018}, publisher = {Piccin}}
@article{field2020, author = {Field, Tiffany and Diego, Miguel}, title = {Massage \& touch},
  journal = {Complement Ther Clin Pract}, year = {2020}, volume = {24}, pages = {19--31},
  doi = {10.1002/(SICI)1097-4571(199806)49:8<693::AID-ASI4>3.0.CO;2-0}}
@misc{who2019, author = {{World Health Organization}}, title = {Traditional medicine <strategy>},
  year = {2019}, url = {https://example.org/a?b=c&d=e}}
@misc{ongedateerd, author = {Upledger, John}, title = {Craniosacrale therapie},
  note = {onvolledig: jaar ontbreekt in de bron}}
"""


@dataclass(frozen=True)
class Accepted:
    """One class of accepted input: its Markdown, and the keys its citations name."""

    name: str
    markdown: str
    keys: frozenset[str]


def _accepted(name: str, markdown: str, *keys: str) -> Accepted:
    return Accepted(name, markdown, frozenset(keys))


CLASSES = [
    _accepted("paragraph", "KLASSE01 tekst [@stecco2018].", "stecco2018"),
    _accepted("two items", "KLASSE02 tekst [@stecco2018; @field2020].", "stecco2018", "field2020"),
    _accepted("prefix and locator", "KLASSE03 tekst [zie @field2020, p. 12].", "field2020"),
    _accepted("author suppressed", "KLASSE04 Field e.a. [-@field2020] meldt.", "field2020"),
    _accepted("in text", "KLASSE05 @field2020 stelt dit.", "field2020"),
    _accepted("in text with locator", "KLASSE06 @stecco2018 [p. 4] stelt dit.", "stecco2018"),
    _accepted("list item", "- KLASSE07 in een lijst [@who2019]", "who2019"),
    _accepted("nested list", "- boven\n    - KLASSE08 genest [@stecco2018]", "stecco2018"),
    _accepted(
        "table cell", "| Bron | Wat |\n| --- | --- |\n| KLASSE09 [@field2020] | x |", "field2020"
    ),
    _accepted("block quote", "> KLASSE10 geciteerd [@stecco2018]", "stecco2018"),
    _accepted(
        "admonition", '!!! note "Let op"\n    KLASSE11 in een kader [@field2020].', "field2020"
    ),
    _accepted("details", '??? note "Meer"\n    KLASSE12 ingeklapt [@stecco2018].', "stecco2018"),
    _accepted("definition list", "Term\n:   KLASSE13 definitie [@who2019]", "who2019"),
    _accepted("emphasis", "*KLASSE14 nadruk [@stecco2018]*", "stecco2018"),
    _accepted("incomplete entry", "KLASSE15 onvolledig [@ongedateerd].", "ongedateerd"),
    _accepted(
        "after a link", "KLASSE16 [een link](https://example.org) [@field2020].", "field2020"
    ),
    _accepted("footnote", "KLASSE17 met een noot.[^bron]", "field2020"),
]
FOOTNOTES = "[^bron]: KLASSE17 Zie @field2020, p. 3."
PAPER = "proef"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("agreement")
    (root / "docs" / PAPER).mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Whitepapers\n", encoding="utf-8")
    body = "\n\n".join(c.markdown for c in CLASSES)
    (root / "docs" / PAPER / "index.md").write_text(
        "---\ntitle: Proef van alle vormen\nversion: '1.0'\ndate: 2025-06-01\n"
        "authors: [Ada de Vries]\n---\n\n# Proef van alle vormen\n\n"
        f"{body}\n\n{FOOTNOTES}\n",
        encoding="utf-8",
    )
    (root / "bib").mkdir()
    (root / "bib" / "refs.bib").write_text(BIB, encoding="utf-8")
    (root / "overrides").symlink_to(ROOT / "overrides")
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    plugin = "      bib_dir: bib\n"
    assert plugin in config
    (root / "mkdocs.yml").write_text(config.replace(plugin, f"{plugin}      search: false\n"))
    code, printed = run_command(root, "check", "--format", "json")
    assert code == 0 and [d for d in json.loads(printed) if d["severity"] == "error"] == []
    code, printed = run_command(root, "build")
    assert code == 0, printed
    return root / "site"


def page(site: Path) -> lxml.html.HtmlElement:
    return lxml.html.parse(str(site / PAPER / "index.html")).getroot()


def blocks(tree: lxml.html.HtmlElement, marker: str) -> list[lxml.html.HtmlElement]:
    """The article's paragraphs, list items, cells and definitions whose text holds `marker`
    (the footnote's marker is in its call's paragraph and in the note)."""
    found: list[lxml.html.HtmlElement] = tree.xpath(
        f"//article//*[self::p or self::li or self::td or self::dd][contains(., '{marker}')]"
        "[not(.//*[self::p or self::li or self::td or self::dd][contains(., '{marker}')])]".replace(
            "{marker}", marker
        )
    )
    assert found, marker
    return found


def flat(text: str) -> str:
    """Text compared across outputs: no whitespace, no hyphenation breaks."""
    return re.sub(r"[\s\u00ad-]+", "", text)


@pytest.mark.slow  # one whole build, with its PDF
@pytest.mark.parametrize("accepted", CLASSES, ids=[c.name for c in CLASSES])
def test_the_site_links_each_citation_to_its_entry(built: Path, accepted: Accepted) -> None:
    tree = page(built)
    marker = re.search(r"KLASSE[0-9]+", accepted.markdown)
    assert marker
    marked = blocks(tree, marker[0])
    refs = {a.get("data-wp-ref") for b in marked for a in b.xpath(".//a[@data-wp-ref]")}
    assert refs == set(accepted.keys)
    for key in accepted.keys:  # the preview and the link both find the entry in the page
        assert tree.xpath(f"//*[@id='ref-{key}' and contains(@class, 'csl-entry')]")
    for element in marked:
        assert "@" not in element.text_content()


@pytest.mark.slow
def test_nothing_unrendered_and_no_markup_leaks(built: Path) -> None:
    html = (built / PAPER / "index.html").read_text(encoding="utf-8")
    tree = page(built)
    article = tree.xpath("//article")[0].text_content()
    assert "[@" not in article and "wpcite" not in html
    assert "<strategy>" not in html  # a title's '<' is text, escaped
    assert "Traditional medicine <strategy>" in article
    assert "100% practical" in article and "Massage & touch" in article
    assert not tree.xpath("//a//a")  # no link inside a link


@pytest.mark.slow
def test_the_pdf_shows_what_the_site_shows(built: Path) -> None:
    tree = page(built)
    pdf = flat("\n".join(p.extract_text() for p in PdfReader(built / "pdf" / f"{PAPER}.pdf").pages))
    assert "[@" not in pdf
    for accepted in CLASSES:
        marker = re.search(r"KLASSE[0-9]+", accepted.markdown)
        assert marker
        for block in blocks(tree, marker[0]):
            for citation in block.xpath(".//span[@class='citation']"):
                assert flat(citation.text_content()) in pdf, (accepted.name, block.text_content())
    for entry in tree.xpath("//*[contains(@class, 'csl-entry')]"):
        assert flat(entry.text_content()) in pdf


@pytest.mark.slow
def test_the_metadata_lists_every_cited_entry(built: Path) -> None:
    tree = page(built)
    references = tree.xpath("//meta[@name='citation_reference']/@content")
    entries = [e.text_content() for e in tree.xpath("//*[contains(@class, 'csl-entry')]")]
    cited = set().union(*(c.keys for c in CLASSES))
    assert len(references) == len(entries) == len(cited)
    for entry in entries:
        assert any(flat(reference)[:40] in flat(entry) for reference in references), entry
    scripts = tree.xpath("//script[@type='application/ld+json']/text()")
    assert scripts
    data = json.loads(scripts[0])
    assert len(data.get("citation", [])) == len(cited)


# --- random projects: check and build never disagree -----------------------------------------

KEYS = ("stecco2018", "field2020", "who2019", "ongedateerd", "nergens2021", "Stecco2018")
CITATIONS = st.sampled_from(
    [
        "[@{k}]",
        "[@{k}; @{k2}]",
        "[zie @{k}, p. 3]",
        "[-@{k}]",
        "@{k}",
        "@{k} [p. 4]",
        "[@{k}]{{.x}}",
    ]
).flatmap(
    lambda form: st.tuples(st.sampled_from(KEYS), st.sampled_from(KEYS)).map(
        lambda keys: form.format(k=keys[0], k2=keys[1])
    )
)
TEXT = st.sampled_from(
    ["tekst", "100% zeker", "$x$", r"C:\Users", "wpcite00000x", "<b>vet</b>", "a & b", "é ü ß"]
)
# Block templates, each with one slot {c} for a citation or a piece of text.
BLOCKS = st.sampled_from(
    [
        "{c}",
        "Tekst {c} en meer.",
        "# Kop {c}",
        "Kop {c}\n-----",
        "- lijst {c}\n    - genest {c}",
        "1. een {c}",
        "> citaat {c}",
        "> > diep {c}",
        '!!! note "Let op"\n    kader {c}',
        "??? note\n    ingeklapt {c}",
        "| a | b |\n| --- | --- |\n| {c} | x |",
        "Term\n:   definitie {c}",
        "    code {c}",
        "```\ncode {c}\n```",
        "`code {c}`",
        "![alt {c}](plaatje.png)",
        "[link {c}](https://example.org)",
        '<div lang="en">{c}</div>',
        '<div markdown="1">\n{c}\n</div>',
        "*[HTML]: Hyper {c}\n\nHTML hier.",
        "Noot.[^n{i}]\n\n[^n{i}]: Zie {c}.",
        "Ongebruikt.\n\n[^x{i}]: Zie {c}.",
        "*nadruk {c}*",
        "**vet {c}**",
        "{c} {{: #anker }}",
    ]
)


@st.composite
def random_page(draw: st.DrawFn) -> str:
    blocks = []
    for index in range(draw(st.integers(1, 6))):
        template = draw(BLOCKS)
        slot = draw(st.one_of(CITATIONS, TEXT))
        blocks.append(template.replace("{c}", slot).replace("{i}", str(index)))
    return "\n\n".join(blocks)


@pytest.fixture(scope="module")
def sandbox(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("random")
    (root / "docs" / PAPER).mkdir(parents=True)
    (root / "docs" / "index.md").write_text("# Whitepapers\n", encoding="utf-8")
    (root / "docs" / PAPER / "plaatje.png").write_bytes(b"")
    (root / "bib").mkdir()
    (root / "bib" / "refs.bib").write_text(BIB, encoding="utf-8")
    (root / "overrides").symlink_to(ROOT / "overrides")
    (root / "mkdocs.yml").write_text(quick_config(), encoding="utf-8")
    return root


@pytest.mark.slow  # a site build per example
@settings(
    max_examples=int(os.environ.get("WHITEPAPER_RANDOM_PROJECTS", "30")),
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(body=random_page())
def test_what_the_check_passes_builds_and_what_it_refuses_stops(sandbox: Path, body: str) -> None:
    """Never 'check 0, build 1', never an internal error, never a citation left unrendered."""
    page = sandbox / "docs" / PAPER / "index.md"
    page.write_text(f"---\ntitle: Proef\nversion: '1.0'\n---\n\n{body}\n", encoding="utf-8")
    checked, said = run_command(sandbox, "check", "--no-cache")
    built, log = run_command(sandbox, "build")
    assert 3 not in (checked, built), said + log
    assert built == checked, f"check {checked}, build {built}:\n{said}\n{log}"
    event(f"check {checked}")
    if built == 0:
        html = (sandbox / "site" / PAPER / "index.html").read_text(encoding="utf-8")
        tree = lxml.html.fromstring(html)
        prose = "".join(tree.xpath("//article//text()[not(ancestor::code)]"))
        assert "[@" not in prose  # code shows it as written
        assert not tree.xpath("//a//a")
        pasted = "[contains(., '<span') or contains(., '<a ')]"
        assert not tree.xpath(f"//@alt{pasted} | //@title{pasted} | //@id{pasted}")
