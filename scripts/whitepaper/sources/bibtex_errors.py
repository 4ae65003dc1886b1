"""pybtex's BibTeX errors as `bib-syntax` findings: a Dutch sentence, a position and a tip.

pybtex says what it expected where it stopped ("'}' expected"); the tips say what a person
most likely has to change.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from pybtex.database import InvalidNameString
from pybtex.database.input.bibtex import DuplicateField, UndefinedMacro
from pybtex.exceptions import PybtexError
from pybtex.scanner import PrematureEOF, TokenRequired

from whitepaper.diagnostics import Diagnostic, SourceText, finding
from whitepaper.sources.names import pubmed_correction

if TYPE_CHECKING:
    from whitepaper.sources.entries import BibEntry

_FIELD_START = re.compile(r"([A-Za-z][\w-]*)\s*=")
_BODY_OPENS = re.compile(r"@\s*[^\s{(]*\s*[{(]")
_QUOTE_TIP = "sluit elke '{' met '}' en elke waarde die met '\"' begint met '\"'"


@dataclass(frozen=True)
class SyntaxProblem:
    """A pybtex syntax error and the scanner's state when it happened (0-based offsets)."""

    error: PybtexError
    key: str | None
    field: str | None
    entry_start: int
    offset: int
    resumed_at: int | None = None  # the line-initial '@' the scanner went back to


def _entry_name(problem: SyntaxProblem) -> str:
    return f"het item '{problem.key}'" if problem.key else "het item"


def _not_closed(problem: SyntaxProblem, source: SourceText, at: int) -> tuple[int, str, str]:
    line, _ = source.position(problem.entry_start)
    name = _entry_name(problem)
    return (
        at,
        f"{name} (regel {line}) is niet afgesloten voordat hier een nieuw item begint",
        f"sluit {name} af met '}}'; {_QUOTE_TIP}",
    )


def _expected(problem: SyntaxProblem, source: SourceText, wanted: str) -> tuple[int, str, str]:
    at, field = problem.offset, problem.field or "?"
    if wanted in ("'}'", "')'"):
        if source.text.startswith("@", at):
            return _not_closed(problem, source, at)
        if source.text.startswith("%", at):
            return (
                at,
                "'%' begint in BibTeX geen commentaar binnen een item",
                "zet commentaar buiten de items (vóór de '@' of na de laatste '}'), "
                "of verwijder het",
            )
        if source.text[problem.entry_start : at].rstrip().endswith("\\}"):
            return (
                source.text.rindex("\\}", problem.entry_start, at),
                f"'\\}}' sluit de waarde van het veld '{field}': BibTeX telt ook een "
                "accolade na een backslash",
                "schrijf een losse accolade als \\textbraceleft{} of \\textbraceright{}, "
                "of zet ze in paren: \\{x\\}",
            )
        if next_field := _FIELD_START.match(source.text, at):
            return (
                at,
                f"er ontbreekt een komma vóór het veld '{next_field.group(1)}'",
                "zet een komma na elk veld: title = {...},",
            )
        return (
            at,
            f"komma of {wanted} verwacht",
            f"velden staan tussen komma's; het item eindigt met {wanted}",
        )
    if wanted == "'(' or '{'":
        return (
            problem.entry_start,
            "deze '@' begint een item, maar er volgt geen '{'",
            "BibTeX leest elke '@' als het begin van een item, zoals @article{...}; "
            "schrijf tekst met een '@' tussen items in een @comment{...}",
        )
    if wanted == "a valid name":
        return (
            at,
            "naam van een itemtype verwacht na '@'",
            "een item begint met @type{sleutel, ...}",
        )
    if wanted == "entry key":
        return at, "sleutel verwacht", "geef het item een sleutel: @article{achternaam2020, ...}"
    if wanted == "'='":
        return at, f"'=' verwacht na de veldnaam '{field}'", "schrijf elk veld als naam = {waarde}"
    if wanted == "field value":
        return at, f"waarde verwacht voor het veld '{field}'", f"schrijf {field} = {{waarde}}"
    return at, f"{wanted} verwacht", _QUOTE_TIP


