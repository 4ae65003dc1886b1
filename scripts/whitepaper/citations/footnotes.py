"""The footnotes as readers get them: Python-Markdown's, without a back link to nowhere,
and with links named "Voetnoot 1" and "Terug naar de tekst" for screen readers.

Python-Markdown's footnotes extension renders every definition, referred to or not, and ends
each with a back link ("↩") to `#fnref:<label>`, the reference in the text. A note nothing
refers to has no such reference: its back link leads nowhere, MkDocs' anchor validation says
so, and `strict: true` fails the build over what the check calls a warning
(`unused-footnote`). The tree processor here drops exactly those back links while the page
is rendered, after the extension has made its links and before MkDocs collects a page's
links and anchors: the note stays, with its text and its source (so a reference it cites is
still cited where readers see it), and nothing links nowhere.

Dropping the note instead, as pandoc does, would leave its sources in the page's reference
list with no citation a reader can find; and failing the build would make the warning an
error. The PDF, which places each note where it is referred to, leaves such a note out.
"""

from __future__ import annotations

import xml.etree.ElementTree as etree

from markdown import Extension, Markdown  # type: ignore[import-untyped]
from markdown.extensions.footnotes import NBSP_PLACEHOLDER  # type: ignore[import-untyped]
from markdown.treeprocessors import Treeprocessor  # type: ignore[import-untyped]

BACKLINK_CLASS = "footnote-backref"
# After the footnotes extension's processors (50, its duplicate back links at 15) and the
# inline processor (20) that makes the references; before MkDocs' anchors and links (5, 0).
PRIORITY = 12


class FootnoteBacklinks(Extension):  # type: ignore[misc]
    """Registers the processor that drops the back links of footnotes nothing refers to."""

    def extendMarkdown(self, md: Markdown) -> None:  # Python-Markdown names it so
        md.treeprocessors.register(_DeadBacklinks(md), "whitepaper-footnote-backlinks", PRIORITY)


class _DeadBacklinks(Treeprocessor):  # type: ignore[misc]
    def run(self, root: etree.Element) -> None:
        anchors = {element.get("id") for element in root.iter() if element.get("id")}
        parents = {child: parent for parent in root.iter() for child in parent}
        for link, parent in list(parents.items()):
            _name(link)
            if _is_backlink(link) and link.get("href", "")[1:] not in anchors:
                _drop(parent, list(parent).index(link))
                if _empty_paragraph(parent) and parent in parents:  # made for the link alone
                    parents[parent].remove(parent)


def _name(link: etree.Element) -> None:
    """Names a screen reader says instead of a bare "1" or "↩"."""
    classes = (link.get("class") or "").split() if link.tag == "a" else []
    if "footnote-ref" in classes:
        link.set("aria-label", f"Voetnoot {link.text or ''}".strip())
    elif BACKLINK_CLASS in classes:
        link.set("aria-label", "Terug naar de tekst")


def _is_backlink(element: etree.Element) -> bool:
    classes = (element.get("class") or "").split()
    return element.tag == "a" and BACKLINK_CLASS in classes and element.get("href", "")[:1] == "#"


def _empty_paragraph(element: etree.Element) -> bool:
    return element.tag == "p" and not len(element) and not (element.text or "").strip()


def _drop(parent: etree.Element, index: int) -> None:
    """Remove `parent[index]` and the no-break space the extension put before it."""
    link = parent[index]
    before = parent[index - 1] if index else None
    text = (before.tail if before is not None else parent.text) or ""
    text = text.removesuffix(NBSP_PLACEHOLDER) + (link.tail or "")
    if before is not None:
        before.tail = text
    else:
        parent.text = text
    parent.remove(link)
