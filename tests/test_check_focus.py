"""check/focus.py and check/report.py: the named findings first, acknowledged incompleteness
collapsed into one line, and what the three formats print of it."""

from __future__ import annotations

import json
import weakref
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from whitepaper.check import findings
from whitepaper.check.findings import check_and_index, check_and_read
from whitepaper.check.focus import Focused, Named, collapsed_line, focus, focus_index
from whitepaper.check.report import count_line, render_focused, shown
from whitepaper.diagnostics import Diagnostic, finding
from whitepaper.sources.reading import Sources

# Line 1: marked (cited on a), 5: marked (cited on b), 9: unmarked gap (cited on a),
# 12: a book that the marked chapter on line 15 inherits from (cited on b through it).
BIB = """\
@misc{marked_a,
  note = {onvolledig: de bron noemt geen auteur},
  title = {Richtlijn}, year = 2021}

@misc{marked_b,
  note = {Onvolledig; geen titel},
  organization = {KNMP}, year = 2019}

@misc{gap, title = {Folder}}

@book{boek,
  note = {onvolledig: geen uitgever}, title = {Boek}, year = 2020}

@inbook{hoofdstuk, crossref = {boek}, author = {Jansen, P.}, title = {Hoofdstuk}}
"""
# Each paper names what its card shows (missing-metadata is not what these tests are about).
NAMED = "association: Proefvereniging\ndate: 2025-06\ncontact: info@proefvereniging.nl\n"
PAGE = '---\ntitle: {title}\nversion: "1.0"\n' + NAMED + "---\n\n# {title}\n\n{text}\n"
PAGES = {
    "a": "Zie [@marked_a; @gap].",
    "b": "Zie [@marked_b] en [@hoofdstuk] en [@onbekend].",
}


@pytest.fixture
def read(tmp_path: Path) -> tuple[list[Diagnostic], Sources]:
    for name, text in PAGES.items():
        (tmp_path / "docs" / name).mkdir(parents=True)
        page = PAGE.format(title=name.upper(), text=text)
        (tmp_path / "docs" / name / "index.md").write_text(page, encoding="utf-8")
    (tmp_path / "bib").mkdir()
    (tmp_path / "bib" / "refs.bib").write_text(BIB, encoding="utf-8")
    checked, sources = check_and_read(tmp_path / "docs", tmp_path / "bib", root=tmp_path)
    assert checked.index == focus_index(sources)  # the build's index is the check's
    return checked.findings, sources


def keys(found: tuple[Diagnostic, ...]) -> list[str]:
    """Each finding as path:line:code, what the groups are compared by."""
    return [f"{d.path}:{d.line}:{d.code}" for d in found]


MARKED_A = "bib/refs.bib:2:incomplete-entry"
MARKED_B = "bib/refs.bib:6:incomplete-entry"
GAP = "bib/refs.bib:9:incomplete-entry"
BOOK = "bib/refs.bib:12:incomplete-entry"
UNKNOWN = "docs/b/index.md:11:unknown-key"


