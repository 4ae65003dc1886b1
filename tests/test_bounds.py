"""`too-large`: each bound of check/bounds_rules.py, at the bound and one past it.

The bounds are made small here, so that an input one past a bound is small too; the catalogue
(`bounds-*` cases) runs them at their real size, as users meet them.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import ROOT
from whitepaper.check import bounds_rules
from whitepaper.check.findings import check
from whitepaper.diagnostics import Diagnostic

FRONT = "---\ntitle: P\nversion: '1.0'\n---\n\n"
SMALL = {
    "MAX_PAGE_BYTES": 400,
    "MAX_REFERENCES_PER_PAGE": 6,
    "MAX_REFERENCES_PER_NOTE": 3,
    "MAX_CITED_ENTRIES": 4,
    "MAX_ENTRIES": 5,
}
REAL = {name: getattr(bounds_rules, name) for name in SMALL}  # before the fixture shrinks them


@pytest.fixture(autouse=True)
def small_bounds(monkeypatch: pytest.MonkeyPatch) -> None:
    for name, value in SMALL.items():
        monkeypatch.setattr(bounds_rules, name, value)


def entries(count: int) -> str:
    return "".join(
        f"@book{{k{i}, author={{Auteur, A.}}, title={{Titel}}, year=2020}}\n" for i in range(count)
    )


def too_large(tmp_path: Path, pages: dict[str, str], bib: str = entries(1)) -> list[Diagnostic]:
    for name, text in pages.items():
        (tmp_path / "docs" / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / "docs" / name).write_text(text, encoding="utf-8")
    (tmp_path / "bib").mkdir(exist_ok=True)
    (tmp_path / "bib" / "refs.bib").write_text(bib, encoding="utf-8")
    found = check(tmp_path / "docs", tmp_path / "bib", root=tmp_path)
    return [d for d in found if d.code == "too-large"]


def sentence_line(index: int) -> int:
    """The line of sentence `index` (0-based) of a page made by `notes`."""
    return FRONT.count("\n") + 1 + 2 * index


def notes(references: list[int], extra: str = "") -> str:
    """A page referring to notes in the order given; each note defined once, citing k0."""
    sentences = "".join(f"Zin {i}[^{n}].\n\n" for i, n in enumerate(references))
    definitions = "".join(f"[^{n}]: Zie @k0.\n\n" for n in sorted(set(references)))
    return FRONT + sentences + definitions + extra


@pytest.mark.parametrize(
    ("filler", "size", "found"),
    [("a", 400, False), ("a", 401, True), ("ë", 399, False), ("ë", 401, True)],
)
def test_a_page_over_the_size_bound_is_said_at_its_first_line(
    tmp_path: Path, filler: str, size: int, found: bool
) -> None:
    """The size is counted in bytes, as the page is stored (UTF-8): 'ë' takes two."""
    text = FRONT + filler * ((size - len(FRONT)) // len(filler.encode()))
    assert len(text.encode()) == size
    findings = too_large(tmp_path, {"p/index.md": text})
    assert [(d.line, d.column) for d in findings] == ([(1, 1)] if found else [])


@pytest.mark.parametrize(
    ("references", "past"),
    [
        ([1, 1, 1], None),  # at the bound
        ([1, 2, 1, 1, 1], 4),  # the fourth reference to [^1] is the fifth sentence
        ([1, 1, 1, 1, 1, 1], 3),  # said once, at the fourth
        ([1, 2, 1, 2, 1, 2], None),  # two notes, three times each
    ],
)
def test_a_note_referred_to_too_often_is_said_once_past_the_bound(
    tmp_path: Path, references: list[int], past: int | None
) -> None:
    found = too_large(tmp_path, {"p/index.md": notes(references)})
    assert [d.line for d in found] == ([sentence_line(past)] if past is not None else [])
    if past is not None:
        assert found[0].message == (
            f"naar voetnoot '[^1]' wordt {references.count(1)} keer verwezen; de build verwerkt"
            " hoogstens 3 verwijzingen naar één voetnoot"
        )
        assert found[0].hint == (
            "maak voor de verwijzingen vanaf deze (4e) een nieuwe voetnoot, met dezelfde bron"
        )


@pytest.mark.parametrize(("count", "found"), [(6, False), (7, True), (9, True)])
def test_a_page_referring_to_notes_too_often_is_said_at_the_reference_past_the_bound(
    tmp_path: Path, count: int, found: bool
) -> None:
    findings = too_large(tmp_path, {"p/index.md": notes(list(range(1, count + 1)))})
    assert [d.line for d in findings] == ([sentence_line(6)] if found else [])
    if found:
        assert findings[0].message == (
            f"de pagina verwijst {count} keer naar een voetnoot; de build verwerkt er hoogstens"
            " 6 per pagina (dit is de 7e)"
        )


def test_a_reference_inside_a_note_counts(tmp_path: Path) -> None:
    """Python-Markdown renders a reference in a note like any other: it costs the same."""
    page = notes([1, 2, 3, 4, 5, 6], extra="[^7]: Zie @k0, en ook[^1].\n")
    [finding] = too_large(tmp_path, {"p/index.md": page})
    assert (finding.line, "7 keer" in finding.message) == (page.count("\n"), True)


@pytest.mark.parametrize(("cited", "found"), [(4, False), (5, True)])
def test_a_paper_citing_too_many_entries_is_said_at_the_citation_past_the_bound(
    tmp_path: Path, cited: int, found: bool
) -> None:
    """Counted over all pages of the paper: one pandoc run formats them all."""
    index = FRONT + "".join(f"Zin [@k{i}].\n\n" for i in range(cited - 1))
    extra = f"# Bijlage\n\nZin [@k0] en [@k{cited - 1}].\n"
    findings = too_large(tmp_path, {"p/index.md": index, "p/x.md": extra}, entries(5))
    column = extra.splitlines()[2].index(f"@k{cited - 1}") + 1
    assert [(d.path, d.line, d.column) for d in findings] == (
        [("docs/p/x.md", 3, column)] if found else []
    )
    if found:
        assert findings[0].message == (
            "whitepaper 'p' citeert 5 verschillende items; de build maakt er hoogstens 4 per"
            " whitepaper op"
        )


def test_papers_are_counted_apart(tmp_path: Path) -> None:
    """Two papers of four entries each, five together: each is one pandoc run of its own."""
    pages = {
        f"{paper}/index.md": FRONT + "".join(f"[@k{i}]\n\n" for i in keys)
        for paper, keys in (("a", range(4)), ("b", range(1, 5)))
    }
    assert too_large(tmp_path, pages, entries(5)) == []


@pytest.mark.parametrize(("count", "found"), [(5, False), (6, True)])
def test_a_bibliography_over_the_bound_is_said_at_the_entry_past_it(
    tmp_path: Path, count: int, found: bool
) -> None:
    findings = too_large(tmp_path, {"p/index.md": FRONT}, entries(count))
    assert [(d.path, d.line) for d in findings] == ([("bib/refs.bib", 6)] if found else [])
    if found:
        assert findings[0].message == (
            "de bibliografie heeft 6 items; de build verwerkt er hoogstens 5 (dit is het 6e)"
        )


@pytest.mark.parametrize("name", SMALL)
def test_the_readme_states_every_bound(name: str) -> None:
    """README's "Bounds" table gives each bound as the check applies it."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Bounds\n", 1)[1].split("\n## ", 1)[0]
    value = REAL[name]
    shown = f"{value / 1e6:g} MB" if name == "MAX_PAGE_BYTES" else f"{value:,}"
    assert f"| {shown} |" in section


