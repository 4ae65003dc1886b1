"""The page "Wat is er veranderd in versie X" of a paper (DESIGN.md, "Versions"): the changelog
summary, then only the changed sections under their headings, deleted text struck through and
inserted text underlined, each mark with a word for screen readers (changes.css).

Strings in, a string out: the two versions' articles are aligned block by block (difflib over
the blocks' words), and a changed block is diffed inside by lxml's htmldiff, a container (table,
list, admonition) child by child so that a changed cell stays in its cell. Links within the
paper point at its page; deleted text is out of the search index; nothing unsafe survives."""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from copy import deepcopy

from lxml import etree
from lxml.html import document_fromstring, fragment_fromstring, tostring

from whitepaper.pages.block_diff import HEADINGS, Element, Op, aligned, block_of, diffed
from whitepaper.papers import clean

# What the theme puts inside the article that is not the paper's text, by class; elements
# marked data-pagefind-ignore (the PDF link, the cite box) go too.
CHROME = "headerlink md-content__button md-source-file wp-pdf wp-heading wp-citebox".split()
_UNSAFE = ("script", "style", "iframe", "object", "embed", "form", "template", "noscript")
_URL_ATTRIBUTES = ("href", "src", "srcset", "action", "formaction", "poster", "xlink:href")
_SCHEME = re.compile(r"([a-z][a-z0-9+.-]*):")
_SAFE_SCHEMES = {"http", "https", "mailto"}
_GAP = (  # where unchanged blocks of a section are left out
    '<p class="wp-changes__gap" data-pagefind-ignore><span aria-hidden="true">[…]</span>'
    '<span class="wp-sr-only">ongewijzigde tekst weggelaten</span></p>'
)
_WORDS = {"del": "verwijderd: ", "ins": "toegevoegd: "}


def change_title(version: str) -> str:
    """The change page's title, as text."""
    return f"Wat is er veranderd in versie {version}"


def article(page: str) -> Element:
    """The paper's text of a rendered page or article: its blocks are the children of the
    element returned. From a whole page, the article Material renders is taken; the theme's
    chrome (CHROME), scripts and unsafe links go."""
    if re.search(r"<(!doctype|html|body)\b", page[:2000], re.IGNORECASE):
        root = document_fromstring(page).body
    else:
        root = fragment_fromstring(page, create_parent="div")
    root = next(iter(root.xpath(f".//article[{_has_class('md-content__inner')}]")), root)
    chrome = " or ".join([_has_class(name) for name in CHROME] + ["@data-pagefind-ignore"])
    for element in root.xpath(f".//*[{chrome}]"):
        element.drop_tree()
    _sanitise(root)
    etree.strip_tags(root, "ins", "del")  # the page's own marks would read as changes
    while len(root) == 1 and root[0].tag == "div" and not root[0].get("class"):
        if (root.text or "").strip() or (root[0].tail or "").strip():
            break
        root = root[0]
    return root


def change_page(
    old_html: str,
    new_html: str,
    *,
    old_version: str,
    new_version: str,
    summary: str,
    paper_url: str,
    old_paper_url: str | None = None,
) -> str:
    """The change page's body: one `<div class="wp-changes">` without blank lines.

    `old_html` and `new_html` are the rendered pages (or articles) of versions `old_version`
    and `new_version`; `summary` is the changelog's plain text. A link within the paper
    (`#ref-KEY`, `#fn:1`) points into `paper_url`, in deleted text into `old_paper_url` (the
    previous version's page, by default `paper_url`)."""
    old, new, text = (html.escape(clean(value)) for value in (old_version, new_version, summary))
    blocks = list(_changed_sections(article(old_html), article(new_html)))
    page = fragment_fromstring(
        '<div class="wp-changes">\n'
        + (f'<p class="wp-changes__summary">{text}</p>\n' if text else "")
        + (
            f'<p class="wp-changes__legend" data-pagefind-ignore>Hieronder staan alleen de delen'
            f" van de tekst die in versie {new} anders zijn dan in versie {old}:"
            ' <span class="wp-changes__was">doorgehaalde tekst</span> is verwijderd,'
            ' <span class="wp-changes__now">onderstreepte tekst</span> is toegevoegd. De hele'
            f' tekst staat in <a href="{html.escape(paper_url)}">het whitepaper</a>.</p>\n'
            if blocks
            else f"<p>De tekst van deze versie is gelijk aan die van versie {old}.</p>\n"
        )
        + "</div>"
    )
    for block in blocks:
        block.tail = "\n"
        page.append(block)
    _finish(page, paper_url, paper_url if old_paper_url is None else old_paper_url)
    return str(tostring(page, encoding="unicode"))


