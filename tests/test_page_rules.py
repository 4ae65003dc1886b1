"""Sources.cited (each page's cited keys), and the paths the page rules compute as text:
what pathlib would say."""

from __future__ import annotations

from pathlib import Path, PurePosixPath

import pytest

from whitepaper.cache import Cache
from whitepaper.check.front_matter_rules import front_matter_findings
from whitepaper.check.front_matter_values import Block
from whitepaper.diagnostics import SourceText, display_path, relative_posix
from whitepaper.papers import page_uri
from whitepaper.sources.reading import Sources, read_sources, take_inventory

PAGES = {
    "a/index.md": "---\ntitle: A\n---\n\nZie [@een; @twee].\n\nEn @drie [p. 4].\n",
    "a/deel.md": "Geen bron.\n",
    "b/index.md": "Zie [^1].\n\n[^1]: Zoals [-@twee].\n",
}


def _sources(root: Path) -> Sources:
    for name, text in PAGES.items():
        (root / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (root / "docs" / name).write_text(text, encoding="utf-8")
    (root / "bib").mkdir()
    (root / "bib" / "refs.bib").write_text("@misc{een, title = {Een}}\n", encoding="utf-8")
    inventory = take_inventory(root / "docs", root / "bib", root)
    return read_sources(inventory, Cache(None))


def test_each_page_has_its_cited_keys_with_their_lines_in_page_order(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    uris = [page_uri(doc.path, sources.docs_dir) for doc in sources.documents]
    assert dict(zip(uris, sources.cited, strict=True)) == {
        "a/index.md": [("een", 5), ("twee", 5), ("drie", 7)],
        "a/deel.md": [],
        "b/index.md": [("twee", 3)],
    }


def test_the_keys_are_made_once_a_reading(tmp_path: Path) -> None:
    sources = _sources(tmp_path)
    assert sources.cited is sources.cited
    other = Sources(*(getattr(sources, name) for name in Sources.__dataclass_fields__))
    assert other.cited == sources.cited and other.cited is not sources.cited


@pytest.mark.parametrize(
    ("path", "base", "below"),
    [
        ("/site/docs/a.md", "/site", "docs/a.md"),
        ("/site/docs/a/b.md", "/site/docs", "a/b.md"),
        ("/site/docs/./a.md", "/site", "docs/a.md"),
        ("/site//docs/a.md", "/site/", "docs/a.md"),
        ("/site/docs/../a.md", "/site", "docs/../a.md"),  # '..' kept, as pathlib keeps it
        ("//net/docs/a.md", "//net", "docs/a.md"),  # POSIX keeps a leading '//'
        ("docs/a.md", "docs", "a.md"),
        ("/site", "/site", None),  # the base itself: pathlib's '.'
        ("/sitemap/a.md", "/site", None),  # a name that starts like the base is not below it
        ("/elders/a.md", "/site", None),
        ("/a.md", "/", None),
    ],
)
def test_a_path_below_its_base_is_told_as_text_as_pathlib_tells_it(
    path: str, base: str, below: str | None
) -> None:
    """None: text alone does not tell, and pathlib is asked."""
    assert relative_posix(PurePosixPath(path), PurePosixPath(base)) == below
    if below is not None:
        assert PurePosixPath(path).relative_to(base).as_posix() == below


def test_page_uris_and_shown_paths_are_pathlibs_own(tmp_path: Path) -> None:
    docs = tmp_path / "docs"
    for path in (docs / "a" / "index.md", docs / "index.md", docs / "a" / ".." / "b.md"):
        assert page_uri(path, docs) == path.relative_to(docs).as_posix()
        assert display_path(path, tmp_path) == path.relative_to(tmp_path).as_posix()
    assert page_uri(docs, docs) == "."
    with pytest.raises(ValueError):
        page_uri(tmp_path / "elders.md", docs)
    assert display_path(tmp_path, tmp_path) == "."


def test_a_text_version_composes_no_yaml(monkeypatch: pytest.MonkeyPatch) -> None:
    """Only a number can have been misread (1.10 → 1.1): a page with a text version is never
    parsed again for its node's marks."""

    def composed(self: Block) -> None:
        raise AssertionError("composed")

    monkeypatch.setattr(Block, "root", property(composed))
    source = SourceText('---\ntitle: A\nversion: "1.10"\n---\n')
    front = {"title": "A", "version": "1.10"}
    assert list(front_matter_findings(front, source, "a.md", needs_title=False)) == []


def test_a_number_version_is_still_told_as_written() -> None:
    source = SourceText("---\ntitle: A\nversion: 1.10\n---\n")
    found = list(
        front_matter_findings({"title": "A", "version": 1.1}, source, "a.md", needs_title=False)
    )
    assert [(d.line, d.message) for d in found] == [
        (3, "YAML leest 'version: 1.10' als het getal 1.1")
    ]
