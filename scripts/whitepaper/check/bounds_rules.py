"""`too-large`: the bounds of what one build takes in (README, "Bounds").

Beyond each bound a library the build runs takes time that grows faster than its input, or
memory that real sources never need; the check says so before the build starts, at the place
where the bound is passed. Each bound was chosen from measurements (`python -m benchmarks
bounds`): every real page lies far below it, and a build at the bound stays fast. The rules
themselves are linear: they count, and look at nothing twice.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator

from whitepaper.diagnostics import Diagnostic, SourceText, display_path, finding
from whitepaper.papers import find_papers
from whitepaper.sources.documents import CitationItem, Document, Span
from whitepaper.sources.entries import entry_finding
from whitepaper.sources.reading import Sources

# A page's size in bytes (UTF-8). Python-Markdown renders about 4 s per MB and WeasyPrint
# prints about 55 s per MB, both linearly; the bounds below multiply with a page's size. The
# largest real page is 31 kB.
MAX_PAGE_BYTES = 1_000_000
# References to one footnote on a page. Python-Markdown's footnotes extension (markdown 3.x,
# `FootnoteExtension.unique_ref`) finds the id of the n-th reference to a note by trying
# fnref, fnref2, ... fnref<n> in turn: quadratic per note (1,000 references 1 s, 4,000 19 s,
# 10,000 several minutes). Real notes are referred to once.
MAX_REFERENCES_PER_NOTE = 20
# References to footnotes on a page. The same extension looks every reference up in the list
# of the notes met so far (`addFootnoteRef`, `footnote_order.index`): references times notes.
# And WeasyPrint takes 10 to 35 ms for each (a note set at the foot of its page, or a link to
# it): 1,000 of them print in 12 to 34 s, less than a 1 MB page of text. Real pages have 12.
MAX_REFERENCES_PER_PAGE = 1_000
# Distinct entries one paper cites. Pandoc's citeproc formats a paper (one run: the unit of
# APA's disambiguation) in time that grows with the square of its entries: 500 take 4 s,
# 1,000 14 s, 2,000 47 s, 4,000 170 s. A real paper cites 47 at most.
MAX_CITED_ENTRIES = 500
# Entries in the whole bibliography. Reading them is linear, but every build holds them all
# (10,000: 190 MB; 50,000: 600 MB) and an unknown key's suggestion is sought among all of them.
MAX_ENTRIES = 10_000


# A run of emphasis markers (`*`, `_`) against text: Python-Markdown renders each level of
# emphasis by recursion, and WeasyPrint lays each out by recursion too; about 300 levels
# exhaust the PDF's stack, about 700 Python's. Real text needs three (`***vet en schuin***`);
# a line of markers alone is a rule (`*****`), not emphasis, and is not counted.
MAX_EMPHASIS_RUN = 12
_EMPHASIS_RUN = re.compile(
    rf"(?<=\S)(?<![*_])[*_]{{{MAX_EMPHASIS_RUN + 1},}}|[*_]{{{MAX_EMPHASIS_RUN + 1},}}(?=[^\s*_])"
)
_MARKER_RUN = "*" * (MAX_EMPHASIS_RUN + 1)


def bounds_findings(sources: Sources) -> Iterator[Diagnostic]:
    """Every bound a page, a paper or the bibliography passes, once each."""
    for doc in sources.documents:
        yield from _page_findings(sources, doc)
        yield from _deep_emphasis(sources, doc)
    yield from _cited_entries(sources)
    yield from _entries(sources)


def _page_findings(sources: Sources, doc: Document) -> Iterator[Diagnostic]:
    # No character takes more than four bytes: most pages need no encoding to be measured.
    size = len(doc.text.encode()) if len(doc.text) * 4 > MAX_PAGE_BYTES else 0
    if size > MAX_PAGE_BYTES:
        yield _at(
            sources,
            doc,
            None,
            f"de pagina is {_megabytes(size)} groot; de build verwerkt pagina's tot"
            f" {_megabytes(MAX_PAGE_BYTES)}",
            "verdeel de tekst over meer pagina's: elk .md-bestand in de map van het whitepaper"
            " is een eigen pagina, en samen vormen ze één PDF",
        )
    if len(doc.footnote_refs) > MAX_REFERENCES_PER_PAGE:
        yield _at(
            sources,
            doc,
            doc.footnote_refs[MAX_REFERENCES_PER_PAGE].span,
            f"de pagina verwijst {_number(len(doc.footnote_refs))} keer naar een voetnoot; de"
            f" build verwerkt er hoogstens {_number(MAX_REFERENCES_PER_PAGE)} per pagina"
            f" (dit is de {_number(MAX_REFERENCES_PER_PAGE + 1)}e)",
            "verdeel de tekst over meer pagina's, elk met de voetnoten van zijn eigen tekst",
        )
    totals = Counter(ref.label for ref in doc.footnote_refs)
    seen: Counter[str] = Counter()
    for ref in doc.footnote_refs:  # in the order of the page
        seen[ref.label] += 1
        if seen[ref.label] == MAX_REFERENCES_PER_NOTE + 1:
            yield _at(
                sources,
                doc,
                ref.span,
                f"naar voetnoot '[^{ref.label}]' wordt {_number(totals[ref.label])} keer"
                f" verwezen; de build verwerkt hoogstens {MAX_REFERENCES_PER_NOTE}"
                " verwijzingen naar één voetnoot",
                f"maak voor de verwijzingen vanaf deze ({MAX_REFERENCES_PER_NOTE + 1}e) een"
                " nieuwe voetnoot, met dezelfde bron",
            )


def _cited_entries(sources: Sources) -> Iterator[Diagnostic]:
    """In each paper, the citation of its first entry beyond MAX_CITED_ENTRIES."""
    papers = find_papers(sources.documents, sources.docs_dir)
    keys = dict(zip(map(id, sources.documents), sources.cited, strict=True))
    for paper, documents in papers.group(sources.documents).items():
        if len({key for doc in documents for key, _ in keys[id(doc)]}) <= MAX_CITED_ENTRIES:
            continue  # the common case, counted from the keys alone: no citation walked
        items = [(doc, item) for doc in documents for c in doc.citations for item in c.items]
        first: dict[str, tuple[Document, CitationItem]] = {}
        for doc, item in items:
            first.setdefault(item.key, (doc, item))
        if len(first) > MAX_CITED_ENTRIES:
            doc, item = list(first.values())[MAX_CITED_ENTRIES]
            who = f"whitepaper '{paper}'" if paper else "de pagina's buiten een whitepaper"
            yield _at(
                sources,
                doc,
                item.span,
                f"{who} citeert {_number(len(first))} verschillende items; de build maakt er"
                f" hoogstens {MAX_CITED_ENTRIES} per whitepaper op",
                "verdeel de tekst over twee of meer whitepapers (elk een eigen map in docs/ met"
                " een index.md), elk met zijn eigen literatuurlijst",
            )


def _entries(sources: Sources) -> Iterator[Diagnostic]:
    every = sources.bibliography.all_entries
    if len(every) > MAX_ENTRIES:
        entry = every[MAX_ENTRIES]
        yield entry_finding(
            entry,
            display_path(entry.path, sources.root),
            "",
            "too-large",
            f"de bibliografie heeft {_number(len(every))} items; de build verwerkt er"
            f" hoogstens {_number(MAX_ENTRIES)} (dit is het {_number(MAX_ENTRIES + 1)}e)",
            "verwijder de items die geen pagina citeert (de waarschuwingen unused-entry noemen ze)",
        )


def _at(sources: Sources, doc: Document, span: Span | None, message: str, hint: str) -> Diagnostic:
    """A finding at `span` of `doc`; None: about the page as a whole, at its first line."""
    offset, line, column = (span.start, span.line, span.column) if span else (0, 1, 1)
    start = doc.text.rfind("\n", 0, offset) + 1
    end = doc.text.find("\n", offset)
    excerpt = doc.text[start : end if end >= 0 else len(doc.text)]
    path = display_path(doc.path, sources.root)
    return finding(path, line, column, "too-large", message, hint, excerpt)


def _deep_emphasis(sources: Sources, doc: Document) -> Iterator[Diagnostic]:
    """The first run of emphasis markers deeper than the build can render, once a page."""
    # Any run that long first, as plain text (one marker for both: the same length): the
    # regex alone tries its lookbehinds at every character, a hundred times slower.
    first = doc.text.replace("_", "*").find(_MARKER_RUN, doc.body_start)
    run = _EMPHASIS_RUN.search(doc.text, first) if first >= 0 else None
    if run is None:
        return
    text = SourceText(doc.text)
    line, column = text.position(run.start())
    yield finding(
        display_path(doc.path, sources.root),
        line,
        column,
        "nesting-too-deep",
        f"hier staan {_number(len(run[0]))} nadruktekens ({run[0][0]}) achter elkaar: zo diep"
        " geneste nadruk kan de build niet tonen en de PDF niet drukken",
        f"gebruik hoogstens drie ({run[0][0] * 3}vet en schuin{run[0][0] * 3}); een lijn"
        " tussen twee alinea's is een regel met alleen *** of ---",
        text.line(line),
    )


def _number(count: int) -> str:
    """A count as Dutch writes it: 10.000."""
    return f"{count:,}".replace(",", ".")


def _megabytes(size: int) -> str:
    """A size as Dutch writes it: 1 MB, 1,2 MB (decimal megabytes, as file managers show)."""
    shown = f"{size / 1_000_000:.1f}".replace(".", ",").removesuffix(",0")
    return f"{shown} MB"


# What the check cannot bound: Python-Markdown renders emphasis and `<div markdown>` blocks by
# recursion, one level in the other, and a page nesting hundreds of them (measured: 350 divs,
# about 700 `**`) exhausts Python's stack. The check refuses deep blocks and long runs of
# emphasis markers (`nesting-too-deep`) but does not read HTML structure; should a page still
# get that deep, the build says this instead of a traceback.
TOO_DEEP_TO_RENDER = (
    "de pagina hierboven is te diep genest om te tonen: honderden lagen nadruk (* of _) of"
    " HTML-blokken in elkaar; maak de opbouw platter"
)
