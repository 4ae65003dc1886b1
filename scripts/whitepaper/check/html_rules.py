"""`unsafe-html` and `unsafe-url` in pages: the raw HTML, links, images, reference definitions
and attribute lists a page holds, judged by `html_policy` (issue 13), at their places.

The rule reports every page; a page the site's maintainers trust (`trusted_html` in
mkdocs.yml) is exempted afterwards, at the edge (`without_trusted`), so that the cached
findings stay the same whatever the option says.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from whitepaper.diagnostics import Diagnostic, SourceText, display_path, finding
from whitepaper.html_policy import (
    Refusal,
    attribute_refusal,
    element_refusal,
    irregular_refusal,
    is_trusted,
    url_refusal,
)
from whitepaper.papers import page_uri
from whitepaper.sources.raw_html import Markup
from whitepaper.sources.reading import Inventory, Sources
from whitepaper.sources.source_map import Span

EXEMPT = frozenset({"unsafe-html", "unsafe-url"})  # what a trusted page may hold


def html_findings(sources: Sources) -> Iterator[Diagnostic]:
    for doc in sources.documents:
        refused = [found for markup in doc.markup for found in refusals(markup)]
        if not refused:
            continue
        path, text = display_path(doc.path, sources.root), SourceText(doc.text)
        for span, why in refused:
            excerpt = text.line(span.line)
            yield finding(path, span.line, span.column, why.code, why.message, why.tip, excerpt)


def refusals(markup: Markup) -> Iterator[tuple[Span, Refusal]]:
    """Where and why the policy refuses (a part of) one piece of a page's markup."""
    if markup.kind == "irregular":
        yield markup.span, irregular_refusal(markup.name)
    elif markup.kind in ("link", "image", "definition"):
        for attribute in markup.attributes:
            if attribute.value is not None and (why := url_refusal(attribute.value)):
                yield markup.span, why
    elif markup.kind == "html" and (why := element_refusal(markup.name)):
        yield markup.span, why
    else:  # an allowed element's attributes, or an attribute list's (on Markdown's element)
        for attribute in markup.attributes:
            element = markup.name or None
            if why := attribute_refusal(element, attribute.name, attribute.value):
                yield attribute.span, why


def without_trusted(
    findings: list[Diagnostic], inventory: Inventory, trusted: Sequence[str]
) -> list[Diagnostic]:
    """`findings` but the raw HTML and links of the pages `trusted` names (globs below docs/)."""
    if not trusted:
        return findings
    exempt = {
        display_path(path, inventory.root)
        for path in inventory.pages
        if is_trusted(page_uri(path, inventory.docs_dir), trusted)
    }
    return [d for d in findings if not (d.code in EXEMPT and d.path in exempt)]
