"""MkDocs' and Material's own page keys: what each may be on this site, and what is wrong.

Material writes them into every page that lists the page, unescaped: `status` into a class
(`md-status--{{ status }}`), `icon` into an `{% include ".icons/" ~ icon ~ ".svg" %}`, `hide`
is asked `"toc" in hide`, MkDocs renders `template` by name. So each is one of the values the
theme has, never text: a wrong one fails the build (`icon: 5`, `hide: 5`, an unknown template),
silently makes a page something else (`template: sitemap.xml`), or runs as HTML. Their text
keys (`subtitle`, `description`) are plain text, in the front-matter rule's table.

`search` and `tags` belong to plugins this site does not run (Pagefind replaces Material's
search; the tags plugin is off): written, they would do nothing, so they are refused.
"""

from __future__ import annotations

import difflib
import importlib.util
import re
from collections.abc import Callable
from functools import cache
from pathlib import Path

from whitepaper.check.front_matter_values import visible

Says = tuple[str, str]  # a finding's message and tip

HIDE = ("navigation", "toc", "footer", "path", "tags", "feedback")
STATUSES = {"new": "nieuw", "deprecated": "verouderd"}  # Material's own, with their icons
TEMPLATES = ("main.html",)  # overrides/main.html, the pages' template
NO_EFFECT = {
    "search": "de zoekfunctie van deze site (Pagefind) leest die sleutel niet",
    "tags": "de tags-plugin van Material staat op deze site niet aan",
}
_ICON_NAME = re.compile(r"[a-z0-9_]+(?:[-/][a-z0-9_]+)*")  # no '.': nothing outside .icons
_ICONS_PAGE = "https://squidfunk.github.io/mkdocs-material/reference/icons-emojis/"


def _shown(text: str) -> str:
    """A value as a message quotes it: visible, and not longer than a line."""
    return visible(text[:60]) + ("…" if len(text) > 60 else "")


def _quoted(names: tuple[str, ...] | list[str]) -> str:
    return " en ".join([", ".join(names[:-1]), names[-1]] if len(names) > 1 else names)


def _meant(word: str, choices: list[str] | tuple[str, ...], tip: str) -> str:
    """`tip`, after 'bedoelde u …?' when one of `choices` is close to `word`."""
    found = difflib.get_close_matches(word.lower(), choices, 1)
    return f"bedoelde u '{found[0]}'? {tip[:1].upper()}{tip[1:]}" if found else tip


def hide_says(value: object) -> Says | None:
    example = "bijvoorbeeld hide: [toc]"
    if isinstance(value, str) and value in HIDE:
        return "'hide' moet een lijst zijn", f"zet de waarde tussen haken: hide: [{value}]"
    if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
        return f"'hide' moet een lijst zijn uit {_quoted(HIDE)}", example
    for item in value:
        if item not in HIDE:
            return (
                f"'hide' kan {_quoted(HIDE)} verbergen, niet '{_shown(item)}'",
                _meant(item, HIDE, example),
            )
    return None


@cache
def _icons() -> Path | None:
    """The icons the installed Material includes by name (`material/templates/.icons`)."""
    spec = importlib.util.find_spec("material")
    folders = spec.submodule_search_locations if spec else None
    return Path(next(iter(folders))) / "templates" / ".icons" if folders else None


def icon_says(value: object) -> Says | None:
    icons = _icons()
    example = "bijvoorbeeld icon: material/book-open-variant"
    if not isinstance(value, str):
        return "'icon' moet de naam van een pictogram van Material zijn", example
    if _ICON_NAME.fullmatch(value) and icons and (icons / f"{value}.svg").is_file():
        return None
    named = value.strip(":").removesuffix(".svg")  # :material-home: and home.svg are close
    folder, _, rest = named.partition("/" if "/" in named else "-")
    named = f"{folder}/{rest}"
    names = (
        sorted(
            f"{folder}/{path.relative_to(icons / folder).with_suffix('').as_posix()}"
            for path in (icons / folder).rglob("*.svg")
        )
        if icons and _ICON_NAME.fullmatch(folder) and (icons / folder).is_dir()
        else []
    )
    return (
        f"Material heeft geen pictogram '{_shown(value)}'",
        _meant(named, names, f"de namen staan op {_ICONS_PAGE}, zoals material/book-open-variant"),
    )


def status_says(value: object) -> Says | None:
    if isinstance(value, str) and value in STATUSES:
        return None
    known = " of ".join(f"{name} ({dutch})" for name, dutch in STATUSES.items())
    shown = f"'{_shown(value)}'" if isinstance(value, str) else "deze waarde"
    tip = _meant(str(value), list(STATUSES), "bijvoorbeeld status: new")
    return f"Material kent de status {shown} niet; het kent {known}", tip


def template_says(value: object) -> Says | None:
    if value in TEMPLATES:
        return None
    return (
        f"deze site heeft voor pagina's alleen het sjabloon {_quoted(list(TEMPLATES))};"
        " een ander sjabloon maakt er een andere pagina van, of geen",
        "haal de regel 'template: …' weg: main.html is al het sjabloon van elke pagina",
    )


# key: what is wrong with its value (None: nothing)
PAGE_KEYS: dict[str, Callable[[object], Says | None]] = {
    "hide": hide_says,
    "icon": icon_says,
    "status": status_says,
    "template": template_says,
}


def no_effect_says(key: str) -> Says:
    return f"'{key}' werkt op deze site niet: {NO_EFFECT[key]}", f"haal de regel '{key}: …' weg"
