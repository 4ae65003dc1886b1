"""The language of an entry's work: its `langid` (biblatex), else its `language`, as a row of
one table: the BCP 47 tag readers' `lang` attribute gets and the babel name pandoc reads.

People write biblatex's names (a fixed list: its manual's "Supported languages", `english`,
`ngerman`, `brazil`) or BCP 47 tags (`en`, `en-US`, `nl-BE`). A tag of a region or script
the table has no row for falls back to its language (`en-IE` is `en`). The tag of each row
is the one pandoc's LaTeX reader makes of `\\foreignlanguage{<babel>}{…}`, the markup
`citations.csl_bibtex` puts around a title (tests/test_reference_language.py runs pandoc
over every row): where pandoc has no name for a variant (biblatex's `brazil`, `german` in the
old spelling), the row is the nearest one it has, so the language itself is always right.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from whitepaper.sources.entries import BibEntry

SITE_LANGUAGE = "nl"  # the pages' own language: an entry in it needs no attribute
LANGUAGE_FIELDS = ("langid", "language")  # in this order: langid is biblatex's own
BCP47_TAG = re.compile(r"[a-z]{2,3}(?:-[a-z0-9]{1,8})*", re.IGNORECASE)  # its shape
_LIST_SEPARATOR = re.compile(r"\s+and\s+", re.IGNORECASE)  # `language` is a BibTeX list


def _primary(tag: str) -> str:
    """A BCP 47 tag's language subtag, lower case: `en` of `en-US`."""
    return tag.split("-", 1)[0].lower()


@dataclass(frozen=True)
class Language:
    tag: str  # BCP 47, as pandoc writes it for `babel`
    babel: str  # the name pandoc's `\foreignlanguage` reads (biblatex's name too)
    aliases: tuple[str, ...] = ()  # other biblatex names and BCP 47 tags for it

    @property
    def foreign(self) -> bool:
        """Another language than the site's: its titles get a `lang` attribute."""
        return _primary(self.tag) != SITE_LANGUAGE


# The region-less row of a language first: a tag falls back to the first row of its language.
LANGUAGES = (
    Language("eu", "basque"),
    Language("bg", "bulgarian"),
    Language("ca", "catalan"),
    Language("hr", "croatian"),
    Language("cs", "czech"),
    Language("da", "danish"),
    Language("nl", "dutch"),
    Language("en", "english"),
    Language("en-US", "american", ("USenglish",)),
    Language("en-GB", "british", ("UKenglish",)),
    Language("en-CA", "canadian"),
    Language("en-AU", "australian"),
    Language("en-NZ", "newzealand"),
    Language("et", "estonian"),
    Language("fi", "finnish"),
    Language("fr", "french"),
    Language("de-DE", "ngerman", ("german",)),
    Language("de-AT", "naustrian", ("austrian",)),
    Language("de-CH", "nswissgerman", ("swissgerman",)),
    Language("el", "greek"),
    Language("hu", "magyar", ("hungarian",)),
    Language("is", "icelandic"),
    Language("it", "italian"),
    Language("lv", "latvian"),
    Language("lt", "lithuanian"),
    Language("mr", "marathi"),
    Language("no", "norsk", ("nb",)),
    Language("nn", "nynorsk"),
    Language("pl", "polish"),
    Language("pt", "portuguese", ("portuges", "brazil")),
    Language("ro", "romanian"),
    Language("ru", "russian"),
    Language("sr", "serbian"),
    Language("sr-Cyrl", "serbianc"),
    Language("sk", "slovak"),
    Language("sl", "slovene", ("slovenian",)),
    Language("es", "spanish"),
    Language("sv", "swedish"),
    Language("tr", "turkish"),
    Language("uk", "ukrainian"),
)
_NAMES = [(name, row) for row in LANGUAGES for name in (row.tag, row.babel, *row.aliases)]
_BY_NAME = {name.lower(): row for name, row in _NAMES}
_BY_PRIMARY: dict[str, Language] = {}
for _row in LANGUAGES:
    _BY_PRIMARY.setdefault(_primary(_row.tag), _row)
# Every value the table knows as it is best written (`en-US`, `USenglish`), by its lower case:
# what a "did you mean" offers.
KNOWN = {name.lower(): name for name, _ in _NAMES}


def language(value: str) -> Language | None:
    """The row a written value means (a biblatex name or a BCP 47 tag, in any case), or None."""
    written = value.strip().lower()
    if written.startswith("lang") and written[4:] in _BY_NAME:
        written = written[4:]  # biblatex's localisation key: `langenglish`
    if found := _BY_NAME.get(written):
        return found
    if BCP47_TAG.fullmatch(written):
        return _BY_PRIMARY.get(_primary(written))
    return None


def written_values(entry: BibEntry, field: str) -> tuple[str, ...]:
    """The languages a field (its lower-case name) names, as written: `language` may list
    several."""
    value = entry.folded_fields.get(field, "").strip().strip("{}").strip()
    return tuple(part for part in _LIST_SEPARATOR.split(value) if part) if value else ()


def unknown_values(entry: BibEntry) -> Iterator[tuple[str, str]]:
    """(field, value) of each language the table does not know."""
    fields = entry.folded_fields
    for field in LANGUAGE_FIELDS:
        if field not in fields:  # the common case: an entry names no language
            continue
        for value in written_values(entry, field):
            if language(value) is None:
                yield field, value


def entry_language(entry: BibEntry) -> Language | None:
    """The language of the entry's work: its langid, else its one language; None if it names
    none the table knows, or several (the title's is then not certain)."""
    for field in LANGUAGE_FIELDS:
        if values := written_values(entry, field):
            found = {language(value) for value in values}
            return found.pop() if len(found) == 1 else None
    return None
