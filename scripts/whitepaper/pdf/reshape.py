"""A rendered page's HTML, reshaped for print: what a link or a click does on screen, paper
does with the page itself.

- footnotes move from the list at the end to where they are referenced (WeasyPrint then sets
  them at the foot of that PDF page); a heading left with nothing under it goes too;
- the page's own reference list goes: the PDF ends with the paper's one list;
- permalink marks (¶) go; an image, a link inside the paper or to the site becomes absolute;
- spans in links and paragraphs in list items go, which WeasyPrint would tag against PDF/UA;
- on every page but the first, ids get the page's prefix, so two pages cannot clash.

The HTML is parsed with lxml (a real parser) and written back; nothing else is changed.
"""

from __future__ import annotations

import re
from urllib.parse import urljoin, urlsplit

from lxml import html
from lxml.etree import _Element

# Block elements cannot sit inside a <p> (an HTML parser closes the <p> before them), so a
# footnote's blocks travel as spans that print.css shows as blocks again.
_BLOCKS = {"p", "div", "ul", "ol", "li", "blockquote", "pre", "table", "dl", "dt", "dd"}
_HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
_FOOTNOTE_ID = re.compile(r"fn:(.+)")
_SAFE_SCHEMES = {"http", "https", "mailto"}


def print_page(
    content: str, *, prefix: str, folder: str, public_url: str | None, drop_title: bool
) -> str:
    """`content` (a page's rendered HTML) reshaped for print.

    Images resolve against `folder` (the page's folder in the built site, from its root);
    links to the site against `public_url` (the page's address), or become text when the site
    has no address. A link within the page becomes `#<prefix><id>`. With `drop_title`, the first
    <h1> goes: the cover shows the paper's title.
    """
    body = html.fragment_fromstring(content, create_parent="div")
    if drop_title:
        for heading in body.iter("h1"):
            heading.drop_tree()
            break
    for permalink in body.xpath('.//a[contains(concat(" ", @class, " "), " headerlink ")]'):
        permalink.drop_tree()
    _inline_footnotes(body)
    _drop_reference_list(body)
    _taggable(body)
    _absolute_addresses(body, folder, public_url)
    if prefix:
        _prefix_ids(body, prefix)
    return _serialised(body)


def headings(content: str, levels: tuple[str, ...] = ("h1", "h2")) -> list[tuple[str, str, str]]:
    """(tag, id, text) of each heading of `levels` with an id, in order: the table of contents."""
    body = html.fragment_fromstring(content, create_parent="div")
    return [
        (heading.tag, heading.get("id", ""), " ".join(heading.text_content().split()))
        for heading in body.iter(*levels)
        if heading.get("id")
    ]


def _serialised(body: _Element) -> str:
    return (body.text or "") + "".join(html.tostring(child, encoding="unicode") for child in body)


def _inline_footnotes(body: _Element) -> None:
    listings = body.xpath('.//div[contains(concat(" ", @class, " "), " footnote ")]')
    notes = {
        match.group(1): item
        for listing in listings
        for item in listing.iter("li")
        if (match := _FOOTNOTE_ID.fullmatch(item.get("id", "")))
    }
    placed: set[str] = set()
    for reference in body.xpath('.//sup[a[contains(@class, "footnote-ref")]]'):
        name = reference[0].get("href", "").removeprefix("#fn:")
        note = notes.get(name)
        if note is None:
            continue
        if name in placed:  # a note referenced again: its number, from the first reference
            call = html.Element("a", {"class": "wp-footnote-again", "href": f"#wp-fn-{name}"})
        else:
            call = _footnote(note, name)
            placed.add(name)
        call.tail = reference.tail
        reference.getparent().replace(reference, call)
    for listing in listings:
        _drop_with_its_heading(listing)


def _footnote(note: _Element, name: str) -> _Element:
    """The note's content as one inline element WeasyPrint floats to the page's foot."""
    for backref in note.xpath('.//a[contains(@class, "footnote-backref")]'):
        parent = backref.getparent()
        backref.drop_tree()
        _strip_trailing_space(parent)  # the no-break space put before the arrow
    if len(note) == 1 and note[0].tag == "p":  # the usual note: one paragraph, kept inline
        note[0].drop_tag()
    for block in note.iter(*_BLOCKS):
        if block is not note:
            block.set("data-wp-block", block.tag)
            block.tag = "span"
    note.tag = "span"
    note.attrib.clear()
    note.set("class", "wp-footnote")
    note.set("id", f"wp-fn-{name}")
    note.tail = None
    # WeasyPrint 70 breaks the line after the note's number when the text starts with one.
    note.text = (note.text or "").lstrip()
    _strip_trailing_space(note)
    return note


def _strip_trailing_space(element: _Element) -> None:
    last = element[-1] if len(element) else None
    if last is not None:
        last.tail = (last.tail or "").rstrip("\xa0 \n")
    else:
        element.text = (element.text or "").rstrip("\xa0 \n")


def _empty_section(heading: _Element | None, following: _Element | None) -> bool:
    """True when `heading` (a heading, or not) now heads nothing: what follows is another
    heading of its level or higher, or the end."""
    if heading is None or heading.tag not in _HEADINGS:
        return False
    if following is None:
        return True
    return following.tag in _HEADINGS and following.tag <= heading.tag


def _drop_reference_list(body: _Element) -> None:
    for listing in body.xpath('.//div[@id="refs"]'):
        _drop_with_its_heading(listing)


def _drop_with_its_heading(element: _Element) -> None:
    """Remove `element`, and the heading before it when that now heads nothing."""
    heading, following = element.getprevious(), element.getnext()
    element.drop_tree()
    if _empty_section(heading, following):
        heading.drop_tree()


def _taggable(body: _Element) -> None:
    """Two shapes WeasyPrint 70 tags against PDF/UA made simpler; they look the same on paper.

    A link whose text starts in a <span> gets its annotation outside the Link tag; a list item
    holding paragraphs gets no LBody. Spans in links go (unless they mark a language), and the
    paragraphs of a list item become lines of it.
    """
    for span in body.xpath(".//a//span[not(@lang)]"):
        span.drop_tag()
    for item in body.iter("li"):
        for number, paragraph in enumerate([child for child in item if child.tag == "p"]):
            if number:
                paragraph.addprevious(html.Element("br"))
            paragraph.drop_tag()


def _absolute_addresses(body: _Element, folder: str, public_url: str | None) -> None:
    for image in body.iter("img"):
        if image.get("src"):
            image.set("src", urljoin(folder, image.get("src")))
    for link in body.iter("a"):
        href = link.get("href")
        if href is None or href.startswith("#"):
            continue
        scheme = urlsplit(href).scheme.lower()
        if scheme:
            if scheme not in _SAFE_SCHEMES:  # javascript: and the like: text on paper
                del link.attrib["href"]
            continue
        if public_url:
            link.set("href", urljoin(public_url, href))
        else:  # a file: address would mean nothing to the PDF's reader
            del link.attrib["href"]


def _prefix_ids(body: _Element, prefix: str) -> None:
    for element in body.xpath(".//*[@id]"):
        element.set("id", prefix + element.get("id"))
    for link in body.iter("a"):
        href = link.get("href", "")
        # The references are the paper's one list, outside every page: their ids stay.
        if href.startswith("#") and not href.startswith("#ref-"):
            link.set("href", "#" + prefix + href[1:])
