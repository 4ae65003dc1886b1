"""The check's rules for text in an entry's fields that readers would see other than written:
`lost-text` (LaTeX that pandoc drops or reads as markup, where what was meant is not certain;
what is certain, `citations.csl_bibtex` writes as meant) and `author-format` (names in
PubMed's form, which BibTeX reads with the initials as surname)."""

from __future__ import annotations

from collections.abc import Iterator
from itertools import chain

from whitepaper.diagnostics import Code, Diagnostic
from whitepaper.sources.entries import BibEntry, entry_finding
from whitepaper.sources.field_text import SHOWN_FIELDS, TextProblem, problems
from whitepaper.sources.names import as_read, pubmed_correction

_PERSON_ROLES = ("author", "editor")


def field_findings(entry: BibEntry, path: str) -> Iterator[Diagnostic]:
    """`lost-text` and `author-format` for one entry; `path` is the file as shown to people."""

    def at(field: str, code: Code, message: str, tip: str) -> Diagnostic:
        return entry_finding(entry, path, field, code, message, tip)

    if _marked_up(entry):
        texts = {role: " and ".join(names) for role, names in entry.written_names.items()}
        texts |= entry.folded_fields
        for field, value in texts.items():
            if field in SHOWN_FIELDS or field in _PERSON_ROLES:
                for problem in problems(value):
                    yield at(field, "lost-text", *_lost_text(field, problem))
    for role in _PERSON_ROLES:
        names = entry.written_names.get(role, ())
        if not names:
            continue
        # More than two commas is already pybtex's error (bib-syntax), with the same tip.
        pubmed = [name for name in names if name.count(",") <= 2 and pubmed_correction(name)]
        if pubmed:
            yield at(role, "author-format", *_author_format(role, names, pubmed))


def _marked_up(entry: BibEntry) -> bool:
    """Whether a field or name has what `problems` looks for, `\\` or `$`: most entries have
    neither, and need no look at each field."""
    written = "".join(chain(entry.folded_fields.values(), *entry.written_names.values()))
    return "\\" in written or "$" in written


def _lost_text(field: str, problem: TextProblem) -> tuple[str, str]:
    corrected = f"{field} = {{{problem.corrected}}}"
    if problem.kind == "formula":
        return (
            f"het veld '{field}' bevat '$': de site toont tekst tussen twee '$' als formule",
            f"bedoelt u een dollarteken, schrijf dan \\$: {corrected}; "
            "is het echt een formule, laat het dan zo",
        )
    if problem.kind == "line-break":
        return (
            f"het veld '{field}' bevat '\\\\': de site begint daar een nieuwe regel",
            f"schrijf een backslash als \\textbackslash{{}}: {corrected}",
        )
    if problem.kind == "unknown-command":
        names = [f"'{name}'" for name in problem.what]
        what = (
            f"het LaTeX-commando {names[0]}"
            if len(names) == 1
            else f"de LaTeX-commando's {', '.join(names[:-1])} en {names[-1]}"
        )
        return (
            f"de site kent {what} in het veld '{field}' niet en laat het weg",
            "schrijf het teken zelf (zoals é of ß); bedoelt u een backslash, schrijf dan "
            f"\\textbackslash{{}}: {corrected}",
        )
    return (
        f"in het veld '{field}' telt BibTeX '\\{{' of '\\}}' als accolade, de site niet",
        f"zet \\{{ en \\}} in paren, zoals \\{{x\\}}, of laat de backslash weg: {corrected}",
    )


def _author_format(role: str, names: tuple[str, ...], pubmed: list[str]) -> tuple[str, str]:
    first = pubmed[0]
    corrected = " and ".join(pubmed_correction(name) or name for name in names)
    if "," in first:
        message = f"'{first}' is een lijst in PubMed-vorm: BibTeX leest het als één persoon"
    else:
        names_are = f"'{first}' staat" if len(pubmed) == 1 else f"{len(pubmed)} namen staan"
        shown = as_read(first)
        effect = (
            "BibTeX leest de voorletters als deel van de achternaam"
            if shown == first
            else f"de site toont '{first}' als '{shown}'"
        )
        message = f"{names_are} in PubMed-vorm (achternaam en voorletters zonder komma): {effect}"
    return message, f"schrijf {role} = {{{corrected}}}"
