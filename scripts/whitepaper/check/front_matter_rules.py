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

import datetime
import difflib
import re
from collections.abc import Callable, Iterator, Mapping
from functools import cached_property

import yaml

from whitepaper.diagnostics import Code, Diagnostic, SourceText, finding
from whitepaper.links import bare_doi
from whitepaper.papers import version_text

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


# One changelog entry: what changed in a version of the paper, and when.
CHANGE = '{version: "1.1", date: 2026-03-03, summary: "Twee nieuwe bronnen over nekpijn."}'
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
    "changelog": (_list, "een lijst van wijzigingen", f"changelog: [{CHANGE}]"),
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
CHANGE_KEYS = ("version", "date", "summary")
_CHANGE_DUTCH = {"versie": "version", "datum": "date", "samenvatting": "summary"}
# libyaml's loader when PyYAML has it, as sources/front_matter.py reads the block.
_YAML_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class _Block:
    """The leading `---` block as YAML nodes, composed only when a finding needs a position.

    Node marks count lines from the line after the opening fence, columns in characters, as
    SourceText does."""

    def __init__(self, source: SourceText) -> None:
        self.source = source

    @cached_property
    def root(self) -> yaml.Node | None:
        if self.source.line(1).rstrip() != "---":
            return None
        lines = []
        for line in range(2, self.source.line_count + 1):
            text = self.source.line(line)
            if text.rstrip() in ("---", "..."):
                break
            lines.append(text)
        try:
            root: yaml.Node | None = yaml.compose("\n".join(lines) + "\n", Loader=_YAML_LOADER)
        except (yaml.YAMLError, ValueError):
            return None
        return root

    def key_position(self, key: str) -> tuple[int, int] | None:
        """1-based (line, column) of top-level `key:`; None when it is not there."""
        pair = _pair(self.root, key)
        return _position(pair[0]) if pair else None

    def item(self, key: str, index: int) -> yaml.Node | None:
        """The node of item `index` of top-level `key`'s list."""
        value = _in(self.root, key)
        if isinstance(value, yaml.SequenceNode) and index < len(value.value):
            item: yaml.Node = value.value[index]
            return item
        return None


def _scalar(node: yaml.Node | None) -> str | None:
    return node.value if isinstance(node, yaml.ScalarNode) else None


def _position(node: yaml.Node) -> tuple[int, int]:
    return node.start_mark.line + 2, node.start_mark.column + 1


