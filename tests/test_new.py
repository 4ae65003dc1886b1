"""`whitepaper new`: a paper that builds at once, and a check that points at what is left."""

from __future__ import annotations

import errno
from pathlib import Path

import pytest
import yaml
from lxml import html

from tests.catalogue import quick_config, run_command
from tests.conftest import ROOT, build_site
from whitepaper import starter
from whitepaper.check.findings import check
from whitepaper.commands import new
from whitepaper.commands._nav import NavEdit
from whitepaper.owners import CODEOWNERS
from whitepaper.papers import paper_names

TITLE = "Massage bij nekpijn"
NEW = ["new", "nekpijn", "--title", TITLE, "--owner", "@whitepaper-nl/massage"]
# Every page of the project: a page outside an explicit nav fails the strict build.
NAV = (
    "nav:\n  - Home: index.md\n  - Bronnen: bronnen.md\n  - Over deze site: over-deze-site.md\n"
    + "".join(f"  - {name}: {name}/index.md\n" for name in paper_names(ROOT / "docs"))
)


def files(root: Path) -> dict[str, bytes]:
    """Every file below `root` (hidden ones too) with its content, and every folder."""
    return {
        path.relative_to(root).as_posix(): path.read_bytes() if path.is_file() else b"/"
        for path in sorted(root.rglob("*"))
        if ".cache" not in path.parts
    }


def findings_of(root: Path, paper: str) -> list[tuple[str, int, str]]:
    found = check(root / "docs", root / "bib", root=root)
    return [(d.path, d.line, d.code) for d in found if paper in d.path]


# --- what it writes -------------------------------------------------------------------------


def test_new_writes_the_page_the_example_entry_and_codeowners(project_copy: Path) -> None:
    code, printed = run_command(project_copy, *NEW)
    assert code == 0, printed
    index = (project_copy / "docs" / "nekpijn" / "index.md").read_text(encoding="utf-8")
    assert index == starter.page("nekpijn", TITLE, ["@whitepaper-nl/massage"])
    front = yaml.safe_load(index.split("---\n")[1])
    assert front == {"title": TITLE, "owners": ["@whitepaper-nl/massage"]}  # nothing invented
    references = (project_copy / "bib" / "nekpijn.bib").read_text(encoding="utf-8")
    assert references == starter.bibliography("nekpijn")
    assert references.count("@misc{") == 1
    codeowners = (project_copy / CODEOWNERS).read_text(encoding="utf-8")
    assert "/docs/nekpijn/ @whitepaper-nl/massage\n/bib/nekpijn.bib @whitepaper-nl/massage\n" in (
        codeowners
    )
    for step in ("docs/nekpijn/index.md", "bib/nekpijn.bib", "whitepaper cite DOI"):
        assert step in printed
    assert "`whitepaper check`" in printed and "`whitepaper serve`" in printed


def test_without_owner_the_paper_is_the_maintainers(project_copy: Path) -> None:
    code, printed = run_command(project_copy, "new", "nekpijn", "--title", TITLE)
    assert code == 0, printed
    front = (project_copy / "docs" / "nekpijn" / "index.md").read_text(encoding="utf-8")
    assert front.startswith(f'---\ntitle: "{TITLE}"\n---\n')
    assert "nekpijn" not in (project_copy / CODEOWNERS).read_text(encoding="utf-8")
    assert 'owners: ["@whitepaper-nl/massage"]' in printed  # how to add them later


def test_the_check_warns_at_what_is_still_to_write(project_copy: Path) -> None:
    """Exit 0: warnings only, at the missing version and metadata (association, date, contact:
    nothing is invented), each example piece and the entry."""
    assert run_command(project_copy, *NEW)[0] == 0
    code, printed = run_command(project_copy, "check", "--no-cache")
    assert code == 0, printed
    assert findings_of(project_copy, "nekpijn") == [
        ("bib/nekpijn.bib", 6, "example-text"),
        ("bib/nekpijn.bib", 7, "incomplete-entry"),  # the example says it is no real source
        ("docs/nekpijn/index.md", 1, "missing-metadata"),
        ("docs/nekpijn/index.md", 1, "missing-version"),
        ("docs/nekpijn/index.md", 10, "example-text"),
        ("docs/nekpijn/index.md", 17, "example-text"),
    ]
    assert "warning[example-text] deze voetnoot is nog voorbeeldtekst" in printed


