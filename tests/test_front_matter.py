"""Front matter as MkDocs reads it, refused where it would break or fool the site, and every
MkDocs and Material page key typed to what the theme can show (issue 13)."""

from __future__ import annotations

import logging
import shutil
import time
from pathlib import Path

import pytest
from lxml import html
from mkdocs.exceptions import Abort
from mkdocs.theme import Theme
from mkdocs.utils import meta

from tests.catalogue import quick_config
from tests.conftest import ROOT, build_site
from whitepaper.check.findings import check
from whitepaper.check.material_keys import icon_says
from whitepaper.sources.documents import Document, parse_document

PAGE = Path("docs/p/meer.md")


def parse(text: str) -> Document:
    return parse_document(text, PAGE)


def said(text: str) -> list[tuple[int, int, str]]:
    return [(p.span.line, p.span.column, p.message) for p in parse(text).problems]


# --- the reader agrees with MkDocs ---------------------------------------------------------

AS_MKDOCS_READS = [
    "---\ntitle: Kraken\nversion: '1.0'\n---\n\n# Kraken\n",
    "---\ntitle: T\n...\n\nTekst\n",
    "---\r\ntitle: T\r\n---\r\nTekst\r\n",
    "--- \ntitle: T\n---\t\nTekst\n",
    "---\n---\ntitle: T\n---\nTekst\n",
    "---\ntitle: T\n",
    "---\ntitle: T\n---",
    "# Kop\n\ntitle: geen metadata\n",
    "\ntitle: geen metadata\n",
    "Let op: geen sleutel, want er staat een spatie in\n",
    "    title: ingesprongen code\n",
    "<!-- title: x -->\n",
]
METADATA_LINES = [  # (page, the lines MkDocs takes)
    ("title: Kraken\n\n# Kraken\n", 1),
    ("E-mail: info@vereniging.nl\n", 1),
    ("   status: new\n", 1),
    ('status: x" onmouseover="alert(1)\n\n# P\n', 1),
    ("http://example.org/pagina\n", 1),
    ("a: b\n    vervolg\n\tnog een\nc: d\n\nTekst\n", 4),
    ("Samenvatting: iets.\nDe eerste zin.\n", 1),
]


@pytest.mark.parametrize("text", AS_MKDOCS_READS)
def test_the_front_matter_is_what_mkdocs_reads(text: str) -> None:
    """Where MkDocs reads YAML or nothing, the reader reads the same (and no problem)."""
    normalised = text.replace("\r\n", "\n")
    assert dict(parse(text).front_matter) == meta.get_data(normalised)[1]
    assert parse(text).problems == ()


@pytest.mark.parametrize(("text", "taken"), METADATA_LINES)
def test_lines_mkdocs_reads_as_metadata_are_refused(text: str, taken: int) -> None:
    """MkDocs takes `key: value` lines at the top of a page without --- as metadata: they would
    set page keys unchecked and be missing from the page; the reader says so at line 1."""
    markdown, data = meta.get_data(text)
    assert data and markdown == "\n".join(text.split("\n")[taken:]).lstrip("\n")
    first = "de eerste regel" if taken == 1 else f"de eerste {taken} regels"
    [(line, column, message)] = said(text)
    assert (line, column) == (1, 1)
    assert message.startswith(f"MkDocs leest {first} van de pagina als metadata")
    assert parse(text).front_matter == {}


# --- what never reaches YAML's loader ------------------------------------------------------

ANCHOR = "de front matter gebruikt een YAML-anker (&) of -verwijzing (*)"
TAG = "de front matter gebruikt een YAML-tag (!!…)"
DEEP = "de front matter is dieper genest dan 20 niveaus"
UNREADABLE = "de front matter bevat een onzichtbaar stuurteken, dat YAML niet toestaat"


