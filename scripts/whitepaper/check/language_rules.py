"""The check's rule for the language an entry names: `unknown-language` for a `langid` or
`language` value `sources.languages` does not know. The site would otherwise drop it without
a word, and the title would be read, and hyphenated, as Dutch."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from whitepaper.diagnostics import Diagnostic
from whitepaper.sources.entries import BibEntry, entry_finding
from whitepaper.sources.languages import KNOWN, unknown_values


def language_findings(entry: BibEntry, path: str) -> Iterator[Diagnostic]:
    """`unknown-language` at each field naming a language the table does not know."""
    for field, value in unknown_values(entry):
        yield entry_finding(
            entry,
            path,
            field,
            "unknown-language",
            f"de taal '{value}' in het veld '{field}' is onbekend: de site geeft de titel"
            " daardoor geen taal",
            _hint(field, value),
        )


# Languages as Dutch names them, which biblatex does not read: the name it does, for the tip.
_DUTCH_NAMES = {
    "engels": "english",
    "amerikaans": "american",
    "brits": "british",
    "nederlands": "dutch",
    "vlaams": "dutch",
    "duits": "german",
    "frans": "french",
    "spaans": "spanish",
    "italiaans": "italian",
    "portugees": "portuguese",
    "deens": "danish",
    "zweeds": "swedish",
    "noors": "norsk",
    "fins": "finnish",
    "pools": "polish",
}


def _hint(field: str, value: str) -> str:
    written = value.strip().lower()
    close = [_DUTCH_NAMES[written]] if written in _DUTCH_NAMES else []
    close = close or difflib.get_close_matches(written.replace("_", "-"), KNOWN, n=1)
    if close:
        meant = KNOWN[close[0]]
        return f"bedoelde u '{meant}'? Schrijf {field} = {{{meant}}}"
    return (
        f"schrijf de taal zoals biblatex die noemt, zoals {field} = {{english}}, of als"
        f" taalcode: {field} = {{en}}"
    )
