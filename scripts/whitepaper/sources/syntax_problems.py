"""What the check says of pandoc's syntax that the site shows as written (`unsupported-syntax`):
what readers will see, and the form that works here for that case.

The attributes are read by attr_list's own parser, so a tip writes them as the HTML attr_list
would make of them: `#id` an id, `.name` a class, `key=value` as it is.
"""

from __future__ import annotations

import html

from markdown.extensions.attr_list import get_attrs_and_remainder  # type: ignore[import-untyped]

Said = tuple[str, str]  # message, tip
_SHOWN = 50  # characters of what is written, quoted in a message or tip

_ELEMENTS = (
    "attr_list zet kenmerken alleen op een element: direct achter *…*, **…**, `…` of een link"
    " [tekst](adres), achter een kop, of onder een alinea op een eigen regel ({: … })"
)


def span(written: str, text_end: int) -> Said:
    """Of pandoc's `[text]{attributes}` (`written`; its ']' at `text_end`)."""
    text, braces = written[1:text_end], written[text_end + 1 :]
    attributes = _attributes(braces)
    element = f"<span{_as_html(attributes)}>{_short(text)}</span>"
    message = (
        f"lezers zien hier letterlijk '{_short(written)}', met haken en accolades:"
        " de site kent Pandocs [tekst]{…} niet"
    )
    if [name for name, _ in attributes] == ["lang"]:
        return message, f"schrijf {element}"
    return message, f"schrijf {element} (HTML: id, class, lang, dir en title mogen); {_ELEMENTS}"


def fence(written: str) -> Said:
    """Of a line of pandoc's fenced div (`written`: `::: {lang=en}`, `::: note`, `:::`)."""
    message = (
        f"lezers zien hier letterlijk de regel '{_short(written)}':"
        " de site kent Pandocs blokken met ::: niet"
    )
    rest = written.strip(": \t")
    if not rest:
        return message, "sluit het blok met </div> op een eigen regel, met een lege regel erboven"
    if not rest.startswith("{"):
        return message, (
            'een kader schrijft u als !!! note "Titel", met de tekst vier spaties ingesprongen;'
            f' of schrijf <div class="{html.escape(rest)}" markdown> op een eigen regel,'
            " de tekst met lege regels eromheen, en </div>"
        )
    attributes = _attributes(rest)
    element = f"<div{_as_html(attributes)} markdown>"
    return message, (
        f"schrijf {element} op een eigen regel, dan de tekst met lege regels eromheen,"
        " en </div> op een eigen regel"
    )


def after_citation(braces: str) -> Said:
    """Of `{…}` right after a citation: attr_list takes it from no element."""
    return (
        f"lezers zien hier letterlijk '{_short(braces)}' achter de bronvermelding:"
        " een bronvermelding krijgt geen kenmerken",
        "haal de accolades weg; Engelse tekst markeert u vóór de bronvermelding:"
        ' <span lang="en">…</span> [@sleutel]',
    )


def _attributes(braces: str) -> list[tuple[str, str]]:
    """attr_list's reading of `{…}` (or `{: … }`): (name, value), '#' and '.' as written."""
    inner = braces.strip()[1:-1].lstrip(":")
    attributes, _ = get_attrs_and_remainder(inner)
    return [(str(name), str(value)) for name, value in attributes]


def _as_html(attributes: list[tuple[str, str]]) -> str:
    """The attributes as HTML, the way attr_list would set them on an element."""
    classes = [value for name, value in attributes if name == "."]
    named = [("id" if name == "#" else name, value) for name, value in attributes if name != "."]
    if classes:
        named.append(("class", " ".join(classes)))
    return "".join(f' {html.escape(name)}="{html.escape(value)}"' for name, value in named)


def _short(text: str) -> str:
    text = " ".join(text.split())
    return text if len(text) <= _SHOWN else text[: _SHOWN - 1] + "…"