@pytest.mark.parametrize(
    ("named", "show_incomplete", "first", "collapsed"),
    [
        (Named(), False, [], [MARKED_A, MARKED_B, BOOK]),
        (Named(), True, [], []),
        (Named(frozenset({"docs/a/index.md"})), False, [GAP, MARKED_A], [MARKED_B, BOOK]),
        # the book is shown in full: the named page cites a chapter that inherits from it
        # marked ones of hers after her other findings: GitHub shows ten of a kind a step
        (Named(frozenset({"docs/b/index.md"})), False, [UNKNOWN, MARKED_B, BOOK], [MARKED_A]),
        (Named(frozenset({"docs/a"})), False, [GAP, MARKED_A], [MARKED_B, BOOK]),
        (Named(frozenset({"bib/refs.bib"})), False, [GAP, MARKED_A, MARKED_B, BOOK], []),
        # changed lines of a shared .bib file: only the entries they touch
        (Named(lines={"bib/refs.bib": frozenset({7})}), False, [MARKED_B], [MARKED_A, BOOK]),
        (Named(lines={"bib/refs.bib": frozenset({4, 10})}), False, [], [MARKED_A, MARKED_B, BOOK]),
        (Named(frozenset({"docs/b/index.mdx"})), False, [], [MARKED_A, MARKED_B, BOOK]),
        # a changed page: its findings are hers, but only the citations on changed lines
        (
            Named(
                frozenset({"docs/b/index.md"}), citing_lines={"docs/b/index.md": frozenset({10})}
            ),
            False,
            [UNKNOWN],
            [MARKED_A, MARKED_B, BOOK],
        ),
        (
            Named(
                frozenset({"docs/b/index.md"}), citing_lines={"docs/b/index.md": frozenset({11})}
            ),
            False,
            [UNKNOWN, MARKED_B, BOOK],
            [MARKED_A],
        ),
    ],
)
def test_named_first_and_marked_ones_collapsed(
    read: tuple[list[Diagnostic], Sources],
    named: Named,
    show_incomplete: bool,
    first: list[str],
    collapsed: list[str],
) -> None:
    found, sources = read
    focused = focus(found, focus_index(sources), named, show_incomplete=show_incomplete)
    assert keys(focused.named) == first
    assert keys(focused.collapsed) == collapsed
    every = sorted(keys(focused.named + focused.elsewhere + focused.collapsed))
    assert every == sorted(keys(tuple(found)))  # nothing lost, nothing twice
    assert GAP in keys(focused.shown)  # an unmarked gap is never collapsed