@pytest.mark.parametrize(
    ("yaml_text", "line", "column", "message"),
    [
        ("title: &t T", 2, 8, ANCHOR),
        ("title: T\nsummary: *t", 3, 10, ANCHOR),
        ("title: T\nhide: &h [toc]\nicon: *h", 3, 7, ANCHOR),
        ("title: T\n<<: {a: 1}\nb: &x 2", 4, 4, ANCHOR),
        ("title: !!str T", 2, 8, TAG),
        ("title: T\nsummary: !!python/object:os.system x", 3, 10, TAG),
        ("title: T\nsummary: " + "[" * 25 + "]" * 25, 3, 29, DEEP),
        ("summary:\n" + "- " * 25 + "x", 3, 39, DEEP),
        ("title: " + "{a: " * 25 + "1" + "}" * 25, 2, 84, DEEP),
        ('title: "é a\0b"', 2, 12, UNREADABLE),
        ("title: T\nsummary: a\x01b", 3, 11, UNREADABLE),
        ("title: T\nversion: 1" + "0" * 5000, 3, 10, "YAML kan de waarde '1" + "0" * 39 + "…'"),
    ],
)  # fmt: skip
def test_what_yaml_must_not_build_is_refused_at_its_place(
    yaml_text: str, line: int, column: int, message: str
) -> None:
    doc = parse(f"---\n{yaml_text}\n---\n\n# P\n")
    assert [(p.code, p.span.line, p.span.column) for p in doc.problems] == [
        ("front-matter", line, column)
    ]
    assert doc.problems[0].message.startswith(message)
    assert doc.front_matter == {}


def billion_laughs(levels: int) -> str:
    lines = ["title: T", "a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]"]
    lines += [f"a{n}: &a{n} [{', '.join([f'*a{n - 1}'] * 9)}]" for n in range(1, levels)]
    return "\n".join(lines)


def test_an_alias_bomb_is_refused_before_it_expands() -> None:
    """Nine levels of aliases are 387 million strings once expanded; refused in milliseconds."""
    start = time.perf_counter()
    doc = parse(f"---\n{billion_laughs(9)}\n---\n")
    assert time.perf_counter() - start < 1
    assert said(f"---\n{billion_laughs(9)}\n---\n") == [(3, 5, ANCHOR)]
    assert doc.front_matter == {}


@pytest.mark.parametrize("depth", [10_000, 1_000_000])
def test_nesting_that_would_crash_libyaml_is_refused_quickly(depth: int) -> None:
    """libyaml's composer recurses in C (a million levels: a segmentation fault), and its
    scanner slows down with depth; the reader stops at level 21."""
    start = time.perf_counter()
    for text in ("summary: " + "[" * depth + "]" * depth, "summary:\n" + "- " * depth + "x"):
        assert [message for *_, message in said(f"---\n{text}\n---\n")] == [DEEP]
    assert time.perf_counter() - start < 2


# --- a date that does not exist --------------------------------------------------------------


@pytest.mark.parametrize(
    ("date", "message", "tip"),
    [
        ("2024-06-31", "'2024-06-31' is geen datum die bestaat: die maand heeft 30 dagen",
         "verbeter de dag; de laatste dag van die maand is 2024-06-30"),
        ("2023-02-29", "'2023-02-29' is geen datum die bestaat: die maand heeft 28 dagen",
         "verbeter de dag; de laatste dag van die maand is 2023-02-28"),
        ("2024-13-05", "'2024-13-05' is geen datum die bestaat: er is geen maand 13",
         "staan maand en dag omgewisseld? Dan is het 2024-05-13"),
        ("2024-00-10", "'2024-00-10' is geen datum die bestaat: er is geen maand 0",
         "een maand is 01 tot en met 12 (JJJJ-MM-DD)"),
        ("2024-06-00", "'2024-06-00' is geen datum die bestaat: er is geen dag 0",
         "de eerste dag is 2024-06-01"),
        ("0000-01-01", "'0000-01-01' is geen datum die bestaat: er is geen jaar 0",
         "schrijf het jaar met vier cijfers: JJJJ-MM-DD"),
        ("2024-06-30 25:00:00", "'2024-06-30 25:00:00' is geen tijd die bestaat",
         "een datum is JJJJ-MM-DD, zonder tijd"),
    ],
)  # fmt: skip
def test_a_date_that_does_not_exist_is_said_as_such(date: str, message: str, tip: str) -> None:
    """Not "invalid YAML": the date, at its place, what is wrong with it, and what to write."""
    doc = parse(f"---\ntitle: T\ndate: {date}\n---\n")
    [problem] = doc.problems
    assert (problem.span.line, problem.span.column) == (3, 7)
    assert (problem.message, problem.hint) == (message, tip)


