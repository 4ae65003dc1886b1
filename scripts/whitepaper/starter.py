"""The starter paper `whitepaper new` writes, and the marks by which the check finds what of it
is still example text (check/starter_rules.py): both read them here, so they cannot drift.

The starter holds only what she gave (title, owners: nothing invented, no version, date or
author) and a short Dutch text that shows how to write: a citation and a footnote that cites,
both of one example entry in `bib/<paper>.bib`, so that the site builds at once. The example
entry is marked by how its title starts (EXAMPLE_MARK); every citation of it is example text
still to write, and the entry itself is the example still to replace.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping, Sequence

from whitepaper.papers import INDEX_PAGE

EXAMPLE_MARK = "Voorbeeldbron:"  # how the example entry's title starts
EXAMPLE_TITLE = f"{EXAMPLE_MARK} vervang door een echte bron (whitepaper cite DOI)"
# Markdown's own characters, and `@` (a citation), shown as written in the page's heading.
_MARKDOWN = re.compile(r"([\\`*_\[\]<>#@!|])")


def example_key(paper: str) -> str:
    """The example entry's key: one per paper, so two new papers never share a key."""
    return f"voorbeeld-{paper}"


def is_example(fields: Mapping[str, str]) -> bool:
    """An entry `whitepaper new` wrote as an example: its title is the example's."""
    return fields.get("title", "").lstrip("{ ").startswith(EXAMPLE_MARK)


def page(paper: str, title: str, owners: Sequence[str]) -> str:
    """`docs/<paper>/index.md`: front matter of what she gave, the heading, the example text."""
    front = [f"title: {json.dumps(title, ensure_ascii=False)}"]  # JSON strings are YAML's
    if owners:
        front.append(f"owners: {json.dumps(list(owners))}")
    key, heading = example_key(paper), _MARKDOWN.sub(r"\\\1", title)
    fields = "\n".join(front)
    return f"""---
{fields}
---

# {heading}

Schrijf hier de inleiding: waar gaat dit whitepaper over, en voor wie is het? Onderbouw elke
bewering met een bron. Een bron citeert u met haar sleutel tussen vierkante haken, zoals hier
[@{key}].
Een echte bron voegt u toe met `whitepaper cite DOI --bib bib/{paper}.bib`, dat ook haar
sleutel noemt; alle sleutels van dit whitepaper staan in `bib/{paper}.bib`.

Een voetnoot geeft uitleg naast de tekst, zoals deze.[^1] Ook een voetnoot noemt altijd een bron.

[^1]: Dit is een voorbeeld van een voetnoot. Zij citeert een bron, met een paginanummer:
    [@{key}, p. 12].
"""


def bibliography(paper: str) -> str:
    """`bib/<paper>.bib`: the one example entry, plainly no real reference."""
    where = f"docs/{paper}/{INDEX_PAGE}"
    return f"""% Voorbeeld van `whitepaper new` voor {where}: voeg echte bronnen toe
% met `whitepaper cite DOI --bib bib/{paper}.bib` en verwijder dit item zodra geen pagina
% het nog citeert.

@misc{{{example_key(paper)},
  title = {{{EXAMPLE_TITLE}}},
  note = {{onvolledig: voorbeeld, geen echte bron}}
}}
"""
