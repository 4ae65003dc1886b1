"""CONTRIBUTING.md's list of findings, generated from the table between two marker comments, so
the guide says what the check says: a test compares the file with `section()`."""

from __future__ import annotations

from whitepaper.diagnostics import CODES, Code, Severity
from whitepaper.explanations.table import EXPLANATIONS

BEGIN = (
    "<!-- codes:begin (gemaakt door `python -m whitepaper.explanations`; niet hier wijzigen) -->"
)
END = "<!-- codes:end -->"
LEVELS: dict[Severity, str] = {"error": "fout", "warning": "waarschuwing"}


class MarkersMissing(ValueError):
    """The document lacks the BEGIN and END comments (or has one twice, or END first)."""


def entry(code: Code) -> str:
    """One code's part of the list: a heading to link to, its level, meaning and fix."""
    meaning, fix = EXPLANATIONS[code]
    return f"### `{code}` ({LEVELS[CODES[code]]})\n\n{meaning}\n\n**Zo lost u het op:** {fix}\n"


def section() -> str:
    """The generated text between the markers: errors first, each level in CODES' order."""
    codes = sorted(CODES, key=lambda code: CODES[code] != "error")
    return "\n".join(entry(code) for code in codes)


def _parts(document: str) -> tuple[str, str, str]:
    """(before BEGIN, between the markers, after END)."""
    if (
        document.count(BEGIN) != 1
        or document.count(END) != 1
        or document.find(END) < document.find(BEGIN)
    ):
        raise MarkersMissing(f"zet precies één keer {BEGIN} en daaronder {END} in het bestand")
    head, rest = document.split(BEGIN)
    between, tail = rest.split(END)
    return head, between, tail


def current_section(document: str) -> str:
    """The text between `document`'s markers, as `section()` gives it when nothing drifted."""
    return _parts(document)[1].removeprefix("\n\n").removesuffix("\n")


def with_section(document: str) -> str:
    """`document` with the text between its markers replaced by `section()`."""
    head, _, tail = _parts(document)
    return f"{head}{BEGIN}\n\n{section()}\n{END}{tail}"
