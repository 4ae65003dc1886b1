"""Two versions of a paper's text compared block by block: the blocks aligned in reading order
(difflib over their words), a changed block diffed inside by lxml's htmldiff, a container (a
table, a list, an admonition) child by child, so that a changed cell stays in its cell."""

from __future__ import annotations

import html
from collections.abc import Iterator, Sequence
from copy import deepcopy
from difflib import SequenceMatcher
from typing import Any

from lxml.html import fragment_fromstring, tostring
from lxml.html.diff import fixup_ins_del_tags, htmldiff_tokens, tokenize

Element = Any  # lxml.html.HtmlElement (lxml ships no types)
Op = tuple[str, Element, Element]  # equal, change, delete or insert; the old block, the new

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
BLOCKS = HEADINGS | set(
    "p div ul ol li dl dt dd blockquote pre table caption colgroup col thead tbody tfoot tr td th"
    " hr section details summary figure figcaption".split()
)
SIMILAR = 0.4  # blocks of one tag whose words are this alike are one block changed


def block_of(op: Op) -> Element:
    return op[2] if op[2] is not None else op[1]


def aligned(old: Sequence[Element], new: Sequence[Element]) -> Iterator[Op]:
    """The two sequences of blocks aligned, in reading order: deletions before insertions."""
    keys = [_key(block) for block in old], [_key(block) for block in new]
    for tag, i1, i2, j1, j2 in SequenceMatcher(None, *keys, autojunk=False).get_opcodes():
        if tag == "equal":
            yield from (("equal", a, b) for a, b in zip(old[i1:i2], new[j1:j2], strict=True))
            continue
        j = j1
        for block in old[i1:i2]:
            match = next((k for k in range(j, j2) if _similar(block, new[k])), None)
            if match is None:
                yield "delete", block, None
                continue
            yield from (("insert", None, inserted) for inserted in new[j:match])
            yield "change", block, new[match]
            j = match + 1
        yield from (("insert", None, inserted) for inserted in new[j:j2])


def _key(block: Element) -> str:
    images = " ".join(image.get("src", "") for image in block.iter("img"))
    return f"{block.tag}.{block.get('class', '')}|{' '.join(_words(block))}|{images}"


def _similar(old: Element, new: Element) -> bool:
    if (old.tag, old.get("class")) != (new.tag, new.get("class")):
        return False
    if old.tag in ("td", "th"):  # a row's cells keep their places
        return True
    return SequenceMatcher(None, _words(old), _words(new), autojunk=False).ratio() >= SIMILAR


def _words(block: Element) -> list[str]:
    return " ".join(block.itertext()).split()


def diffed(op: Op) -> Element:
    """The block of `op` as the change page shows it; None where readers would see no change."""
    kind, old, new = op
    if kind == "equal":
        return None
    if kind == "change":
        return _changed(old, new)
    # A whole block: marked by an attribute, as Material styles only a table without a class.
    block = _marked(deepcopy(block_of(op)), "del" if kind == "delete" else "ins")
    block.set("data-wp-change", "deleted" if kind == "delete" else "inserted")
    return block


def _changed(old: Element, new: Element) -> Element:
    """A changed block: a container child by child, any other block diffed by htmldiff."""
    shell = new.makeelement(new.tag, dict(new.attrib))
    if not (_container(old) and _container(new)):
        inner = [tokenize(_inner(block), include_hrefs=False) for block in (old, new)]
        result = fragment_fromstring(
            fixup_ins_del_tags("".join(htmldiff_tokens(*inner)).strip()), create_parent="div"
        )
        shell.text = result.text
        shell.extend(list(result))
        return (
            shell if shell.find(".//ins") is not None or shell.find(".//del") is not None else None
        )
    pruned = _pruned(new)
    if pruned and new.tag == "ol":  # the items shown keep their numbers
        for items in (old, new):
            for number, item in enumerate(items, start=int(items.get("start", "1"))):
                item.set("value", str(number))
    shell.text, changed = new.text, False
    for op in aligned(list(old), list(new)):
        block = diffed(op)
        changed |= block is not None
        if block is not None or not pruned:
            shell.append(block if block is not None else deepcopy(op[2]))
            shell[-1].tail = block_of(op).tail
    return shell if changed else None


def _container(block: Element) -> bool:
    """Whether `block` holds only blocks (a list, a table, an admonition), no text of its own."""
    if not len(block) or (block.text or "").strip():
        return False
    return all(child.tag in BLOCKS and not (child.tail or "").strip() for child in block)


def _pruned(block: Element) -> bool:
    """Lists of which only the changed items are shown: the references, the footnotes."""
    parent = block.getparent()
    in_footnotes = parent is not None and "footnote" in parent.get("class", "").split()
    return "csl-bib-body" in block.get("class", "").split() or (block.tag == "ol" and in_footnotes)


def _marked(block: Element, mark: str) -> Element:
    """`block` shown wholly deleted (`del`) or inserted (`ins`): each of its leaves' content
    inside one mark, so that the HTML stays valid in lists and tables."""
    if _container(block):
        for child in block:
            _marked(child, mark)
    elif len(block) or (block.text or "").strip():
        element = block.makeelement(mark, {})
        element.text, block.text = block.text, None
        element.extend(list(block))
        block.append(element)
    return block


def _inner(block: Element) -> str:
    children = "".join(tostring(child, encoding="unicode") for child in block)
    return html.escape(block.text or "", quote=False) + children
