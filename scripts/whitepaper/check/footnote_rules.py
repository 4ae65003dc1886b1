"""Footnote rules for one page: every reference defined, every definition used and cited.

The project's rule: a footnote exists to name a source, so each definition must contain at
least one citation of a bibliography entry (`uncited-footnote`).

"Referred to" means what the site renders: Python-Markdown links a reference inside another
footnote's text as well (`[^2]` in `[^1]: ... [^2].` is note 2's reference), so such a note is
used. Pandoc differs there: it leaves a reference inside a note as text ("[^2]") and drops the
note it names; the site is not rendered by pandoc (README, "Footnotes").

Each rule is linear in the page's references, definitions and citations (`bounds_rules` keeps
the build's own cost bounded): sets and sorted offsets, no search over a list per reference.
"""

from __future__ import annotations

import difflib
from bisect import bisect_right
from collections.abc import Callable, Iterator
from typing import NamedTuple

from whitepaper.diagnostics import Code
from whitepaper.sources.documents import Document, FootnoteDef, Span


class Finding(NamedTuple):
    """A finding inside one document, before it gets the document's path."""

    span: Span
    code: Code
    message: str
    hint: str


def undefined_footnotes(doc: Document) -> Iterator[Finding]:
    defined = {definition.label for definition in doc.footnote_defs}
    labels = sorted(defined)
    hints: dict[str, str] = {}  # one search for a close label per label, not per reference
    for ref in doc.footnote_refs:
        if ref.label in defined:
            continue
        if ref.label not in hints:
            close = difflib.get_close_matches(ref.label, labels, n=1)
            hints[ref.label] = (
                f"bedoelde u '[^{close[0]}]'?"
                if close
                else f"voeg onderaan de pagina toe: [^{ref.label}]: tekst met bron [@sleutel]."
            )
        message = f"voetnoot '[^{ref.label}]' is nergens gedefinieerd"
        yield Finding(ref.span, "undefined-footnote", message, hints[ref.label])


def _first_definitions(doc: Document) -> dict[str, FootnoteDef]:
    first: dict[str, FootnoteDef] = {}
    for definition in doc.footnote_defs:
        first.setdefault(definition.label, definition)
    return first


def duplicate_footnotes(doc: Document) -> Iterator[Finding]:
    first = _first_definitions(doc)
    for definition in doc.footnote_defs:
        original = first[definition.label]
        if original is not definition:
            yield Finding(
                definition.span,
                "duplicate-footnote",
                f"voetnoot '[^{definition.label}]' staat al op regel {original.span.line}",
                "geef deze voetnoot een eigen label, of voeg de twee samen",
            )


def _cited_definitions(doc: Document) -> set[int]:
    """Start offsets of the definitions that contain at least one citation."""
    # A label may be defined twice, so a citation belongs to the last definition of its
    # label that starts before it.
    starts: dict[str, list[int]] = {}
    for definition in doc.footnote_defs:
        starts.setdefault(definition.label, []).append(definition.span.start)
    cited: set[int] = set()
    if not starts:
        return cited  # a page without notes walks no citation
    outside = starts.get("")  # a citation in no note (footnote None) is taken as label ''
    for citation in doc.citations:
        label = citation.footnote
        owners = outside if label is None else starts.get(label)  # in page order: defs sorted
        if owners is None:
            continue
        before = bisect_right(owners, citation.span.start)
        if before:
            cited.add(owners[before - 1])
    return cited


def uncited_footnotes(doc: Document) -> Iterator[Finding]:
    cited = _cited_definitions(doc)
    for definition in doc.footnote_defs:
        if definition.span.start not in cited:
            yield Finding(
                definition.span,
                "uncited-footnote",
                f"voetnoot '[^{definition.label}]' noemt geen bron",
                "elke voetnoot citeert een item uit de bibliografie: voeg [@sleutel] toe",
            )


def unused_footnotes(doc: Document) -> Iterator[Finding]:
    referenced = {ref.label for ref in doc.footnote_refs}
    for label, definition in _first_definitions(doc).items():
        if label not in referenced:
            yield Finding(
                definition.span,
                "unused-footnote",
                f"voetnoot '[^{label}]' wordt nergens in de tekst gebruikt",
                f"verwijs ernaar met [^{label}], of verwijder de definitie",
            )


FOOTNOTE_RULES: tuple[Callable[[Document], Iterator[Finding]], ...] = (
    undefined_footnotes,
    duplicate_footnotes,
    uncited_footnotes,
    unused_footnotes,
)


def footnote_findings(doc: Document) -> Iterator[Finding]:
    for rule in FOOTNOTE_RULES:
        yield from rule(doc)
