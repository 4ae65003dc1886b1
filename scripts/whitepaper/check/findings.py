"""`check()`: every citation and footnote resolves. Bibliography, documents, rules, findings.

The CLI, the pre-commit hook and the MkDocs plugin all call `check()`; it returns every
finding and decides nothing about failing (that is `--strict` and the exit code's business).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from whitepaper.cache import Cache, Codec
from whitepaper.check.bounds_rules import bounds_findings
from whitepaper.check.entry_rules import entries, unused_entries
from whitepaper.check.focus import FocusIndex, focus_index
from whitepaper.check.footnote_rules import footnote_findings
from whitepaper.check.front_matter_rules import front_matter_findings
from whitepaper.check.html_rules import html_findings, without_trusted
from whitepaper.check.starter_rules import example_findings
from whitepaper.check.tree_rules import tree_findings, without_trusted_files
from whitepaper.diagnostics import Closest, Code, Diagnostic, SourceText, display_path, finding
from whitepaper.health.status import source_status
from whitepaper.papers import is_index_page, page_uri
from whitepaper.sources.documents import Citation, CitationItem, Document, Span
from whitepaper.sources.entries import Bibliography
from whitepaper.sources.reading import Inventory, Sources, paused_gc, read_sources, take_inventory

Rule = Callable[[Sources], Iterable[Diagnostic]]
BibliographyRule = Callable[[Bibliography, Path], Iterable[Diagnostic]]


@lru_cache(maxsize=256)
def _source(text: str) -> SourceText:
    return SourceText(text)


def _at(
    sources: Sources, doc: Document, span: Span, code: Code, message: str, hint: str
) -> Diagnostic:
    excerpt = _source(doc.text).line(span.line)
    path = display_path(doc.path, sources.root)
    return finding(path, span.line, span.column, code, message, hint, excerpt)


# --- rules -----------------------------------------------------------------------------------


def document_problems(sources: Sources) -> Iterator[Diagnostic]:
    """What the document parser found itself: `empty-citation`, broken front matter, encoding."""
    for doc in sources.documents:
        for problem in doc.problems:
            yield _at(sources, doc, problem.span, problem.code, problem.message, problem.hint)


def _url_around(text: str, span: Span) -> str:
    start = max(text.rfind(c, 0, span.start) for c in " \t\n(<[") + 1
    end = min((i for c in " \t\n)>]" if (i := text.find(c, span.end)) >= 0), default=len(text))
    word = text[start:end].rstrip(".,;:!?")
    return word if "://" in word else "https://…"


def _unknown_key_hint(doc: Document, citation: Citation, item: CitationItem, keys: Closest) -> str:
    if citation.bare_url:
        url = _url_around(doc.text, item.span)
        return f"dit is een URL, geen bronvermelding: schrijf hem als link, <{url}>"
    if same_but_case := keys.same_but_case(item.key):
        return f"bedoelde u '{same_but_case}'? Hoofdletters tellen mee"
    if close := keys.to(item.key):
        return f"bedoelde u '{close}'?"
    return f"voeg een item '{item.key}' toe aan een .bib-bestand"


def unknown_keys(sources: Sources) -> Iterator[Diagnostic]:
    known = sources.bibliography.entries
    keys = Closest(known)
    for doc, cited in zip(sources.documents, sources.cited, strict=True):
        if all(key in known for key, _ in cited):
            continue  # the common case, told by its keys alone: no citation walked
        for citation in doc.citations:
            for item in citation.items:
                if item.key not in known:
                    hint = _unknown_key_hint(doc, citation, item, keys)
                    message = f"geen bibliografie-item '{item.key}'"
                    yield _at(sources, doc, item.span, "unknown-key", message, hint)


def front_matter(sources: Sources) -> Iterator[Diagnostic]:
    for doc in sources.documents:
        if not doc.front_matter and any(p.code == "front-matter" for p in doc.problems):
            continue  # it was refused: the types would only repeat that (a key twice keeps it)
        yield from front_matter_findings(
            doc.front_matter,
            SourceText(doc.text),  # not `_source`'s: every page here, each text hashed for it
            display_path(doc.path, sources.root),
            needs_title=is_index_page(page_uri(doc.path, sources.docs_dir)),
        )


def footnotes(sources: Sources) -> Iterator[Diagnostic]:
    for doc in sources.documents:
        for found in footnote_findings(doc):
            yield _at(sources, doc, *found)


RULES: tuple[Rule, ...] = (
    tree_findings,
    document_problems,
    unknown_keys,
    footnotes,
    bounds_findings,
    front_matter,
    html_findings,
    unused_entries,
    example_findings,
)
# What the bibliography alone says: run while worker processes still parse the pages.
BIBLIOGRAPHY_RULES: tuple[BibliographyRule, ...] = (entries,)


@dataclass(frozen=True)
class Checked:
    """A check's result as the cache holds it, whole: the findings, and what `focus` needs of
    the sources (so that a warm `whitepaper check` reads no page and no entry)."""

    findings: list[Diagnostic]
    index: FocusIndex


CHECKED: Codec[Checked] = Codec(Checked)
ENTRY_FINDINGS: Codec[list[Diagnostic]] = Codec(list[Diagnostic])  # BIBLIOGRAPHY_RULES' findings


def check(
    docs_dir: Path,
    bib_dir: Path,
    *,
    root: Path | None = None,
    cache_dir: Path | None = None,
    overrides: Path | None = None,
    trusted_html: Sequence[str] = (),
) -> list[Diagnostic]:
    """Every finding about the pages in `docs_dir` and the bibliography in `bib_dir`, sorted.

    `root` is what paths in findings are relative to (default: the current directory);
    `cache_dir` keeps parsed sources between runs (None: parse everything every time);
    `overrides` is the theme's custom_dir, walked too (default: `overrides/` beside docs_dir);
    `trusted_html` names the pages exempt from the HTML policy and the files exempt from
    the allowed types of docs/ (globs below docs_dir).
    Raises InputError when a folder is missing or a file or folder cannot be read, the
    status file of `whitepaper verify` (bib/bronstatus.json) among them.
    """
    where = {"root": root, "cache_dir": cache_dir, "overrides": overrides}
    return check_and_index(docs_dir, bib_dir, **where, trusted_html=trusted_html)[0]


def check_and_index(
    docs_dir: Path,
    bib_dir: Path,
    *,
    root: Path | None = None,
    cache_dir: Path | None = None,
    overrides: Path | None = None,
    trusted_html: Sequence[str] = (),
) -> tuple[list[Diagnostic], FocusIndex]:
    """`check()`'s findings, and what `focus` needs of the sources (`whitepaper check`)."""
    cache = Cache(cache_dir)
    with paused_gc():
        root = Path.cwd() if root is None else root
        inventory = take_inventory(docs_dir, bib_dir, root, overrides)
        source_status(bib_dir, root)  # one that cannot be read stops the check as the build
        checked = cache.load(inventory.key, CHECKED)
        if checked is None:
            # The sources go now: still alive when the collector is back, they would be walked
            # whole (a million objects, 0.3 s after a cold check of 1,000 pages).
            checked = _read_and_check(inventory, cache)[0]
        return _without_trusted(checked.findings, inventory, trusted_html), checked.index