def _opening_quote(problem: SyntaxProblem, source: SourceText) -> int | None:
    """Offset of the '"' that opened the value pybtex was reading, if it was quoted."""
    if not problem.field:
        return None
    pattern = re.compile(rf"{re.escape(problem.field)}\s*=\s*(\")", re.IGNORECASE)
    openings = [
        m.start(1) for m in pattern.finditer(source.text, problem.entry_start, problem.offset)
    ]
    return openings[-1] if openings else None


def _describe(problem: SyntaxProblem, source: SourceText) -> tuple[int, str, str]:
    """(0-based offset, message, tip) for one syntax problem."""
    error, field = problem.error, problem.field or "?"
    if problem.resumed_at is not None:
        return _not_closed(problem, source, problem.resumed_at)
    if isinstance(error, UndefinedMacro):
        name = error.args[0]
        return (
            problem.offset - len(name),
            f"onbekende afkorting '{name}' in het veld '{field}'",
            f"zet tekst tussen accolades: {field} = {{{name}}}, of definieer hem met @string",
        )
    if isinstance(error, PrematureEOF) and not _BODY_OPENS.match(source.text, problem.entry_start):
        return _expected(problem, source, "'(' or '{'")
    if isinstance(error, PrematureEOF):
        name = _entry_name(problem)
        return problem.entry_start, f"{name} wordt nooit afgesloten", _QUOTE_TIP
    if isinstance(error, TokenRequired):
        return _expected(problem, source, error.args[0].removesuffix(" expected"))
    if error.args[0] == "unbalanced braces":
        opened = _opening_quote(problem, source)
        if opened is not None:
            return (
                opened,
                f"de waarde van het veld '{field}' opent met '\"' maar sluit niet",
                f"zet een '\"' aan het eind van de waarde, of schrijf {field} = {{...}}",
            )
        return (
            problem.offset - 1,
            f"'}}' zonder bijbehorende '{{' in het veld '{field}'",
            _QUOTE_TIP,
        )
    return problem.offset, f"BibTeX-fout: {error.args[0]}", _QUOTE_TIP


def syntax_diagnostic(problem: SyntaxProblem, source: SourceText, path: str) -> Diagnostic:
    offset, message, hint = _describe(problem, source)
    line, column = source.position(min(offset, len(source.text)))
    return finding(path, line, column, "bib-syntax", message, hint, source.line(line))


def data_error_diagnostic(error: PybtexError, entry: BibEntry, path: str) -> Diagnostic:
    """An error pybtex found while building an entry from parsed fields."""
    place = entry.place()
    if isinstance(error, DuplicateField):
        field = str(error).rsplit(" ", 2)[-2]
        message = f"het veld '{field}' staat twee keer in '{entry.key}'"
        hint = "verwijder één van beide; alleen de eerste telt"
    elif isinstance(error, InvalidNameString):
        place = entry.place("author")
        name = error.args[0].partition(" in ")[2]
        message = f"een naam in '{entry.key}' heeft te veel komma's: {name}"
        hint = "scheid personen met ' and ': Achternaam, Voornaam and Achternaam, Voornaam"
        if corrected := pubmed_correction(name.strip("'")):  # a PubMed list: Field T, ...
            hint = f"scheid personen met ' and ': {corrected}"
    else:
        message, hint = f"BibTeX-fout in '{entry.key}': {error}", ""
    line, column, excerpt = place
    return finding(path, line, column, "bib-syntax", message, hint, excerpt)


def decode_error_diagnostic(error: UnicodeDecodeError, path: str) -> Diagnostic:
    """A file that is not UTF-8, at the line and column of its first bad byte."""
    raw = error.object
    line = raw.count(b"\n", 0, error.start) + 1
    line_start = raw.rfind(b"\n", 0, error.start) + 1
    column = len(raw[line_start : error.start].decode("utf-8", errors="replace")) + 1
    line_end = raw.find(b"\n", error.start)
    excerpt = raw[line_start : None if line_end < 0 else line_end].decode("utf-8", "replace")
    return finding(
        path,
        line,
        column,
        "encoding",
        f"het bestand is geen geldige UTF-8 (byte 0x{raw[error.start]:02x})",
        "sla het bestand op als UTF-8 (zonder andere codering)",
        excerpt.rstrip("\r"),
    )
