"""Pandoc's HTML, read with a real HTML parser and written again through an allowlist.

Everything that reaches a page from a bibliography passes through `inner_html`: only the
tags and attributes pandoc uses for citations and references survive, text is escaped again,
a link survives only when its href is a web address (`links.link_target`) or a `#ref-`
anchor of the reference list, and a span's `lang` only when it is a BCP 47 tag (pandoc's
for a title in another language, `csl_bibtex`).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from html import escape
from html.parser import HTMLParser
from urllib.parse import unquote

from whitepaper.links import link_target
from whitepaper.sources.languages import BCP47_TAG

_ALLOWED = {
    "a": {"href", "role", "class"},
    "span": {"class", "data-cites", "lang"},
    "em": set(),
    "strong": set(),
    "i": set(),
    "b": set(),
    "sup": set(),
    "sub": set(),
    "code": set(),
    "br": set(),
}
_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "wbr"}
_REFERENCE_ANCHOR = re.compile(r"#ref-[^\s\x00-\x1f\x7f]+")


@dataclass
class Element:
    tag: str
    attrs: dict[str, str]
    children: list[Element | str] = field(default_factory=list)

    def elements(self) -> Iterator[Element]:
        """This element's descendants, in document order."""
        for child in self.children:
            if isinstance(child, Element):
                yield child
                yield from child.elements()


class _TreeBuilder(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.root = Element("", {})
        self._open = [self.root]

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        element = Element(tag, {name: value or "" for name, value in attrs})
        self._open[-1].children.append(element)
        if tag not in _VOID:
            self._open.append(element)

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._open[-1].children.append(Element(tag, {name: value or "" for name, value in attrs}))

    def handle_endtag(self, tag: str) -> None:
        for depth in range(len(self._open) - 1, 0, -1):
            if self._open[depth].tag == tag:
                del self._open[depth:]
                return

    def handle_data(self, data: str) -> None:
        self._open[-1].children.append(data)


def by_id(html: str) -> dict[str, Element]:
    """Every element of `html` that has an id, by that id (the first one of duplicates)."""
    builder = _TreeBuilder()
    builder.feed(html)
    builder.close()
    found: dict[str, Element] = {}
    for element in builder.root.elements():
        if "id" in element.attrs:
            found.setdefault(element.attrs["id"], element)
    return found


def inner_html(element: Element, after: Mapping[str, str] = {}) -> str:
    """The content of `element` as safe HTML; `#ref-` links get the hover preview's hooks, and
    `after[key]` (our own HTML: a source's mark) after the link to the entry `key`."""
    return "".join(_safe(child, after) for child in element.children).strip()


def _safe(node: Element | str, after: Mapping[str, str]) -> str:
    if isinstance(node, str):
        return escape(node, quote=False)
    content = "".join(_safe(child, after) for child in node.children)
    allowed = _ALLOWED.get(node.tag)
    if allowed is None:
        return content  # the tag goes, its text stays (escaped)
    attrs = {name: value for name, value in node.attrs.items() if name in allowed}
    if "lang" in attrs and not BCP47_TAG.fullmatch(attrs["lang"]):
        del attrs["lang"]
    if node.tag == "a":
        href = attrs.get("href", "")
        target = href if _REFERENCE_ANCHOR.fullmatch(href) else link_target(href)
        if target is None:
            return content
        attrs["href"] = target
        if href.startswith("#ref-"):
            attrs["class"] = " ".join(filter(None, (attrs.get("class"), "wp-cite")))
            attrs["data-wp-ref"] = unquote(href[len("#ref-") :])
    written = "".join(f' {name}="{escape(value)}"' for name, value in attrs.items())
    if node.tag == "br":
        return f"<br{written}>"
    mark = after.get(attrs["data-wp-ref"], "") if "data-wp-ref" in attrs else ""
    return f"<{node.tag}{written}>{content}</{node.tag}>{mark}"