def test_a_changelog_date_that_does_not_exist_is_found_at_its_place() -> None:
    text = "---\ntitle: T\nchangelog:\n  - {version: '1', date: 2024-04-31, summary: x}\n---\n"
    assert said(text) == [
        (4, 26, "'2024-04-31' is geen datum die bestaat: die maand heeft 30 dagen")
    ]


# --- keys written twice ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("yaml_text", "where", "data"),
    [
        ("title: A\ntitle: B", [(3, 1, "title", "regel 2")], {"title": "B"}),
        ("title: A\n'title': B\n\"title\": C",
         [(3, 1, "title", "regel 2"), (4, 1, "title", "regel 3")], {"title": "C"}),
        ("changelog:\n  - {version: '1', summary: x, version: '2'}",
         [(3, 32, "version", "dezelfde regel")],
         {"changelog": [{"version": "2", "summary": "x"}]}),
        ("1: a\n'1': b", [], {1: "a", "1": "b"}),
        ("changelog:\n  - {version: '1', summary: x}\n  - {version: '1', summary: y}", [],
         {"changelog": [{"version": "1", "summary": "x"}, {"version": "1", "summary": "y"}]}),
    ],
)  # fmt: skip
def test_a_key_written_twice_is_said_at_the_second_and_the_last_is_kept(
    yaml_text: str, where: list[tuple[int, int, str, str]], data: dict[object, object]
) -> None:
    """YAML keeps the last silently; the reader keeps it too (the check types what the site
    shows) and says so at the second key."""
    doc = parse(f"---\n{yaml_text}\n---\n")
    assert dict(doc.front_matter) == data
    assert said(f"---\n{yaml_text}\n---\n") == [
        (line, column, f"'{key}' staat twee keer in de front matter (ook op {first});"
         " alleen deze laatste telt")
        for line, column, key, first in where
    ]  # fmt: skip


def test_a_key_written_twice_still_has_its_value_checked(tmp_path: Path) -> None:
    root = project(tmp_path, {"p/index.md": "---\ntitle: P\nversion: '1'\ntitle: [P]\n---\n"})
    assert [(d.line, d.message) for d in check(root / "docs", root / "bib", root=root)] == [
        (4, "'title' moet een tekst zijn"),
        (
            4,
            "'title' staat twee keer in de front matter (ook op regel 2); alleen deze laatste telt",
        ),
    ]


# --- MkDocs' and Material's page keys -------------------------------------------------------


def project(root: Path, pages: dict[str, str]) -> Path:
    for name, text in pages.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    (root / "bib").mkdir(exist_ok=True)
    return root


def findings(tmp_path: Path, yaml_text: str) -> list[tuple[str, str]]:
    root = project(tmp_path, {"p/meer.md": f"---\n{yaml_text}\n---\n\n# Meer\n"})
    return [(d.message, d.hint) for d in check(root / "docs", root / "bib", root=root)]


STATUS = "het kent new (nieuw) of deprecated (verouderd)"
HIDE = "navigation, toc, footer, path, tags en feedback"
MARKUP = "bevat HTML of een bronvermelding ('<', '>', '&…;', '[@' of '[^')"