def _changed_sections(old: Element, new: Element) -> Iterator[Element]:
    """The blocks of the change page: each changed section's changed blocks under the headings
    of its path (those not shown just before), one level lower; a gap for skipped blocks.

    A section is a heading and the blocks up to the next heading; its path is the headings it
    stands under, its own last (the blocks before the first heading have an empty path)."""
    sections: list[tuple[list[tuple[int, Op]], list[Op]]] = [([], [])]
    for op in aligned(list(old), list(new)):
        if (tag := block_of(op).tag) in HEADINGS:
            path = [
                *(above for above in sections[-1][0] if above[0] < int(tag[1])),
                (int(tag[1]), op),
            ]
            sections.append((path, []))
        else:
            sections[-1][1].append(op)
    shown: list[Op] = []
    for path, ops in sections:
        diffs = [diffed(op) for op in ops]
        own = diffed(path[-1][1]) if path else None
        if own is None and not any(diff is not None for diff in diffs):
            continue
        common = 0
        while common < min(len(path), len(shown)) and path[common][1] is shown[common]:
            common += 1
        for level, op in path[common:]:
            heading = own if op is path[-1][1] else diffed(op)
            heading = deepcopy(block_of(op)) if heading is None else heading
            heading.tag = f"h{min(level + 1, 6)}"
            yield heading
        shown, skipped = [op for _, op in path], False
        for diff in diffs:
            if diff is not None and skipped:
                yield fragment_fromstring(_GAP)
            skipped = diff is None
            if diff is not None:
                yield diff


def _finish(page: Element, paper_url: str, old_url: str) -> None:
    """Old text before new, a word for screen readers in each mark, deletions out of the
    search index, links within the paper pointing at its page, no ids, nothing unsafe."""
    for mark in list(page.iter("ins", "del")):
        if not len(mark) and not (mark.text or "").strip():
            mark.drop_tag()
    for inserted in list(page.iter("ins")):
        deleted = inserted.getnext()
        if deleted is not None and deleted.tag == "del" and not (inserted.tail or "").strip():
            between, after = inserted.tail, deleted.tail
            inserted.addprevious(deleted)
            deleted.tail, inserted.tail = between, after
    for mark in list(page.iter("ins", "del")):
        word = mark.makeelement("span", {"class": "wp-sr-only", "data-pagefind-ignore": ""})
        word.text, word.tail, mark.text = _WORDS[mark.tag], mark.text, None
        mark.insert(0, word)
        if mark.tag == "del":
            mark.set("data-pagefind-ignore", "")
    for link in page.iter("a"):
        href = link.get("href", "")
        if href.startswith("#"):
            deleted = any(ancestor.tag == "del" for ancestor in link.iterancestors())
            link.set("href", (old_url if deleted else paper_url) + href)
    for element in page.iter():
        element.attrib.pop("id", None)
    _sanitise(page)


def _sanitise(root: Element) -> None:
    """No scripts, styles, frames or forms, no event handlers, no link but a relative one or
    one to http(s) or mailto (a link that is not one becomes its text)."""
    etree.strip_elements(
        root, etree.Comment, etree.ProcessingInstruction, *_UNSAFE, with_tail=False
    )
    for element in list(root.iter()):
        for name in [name for name in element.attrib if name.lower().startswith("on")]:
            del element.attrib[name]
        for name in _URL_ATTRIBUTES:
            value = re.sub(r"[\x00-\x20\x7f]+", "", element.get(name, "")).lower()
            scheme = _SCHEME.match(value)
            if scheme and scheme[1] not in _SAFE_SCHEMES:
                del element.attrib[name]
                if element.tag == "a":
                    element.drop_tag()
                    break


def _has_class(name: str) -> str:
    return f'contains(concat(" ", normalize-space(@class), " "), " {name} ")'
