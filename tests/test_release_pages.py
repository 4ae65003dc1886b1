"""A release's generated pages (publish/release_pages.py): each paper's "Versiegeschiedenis",
and "Wat is er veranderd in versie X" for a paper whose version changed since the last release.
"""

from __future__ import annotations

import io
import re
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.test_publish import KRAKEN, MASSAGE, environment, git, make_repository, publish, shown

pytestmark = pytest.mark.slow  # two releases of a small site

CHANGES = f"2026.2/{KRAKEN}/veranderd-in-1.1/index.html"
HISTORY = f"2026.2/{KRAKEN}/versiegeschiedenis/index.html"
NEW_FRONT_MATTER = (
    "version: '1.1'\nchangelog:\n  - version: '1.1'\n    date: 2026-03\n"
    "    summary: Het woord over kraken is genuanceerd.\n"
    "  - version: '1.0'\n    date: 2026-01\n    summary: Eerste versie.\n"
)


@dataclass(frozen=True)
class Released:
    repo: Path

    def show(self, path: str) -> str:
        return shown(self.repo, "gh-pages", path)

    def files(self) -> list[str]:
        return git(self.repo, "ls-tree", "-r", "--name-only", "gh-pages").splitlines()


@pytest.fixture(scope="module")
def released(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Released]:
    """2026.1; then kraken's text changed and its version raised to 1.1, published as 2026.2."""
    repo = make_repository(tmp_path_factory.mktemp("released") / "site")
    with pytest.MonkeyPatch.context() as mp, environment(mp, repo):
        assert publish("2026.1").code == 0
        page = repo / "docs" / KRAKEN / "index.md"
        text = page.read_text(encoding="utf-8").replace("version: '1.0'\n", NEW_FRONT_MATTER)
        page.write_text(text.replace("onschuldig", "ongevaarlijk"), encoding="utf-8")
        git(repo, "commit", "-q", "-am", "Kraken 1.1")
        assert publish("2026.2").code == 0
    yield Released(repo)


def article(html: str) -> str:
    return html[html.index('<article class="md-content__inner md-typeset">') :]


def test_a_changed_paper_version_gets_a_change_page_old_text_first(released: Released) -> None:
    page = article(released.show(CHANGES))
    assert "Wat is er veranderd in versie 1.1" in page
    assert "Het woord over kraken is genuanceerd." in page
    deleted, inserted = page.index("onschuldig"), page.index("ongevaarlijk")
    assert deleted < inserted  # readers expect the old text first
    assert re.search(r"<del data-pagefind-ignore[^>]*>.*?verwijderd: .*?onschuldig", page, re.S)
    assert re.search(r"<ins>.*?toegevoegd: .*?ongevaarlijk", page, re.S)


def test_only_a_changed_version_has_a_change_page(released: Released) -> None:
    files = released.files()
    assert CHANGES in files and f"latest/{KRAKEN}/veranderd-in-1.1/index.html" in files
    assert not [path for path in files if "veranderd-in" in path and MASSAGE in path]
    assert not [path for path in files if path.startswith("2026.1/") and "veranderd-in" in path]


def test_the_history_lists_each_version_with_the_site_versions_that_carry_it(
    released: Released,
) -> None:
    page = article(released.show(HISTORY))
    newer, older = page.index("Versie 1.1"), page.index("Versie 1.0")
    assert newer < older
    assert f'<a href="/whitepapers/2026.2/{KRAKEN}/">2026.2</a>' in page[newer:older]
    assert f'<a href="/whitepapers/2026.1/{KRAKEN}/">2026.1</a>' in page[older:]
    assert '<a href="../veranderd-in-1.1/">Wat is er veranderd in versie 1.1</a>' in page
    assert "maart 2026" in page and "Eerste versie." in page


def test_the_cite_box_and_the_old_versions_banner_link_them(released: Released) -> None:
    paper = released.show(f"2026.2/{KRAKEN}/index.html")
    assert f'href="/whitepapers/2026.2/{KRAKEN}/versiegeschiedenis/">Versiegeschiedenis' in paper
    assert f'href="/whitepapers/2026.2/{KRAKEN}/veranderd-in-1.1/">Wat is er veranderd' in paper
    old = released.show(f"2026.1/{KRAKEN}/index.html")
    assert f'href="/whitepapers/latest/{KRAKEN}/versiegeschiedenis/">Wat is er sindsdien' in old


@pytest.mark.parametrize("path", [CHANGES, HISTORY, f"2026.2/{KRAKEN}/index.html"])
def test_only_the_generated_pages_load_the_sheet_of_their_marks(
    released: Released, path: str
) -> None:
    """changes.css (struck-through and underlined text, the history's list) is a first visit's
    cost only where those marks are."""
    loaded = 'assets/stylesheets/changes.css"' in released.show(path)
    assert loaded == (path != f"2026.2/{KRAKEN}/index.html")


def test_generated_pages_are_neither_in_the_navigation_nor_in_the_pdf(released: Released) -> None:
    paper = released.show(f"2026.2/{KRAKEN}/index.html")
    navigation = paper[paper.index('<nav class="md-nav md-nav--primary"') :]
    navigation = navigation[: navigation.index("</nav>")]
    assert "veranderd-in" not in navigation and "versiegeschiedenis" not in navigation
    pdf = subprocess_bytes(released.repo, f"2026.2/pdf/{KRAKEN}.pdf")
    text = " ".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf)).pages)
    assert "ongevaarlijk" in text and "Wat is er veranderd" not in text
    assert "Versiegeschiedenis" not in text


def subprocess_bytes(repo: Path, path: str) -> bytes:
    return subprocess.run(
        ["git", "show", f"gh-pages:{path}"], cwd=repo, capture_output=True, check=True
    ).stdout
