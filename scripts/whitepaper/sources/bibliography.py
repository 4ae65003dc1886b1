"""Reading `bib/*.bib` into entries (see `entries`) with pybtex, and what reading finds.

Every `bib/*.bib` is read in sorted order, like BibTeX reads its files one after another:
`@string` abbreviations defined in one file are known in the next. pybtex's own low-level
parser does the reading; we only give it an error handler that collects instead of raising
(pybtex's global `strict` is never touched), and remember where each entry's `@` is. A file
pybtex would read without a problem is read by `bib_scan` instead: the same reading, faster.
Each entry is then built as pybtex's `Parser` builds it, with less work (`entry_builder`).

Keys: a citation must use the key exactly as written (like pandoc), but two keys that differ
only in case are duplicates (like BibTeX and pybtex, whose entry table ignores case).

Once every file is read, each entry's `crossref` and `xdata` links are resolved (see
`crossrefs`): a parent may stand after its child, or in another file.

Reading reports only what reading finds: `bib-syntax`, `encoding`, `duplicate-key`. What an
entry's fields say (a bad URL, a missing year, a crossref cycle) is for the check's entry rules.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from pybtex.database.input.bibtex import (
    LowLevelParser,
    UndefinedMacro,
    month_names,
)
from pybtex.exceptions import PybtexError
from pybtex.utils import CaseInsensitiveDict

from whitepaper.diagnostics import Diagnostic, InputError, SourceText, display_path, finding
from whitepaper.sources.bib_scan import ScannedEntry, scan_entries
from whitepaper.sources.bibtex_errors import (
    SyntaxProblem,
    data_error_diagnostic,
    decode_error_diagnostic,
    syntax_diagnostic,
)
from whitepaper.sources.crossrefs import resolve
from whitepaper.sources.entries import BibEntry, Bibliography
from whitepaper.sources.entry_builder import EntryBuilder
from whitepaper.sources.tree import bib_files

# An '@' that begins a line: where an entry that was never closed most likely ends.
_LINE_START_AT = re.compile(r"^[ \t]*(@)", re.MULTILINE)
_COMMANDS_TO_SKIP = {"string", "preamble"}  # for LaTeX, not entries; pandoc skips them too


class _Scanner(LowLevelParser):  # type: ignore[misc]
    """pybtex's BibTeX scanner that collects syntax errors and resumes after each one."""

    text: str
    pos: int  # 0-based offset of the scanner
    command_start: int  # 0-based offset of the current entry's '@'

    def __init__(self, text: str, macros: CaseInsensitiveDict) -> None:
        super().__init__(text, macros=macros)
        self.problems: list[SyntaxProblem] = []

    # Lines are counted from offsets, once, where a finding needs one (SourceText): pybtex's
    # count of the newlines in every token and every run of whitespace is a tenth of its time.
    def update_lineno(self, value: str) -> None:
        pass

    def eat_whitespace(self) -> None:
        whitespace = self.WHITESPACE.match(self.text, self.pos)
        if whitespace:
            self.pos = whitespace.end()

    def handle_error(self, error: PybtexError) -> None:
        resumed_at = None
        if not isinstance(error, UndefinedMacro):  # pybtex carries on inside the entry itself
            resumed_at = self._resume_at_line_start()
        self.problems.append(
            SyntaxProblem(
                error,
                key=self.current_entry_key,
                field=self.current_field_name,
                entry_start=self.command_start,
                offset=self.pos,
                resumed_at=resumed_at,
            )
        )

    def _resume_at_line_start(self) -> int | None:
        # pybtex resumes at the next '@' after the error, but an entry that was never closed
        # may already have eaten the next entry's '@' (as a field name): go back to it.
        found = _LINE_START_AT.search(self.text, self.command_start + 1, self.pos)
        if found is None:
            return None
        position: int = found.start(1)
        self.pos = position
        return position


def _read_text(path: Path) -> str:
    try:
        return path.read_bytes().decode("utf-8-sig")
    except OSError as error:
        raise InputError(f"kan {path} niet lezen: {error.strerror}") from error