@pytest.mark.parametrize(
    ("yaml_text", "message"),
    [
        # what the theme has passes
        ("hide: [navigation, toc, footer, path, tags, feedback]", None),
        ("icon: material/book-open-variant", None),
        ("icon: fontawesome/brands/github", None),
        ("status: new", None),
        ("status: deprecated", None),
        ("template: main.html", None),
        ("subtitle: Voor behandelaars & artsen", None),
        ("description: Over “kraken” & knakken, met \u2018enkele\u2019.", None),
        ("lang: nl-BE", None),
        ("summary: |\n  Twee\n  regels.", None),
        # hide
        ("hide: 5", f"'hide' moet een lijst zijn uit {HIDE}"),
        ("hide: toc", "'hide' moet een lijst zijn"),
        ("hide: [tok]", f"'hide' kan {HIDE} verbergen, niet 'tok'"),
        # icon: a file of the installed theme's .icons, nothing outside it
        ("icon: 5", "'icon' moet de naam van een pictogram van Material zijn"),
        ("icon: material/hom", "Material heeft geen pictogram 'material/hom'"),
        ("icon: material/home.svg", "Material heeft geen pictogram 'material/home.svg'"),
        ("icon: ../../partials/header", "Material heeft geen pictogram '../../partials/header'"),
        ("icon: /etc/passwd", "Material heeft geen pictogram '/etc/passwd'"),
        # status: Material's own, never text put into a class
        ("status: '\"><img src=x onerror=alert(1)>'",
         f"Material kent de status '\"><img src=x onerror=alert(1)>' niet; {STATUS}"),
        ("status: [new]", f"Material kent de status deze waarde niet; {STATUS}"),
        ("status: Nieuw", f"Material kent de status 'Nieuw' niet; {STATUS}"),
        # template: only the pages' own
        ("template: sitemap.xml", "deze site heeft voor pagina's alleen het sjabloon main.html;"
         " een ander sjabloon maakt er een andere pagina van, of geen"),
        ("template: 404.html", "deze site heeft voor pagina's alleen het sjabloon main.html;"
         " een ander sjabloon maakt er een andere pagina van, of geen"),
        ("template: nope.html", "deze site heeft voor pagina's alleen het sjabloon main.html;"
         " een ander sjabloon maakt er een andere pagina van, of geen"),
        # Material's text keys: plain text, written unescaped
        ("subtitle: <img src=x onerror=alert(1)>", f"'subtitle' {MARKUP}"),
        ("subtitle: '&lt;b&gt;'", f"'subtitle' {MARKUP}"),
        ("subtitle: [a]", "'subtitle' moet een tekst zijn"),
        ("description: '\"><script>x</script>'", f"'description' {MARKUP}"),
        ("description: 'x\" http-equiv=\"refresh'",
         "'description' bevat een recht aanhalingsteken (\"), dat de beschrijving voor"
         " zoekmachines afbreekt"),
        # invisible characters, and line breaks in one-line text
        ('title: "A\\x01B"', "'title' bevat een onzichtbaar teken (U+0001)"),
        ('title: "A\\tB"', "'title' bevat een onzichtbaar teken (U+0009)"),
        ('description: "A\\u202eB"', "'description' bevat een onzichtbaar teken (U+202E)"),
        ('subtitle: "A\\u2028B"', "'subtitle' bevat een onzichtbaar teken (U+2028)"),
        ('authors: ["A\\x1bB"]', "'authors' bevat een onzichtbaar teken (U+001B)"),
        ('summary: "A\\x00B"', "'summary' bevat een onzichtbaar teken (U+0000)"),
        ("title: >\n  Twee\n  regels", "'title' staat op meer dan één regel"),
        ('subtitle: "Twee\\nregels"', "'subtitle' staat op meer dan één regel"),
        # a language tag, as HTML's lang takes it
        ("lang: Nederlands", "'lang' moet een taalcode zijn"),
        ('lang: "nl\\" onload=\\"x"', "'lang' moet een taalcode zijn"),
        # plugins this site does not run
        ("search: {exclude: true}",
         "'search' werkt op deze site niet: de zoekfunctie van deze site (Pagefind) leest die"
         " sleutel niet"),
        ("tags: [nek]", "'tags' werkt op deze site niet: de tags-plugin van Material staat op"
         " deze site niet aan"),
        # a key in NFD, and one with an invisible character
        ("title\u0301: x", "de sleutel 'title\u0301' is geschreven met losse accenttekens"
         " (Unicode NFD): '\u00e9' is daar 'e' + U+0301"),
        ('"tit\\x01le": x', "onbekende sleutel 'tit<U+0001>le' in de front matter"),
    ],
)  # fmt: skip
def test_page_keys_are_what_the_theme_can_show(
    yaml_text: str, message: str | None, tmp_path: Path
) -> None:
    assert [m for m, _ in findings(tmp_path, yaml_text)] == ([message] if message else [])


