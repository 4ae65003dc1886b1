"""Footnotes: what the check calls used is what the site renders, and a warning builds.

The rules are in check/footnote_rules.py; the rendering is Python-Markdown's footnotes
extension, amended by citations/footnotes.py (no back link to a reference that is not there).
"""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import pypandoc
import pytest
from markdown.extensions.footnotes import NBSP_PLACEHOLDER

from tests.catalogue import BAD, prepare
from whitepaper import cli
from whitepaper.check import footnote_rules
from whitepaper.check.findings import check
from whitepaper.citations.footnotes import FootnoteBacklinks

# The extensions of the project's mkdocs.yml that render footnotes and what can stand in them.
EXTENSIONS = ["abbr", "admonition", "attr_list", "def_list", "footnotes", "md_in_html", "tables"]
FRONT = "---\ntitle: P\nversion: '1.0'\n---\n\n"
ENTRY = "@book{a, author={Auteur, A.}, title={Titel}, year=2020}\n"


def rendered(text: str) -> str:
    return markdown.markdown(text, extensions=[*EXTENSIONS, FootnoteBacklinks()])


def back_links(html: str) -> list[str]:
    return re.findall(r'class="footnote-backref" href="#([^"]+)"', html)


def anchors(html: str) -> set[str]:
    return set(re.findall(r'id="([^"]+)"', html))


@pytest.mark.parametrize(
    ("text", "links"),
    [
        ("Tekst[^1].\n\n[^1]: Noot.\n", ["fnref:1"]),
        ("Tekst.\n\n[^1]: Nergens gebruikt.\n", []),
        ("Tekst[^1].\n\n[^1]: Noot.\n\n[^2]: Nergens gebruikt.\n", ["fnref:1"]),
        ("Twee[^1] keer[^1].\n\n[^1]: Noot.\n", ["fnref:1", "fnref2:1"]),
        ("Tekst[^1].\n\n[^1]: Zie ook[^2].\n\n[^2]: Binnen.\n", ["fnref:1", "fnref:2"]),
        ("Tekst.\n\n[^1]: Zie[^2].\n\n[^2]: Binnen.\n", ["fnref:2"]),  # 2 is used, by note 1
        ("Tekst.\n\n[^1]:\n    ```\n    code\n    ```\n", []),
        ("> Tekst[^a].\n\n[^a]: *Noot*.\n\n[^b]: - lijst\n", ["fnref:a"]),
    ],
)
def test_only_back_links_to_nowhere_are_dropped(text: str, links: list[str]) -> None:
    """Every back link left leads to a reference on the page; every note stays."""
    html = rendered(text)
    assert back_links(html) == links
    assert set(links) <= anchors(html)
    defined = re.findall(r"^\[\^([^\]]+)\]:", text, re.MULTILINE)
    assert {f"fn:{label}" for label in defined} <= anchors(html)


def test_without_the_extension_a_note_nothing_refers_to_links_nowhere() -> None:
    """What MkDocs' anchor validation refused: the reason for FootnoteBacklinks."""
    html = markdown.markdown("Tekst.\n\n[^1]: Noot.\n", extensions=EXTENSIONS)
    assert back_links(html) == ["fnref:1"]
    assert "fnref:1" not in anchors(html)


@pytest.mark.parametrize(
    ("text", "paragraph"),
    [
        ("Tekst.\n\n[^1]: Een *noot*.\n", "<p>Een <em>noot</em>.</p>"),
        ("Tekst.\n\n[^1]: Een noot.\n", "<p>Een noot.</p>"),
    ],
)
def test_the_space_before_a_dropped_link_goes_with_it(text: str, paragraph: str) -> None:
    html = rendered(text)
    assert paragraph in html
    assert NBSP_PLACEHOLDER not in html and "&#160;" not in html


def test_a_note_of_blocks_keeps_no_empty_paragraph() -> None:
    """The extension puts the back link of a note that ends in a code block in a paragraph of
    its own; that paragraph goes with the link."""
    html = rendered("Tekst.\n\n[^1]:\n    ```\n    code\n    ```\n")
    assert "<p></p>" not in html and "<li" in html


def write(root: Path, page: str, bib: str = ENTRY) -> Path:
    (root / "docs" / "p").mkdir(parents=True)
    (root / "docs" / "p" / "index.md").write_text(FRONT + page, encoding="utf-8")
    (root / "bib").mkdir()
    (root / "bib" / "refs.bib").write_text(bib, encoding="utf-8")
    return root


def footnote_codes(root: Path) -> list[tuple[int, str]]:
    found = check(root / "docs", root / "bib", root=root)
    return [(d.line, d.code) for d in found if "footnote" in d.code]


