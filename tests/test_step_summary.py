"""step_summary.py: the job summary's table, read back as GitHub reads Markdown (a table
extension over CommonMark, HTML allowed): every cell exactly its text, never markup."""

from __future__ import annotations

import pytest
from markdown_it import MarkdownIt
from markdown_it.token import Token

from whitepaper.diagnostics import Diagnostic, finding
from whitepaper.step_summary import cell, job_summary

MARKDOWN = MarkdownIt("commonmark", {"html": True}).enable("table")


def cells(markdown: str) -> list[list[str]]:
    """Each body row of the first table, as the text of its cells (tags would show as such)."""
    tokens = MARKDOWN.parse(markdown)
    rows: list[list[str]] = []
    in_row = False
    for token in tokens:
        if token.type in ("tr_open", "tr_close"):
            in_row = token.type == "tr_open"
            rows += [[]] if in_row else []
        elif token.type == "inline" and in_row:
            rows[-1].append(_text(token.children or []))
    return rows[1:]  # the header row first


def _text(children: list[Token]) -> str:
    """The text a reader sees; any element but plain text is marked, so the test sees it."""
    return "".join(t.content if t.type == "text" else f"<{t.type}>" for t in children)


UNTRUSTED = [
    "a | b",
    "`code` en ``meer``",
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "[klik](javascript:alert(1))",
    "[klik](https://example.org)",
    "![beeld](https://example.org/x.png)",
    "*nadruk* _ook_ ~~weg~~",
    "@iemand en #12",
    "$x^2$",
    "a\\|b\\",
    "&amp; &lt;",
    "regel\nvolgende",
]


@pytest.mark.parametrize("text", UNTRUSTED)
def test_a_cell_shows_its_text_exactly(text: str) -> None:
    row = cells(f"| kop |\n| --- |\n| {cell(text)} |\n")
    assert row == [[text.replace("\n", " ")]]


def diagnostic(message: str, severity: str = "error") -> Diagnostic:
    code = "unknown-key" if severity == "error" else "bad-doi"
    return finding("docs/p|x.md", 12, 3, code, message, "tip")  # type: ignore[arg-type]


def test_the_table_has_a_row_per_finding_of_the_change() -> None:
    mine = [diagnostic("geen item 'a|b'"), diagnostic("<b>DOI</b>", "warning")]
    summary = job_summary(mine, 3, 65)
    assert summary.startswith("## ")
    assert cells(summary) == [
        ["docs/p|x.md:12", "fout", "unknown-key", "geen item 'a|b'"],
        ["docs/p|x.md:12", "waarschuwing", "bad-doi", "<b>DOI</b>"],
    ]
    assert summary.rstrip().endswith(
        "Niet in deze tabel: 3 bekende meldingen elders en 65 bronnen gemarkeerd als onvolledig."
    )


@pytest.mark.parametrize(
    ("elsewhere", "collapsed", "changed", "said"),
    [
        (0, 0, True, ["Geen meldingen in de gewijzigde bestanden.",
                      "Niet in deze tabel: 0 bekende meldingen elders."]),
        (1, 1, True, ["Geen meldingen in de gewijzigde bestanden.",
                      "Niet in deze tabel: 1 bekende melding elders en 1 bron gemarkeerd als"
                      " onvolledig."]),
        (0, 2, False, ["Geen meldingen.",
                       "Niet in deze tabel: 2 bronnen gemarkeerd als onvolledig."]),
        (0, 0, False, ["Geen meldingen."]),
    ],
)  # fmt: skip
def test_no_findings_of_the_change_is_said(
    elsewhere: int, collapsed: int, changed: bool, said: list[str]
) -> None:
    summary = job_summary([], elsewhere, collapsed, changed=changed)
    assert cells(summary) == []
    assert [line for line in summary.splitlines()[1:] if line] == said
