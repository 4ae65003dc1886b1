"""The `front-matter` rule: known keys with the right types (DESIGN.md, "Documents"), and
`missing-version`.

A paper's `docs/<paper>/index.md` must have a `title`, and should have a `version` (none is
invented: without one the site shows none, and the check warns, so the association decides);
other pages, and the home page `docs/index.md` (generated from the papers' front matter), may
leave them out. MkDocs and Material's own page keys (`hide`, `description`, ...) are allowed
everywhere.

`changelog` is a list of `{version, date, summary}` entries, in any order (the site shows them
newest first): `version` and `summary` are required, `date` is optional. Each wrong entry is one
finding at the entry's own line. Positions come from YAML's own node marks, so a key inside an
entry (`  date:`) is never mistaken for the paper's own key.
"""

from __future__ import annotations

import difflib
from collections.abc import Callable, Iterator, Mapping

from whitepaper.check.changelog_rules import CHANGE, changelog_findings
from whitepaper.check.front_matter_values import (
    Block,
    has_markup,
    is_date,
    is_doi,
    is_list,
    is_names,
    is_text,
    is_version,
    misread_number,
    value_of,
)
from whitepaper.diagnostics import Code, Diagnostic, SourceText, finding

Validator = Callable[[object], bool]


# key: (check, what it must be, an example line)
KEYS: dict[str, tuple[Validator, str, str]] = {
    "title": (is_text, "een tekst", 'title: "Het kraken van gewrichten"'),
    "summary": (is_text, "een tekst", "summary: Eén of twee zinnen over het whitepaper."),
    "lang": (is_text, "een taalcode", "lang: nl"),
    "version": (is_version, "een versienummer", 'version: "1.0"'),
    "authors": (is_names, "een lijst van namen", "authors: [Jan Jansen, Petra de Vries]"),
    "association": (is_text, "een tekst", "association: Nederlandse Vereniging voor ..."),
    "date": (is_date, "een datum als JJJJ, JJJJ-MM of JJJJ-MM-DD", "date: 2025-06"),
    "doi": (is_doi, "een DOI (10.NNNN/...)", "doi: 10.1234/abcd.5678"),
    "license": (is_text, "een tekst", "license: CC-BY-4.0"),
    "changelog": (is_list, "een lijst van wijzigingen", f"changelog: [{CHANGE}]"),
}
# Shown to readers as plain text (page title, navigation, home page, meta tags): markup or
# citation syntax there would either run as HTML or show as raw syntax.
SHOWN_AS_TEXT = ("title", "summary", "association", "authors")
# Page keys MkDocs and Material read themselves.
MKDOCS_KEYS = frozenset(
    {"description", "hide", "icon", "search", "status", "subtitle", "tags", "template"}
)
# Dutch names contributors are likely to write.
_DUTCH = {
    "titel": "title",
    "samenvatting": "summary",
    "taal": "lang",
    "versie": "version",
    "auteur": "authors",
    "auteurs": "authors",
    "author": "authors",
    "vereniging": "association",
    "datum": "date",
    "licentie": "license",
    "wijzigingen": "changelog",
}


def _meant(key: str) -> str:
    """The allowed key `key` most likely means ('titel' → 'title'), or ''."""
    candidates = sorted({*KEYS, *MKDOCS_KEYS, *_DUTCH})
    match = next(iter(difflib.get_close_matches(key.lower(), candidates, 1)), "")
    return _DUTCH.get(match, match)


def _suggestion(key: str) -> str:
    meant = _meant(key)
    return f"bedoelde u '{meant}'?" if meant else "toegestaan zijn: " + ", ".join(KEYS)


def front_matter_findings(
    front_matter: Mapping[str, object], source: SourceText, path: str, *, needs_title: bool
) -> Iterator[Diagnostic]:
    """Findings for one page's parsed front matter; positions point at the offending key, or
    at the offending entry of a list. `needs_title`: the page is a paper's index page, which
    needs a `title` and should have a `version` (`missing-version`)."""
    block = Block(source)

    def at(key: str, message: str, hint: str, code: Code = "front-matter") -> Diagnostic:
        line, column = block.key_position(key) or (1, 1)
        return finding(path, line, column, code, message, hint, source.line(line))

    unknown = [str(key) for key in front_matter if key not in KEYS and key not in MKDOCS_KEYS]
    title_misspelt = any(_meant(key) == "title" for key in unknown)
    if needs_title and "title" not in front_matter and not title_misspelt:
        yield at(
            "title",
            "de front matter mist 'title'",
            'zet bovenaan, tussen twee regels ---: title: "Titel van het whitepaper"',
        )
    version_misspelt = any(_meant(key) == "version" for key in unknown)
    if needs_title and "version" not in front_matter and not version_misspelt:
        yield at(
            "version",
            "dit whitepaper heeft geen 'version': de site en de PDF tonen dan geen versie",
            "de vereniging kiest het versienummer; zet het in de front matter, bijvoorbeeld"
            ' version: "1.0" (zie CONTRIBUTING.md)',
            "missing-version",
        )
    for raw_key, value in front_matter.items():
        key = str(raw_key)
        if key in KEYS:
            valid, expected, example = KEYS[key]
            if not valid(value):
                yield at(key, f"'{key}' moet {expected} zijn", f"bijvoorbeeld {example}")
            elif key in ("title", "version") and not str(value).strip():
                yield at(key, f"'{key}' is leeg", f"bijvoorbeeld {example}")
            elif key in SHOWN_AS_TEXT and has_markup(value):
                yield at(
                    key,
                    f"'{key}' bevat HTML of een bronvermelding ('<', '>', '[@' of '[^')",
                    "de front matter verschijnt als platte tekst: laat die tekens weg en citeer"
                    " in de tekst van de pagina",
                )
            elif key == "version" and (written := misread_number(value, value_of(block.root, key))):
                yield at(
                    key,
                    f"YAML leest 'version: {written}' als het getal {value}",
                    f'zet de versie tussen aanhalingstekens: version: "{written}"',
                )
            elif key == "changelog" and isinstance(value, list):
                yield from changelog_findings(value, block, path)
        elif key not in MKDOCS_KEYS:
            yield at(key, f"onbekende sleutel '{key}' in de front matter", _suggestion(key))