def test_the_warnings_go_when_the_examples_are_replaced(project_copy: Path) -> None:
    assert run_command(project_copy, *NEW)[0] == 0
    index = project_copy / "docs" / "nekpijn" / "index.md"
    written = index.read_text(encoding="utf-8").replace(starter.example_key("nekpijn"), "cbs2020")
    filled_in = 'version: "1.0"\nassociation: NVMT\ndate: 2026-03\ncontact: info@nvmt.nl\n'
    index.write_text(written.replace("---\n\n#", f"{filled_in}---\n\n#", 1), encoding="utf-8")
    (project_copy / "bib" / "nekpijn.bib").unlink()
    assert findings_of(project_copy, "nekpijn") == []


@pytest.mark.parametrize("title", ["Over @home, *vet* en [haken] #1", "Kraken \\ knakken_"])
def test_a_title_with_markdown_characters_is_its_heading_as_written(
    project_copy: Path, title: str
) -> None:
    assert run_command(project_copy, "new", "p", "--title", title)[0] == 0
    codes = {code for _, _, code in findings_of(project_copy, "docs/p/")}
    assert codes == {"missing-version", "missing-metadata", "example-text"}


@pytest.mark.slow
def test_the_site_builds_at_once_with_the_paper_in_the_navigation_and_on_the_home_page(
    project_copy: Path, tmp_path: Path
) -> None:
    (project_copy / "mkdocs.yml").write_text(quick_config(), encoding="utf-8")
    assert run_command(project_copy, *NEW)[0] == 0
    site = build_site(project_copy / "mkdocs.yml", tmp_path / "site", tmp_path / "cache")
    home = html.parse(str(site / "index.html")).getroot()
    navigation = home.xpath("//nav[contains(@class, 'md-nav--primary')]//a/@href")
    assert "nekpijn/" in navigation
    listing = home.xpath("//article//a[@href='nekpijn/']")
    assert [" ".join(a.text_content().split()) for a in listing] == [TITLE]
    page = html.parse(str(site / "nekpijn" / "index.html")).getroot()
    text = " ".join(page.xpath("string(//article)").split())
    assert starter.EXAMPLE_TITLE in text and "[@" not in text


# --- what it refuses ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "message"),
    [
        (["new", "kraken-van-gewrichten", "--title", "T"],
         "docs/kraken-van-gewrichten bestaat al; `whitepaper new` overschrijft niets"),
        (["new", "Mijn Paper", "--title", "T"],
         "'Mijn Paper' kan geen mapnaam van een whitepaper zijn: gebruik kleine letters a-z,"
         " cijfers en -, _ of . (het wordt het adres van de pagina); bedoelde u 'mijn-paper'?"),
        (["new", "café", "--title", "T"], "bedoelde u 'cafe'?"),
        (["new", ".verborgen", "--title", "T"], "bedoelde u 'verborgen'?"),
        (["new", "../buiten", "--title", "T"], "bedoelde u 'buiten'?"),
        (["new", "pdf", "--title", "T"], "'pdf' is een map die de site zelf maakt"),
        (["new", "a" * 300, "--title", "T"], "is te lang voor een mapnaam: hoogstens 80 tekens"),
        (["new", "p", "--title", "  "], "--title is leeg"),
        (["new", "p", "--title", "T", "--owner", "whitepaper-nl/massage"],
         "'whitepaper-nl/massage' is geen GitHub-naam: schrijf @gebruiker of @organisatie/team"),
        (["new", "p", "--title", "T", "--owner", "@a\n* @aanvaller"], "is geen GitHub-naam"),
        (["new", "p", "--title", "<b>T</b>"], "--title kan zo niet: 'title' bevat"
         " HTML of een bronvermelding"),
        (["new", "p", "--title", "T\u202e"], "'title' bevat een onzichtbaar teken (U+202E)"),
    ],
)  # fmt: skip
def test_new_refuses_and_writes_nothing(project_copy: Path, argv: list[str], message: str) -> None:
    before = files(project_copy)
    code, printed = run_command(project_copy, *argv)
    assert (code, message in printed) == (2, True), printed
    assert printed.startswith("whitepaper new: ")
    assert files(project_copy) == before


