"""Which HTML a page may hold, and which addresses its links and images may use (issue 13).

One rule for both places it is applied: `whitepaper check` judges the raw HTML, links and
attribute lists written in a page's Markdown; the build judges every page's rendered HTML with
the same verdicts (`ensure_safe_html`), so what Markdown makes of a page cannot get past either.

- Elements: an allowlist of text and structure (what the pages use: `<span lang="en">`, `<br>`,
  `<aside class="pull-quote" markdown>`, `<blockquote lang="en" markdown>`, `<figure>`, `<abbr>`,
  and what Markdown and its extensions write: tables, footnotes, headings' anchors). Nothing
  that runs code, loads another page or changes the page itself (`<script>`, `<style>`,
  `<iframe>`, `<object>`, `<embed>`, `<form>`, `<base>`, `<meta>`, `<link>`, `<svg>`, …).
- Attributes: on any allowed element `id`, `class`, `lang`, `dir`, `title`, `role`, `aria-*`
  and md_in_html's `markdown`; per element a few more (`href`, `src`, `alt`, `colspan`, …);
  `style` only for alignment and width, with plain values. No `on…` handler, no `srcdoc`.
- Addresses (`href`, `src`, `cite`, Markdown links and images, reference definitions): a
  page or file of the site (a relative address), a web address by `links.py`'s rule, or
  `mailto:`/`tel:`. Read as a browser reads them: entities decoded (`jav&#x61;script:`), tabs
  and line breaks dropped (`java\tscript:`), leading spaces and controls ignored.

A page a maintainer trusts is exempt: `trusted_html` in the whitepaper plugin's options in
mkdocs.yml (globs relative to docs/), where a pull request cannot grant it unnoticed.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Literal

from whitepaper.diagnostics import StageError
from whitepaper.html_scan import Irregular, Tag, scan
from whitepaper.links import url_problem

_EVERYWHERE = frozenset(
    {"id", "class", "lang", "dir", "title", "translate", "role", "hidden", "markdown"}
    | {"data-pagefind-ignore"}
)  # `markdown`: md_in_html's, read by Python-Markdown and never written; data-pagefind-ignore:
#    keeps a passage (the reference list, the home listing) out of the search index, nothing more
_CELL = frozenset({"colspan", "rowspan", "headers", "align"})
_PLAIN = (
    "abbr address article aside b bdi bdo br caption cite code dd dfn div dl dt em figcaption"
    " figure footer h1 h2 h3 h4 h5 h6 header hgroup hr i kbd mark p pre rp rt ruby s samp"
    " section small strong sub summary sup table tbody tfoot thead tr u ul var wbr"
)
ELEMENTS: dict[str, frozenset[str]] = {
    **{name: frozenset() for name in _PLAIN.split()},
    "a": frozenset({"href", "hreflang", "rel", "name", "download", "data-wp-ref"}),
    "img": frozenset({"src", "alt", "width", "height", "loading", "decoding"}),
    "span": frozenset({"data-cites"}),  # the two data- attributes are the citations' own
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
    "td": _CELL,
    "th": _CELL | {"scope", "abbr"},
    "col": frozenset({"span", "align"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
}
ADDRESSES = frozenset({"href", "src", "cite"})
_ANY_ELEMENT = frozenset().union(*ELEMENTS.values())  # an attribute list's element is Markdown's
_STYLE_PROPERTIES = frozenset({"text-align", "vertical-align", "width", "white-space"})
_STYLE_VALUE = re.compile(r"[A-Za-z0-9 .%#-]+")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]*):")
_HARMLESS_SCHEMES = frozenset({"mailto", "tel"})
_ALLOWED_HINT = (
    "toegestaan zijn onder meer <span>, <div>, <aside>, <figure>, <abbr>, <br>, <sup> en <sub>"
    " (zie CONTRIBUTING.md)"
)
_WHY = {  # what a refused element can do, and what to write instead
    "script noscript template": (
        "een pagina voert geen scripts uit",
        "haal het script weg; moet een pagina echt een script hebben, dan zet een beheerder haar"
        " onder trusted_html in mkdocs.yml",
    ),
    "style link meta base": (
        "hij verandert de opmaak of het gedrag van de hele pagina",
        "opmaak hoort in het thema (overrides/), niet in een pagina",
    ),
    "iframe frame frameset object embed applet portal video audio source track": (
        "hij laadt inhoud van buiten de site",
        "zet een gewone link naar de video of het document: [titel](https://…)",
    ),
    "form input button select textarea option label fieldset output dialog": (
        "een pagina bevat geen formulieren",
        "zet een link naar het formulier: [titel](https://…)",
    ),
    "svg math canvas picture": (
        "ingebedde afbeeldingen kunnen code bevatten",
        "zet de afbeelding als bestand naast de pagina: ![beschrijving](figuur.png)",
    ),
    "html head body title": (
        "de pagina is al een HTML-document",
        "haal de tag weg",
    ),
}
_REASONS = {name: reason for names, reason in _WHY.items() for name in names.split()}


@dataclass(frozen=True)
class Refusal:
    code: Literal["unsafe-html", "unsafe-url"]
    message: str
    tip: str


def element_refusal(name: str) -> Refusal | None:
    """Why the element `name` may not stand in a page, or None when it may."""
    if name in ELEMENTS:
        return None
    why, tip = _REASONS.get(name, ("", _ALLOWED_HINT))
    message = f"de HTML-tag <{name}> is niet toegestaan in een pagina" + (f": {why}" if why else "")
    return Refusal("unsafe-html", message, tip)


def attribute_refusal(element: str | None, name: str, value: str | None) -> Refusal | None:
    """Why `name="value"` may not stand on `element` (None: in an attribute list `{: … }`,
    whose element Markdown decides), or None when it may."""
    where = f"op <{element}>" if element else "in een attributenlijst {: … }"
    if name.startswith("on"):
        return Refusal(
            "unsafe-html",
            f"het attribuut '{name}' {where} voert code uit en is niet toegestaan",
            "haal het attribuut weg; een pagina voert geen scripts uit",
        )
    if name == "style":
        return _style_refusal(value or "")
    allowed = ELEMENTS.get(element, frozenset()) if element else _ANY_ELEMENT
    if not (name in _EVERYWHERE or name in allowed or name.startswith("aria-")):
        return Refusal(
            "unsafe-html",
            f"het attribuut '{name}' is niet toegestaan {where}",
            "haal het weg; op elk element mogen id, class, lang, dir en title",
        )
    if name in ADDRESSES and value is not None:
        return url_refusal(value)
    return None


def _style_refusal(value: str) -> Refusal | None:
    for declaration in filter(str.strip, value.split(";")):
        prop, colon, setting = declaration.partition(":")
        if not (
            colon and prop.strip().lower() in _STYLE_PROPERTIES and _STYLE_VALUE.fullmatch(setting)
        ):
            return Refusal(
                "unsafe-html",
                f"de stijl '{_short(value)}' is niet toegestaan",
                "style mag alleen text-align, vertical-align, width en white-space zetten, met"
                " gewone waarden (geen url( of expression); andere opmaak hoort in het thema",
            )
    return None


def browser_url(value: str) -> str:
    """`value` (entities decoded) as a browser reads the address: tabs and line breaks
    dropped, spaces and controls at either end ignored (the URL standard)."""
    return re.sub(r"[\t\n\r]", "", value).strip("".join(map(chr, range(0x21))))


def url_refusal(value: str) -> Refusal | None:
    """Why an address may not stand in a page (a link, an image, a citation), or None."""
    address = browser_url(value)
    scheme = _SCHEME.match(address)
    if scheme is None:
        if address.startswith(("//", "\\\\", "/\\", "\\/")):  # another host, scheme left out
            return Refusal(
                "unsafe-url",
                f"het adres '{_short(address)}' noemt geen schema",
                f"schrijf het webadres volledig: https:{address.replace(chr(92), '/')}",
            )
        return None  # a page or file of the site: MkDocs checks that it exists
    name = scheme.group(1).lower()
    if name in ("http", "https"):
        problem = url_problem(address)
        return Refusal("unsafe-url", *problem) if problem else None
    if name in _HARMLESS_SCHEMES:
        return None
    runs = " en voert code uit" if name in ("javascript", "vbscript") else ""
    tip = (
        "zet de afbeelding als bestand naast de pagina: ![beschrijving](figuur.png)"
        if name == "data"
        else "link naar een pagina of bestand van de site (zoals ../andere-pagina.md) of naar"
        " een volledig webadres (https://…)"
    )
    return Refusal(
        "unsafe-url", f"het adres '{_short(address)}' gebruikt het schema '{name}:'{runs}", tip
    )


def irregular_refusal(what: str) -> Refusal:
    """Why HTML that a browser could read otherwise than the check is refused."""
    message, tip = {
        "comment": (
            "dit HTML-commentaar leest een browser anders: hij sluit het eerder of later af",
            "schrijf commentaar als <!-- tekst -->, zonder -- of <!-- erin",
        ),
        "declaration": (
            "een HTML-declaratie (<!…> of <?…>) hoort niet in een pagina",
            "haal haar weg; voor commentaar schrijft u <!-- tekst -->",
        ),
    }.get(
        what,
        (
            "een '<' voor een letter die geen volledige HTML-tag begint: een browser leest"
            " hem toch als tag",
            "sluit de tag af met '>', of schrijf &lt; als u het teken < bedoelt",
        ),
    )
    return Refusal("unsafe-html", message, tip)


def tag_refusals(tag: Tag) -> Iterable[tuple[int, Refusal]]:
    """(offset, why) for a start tag: the element, or else each attribute refused on it."""
    if refused := element_refusal(tag.name):
        yield tag.offset, refused
        return
    for attribute in tag.attributes:
        if refused := attribute_refusal(tag.name, attribute.name, attribute.value):
            yield attribute.offset, refused


def html_refusals(html: str) -> list[tuple[int, Refusal]]:
    """(offset, why) for everything `html` may not hold, in the order written."""
    found: list[tuple[int, Refusal]] = []
    for item in scan(html):
        if isinstance(item, Tag):
            found.extend(tag_refusals(item))
        elif isinstance(item, Irregular):
            found.append((item.offset, irregular_refusal(item.what)))
    return found


def is_trusted(page: str, patterns: Sequence[str]) -> bool:
    """Whether `page` (its path below docs/, with '/') matches one of the `trusted_html`
    globs: `*` and `?` within a folder name, `**` across folders."""
    return any(_glob(pattern).fullmatch(page) for pattern in patterns)


def _glob(pattern: str) -> re.Pattern[str]:
    parts = re.split(r"(\*\*/?|\*|\?)", pattern.strip("/"))
    wild = {"**/": "(?:.*/)?", "**": ".*", "*": "[^/]*", "?": "[^/]"}
    return re.compile("".join(wild.get(part, re.escape(part)) for part in parts))


class UnsafeHtmlError(StageError):
    """A rendered page holds HTML the policy refuses; the message names the page."""


def ensure_safe_html(html: str, page: str) -> None:
    """An UnsafeHtmlError when the rendered `html` of `page` holds what the policy refuses:
    the last line of defence, for what Markdown makes of a page that its source did not show
    (an attribute list, a reference link, Markdown inside HTML)."""
    refused = html_refusals(html)
    if not refused:
        return
    offset, first = refused[0]
    shown = " ".join(html[offset : offset + 60].split())
    more = f"; en nog {len(refused) - 1} keer iets dat niet mag" if len(refused) > 1 else ""
    raise UnsafeHtmlError(
        f"{page}: {first.message} (in de gebouwde pagina, bij '{shown}'{more}); {first.tip}"
    )


def _short(value: str, limit: int = 60) -> str:
    return value if len(value) <= limit else value[: limit - 1] + "…"