@pytest.mark.parametrize(
    ("yaml_text", "tip"),
    [
        ("hide: toc", "zet de waarde tussen haken: hide: [toc]"),
        ("hide: [tok]", "bedoelde u 'toc'? Bijvoorbeeld hide: [toc]"),
        ("status: neu", "bedoelde u 'new'? Bijvoorbeeld status: new"),
        ("icon: material/hom", "bedoelde u 'material/home'? De namen staan op"
         " https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/, zoals"
         " material/book-open-variant"),
        ("icon: ':material-home:'", "bedoelde u 'material/home'? De namen staan op"
         " https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/, zoals"
         " material/book-open-variant"),
        ("template: sitemap.xml",
         "haal de regel 'template: …' weg: main.html is al het sjabloon van elke pagina"),
        ('title: "Het kraken\\x01 van gewrichten"',
         "haal het teken weg; het komt vaak mee bij kopiëren uit een ander programma. Zonder"
         ' dat teken: title: "Het kraken van gewrichten"'),
        ("title: >\n  Twee\n  regels", 'schrijf \'title\' op één regel: title: "Twee regels"'),
        ('description: Over "kraken" en "knakken"',
         "gebruik “ en ”: description: Over “kraken” en “knakken”"),
        ("search: {exclude: true}", "haal de regel 'search: …' weg"),
        ("coo\u0308peratie: x", "typ de sleutel opnieuw, als 'co\u00f6peratie' (NFC); toegestaan"
         " zijn: title, summary, lang, version, authors, association, date, doi, license,"
         " standing, contact, changelog, owners, subtitle, description, hide, icon, status,"
         " template"),
    ],
)  # fmt: skip
def test_the_tip_says_what_to_write(yaml_text: str, tip: str, tmp_path: Path) -> None:
    assert [t for _, t in findings(tmp_path, yaml_text)] == [tip]


@pytest.mark.parametrize(
    "name",
    ["material/home", "material/hom", "fontawesome/brands/github", "octicons/mark-github-16",
     "simple/github", "simple/uniqlo_ja", "logo", "material", "../base", "material/../../base",
     "material/home.svg", "MATERIAL/HOME", "material/home/", ""],
)  # fmt: skip
def test_an_icon_is_accepted_exactly_when_materials_include_finds_it(name: str) -> None:
    """The check's icons agree with the theme: `{% include ".icons/" ~ icon ~ ".svg" %}`
    renders for every icon it accepts, and fails the build for every one it refuses."""
    env = Theme(name="material").get_env()
    try:
        env.get_template(f".icons/{name}.svg")
        found = True
    except Exception:  # TemplateNotFound, or Jinja refusing '..'
        found = False
    assert (icon_says(name) is None) == found


def test_every_icon_material_bundles_is_accepted() -> None:
    icons = Path(Theme(name="material").dirs[0]) / ".icons"  # no custom_dir: the theme's own
    names = [path.relative_to(icons).with_suffix("").as_posix() for path in icons.rglob("*.svg")]
    assert len(names) > 10_000
    assert [name for name in names if icon_says(name) is not None] == []


# --- the build: nothing refused reaches MkDocs or the site -----------------------------------

HOSTILE = [
    # (page, front matter, the finding's line)
    ("p/index.md", "title: P\nversion: '1'\nstatus: '\"><img src=x onerror=alert(1)>'", 4),
    ("p/meer.md", "subtitle: <img src=x onerror=alert(1)>", 2),
    ("p/meer.md", "description: '\"><img src=x onerror=alert(1)>'", 2),
    ("p/meer.md", "title: <img src=x onerror=alert(1)>", 2),
    ("p/meer.md", "status: 'x\" onmouseover=\"alert(1)'", 2),
    ("p/meer.md", "icon: 5", 2),
    ("p/meer.md", "hide: 5", 2),
    ("p/meer.md", "template: nope.html", 2),
    ("p/meer.md", "template: sitemap.xml", 2),
    ("p/meer.md", 'title: "A\\x01B"', 2),
    ("p/meer.md", billion_laughs(5), 3),  # small: should it ever pass, nothing explodes
]