def test_an_existing_bib_file_is_never_overwritten(project_copy: Path) -> None:
    (project_copy / "bib" / "nekpijn.bib").write_text("% van iemand anders\n", encoding="utf-8")
    before = files(project_copy)
    code, printed = run_command(project_copy, *NEW)
    assert code == 2 and "bib/nekpijn.bib bestaat al" in printed
    assert files(project_copy) == before


def test_without_a_docs_folder_it_says_where_to_run(tmp_path: Path) -> None:
    code, printed = run_command(tmp_path, *NEW)
    assert code == 2 and "geen map docs/ in" in printed
    assert list(tmp_path.iterdir()) == []


def disk_full(*args: object) -> None:
    raise OSError(errno.ENOSPC, "No space left on device")


@pytest.mark.parametrize("step", ["_write_new", "write_codeowners", "commit"])
def test_a_failure_midway_leaves_nothing_half_written(
    project_copy: Path, monkeypatch: pytest.MonkeyPatch, step: str
) -> None:
    """The .bib file, the page, CODEOWNERS, the nav: a failure at any step undoes the others."""
    (project_copy / "mkdocs.yml").write_text(quick_config() + NAV, encoding="utf-8")
    monkeypatch.setattr(NavEdit if step == "commit" else new, step, disk_full)
    before = files(project_copy)
    code, printed = run_command(project_copy, *NEW)
    assert code == 2 and "maak ruimte vrij" in printed
    assert files(project_copy) == before  # no page, no .bib, no hidden staging folder


# --- an explicit nav ------------------------------------------------------------------------


@pytest.mark.slow
def test_an_explicit_nav_gets_the_entry_and_the_site_builds(
    project_copy: Path, tmp_path: Path
) -> None:
    (project_copy / "mkdocs.yml").write_text(quick_config() + NAV, encoding="utf-8")
    code, printed = run_command(project_copy, *NEW)
    assert code == 0, printed
    assert (
        (project_copy / "mkdocs.yml")
        .read_text(encoding="utf-8")
        .endswith(f'{NAV}  - "{TITLE}": nekpijn/index.md\n')
    )
    assert f'mkdocs.yml: de navigatie, - "{TITLE}": nekpijn/index.md' in printed
    site = build_site(project_copy / "mkdocs.yml", tmp_path / "site", tmp_path / "cache")
    assert (site / "nekpijn" / "index.html").is_file()


@pytest.mark.parametrize(
    "nav",
    [
        "nav: [index.md, kraken-van-gewrichten/index.md]\n",  # flow style: not edited
        "nav:\n  - index.md\nnav:\n  - index.md\n",  # written twice
    ],
)
def test_a_nav_it_cannot_extend_safely_is_left_alone_and_the_line_is_said(
    project_copy: Path, nav: str
) -> None:
    config = quick_config() + nav
    (project_copy / "mkdocs.yml").write_text(config, encoding="utf-8")
    code, printed = run_command(project_copy, *NEW)
    assert code == 0, printed
    assert (project_copy / "mkdocs.yml").read_text(encoding="utf-8") == config
    assert "heeft een eigen nav, die ik niet veilig kon aanvullen" in printed
    assert f'- "{TITLE}": nekpijn/index.md' in printed
    assert not [path for path in project_copy.iterdir() if path.name.startswith(".mkdocs.yml")]