@pytest.mark.parametrize(
    ("text", "where"),
    [
        ("een " + "*" * 13 + "woord", (6, 5)),  # before a word
        ("woord" + "_" * 13 + " en", (6, 6)),  # after a word
        ("*_" * 7 + "x", (6, 1)),  # the markers mixed
        ("*" * 20 + "\n\nen " + "*" * 13 + "x", (8, 4)),  # a rule first, then the run
        ("x " + "*" * 12 + "y", None),  # at the bound
        ("*" * 40, None),  # a rule
        ("een " + "*" * 13 + " los", None),  # between spaces: no emphasis
    ],
)
def test_a_run_of_emphasis_markers_is_found_past_the_bound_only(
    tmp_path: Path, text: str, where: tuple[int, int] | None
) -> None:
    """Any long run is looked for first (it is quicker): the exact rule decides."""
    page = tmp_path / "docs" / "p" / "index.md"
    page.parent.mkdir(parents=True)
    page.write_text(FRONT + text + "\n", encoding="utf-8")
    (tmp_path / "bib").mkdir()
    found = check(tmp_path / "docs", tmp_path / "bib", root=tmp_path)
    deep = [(d.line, d.column) for d in found if d.code == "nesting-too-deep"]
    assert deep == ([] if where is None else [where])
