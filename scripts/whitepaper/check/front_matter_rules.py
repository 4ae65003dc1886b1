"""The `front-matter` rule: known keys with the right types (DESIGN.md, "Documents"),
`missing-version`, and `missing-metadata` beside it (metadata_rules.py).

A paper's `docs/<paper>/index.md` must have a `title`, and should have a `version` (none is
invented: without one the site shows none, and the check warns, so the association decides);
other pages, and the home page `docs/index.md` (generated from the papers' front matter), may
leave them out. MkDocs' and Material's own page keys are allowed everywhere, each typed to
what the theme can show (material_keys.py); their text, like ours, is plain text on one line
without invisible characters, because Material writes it into every page unescaped.

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
    MARKUP,
    Block,
    decomposed,
    has_markup,
    invisible,
    is_contact,
    is_date,
    is_doi,
    is_language,
    is_list,
    is_names,
    is_number,
    is_text,
    is_version,
    misread_number,
    nfc,
    value_of,
    visible,
    without_invisible,
)
from whitepaper.check.material_keys import NO_EFFECT, PAGE_KEYS, Says, no_effect_says
from whitepaper.check.metadata_rules import metadata_findings
from whitepaper.diagnostics import Code, Diagnostic, SourceText, finding
from whitepaper.owners import EXAMPLE as OWNERS
from whitepaper.owners import is_owners

Validator = Callable[[object], bool]


# key: (check, what it must be, an example line)
KEYS: dict[str, tuple[Validator, str, str]] = {
    "title": (is_text, "een tekst", 'title: "Het kraken van gewrichten"'),
    "summary": (is_text, "een tekst", "summary: Eén of twee zinnen over het whitepaper."),
    "lang": (is_language, "een taalcode", "lang: nl"),
    "version": (is_version, "een versienummer", 'version: "1.0"'),
    "authors": (is_names, "een lijst van namen", "authors: [Jan Jansen, Petra de Vries]"),
    "association": (is_text, "een tekst", "association: Nederlandse Vereniging voor ..."),
    "date": (is_date, "een datum als JJJJ, JJJJ-MM of JJJJ-MM-DD", "date: 2025-06"),
    "doi": (is_doi, "een DOI (10.NNNN/...)", "doi: 10.1234/abcd.5678"),
    "license": (is_text, "een tekst", "license: CC-BY-4.0"),
    # The paper card under the title: what the paper is, and whom readers can ask.
    "standing": (is_text, "een tekst", "standing: Standpunt van de beroepsvereniging"),
    "contact": (
        is_contact,
        "een e-mailadres of een webadres (https://...)",
        "contact: info@vereniging.nl",
    ),
    "changelog": (is_list, "een lijst van wijzigingen", f"changelog: [{CHANGE}]"),
    # Who reviews the paper: owners.py makes .github/CODEOWNERS from it.
    "owners": (is_owners, "een lijst van GitHub-namen (@gebruiker of @organisatie/team)", OWNERS),
    # Material's own text keys: the subtitle under the page's name in the navigation, the
    # description in <meta name="description"> (both written unescaped).
    "subtitle": (is_text, "een tekst", "subtitle: Voor behandelaars"),
    "description": (is_text, "een tekst", "description: Eén zin over deze pagina."),
}
# Shown to readers as plain text (page title, navigation, home page, meta tags): markup or
# citation syntax there would either run as HTML or show as raw syntax.
_SHOWN_OURS = ("title", "summary", "association", "authors", "standing")
SHOWN_AS_TEXT = (*_SHOWN_OURS, "subtitle", "description")
# Page keys MkDocs and Material read themselves (material_keys.py).
MKDOCS_KEYS = frozenset({*PAGE_KEYS, "subtitle", "description"})
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
    "positie": "standing",
    "wijzigingen": "changelog",
}


def _meant(key: str) -> str:
    """The allowed key `key` most likely means ('titel' → 'title'), or ''."""
    candidates = sorted({*KEYS, *PAGE_KEYS, *_DUTCH})
    match = next(iter(difflib.get_close_matches(key.lower(), candidates, 1)), "")
    return _DUTCH.get(match, match)


def _suggestion(key: str) -> str:
    meant = _meant(key)
    return (
        f"bedoelde u '{meant}'?" if meant else "toegestaan zijn: " + ", ".join([*KEYS, *PAGE_KEYS])
    )


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

    unknown = [str(key) for key in front_matter if key not in KEYS and key not in PAGE_KEYS]
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
    if needs_title:
        yield from metadata_findings(front_matter, source, path)
    for raw_key, value in front_matter.items():
        key = str(raw_key)
        if key == "changelog" and isinstance(value, list):
            yield from changelog_findings(value, block, path)
        elif key == "owners" and not needs_title:
            yield at(
                key,
                "'owners' werkt alleen in de index.md van een whitepaper: de eigenaars gelden"
                " voor de hele map",
                f"haal de regel weg, en zet de eigenaars in docs/<map>/index.md: {OWNERS}",
            )
        elif key in KEYS:
            if says := _value_says(key, value, block):
                yield at(key, *says)
        elif key in PAGE_KEYS:
            if says := PAGE_KEYS[key](value):
                yield at(key, *says)
        elif key in NO_EFFECT:
            yield at(key, *no_effect_says(key))
        else:
            yield at(key, *_unknown_says(key))


def _value_says(key: str, value: object, block: Block) -> Says | None:
    """What is wrong with the value of one of KEYS, first things first; None: nothing."""
    valid, expected, example = KEYS[key]
    if not valid(value):
        return f"'{key}' moet {expected} zijn", f"bijvoorbeeld {example}"
    if key in ("title", "version") and not str(value).strip():
        return f"'{key}' is leeg", f"bijvoorbeeld {example}"
    if char := invisible(value, lines=key == "summary"):
        return _invisible_says(key, value, char)
    if key in SHOWN_AS_TEXT and has_markup(value):
        return (
            f"'{key}' bevat {MARKUP}",
            "de front matter verschijnt als platte tekst: laat die tekens weg en citeer in de"
            " tekst van de pagina",
        )
    if key == "description" and '"' in str(value):
        return (
            "'description' bevat een recht aanhalingsteken (\"), dat de beschrijving voor"
            " zoekmachines afbreekt",
            f"gebruik “ en ”: description: {_curly(str(value))}",
        )
    # The block's YAML is composed only for a number: a text cannot have been misread.
    number = key == "version" and is_number(value)
    if number and (written := misread_number(value, value_of(block.root, key))):
        return (
            f"YAML leest 'version: {written}' als het getal {value}",
            f'zet de versie tussen aanhalingstekens: version: "{written}"',
        )
    return None


def _invisible_says(key: str, value: object, char: str) -> Says:
    corrected = f"{key}: {without_invisible(value)}" if isinstance(value, str) else ""
    if char == "U+000A":
        tip = f"schrijf '{key}' op één regel" + (f": {corrected}" if corrected else "")
        return f"'{key}' staat op meer dan één regel", tip
    tip = "haal het teken weg; het komt vaak mee bij kopiëren uit een ander programma"
    return (
        f"'{key}' bevat een onzichtbaar teken ({char})",
        tip + (f". Zonder dat teken: {corrected}" if corrected else ""),
    )


def _curly(text: str) -> str:
    """`text` with its straight double quotes made typographic ones, pair by pair."""
    parts = text.split('"')
    return parts[0] + "".join(("“" if i % 2 == 0 else "”") + p for i, p in enumerate(parts[1:]))


def _unknown_says(key: str) -> Says:
    composed = nfc(key)
    if composed is not None:
        meant = "" if composed in KEYS or composed in PAGE_KEYS else "; " + _suggestion(composed)
        return (
            f"de sleutel '{key}' is geschreven met losse accenttekens (Unicode NFD):"
            f" {decomposed(key)}",
            f"typ de sleutel opnieuw, als '{composed}' (NFC){meant}",
        )
    return f"onbekende sleutel '{visible(key)}' in de front matter", _suggestion(key)
