"""diagnostics.py: Diagnostic values, positions, and the text, github and json formats."""

from __future__ import annotations

import difflib
import io
import json
from pathlib import Path

import pytest

from whitepaper.diagnostics import (
    CLOSE_LOOKUPS_AT_MOST,
    Closest,
    Diagnostic,
    SourceText,
    did_you_mean,
    display_path,
    format_github,
    format_json,
    format_one,
    format_text,
    github_notice,
    use_color,
)

TYPO = Diagnostic(
    "docs/p/index.md",
    7,
    6,
    "error",
    "unknown-key",
    "geen bibliografie-item 'steco2018'",
    "bedoelde u 'stecco2018'?",
    "Zie [@steco2018].",
)


def test_text_format() -> None:
    """`path:line:col: severity[code] message`, the source line with a caret, then the tip."""
    assert format_one(TYPO) == (
        "docs/p/index.md:7:6: error[unknown-key] geen bibliografie-item 'steco2018'\n"
        "  7 | Zie [@steco2018].\n"
        "    |      ^\n"
        "  tip: bedoelde u 'stecco2018'?"
    )


def test_text_without_excerpt_or_hint_is_one_line() -> None:
    bare = Diagnostic("bib/a.bib", 1, 1, "warning", "unused-entry", "'x' wordt niet geciteerd")
    assert format_one(bare) == "bib/a.bib:1:1: warning[unused-entry] 'x' wordt niet geciteerd"


@pytest.mark.parametrize(
    ("excerpt", "column", "caret_line"),
    [
        ("\tZie [@x]", 7, "    | \t     ^"),  # a tab stays a tab
        ("日本 [@x]", 5, "    | " + " " * 6 + "^"),  # wide characters take two cells
    ],
)
def test_caret_lines_up_under_the_column(excerpt: str, column: int, caret_line: str) -> None:
    d = Diagnostic("a.md", 1, column, "error", "unknown-key", "m", excerpt=excerpt)
    assert format_one(d).splitlines()[2].replace("  1 |", "    |", 1) == caret_line


def test_control_characters_from_input_never_reach_the_terminal() -> None:
    """A key or line holding an escape sequence is shown with a replacement character."""
    d = Diagnostic("a.md", 1, 1, "error", "unknown-key", "item '\x1b[2J'", "tip\x07", "\x1b[31mx")
    assert "\x1b" not in format_one(d) and "\x07" not in format_one(d)


def test_colour_only_when_asked() -> None:
    assert "\x1b[" not in format_one(TYPO)
    assert "\x1b[1;31merror\x1b[0m" in format_one(TYPO, color=True)


def test_colour_needs_a_terminal_and_no_NO_COLOR(monkeypatch: pytest.MonkeyPatch) -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(Terminal()) is True
    assert use_color(io.StringIO()) is False
    monkeypatch.setenv("NO_COLOR", "1")
    assert use_color(Terminal()) is False


def test_text_ends_with_a_count() -> None:
    assert format_text([]) == "geen problemen gevonden\n"
    assert format_text([TYPO]).endswith("\n1 fout, 0 waarschuwingen\n")


def test_github_format() -> None:
    """Workflow commands; ':' and ',' escaped in properties, '%' and newlines everywhere."""
    d = Diagnostic("docs/a,b:c.md", 3, 4, "warning", "bad-doi", "100% fout", "regel 1\nregel 2")
    assert format_github([d]) == (
        "::warning file=docs/a%2Cb%3Ac.md,line=3,col=4,title=whitepaper check [bad-doi]"
        "::100%25 fout%0Atip: regel 1%0Aregel 2\n"
    )
    assert format_github([TYPO]).startswith("::error file=docs/p/index.md,line=7,col=6,")


@pytest.mark.parametrize(
    ("message", "line"),
    [
        ("65 bronnen", "::notice title=whitepaper check::65 bronnen\n"),
        ("100%\n::error::x", "::notice title=whitepaper check::100%25%0A::error::x\n"),
    ],
)
def test_a_github_notice_is_one_line(message: str, line: str) -> None:
    """A notice stands at no file; its text can never start a second workflow command."""
    assert github_notice(message) == line


def test_json_format() -> None:
    assert json.loads(format_json([TYPO])) == [
        {
            "path": "docs/p/index.md",
            "line": 7,
            "column": 6,
            "severity": "error",
            "code": "unknown-key",
            "message": "geen bibliografie-item 'steco2018'",
            "hint": "bedoelde u 'stecco2018'?",
        }
    ]


def test_sorting_is_by_path_line_column() -> None:
    a = Diagnostic("b.md", 1, 9, "warning", "z", "m")
    b = Diagnostic("a.md", 9, 1, "error", "a", "m")
    c = Diagnostic("b.md", 1, 2, "error", "y", "m")
    assert sorted([a, b, c]) == [b, c, a]


@pytest.mark.parametrize(
    ("text", "offset", "position"),
    [
        ("abc", 0, (1, 1)),
        ("abc\ndef", 5, (2, 2)),
        ("ab\r\ncd", 4, (2, 1)),  # CRLF: the \r belongs to line 1
        ("é\n🙂x", 3, (2, 2)),  # characters, not bytes
        ("abc\n", 4, (2, 1)),  # the end of the file
    ],
)
def test_source_positions_are_one_based(text: str, offset: int, position: tuple[int, int]) -> None:
    assert SourceText(text).position(offset) == position


def test_source_lines_drop_line_endings() -> None:
    source = SourceText("a\r\nb\n")
    assert [source.line(n) for n in (1, 2, 3, 4)] == ["a", "b", "", ""]


def test_paths_are_posix_relative_to_root(tmp_path: Path) -> None:
    assert display_path(tmp_path / "docs" / "a.md", tmp_path) == "docs/a.md"
    outside = tmp_path.parent / "elders.md"
    assert display_path(outside, tmp_path / "x") == outside.as_posix()


def test_closest_finds_what_difflib_finds_but_another_and_stops_comparing_after_its_bound() -> None:
    keys = ["Stecco2018", "stecco2018", "stecco2019", "jansen2020"]
    closest = Closest(keys)
    assert closest.same_but_case("STECCO2018") == "Stecco2018"  # the first, as a scan finds it
    assert closest.same_but_case("bakker") is None
    assert closest.to("steco2019") == difflib.get_close_matches("steco2019", keys, n=1)[0]
    assert closest.to("stecco2019", other_than="stecco2019") == "stecco2018"
    assert closest.to("zzz") is None
    for n in range(CLOSE_LOOKUPS_AT_MOST):
        closest.to(f"ander{n}")
    assert closest.to("jansen2021") is None  # past the bound: not compared
    assert closest.to("steco2019") == "stecco2019"  # compared before: kept


@pytest.mark.parametrize(
    ("name", "choices", "most", "said"),
    [
        ("krak", ["kraken", "massage"], None, "bedoelde u 'kraken'?"),
        ("stecco2081", ["stecco2018", "upledger1983"], None, "bedoelde u 'stecco2018'?"),
        ("x", ["kraken", "massage"], None, "kies uit: kraken, massage"),
        ("x", [], None, "er zijn er geen"),
        ("x", [f"key{n}" for n in range(83)], 12, "geen enkele van de 83 lijkt erop"),
        ("key7x", [f"key{n}" for n in range(83)], 12, "bedoelde u 'key7'?"),
    ],
)
def test_did_you_mean_names_the_closest_or_the_choices_when_few(
    name: str, choices: list[str], most: int | None, said: str
) -> None:
    assert did_you_mean(name, choices, most) == said
