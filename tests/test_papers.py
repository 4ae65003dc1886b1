"""papers.py: what a paper is — a folder of docs/ with an index.md — said once for every stage."""

from __future__ import annotations

from pathlib import Path

import pytest

from whitepaper.papers import ChangelogEntry, find_papers, folder_of, is_index_page, paper_names
from whitepaper.sources.documents import Document, parse_document

DOCS = Path("/project/docs")


def page(path: str, front_matter: str = "") -> Document:
    text = f"---\n{front_matter}\n---\n\n# Tekst\n" if front_matter else "# Tekst\n"
    return parse_document(text, DOCS / path)


PAGES = [
    page("index.md"),
    page("kraken/index.md", "title: Kraken\ndate: 2025-06"),
    page("kraken/deel/twee.md"),
    page("fascia/index.md", "title: Fascia\ndate: 2025-06"),
    page("oud/index.md", "title: Oud"),
    page("nieuw/index.md", "title: Nieuw\ndate: 2026"),
    page("losse-map/notities.md"),  # no index page: no paper
    page("zonder-titel/index.md", "summary: x"),  # the check's front-matter error
]
PAPERS = find_papers(PAGES, DOCS)


def test_a_paper_is_a_folder_with_an_index_page_that_has_a_title() -> None:
    assert sorted(PAPERS.by_name) == ["fascia", "kraken", "nieuw", "oud"]
    assert PAPERS.by_name["kraken"].title == "Kraken"


@pytest.mark.parametrize(
    ("uri", "paper"),
    [
        ("index.md", None),
        ("kraken/index.md", "kraken"),
        ("kraken/deel/twee.md", "kraken"),
        ("losse-map/notities.md", None),
        ("zonder-titel/index.md", None),
    ],
)
def test_every_page_below_a_paper_belongs_to_it(uri: str, paper: str | None) -> None:
    assert PAPERS.of(uri) == paper


def test_pages_are_grouped_by_paper_and_the_rest_under_the_empty_name() -> None:
    grouped = {
        name: [PAPERS.uri(doc) for doc in docs] for name, docs in PAPERS.group(PAGES).items()
    }
    assert grouped["kraken"] == ["kraken/index.md", "kraken/deel/twee.md"]
    assert grouped[""] == ["index.md", "losse-map/notities.md", "zonder-titel/index.md"]


def test_the_home_page_lists_newest_first_then_by_title_undated_last() -> None:
    assert PAPERS.listed() == ["nieuw", "fascia", "kraken", "oud"]


def test_only_a_papers_index_page_names_its_section() -> None:
    assert PAPERS.title_of("kraken/index.md") == "Kraken"
    assert PAPERS.title_of("kraken/deel/twee.md") is None
    assert PAPERS.title_of("index.md") is None


@pytest.mark.parametrize(
    ("uri", "folder", "index"),
    [
        ("index.md", None, False),
        ("kraken/index.md", "kraken", True),
        ("kraken/deel/index.md", "kraken", False),
        ("kraken/b.md", "kraken", False),
    ],
)
def test_folder_and_index_page_of_a_uri(uri: str, folder: str | None, index: bool) -> None:
    assert (folder_of(uri), is_index_page(uri)) == (folder, index)


def test_paper_names_come_from_the_files_alone(tmp_path: Path) -> None:
    """What `whitepaper pdf PAPER` offers before anything is read; hidden folders are skipped."""
    for folder in ("kraken", "fascia", ".concept", "losse-map"):
        (tmp_path / folder).mkdir()
    for folder in ("kraken", "fascia", ".concept"):
        (tmp_path / folder / "index.md").write_text("# x\n", encoding="utf-8")
    (tmp_path / "losse-map" / "a.md").write_text("# x\n", encoding="utf-8")
    assert paper_names(tmp_path) == ["fascia", "kraken"]


def test_a_papers_version_and_changelog_come_from_its_index_page() -> None:
    """As the check read them: no version is invented, the changes come newest first."""
    changelog = (
        "changelog:\n  - {version: '1.0', date: 2025-06, summary: Eerste versie.}\n"
        "  - {version: '1.1', date: 2026-03-03, summary: Nieuwe bronnen.}"
    )
    pages = [
        page("kraken/index.md", f"title: Kraken\nversion: '1.1'\n{changelog}"),
        page("fascia/index.md", "title: Fascia"),
    ]
    papers = find_papers(pages, DOCS).by_name
    assert papers["kraken"].version == "1.1"
    assert papers["kraken"].changelog == (
        ChangelogEntry("1.1", (2026, 3, 3), "Nieuwe bronnen."),
        ChangelogEntry("1.0", (2025, 6), "Eerste versie."),
    )
    assert (papers["fascia"].version, papers["fascia"].changelog) == (None, ())
