"""The `changelog` part of the `front-matter` rule: a list of `{version, date, summary}`
entries, in any order (the site shows them newest first), `version` and `summary` required,
`date` optional; each wrong entry one finding at its own line."""

from __future__ import annotations

import difflib
from collections.abc import Iterator, Mapping

import yaml

from whitepaper.check.front_matter_values import (
    MARKUP,
    Block,
    decomposed,
    has_markup,
    invisible,
    is_date,
    is_version,
    misread_number,
    nfc,
    position,
    value_of,
    visible,
)
from whitepaper.diagnostics import Diagnostic, finding
from whitepaper.papers import version_text

# One changelog entry: what changed in a version of the paper, and when.
CHANGE = '{version: "1.1", date: 2026-03-03, summary: "Twee nieuwe bronnen over nekpijn."}'
CHANGE_KEYS = ("version", "date", "summary")
_CHANGE_DUTCH = {"versie": "version", "datum": "date", "samenvatting": "summary"}


def changelog_findings(entries: list[object], block: Block, path: str) -> Iterator[Diagnostic]:
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
            line, column = position(node) if node else block.key_position("changelog") or (1, 1)
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
    in_nfd = [key for key in unknown if nfc(key)]
    for key in in_nfd:
        problems.append(f"sleutel '{key}' in losse accenttekens (Unicode NFD): {decomposed(key)}")
        tips.append(f"typ '{nfc(key)}' opnieuw (NFC)")
    unknown = [key for key in unknown if key not in in_nfd]
    if unknown:
        names = " en ".join(f"'{visible(key)}'" for key in unknown)
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
    elif not is_version(version) or not str(version).strip():
        problems.append("'version' moet een versienummer zijn")
    elif char := invisible(version):
        problems.append(f"'version' bevat een onzichtbaar teken ({char})")
        tips.append("haal het teken weg")
    elif written := misread_number(version, value_of(node, "version")):
        problems.append(f"YAML leest 'version: {written}' als het getal {version}")
        tips.append(f'zet de versie tussen aanhalingstekens: version: "{written}"')
    if "date" in entry and not is_date(date):
        problems.append("'date' moet een datum als JJJJ, JJJJ-MM of JJJJ-MM-DD zijn")
    if "summary" not in entry:
        problems.append("'summary' ontbreekt")
    elif not isinstance(summary, str) or not summary.strip():
        problems.append("'summary' moet een tekst zijn")
    elif char := invisible(summary, lines=True):
        problems.append(f"'summary' bevat een onzichtbaar teken ({char})")
        tips.append("haal het teken weg; het komt vaak mee bij kopiëren uit een ander programma")
    elif has_markup(summary):
        problems.append(f"'summary' bevat {MARKUP}")
        tips.append("de samenvatting verschijnt als platte tekst: laat die tekens weg")
    if meant:  # last: the tip then ends in '?'
        tips.append("bedoelde u " + " en ".join(f"'{key}'" for key in meant) + "?")
    return problems, "; ".join(tips) or "geef per wijziging version, summary en eventueel date"