def check_and_read(
    docs_dir: Path,
    bib_dir: Path,
    *,
    root: Path,
    cache_dir: Path | None = None,
    overrides: Path | None = None,
    trusted_html: Sequence[str] = (),
) -> tuple[Checked, Sources]:
    """The findings with focus's index, and the parsed sources the build renders: one reading
    of the files."""
    cache = Cache(cache_dir)
    with paused_gc():
        inventory = take_inventory(docs_dir, bib_dir, root, overrides)
        source_status(bib_dir, root)  # the build reads it again for the site
        checked = cache.load(inventory.key, CHECKED)
        if checked is None:
            checked, sources = _read_and_check(inventory, cache)
        else:
            sources = read_sources(inventory, cache)
        found = _without_trusted(checked.findings, inventory, trusted_html)
        return replace(checked, findings=found), sources


def _without_trusted(
    found: list[Diagnostic], inventory: Inventory, trusted: Sequence[str]
) -> list[Diagnostic]:
    """What `trusted_html` exempts, taken out after the cache: pages' HTML, files' types."""
    return without_trusted_files(without_trusted(found, inventory, trusted), inventory, trusted)


def _read_and_check(inventory: Inventory, cache: Cache) -> tuple[Checked, Sources]:
    """The rules over the sources (the bibliography's while pages are parsed), then cached."""
    about_entries: list[Diagnostic] = []

    def while_pages_parse(bibliography: Bibliography) -> None:
        # Kept with the bibliography's own key: a page edited, the entries are not judged again.
        found = cache.load(inventory.bibliography_key, ENTRY_FINDINGS)
        if found is None:
            found = [d for rule in BIBLIOGRAPHY_RULES for d in rule(bibliography, inventory.root)]
            cache.store(inventory.bibliography_key, found, ENTRY_FINDINGS)
        about_entries.extend(found)

    read = read_sources(inventory, cache, while_pages_parse)
    page_findings = (d for rule in RULES for d in rule(read))
    findings = sorted([*read.bibliography.diagnostics, *about_entries, *page_findings])
    checked = Checked(findings, focus_index(read))
    cache.store(inventory.key, checked, CHECKED)
    cache.keep_only(inventory.keys())
    return checked, read