def test_a_warm_check_focuses_from_the_cache_alone(
    tmp_path: Path, read: tuple[list[Diagnostic], Sources], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The index focus needs is cached with the findings: nothing is read or parsed again."""
    found, sources = read
    where = {"root": tmp_path, "cache_dir": tmp_path / "cache"}
    cold = check_and_index(tmp_path / "docs", tmp_path / "bib", **where)
    assert cold == (found, focus_index(sources))

    def parsed(*args: object) -> None:
        raise AssertionError("a warm check read its sources")

    monkeypatch.setattr(findings, "read_sources", parsed)
    assert check_and_index(tmp_path / "docs", tmp_path / "bib", **where) == cold
    named = Named(frozenset({"docs/b"}))
    assert focus(found, cold[1], named) == focus(found, focus_index(sources), named)


def test_the_sources_are_gone_before_the_collector_is_back(
    tmp_path: Path, read: tuple[list[Diagnostic], Sources], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Alive when the paused collector is enabled again, a large site's parse (a million
    objects) would be walked whole by its first collection."""
    made: list[weakref.ref[Sources]] = []
    alive_after: list[bool] = []
    reading = findings.read_sources

    def read_and_remember(*args: Any) -> Sources:
        sources = reading(*args)
        made.append(weakref.ref(sources))
        return sources

    @contextmanager
    def paused() -> Iterator[None]:
        yield
        alive_after.append(any(ref() is not None for ref in made))

    monkeypatch.setattr(findings, "read_sources", read_and_remember)
    monkeypatch.setattr(findings, "paused_gc", paused)
    check_and_index(tmp_path / "docs", tmp_path / "bib", root=tmp_path)
    assert made and alive_after == [False]


@pytest.mark.parametrize(
    ("count", "line"),
    [
        (1, "1 bron is gemarkeerd als onvolledig: `whitepaper check --show-incomplete` toont die"),
        (65, "65 bronnen zijn gemarkeerd als onvolledig: `whitepaper check --show-incomplete`"
             " toont ze"),
    ],
)  # fmt: skip
def test_the_collapsed_line_counts(count: int, line: str) -> None:
    assert collapsed_line(count) == line


def at(path: str, line: int, code: str = "unknown-key") -> Diagnostic:
    return finding(path, line, 1, code, f"melding {line}", "tip")  # type: ignore[arg-type]


ERROR = at("docs/mijn.md", 3)
WARNING = at("bib/mijn.bib", 4, "bad-doi")
OLD_ERROR = at("docs/oud.md", 1)
OLD_WARNING = at("bib/oud.bib", 2, "unused-entry")
MARKED = at("bib/oud.bib", 7, "incomplete-entry")
FOCUSED = Focused((ERROR, WARNING), (OLD_ERROR, OLD_WARNING), (MARKED,))


def test_text_puts_the_named_first_under_no_heading_then_the_rest() -> None:
    text = render_focused(FOCUSED, "text", heading="de genoemde bestanden")
    lines = [line for line in text.splitlines() if not line.startswith(" ")]
    assert lines == [
        "docs/mijn.md:3:1: error[unknown-key] melding 3",
        "bib/mijn.bib:4:1: warning[bad-doi] melding 4",
        "Bekende meldingen elders (niet in de genoemde bestanden):",
        "docs/oud.md:1:1: error[unknown-key] melding 1",
        "bib/oud.bib:2:1: warning[unused-entry] melding 2",
        collapsed_line(1),
        "2 fouten, 2 waarschuwingen",
    ]


@pytest.mark.parametrize(
    ("focused", "heading", "only_errors", "said"),
    [
        (Focused((), (), (MARKED,)), None, False,
         [collapsed_line(1), "geen andere problemen gevonden"]),
        (Focused((), (), ()), None, False, ["geen problemen gevonden"]),
        (Focused((), (OLD_ERROR,), ()), "de gewijzigde bestanden", False,
         ["Geen meldingen in de gewijzigde bestanden.",
          "Bekende meldingen elders (niet in de gewijzigde bestanden):",
          "1 fout, 0 waarschuwingen"]),
        (FOCUSED, None, True, ["2 fouten (3 waarschuwingen niet getoond)"]),
        (Focused((WARNING,), (), (MARKED,)), None, True,
         ["geen fouten (2 waarschuwingen niet getoond)"]),
        (Focused((ERROR,), (), ()), None, True, ["1 fout, 0 waarschuwingen"]),
    ],
)  # fmt: skip
def test_the_text_says_what_it_left_out(
    focused: Focused, heading: str | None, only_errors: bool, said: list[str]
) -> None:
    """The lines besides the findings: the heading, the collapsed line, the count."""
    text = render_focused(focused, "text", heading=heading, only_errors=only_errors)
    lines = [line for line in text.splitlines() if not line.startswith((" ", "docs/", "bib/"))]
    assert lines == said


def test_only_errors_leaves_every_warning_out() -> None:
    show = shown(FOCUSED, only_errors=True)
    assert (show.named, show.elsewhere, show.collapsed, show.hidden) == (
        (ERROR,),
        (OLD_ERROR,),
        0,
        3,
    )
    assert count_line(show) == "2 fouten (3 waarschuwingen niet getoond)"


def test_github_annotates_the_named_first_and_the_collapsed_as_one_notice() -> None:
    lines = render_focused(FOCUSED, "github").splitlines()
    assert [line.split(" ", 1)[0] for line in lines] == [
        "::error", "::warning", "::error", "::warning", "::notice",
    ]  # fmt: skip
    assert "file=docs/mijn.md" in lines[0] and "file=bib/mijn.bib" in lines[1]
    assert lines[-1] == f"::notice title=whitepaper check::{collapsed_line(1)}"
    assert not any("line=7" in line for line in lines)  # no annotation for a collapsed one


@pytest.mark.parametrize(
    ("only_errors", "paths"),
    [
        (False, ["docs/mijn.md", "bib/mijn.bib", "bib/oud.bib", "bib/oud.bib", "docs/oud.md"]),
        (True, ["docs/mijn.md", "docs/oud.md"]),
    ],
)
def test_json_lists_every_finding_the_named_first(only_errors: bool, paths: list[str]) -> None:
    found = json.loads(render_focused(FOCUSED, "json", only_errors=only_errors))
    assert [item["path"] for item in found] == paths