@pytest.mark.parametrize(
    ("page", "codes"),
    [
        ("Tekst[^1].\n\n[^1]: Zie @a en[^2].\n\n[^2]: Zie @a.\n", []),
        ("Tekst.\n\n[^1]: Zie @a en[^2].\n\n[^2]: Zie @a.\n", [(8, "unused-footnote")]),
        ("Tekst[^1].\n\n[^1]: Zie @a en[^2].\n\n[^2]: Geen bron.\n", [(10, "uncited-footnote")]),
    ],
)
def test_a_reference_inside_a_note_makes_the_note_it_names_used(
    tmp_path: Path, page: str, codes: list[tuple[int, str]]
) -> None:
    """As Python-Markdown renders it; a note referred to only so still needs its own source."""
    assert footnote_codes(write(tmp_path, page)) == codes


def test_pandoc_leaves_a_reference_inside_a_note_as_text() -> None:
    """The documented difference (README, "Footnotes"): pandoc keeps '[^2]' inside note 1 as
    text and drops note 2. When this fails, pandoc changed: read README's paragraph again."""
    html = pypandoc.convert_text(
        "Tekst[^1].\n\n[^1]: Zie ook[^2].\n\n[^2]: Binnen.\n", "html", format="markdown"
    )
    assert "ook[^2]" in html and "Binnen" not in html


@pytest.mark.parametrize(
    ("page", "uncited"),
    [
        # a label defined twice: a citation belongs to the last definition before it
        ("x[^1]\n\n[^1]: Geen bron.\n\n[^1]: Zie @a.\n", [8]),
        ("x[^1]\n\n[^1]: Zie @a.\n\n[^1]: Geen bron.\n", [10]),
        ("x[^1]\n\n[^1]: Zie @a.\n\n[^1]: Zie @a.\n", []),
    ],
)
def test_a_citation_belongs_to_the_definition_it_stands_in(
    tmp_path: Path, page: str, uncited: list[int]
) -> None:
    found = check(write(tmp_path, page) / "docs", tmp_path / "bib", root=tmp_path)
    assert [d.line for d in found if d.code == "uncited-footnote"] == uncited


def test_a_close_label_is_sought_once_per_undefined_label(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A page repeating an undefined reference costs one search, not one per reference."""
    searched: list[str] = []
    real = footnote_rules.difflib.get_close_matches

    def counted(word: str, possibilities: list[str], n: int = 3) -> list[str]:
        searched.append(word)
        return real(word, possibilities, n)

    monkeypatch.setattr(footnote_rules.difflib, "get_close_matches", counted)
    page = "".join(f"Zin[^noot{i % 2}].\n\n" for i in range(10)) + "[^noot]: Zie @a.\n"
    found = check(write(tmp_path, page) / "docs", tmp_path / "bib", root=tmp_path)
    undefined = [d for d in found if d.code == "undefined-footnote"]
    assert len(undefined) == 10 and {d.hint for d in undefined} == {"bedoelde u '[^noot]'?"}
    assert sorted(searched) == ["noot0", "noot1"]


@pytest.mark.slow
def test_a_site_with_a_footnote_nothing_refers_to_builds(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The check warns, `whitepaper build` (strict) exits 0, and the page shows both notes,
    the unused one without its back link, and no link on it leads nowhere."""
    root = prepare(BAD / "footnote-unused-builds", tmp_path)
    monkeypatch.chdir(root)
    assert cli.main(["check"]) == 0
    assert "warning[unused-footnote]" in capsys.readouterr().out
    assert cli.main(["build"]) == 0
    html = (root / "site" / "p" / "index.html").read_text(encoding="utf-8")
    notes = html[html.index('<div class="footnote">') : html.index('id="literatuur"')]
    assert re.findall(r'<li id="(fn:\d)"', notes) == ["fn:1", "fn:2"]
    assert back_links(notes) == ["fnref:1"]
    assert "Stecco, 2018, p. 3" in notes  # the unused note still shows its source
    links = set(re.findall(r'href="#([^"]+)"', html))
    assert links <= anchors(html) | {""}, links - anchors(html)


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("Tekst[^1].\n\n[^1]: Noot.\n", ["Voetnoot 1", "Terug naar de tekst"]),
        ("Tekst[^bron].\n\n[^bron]: Noot.\n", ["Voetnoot 1", "Terug naar de tekst"]),
        ("Tekst.\n\n[^1]: Nergens gebruikt.\n", []),
    ],
)
def test_footnote_links_have_names_a_screen_reader_can_say(text: str, names: list[str]) -> None:
    assert re.findall(r'aria-label="([^"]+)"', rendered(text)) == names
