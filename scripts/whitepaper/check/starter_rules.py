"""`example-text`: what of the starter paper `whitepaper new` wrote is still to write.

The example entry is found by the mark starter.py gives it; each citation of it is example text
still in a page (the starter's paragraph and footnote cite it, and a sentence that cites it
cites no real source), and the entry itself is the example still to replace. Warnings, never
errors: the starter builds, and she writes at her own pace.
"""

from __future__ import annotations

from collections.abc import Iterator

from whitepaper.diagnostics import Diagnostic, SourceText, display_path, finding
from whitepaper.sources.entries import entry_finding
from whitepaper.sources.reading import Sources
from whitepaper.starter import is_example

_CITE_TIP = (
    "schrijf hier uw eigen tekst en citeer een echte bron: `whitepaper cite DOI` voegt haar toe"
    " en noemt de sleutel, zoals [@jansen2024]; of verwijder dit voorbeeld"
)


def example_findings(sources: Sources) -> Iterator[Diagnostic]:
    examples = {
        entry.key.lower(): entry
        for entry in sources.bibliography.all_entries
        if is_example(entry.fields)
    }
    for entry in examples.values():
        yield entry_finding(
            entry,
            display_path(entry.path, sources.root),
            "title",
            "example-text",
            f"'{entry.key}' is de voorbeeldbron van `whitepaper new`, geen echte bron",
            "voeg echte bronnen toe met `whitepaper cite DOI` en verwijder dit item zodra geen"
            " pagina het nog citeert",
        )
    for doc in sources.documents if examples else ():
        source = SourceText(doc.text)
        for citation in doc.citations:
            for item in citation.items:
                if item.key.lower() not in examples:
                    continue
                where = "deze voetnoot" if citation.footnote is not None else "deze alinea"
                yield finding(
                    display_path(doc.path, sources.root),
                    item.span.line,
                    item.span.column,
                    "example-text",
                    f"{where} is nog voorbeeldtekst: ze citeert de voorbeeldbron '{item.key}'",
                    _CITE_TIP,
                    source.line(item.span.line),
                )
