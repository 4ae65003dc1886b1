"""The check's job summary on GitHub (`$GITHUB_STEP_SUMMARY`): a Dutch Markdown table of a pull
request's own findings, then a count of the known ones elsewhere.

Every cell is escaped: messages quote what a pull request wrote (keys, field text, file
names), and GitHub renders the summary as Markdown with HTML, so a `|` must not end a cell, a
backtick must not open code, and `<` must not open a tag.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from whitepaper.diagnostics import Diagnostic, counted

_SEVERITY = {"error": "fout", "warning": "waarschuwing"}
_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;"}
# What GitHub's Markdown gives a meaning inside a cell: the cell's end, code, emphasis, links,
# images, math ($), a mention (@) or an issue (#). A backslash makes each plain text.
_PUNCTUATION = re.compile(r"[\\`*_\[\]|~!$@#]")
_SPACE = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")


def cell(text: str) -> str:
    """`text` as one cell of a Markdown table, shown exactly as written."""
    flat = _SPACE.sub(" ", text).strip()
    return "".join(_ENTITIES.get(char) or _escaped(char) for char in flat)


def _escaped(char: str) -> str:
    return f"\\{char}" if _PUNCTUATION.fullmatch(char) else char


def job_summary(
    mine: Sequence[Diagnostic], elsewhere: int, collapsed: int, *, changed: bool = True
) -> str:
    """The summary: `mine` (the pull request's findings) as a table, then a line counting the
    `elsewhere` findings of files it did not change and the `collapsed` onvolledig entries.
    Without `changed` nothing was named: `mine` is every finding, and there is no elsewhere."""
    lines = ["## Controle van bronvermeldingen en voetnoten", ""]
    if mine:
        lines += ["| bestand:regel | ernst | code | melding |", "| --- | --- | --- | --- |"]
        lines += [
            f"| {cell(f'{d.path}:{d.line}')} | {_SEVERITY[d.severity]} | {cell(d.code)} "
            f"| {cell(d.message)} |"
            for d in mine
        ]
    else:
        lines.append("Geen meldingen in de gewijzigde bestanden." if changed else "Geen meldingen.")
    known = (
        [counted(elsewhere, "bekende melding elders", "bekende meldingen elders")]
        if changed
        else []
    )
    if collapsed:
        known.append(
            counted(
                collapsed, "bron gemarkeerd als onvolledig", "bronnen gemarkeerd als onvolledig"
            )
        )
    if known:
        lines += ["", "Niet in deze tabel: " + " en ".join(known) + "."]
    return "\n".join(lines) + "\n"