def parse_bib_text(
    text: str, path: Path, *, root: Path, macros: CaseInsensitiveDict | None = None
) -> tuple[list[BibEntry], list[Diagnostic]]:
    """Entries and bib-syntax findings of one file's text, in source order."""
    shown = display_path(path, root)
    source = SourceText(text)
    macros = CaseInsensitiveDict(month_names) if macros is None else macros
    builder = EntryBuilder()
    entries: list[BibEntry] = []
    diagnostics: list[Diagnostic] = []
    scanner = None
    found: Iterable[tuple[ScannedEntry, bool]]  # each entry, and whether an error broke it
    scanned = scan_entries(text, macros)  # well-formed text: pybtex's scanner's reading, fast
    if scanned is None:  # anything else: pybtex itself, which says each problem
        scanner = _Scanner(text, macros)
        found = _pybtex_entries(scanner)
    else:
        found = ((scanned_entry, False) for scanned_entry in scanned)
    for (command, key, fields, start, end), broken in found:
        entry = builder.build(command, key, fields)
        line, column = source.position(start)
        bib_entry = BibEntry(
            key=key,
            path=path,
            line=line,
            column=column,
            entry=entry,
            excerpt=source.line(line),
            source=text[start:end],
            broken=broken,
            written_names=builder.written_names,
        )
        entries.append(bib_entry)
        diagnostics.extend(data_error_diagnostic(e, bib_entry, shown) for e in builder.errors)
        builder.errors.clear()
    if scanner is not None:
        diagnostics.extend(syntax_diagnostic(p, source, shown) for p in scanner.problems)
    return entries, diagnostics


def _pybtex_entries(scanner: _Scanner) -> Iterator[tuple[ScannedEntry, bool]]:
    """Each entry pybtex's scanner reads, and whether a syntax error broke it."""
    problems_seen = 0
    for command, body in scanner:
        start = scanner.command_start
        new_problems, problems_seen = scanner.problems[problems_seen:], len(scanner.problems)
        if command.lower() in _COMMANDS_TO_SKIP:  # a @preamble's body is one value, no key
            continue
        key, fields = body
        if key is None:
            continue
        broken = any(p.entry_start == start for p in new_problems)
        yield ScannedEntry(command, key, fields, start, scanner.pos), broken


def _duplicates(entries: list[BibEntry], root: Path) -> Iterator[Diagnostic]:
    first_by_folded_key: dict[str, BibEntry] = {}
    for entry in entries:
        first = first_by_folded_key.setdefault(entry.key.lower(), entry)
        if first is entry:
            continue
        where = f"{display_path(first.path, root)}:{first.line}"
        if first.key != entry.key:
            where += f" als '{first.key}'; hoofdletters tellen niet mee"
        yield finding(
            display_path(entry.path, root),
            entry.line,
            entry.column,
            "duplicate-key",
            f"de sleutel '{entry.key}' bestaat al ({where})",
            "geef een van beide een andere sleutel, bijvoorbeeld met a/b achter het jaar",
            entry.excerpt,
        )


def load_bibliography(bib_dir: Path, *, root: Path | None = None) -> Bibliography:
    """Read every `*.bib` in `bib_dir` (sorted) into entries and findings."""
    root = Path.cwd() if root is None else root
    if not bib_dir.is_dir():
        raise InputError(f"de map {bib_dir} met bibliografie-bestanden bestaat niet")
    macros = CaseInsensitiveDict(month_names)  # shared: BibTeX reads the files as one stream
    entries: list[BibEntry] = []
    diagnostics: list[Diagnostic] = []
    for path in bib_files(bib_dir):  # regular files only: never a FIFO or a link out
        try:
            text = _read_text(path)
        except UnicodeDecodeError as error:
            diagnostics.append(decode_error_diagnostic(error, display_path(path, root)))
            continue
        found, problems = parse_bib_text(text, path, root=root, macros=macros)
        entries.extend(found)
        diagnostics.extend(problems)
    diagnostics.extend(_duplicates(entries, root))
    entries = resolve(entries)
    by_key: dict[str, BibEntry] = {}
    for entry in entries:
        by_key.setdefault(entry.key, entry)
    return Bibliography(by_key, tuple(sorted(diagnostics)), tuple(entries))