def _pair(node: yaml.Node | None, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    """The (key, value) nodes of `key` in a mapping node: the last, as YAML keeps the last."""
    if not isinstance(node, yaml.MappingNode):
        return None
    found = [(name, value) for name, value in node.value if _scalar(name) == key]
    return found[-1] if found else None


def _in(node: yaml.Node | None, key: str) -> yaml.Node | None:
    """The value node of `key` in a mapping node."""
    pair = _pair(node, key)
    return pair[1] if pair else None


def _misread_number(value: object, node: yaml.Node | None) -> str | None:
    """A version YAML read as a number other than written (1.10 → 1.1): the text written."""
    written = _scalar(node)
    if isinstance(value, bool) or not isinstance(value, int | float) or written is None:
        return None
    return written if written.strip() != str(value) else None


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
    """Findings for one page's parsed front matter; positions point at the offending key, or
    at the offending entry of a list. `needs_title`: the page is a paper's index page, which
    needs a `title` and should have a `version` (`missing-version`)."""
    block = _Block(source)

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
            elif key in SHOWN_AS_TEXT and _has_markup(value):
                yield at(
                    key,
                    f"'{key}' bevat HTML of een bronvermelding ('<', '>', '[@' of '[^')",
                    "de front matter verschijnt als platte tekst: laat die tekens weg en citeer"
                    " in de tekst van de pagina",
                )
            elif key == "version" and (written := _misread_number(value, _in(block.root, key))):
                yield at(
                    key,
                    f"YAML leest 'version: {written}' als het getal {value}",
                    f'zet de versie tussen aanhalingstekens: version: "{written}"',
                )
            elif key == "changelog" and isinstance(value, list):
                yield from _changelog_findings(value, block, path)
        elif key not in MKDOCS_KEYS:
            yield at(key, f"onbekende sleutel '{key}' in de front matter", _suggestion(key))


def _changelog_findings(entries: list[object], block: _Block, path: str) -> Iterator[Diagnostic]:
    """One finding per wrong entry of `changelog`, at the entry's own line."""
    seen: dict[str, int] = {}
    for index, entry in enumerate(entries):
        node = block.item("changelog", index)
        problems, tip = _change_problems(entry, node)
        version = version_text(entry.get("version")) if isinstance(entry, Mapping) else None
        if not problems and version is not None:
            if version in seen:
                problems = [f"versie {version} staat al in wijziging {seen[version]}"]
                tip = "geef elke versie één wijziging, of een ander versienummer"
            seen.setdefault(version, index + 1)
        if problems:
            line, column = _position(node) if node else block.key_position("changelog") or (1, 1)
            message = f"wijziging {index + 1} in 'changelog': " + "; ".join(problems)
            joined = " Een" if tip.endswith("?") else "; een"
            hint = f"{tip}{joined} wijziging is bijvoorbeeld: - {CHANGE}"
            yield finding(
                path, line, column, "front-matter", message, hint, block.source.line(line)
            )


def _change_problems(entry: object, node: yaml.Node | None) -> tuple[list[str], str]:
    """What is wrong with one changelog entry (nothing: []), and the tip that helps most."""
    if not isinstance(entry, Mapping):
        what = {type(None): "leeg", str: "een losse tekst", list: "een lijst"}
        problem = (
            f"{what.get(type(entry), 'een losse waarde')} in plaats van version, date en summary"
        )
        return [problem], "schrijf elke wijziging als een 'sleutel: waarde'-lijst"
    problems: list[str] = []
    tips: list[str] = []
    meant: list[str] = []
    unknown = [str(key) for key in entry if str(key) not in CHANGE_KEYS]
    if unknown:
        names = " en ".join(f"'{key}'" for key in unknown)
        problems.append(f"onbekende sleutel{'s' if len(unknown) > 1 else ''} {names}")
    for key in (raw.lower() for raw in unknown):
        close = _CHANGE_DUTCH.get(key) or next(
            iter(difflib.get_close_matches(key, CHANGE_KEYS, 1)), ""
        )
        if close and close not in entry and close not in meant:
            meant.append(close)
    version, date, summary = (entry.get(key) for key in CHANGE_KEYS)
    if "version" not in entry:
        problems.append("'version' ontbreekt")
    elif not _version(version) or not str(version).strip():
        problems.append("'version' moet een versienummer zijn")
    elif written := _misread_number(version, _in(node, "version")):
        problems.append(f"YAML leest 'version: {written}' als het getal {version}")
        tips.append(f'zet de versie tussen aanhalingstekens: version: "{written}"')
    if "date" in entry and not _date(date):
        problems.append("'date' moet een datum als JJJJ, JJJJ-MM of JJJJ-MM-DD zijn")
    if "summary" not in entry:
        problems.append("'summary' ontbreekt")
    elif not isinstance(summary, str) or not summary.strip():
        problems.append("'summary' moet een tekst zijn")
    elif _has_markup(summary):
        problems.append("'summary' bevat HTML of een bronvermelding ('<', '>', '[@' of '[^')")
        tips.append("de samenvatting verschijnt als platte tekst: laat die tekens weg")
    if meant:  # last: the tip then ends in '?'
        tips.append("bedoelde u " + " en ".join(f"'{key}'" for key in meant) + "?")
    return problems, "; ".join(tips) or "geef per wijziging version, summary en eventueel date"
