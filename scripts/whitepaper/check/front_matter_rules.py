"""The `front-matter` rule: known keys with the right types (DESIGN.md, "Documents").

A paper's `docs/<paper>/index.md` must have a `title`; other pages, and the home page
`docs/index.md` (generated from the papers' front matter), may leave it out. MkDocs and
Material's own page keys (`hide`, `description`, ...) are allowed everywhere.
"""

from __future__ import annotations

import datetime
import difflib
import re
from collections.abc import Callable, Iterator, Mapping

from whitepaper.diagnostics import Diagnostic, SourceText, finding
from whitepaper.links import bare_doi

Validator = Callable[[object], bool]


def _text(value: object) -> bool:
    return isinstance(value, str)


def _version(value: object) -> bool:
    # YAML reads `version: 1.0` as a number; `yes` as a bool, which is not a version.
    return isinstance(value, str | int | float) and not isinstance(value, bool)


def _names(value: object) -> bool:
    return isinstance(value, list) and all(isinstance(item, str) for item in value)


def _doi(value: object) -> bool:
    # A doi.org link or doi: form is understood; what holds no DOI would be left off the site.
    return bare_doi(value) is not None


def _list(value: object) -> bool:
    return isinstance(value, list)


def _date(value: object) -> bool:
    # YAML turns 2025-06-01 into a date and 2025 into an int; 2025-06 stays a string.
    if isinstance(value, datetime.datetime | bool):
        return False
    if isinstance(value, datetime.date):
        return True
    text = str(value) if isinstance(value, int) else value
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        return False
    year, month, day = [*text.split("-"), "01", "01"][:3]
    try:
        datetime.date(int(year), int(month), int(day))
    except ValueError:
        return False
    return True


# key: (check, what it must be, an example line)
KEYS: dict[str, tuple[Validator, str, str]] = {
    "title": (_text, "een tekst", 'title: "Het kraken van gewrichten"'),
    "summary": (_text, "een tekst", "summary: Eén of twee zinnen over het whitepaper."),
    "lang": (_text, "een taalcode", "lang: nl"),
    "version": (_version, "een versienummer", 'version: "1.0"'),
    "authors": (_names, "een lijst van namen", "authors: [Jan Jansen, Petra de Vries]"),
    "association": (_text, "een tekst", "association: Nederlandse Vereniging voor ..."),
    "date": (_date, "een datum als JJJJ, JJJJ-MM of JJJJ-MM-DD", "date: 2025-06"),
    "doi": (_doi, "een DOI (10.NNNN/...)", "doi: 10.1234/abcd.5678"),
    "license": (_text, "een tekst", "license: CC-BY-4.0"),
    "changelog": (_list, "een lijst", "changelog: [...]"),
}
# Shown to readers as plain text (page title, navigation, home page, meta tags): markup or
# citation syntax there would either run as HTML or show as raw syntax.
SHOWN_AS_TEXT = ("title", "summary", "association", "authors")
_NOT_PLAIN = re.compile(r"[<>]|\[[@^]")
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


def _key_position(source: SourceText, key: str) -> tuple[int, int] | None:
    """1-based (line, column) of `key:` inside the leading `---` block."""
    if source.line(1).rstrip() != "---":
        return None
    pattern = re.compile(rf"(\s*)['\"]?{re.escape(key)}['\"]?\s*:")
    for line in range(2, source.line_count + 1):
        text = source.line(line)
        if text.rstrip() in ("---", "..."):
            break
        if found := pattern.match(text):
            return line, found.end(1) + 1
    return None


def _has_markup(value: object) -> bool:
    texts = value if isinstance(value, list) else [value]
    return any(_NOT_PLAIN.search(str(text)) for text in texts)


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
    """Findings for one page's parsed front matter; positions point at the offending key."""

    def at(key: str, message: str, hint: str) -> Diagnostic:
        line, column = _key_position(source, key) or (1, 1)
        excerpt = source.line(line)
        return finding(path, line, column, "front-matter", message, hint, excerpt)

    unknown = [str(key) for key in front_matter if key not in KEYS and key not in MKDOCS_KEYS]
    title_misspelt = any(_meant(key) == "title" for key in unknown)
    if needs_title and "title" not in front_matter and not title_misspelt:
        yield at(
            "title",
            "de front matter mist 'title'",
            'zet bovenaan, tussen twee regels ---: title: "Titel van het whitepaper"',
        )
    for raw_key, value in front_matter.items():
        key = str(raw_key)
        if key in KEYS:
            valid, expected, example = KEYS[key]
            if not valid(value):
                yield at(key, f"'{key}' moet {expected} zijn", f"bijvoorbeeld {example}")
            elif key == "title" and not str(value).strip():
                yield at(key, "'title' is leeg", f"bijvoorbeeld {example}")
            elif key in SHOWN_AS_TEXT and _has_markup(value):
                yield at(
                    key,
                    f"'{key}' bevat HTML of een bronvermelding ('<', '>', '[@' of '[^')",
                    "de front matter verschijnt als platte tekst: laat die tekens weg en citeer"
                    " in de tekst van de pagina",
                )
        elif key not in MKDOCS_KEYS:
            yield at(key, f"onbekende sleutel '{key}' in de front matter", _suggestion(key))