def tiny_site(root: Path, pages: dict[str, str]) -> Path:
    """A project of its own pages, with the project's overrides and mkdocs.yml (no PDFs)."""
    pages = {"index.md": "# Whitepapers\n\n<!-- whitepapers -->\n", **pages}
    pages.setdefault("p/index.md", "---\ntitle: P\nversion: '1'\n---\n\n# P\n")
    project(root, pages)
    shutil.copytree(ROOT / "overrides", root / "overrides")
    (root / "mkdocs.yml").write_text(quick_config(), encoding="utf-8")
    return root / "mkdocs.yml"


def hostile_elements(site: Path) -> list[str]:
    """Every element of every built page that would run script: an <img> (none is written
    here but the theme's own logo in the header), or any attribute named on…."""
    found = []
    for page in site.rglob("*.html"):
        for element in html.parse(str(page)).iter():
            if not isinstance(element.tag, str):
                continue
            logo = element.get("src", "").endswith("assets/images/logo.svg")
            image = element.tag == "img" and not logo
            if image or any(name.startswith("on") for name in element.attrib):
                found.append(f"{page.relative_to(site)}: {html.tostring(element)[:80]!r}")
    return found


@pytest.mark.slow
@pytest.mark.parametrize(("page", "yaml_text", "line"), HOSTILE)
def test_a_hostile_page_key_stops_the_build_before_mkdocs_reads_a_page(
    page: str,
    yaml_text: str,
    line: int,
    tmp_path: Path,
    caplog: pytest.LogCaptureFixture,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The check runs in on_pre_build: its error stops the build before MkDocs' own YAML
    loader reads any page (an alias bomb never expands), and nothing is written."""
    config = tiny_site(tmp_path, {page: f"---\n{yaml_text}\n---\n\n# Pagina\n"})
    read: list[str] = []
    get_data = meta.get_data
    monkeypatch.setattr(meta, "get_data", lambda doc: read.append(doc) or get_data(doc))
    site = tmp_path / "site"
    with caplog.at_level(logging.ERROR), pytest.raises(Abort):
        build_site(config, site, cache_dir=tmp_path / "cache")
    assert f"docs/{page}:{line}:" in caplog.text and "error[front-matter]" in caplog.text
    assert read == []
    assert hostile_elements(site) == [] and not (site / "p").exists()


@pytest.mark.slow
def test_page_keys_the_check_passes_reach_the_page_as_plain_text(tmp_path: Path) -> None:
    """What the check lets through is shown as the text written: '&' and typographic quotes
    in the navigation's subtitle and the meta description, Material's status and icon."""
    front = (
        "title: Meer & minder\nsubtitle: Voor behandelaars & artsen\n"
        "description: Over “kraken” & knakken\nstatus: new\nicon: material/book-open-variant\n"
        "hide: [toc]"
    )
    config = tiny_site(tmp_path, {"p/meer.md": f"---\n{front}\n---\n\n# Meer\n\nTekst.\n"})
    site = build_site(config, tmp_path / "site", cache_dir=tmp_path / "cache")
    assert hostile_elements(site) == []
    page = html.parse(str(site / "p" / "meer" / "index.html"))
    assert page.xpath("string(//meta[@name='description']/@content)") == "Over “kraken” & knakken"
    nav = page.xpath("//nav[contains(@class, 'md-nav--primary')]")[0]
    assert "Voor behandelaars & artsen" in nav.xpath("string(.//small)")
    assert nav.xpath(".//span[contains(@class, 'md-status--new')]")
    assert nav.xpath(".//svg")  # the icon, included from Material's .icons
    assert page.xpath("//div[@data-md-type='toc'][@hidden]")
    assert page.xpath("string(//title)").startswith("Meer & minder \u2013 ")  # pages/head
