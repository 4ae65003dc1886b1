"""Names written in PubMed's form, and how BibTeX wants them.

PubMed and many reference lists write a person as surname and initials without a comma:
`Field T`, `Hernandez-Reif M`, `van der Berg JH`. BibTeX reads a name without a comma as
"First von Last", so `Field T` is a person with the surname T ("T, F."). Written
`Field, T.` it is read as meant. A name is taken for PubMed's form only when that reading
is clear: more than one word, the last one only capitals (with dots or hyphens), at most
four and no Roman numeral (`Smith III`), the words before it not all capitals
(`JAN LI`), and nothing in braces (`{World Health Organization}`).
"""

from __future__ import annotations

import re

from pybtex.database import Person

_ROMAN = re.compile(r"(?:II|III|IV|VI|VII|VIII|IX|XI|XII)")


def _top_level_commas(name: str) -> int:
    if "{" not in name:
        return name.count(",")
    depth, commas = 0, 0
    for char in name:
        depth += {"{": 1, "}": -1}.get(char, 0)
        commas += char == "," and depth == 0
    return commas


def _is_initials(word: str) -> bool:
    """`T`, `TM`, `T.M.`, `S-H`: one to four capitals, with dots or hyphens between."""
    letters = word.replace(".", "").replace("-", "")
    return (
        1 <= len(letters) <= 4
        and letters.isalpha()
        and letters.isupper()
        and not word.startswith(("-", "."))
        and not _ROMAN.fullmatch(letters)
    )


def _initials(word: str) -> str:
    """`TM` → `T. M.`, `S-H` → `S.-H.`."""
    out = ""
    for char in word.replace(".", ""):
        if char == "-":
            out += "-"
        else:
            out += ("" if not out or out.endswith("-") else " ") + char + "."
    return out


def _pubmed_parts(text: str) -> tuple[str, str] | None:
    """(surname, initials) of `text` in PubMed's form (no comma), else None."""
    words = text.split()
    if "{" in text or "\\" in text:
        return None
    first_initial = len(words)
    while first_initial > 1 and _is_initials(words[first_initial - 1]):
        first_initial -= 1
    surname = " ".join(words[:first_initial])
    if first_initial == len(words) or surname.upper() == surname:
        return None
    return surname, " ".join(_initials(word) for word in words[first_initial:])


def pubmed_correction(name: str) -> str | None:
    """`name` as BibTeX wants it when it is written in PubMed's form, else None.

    `Field T` → `Field, T.`; `Field T, Diego M` (a PubMed list with commas, which BibTeX reads
    as one person) → `Field, T. and Diego, M.`.
    """
    words = name.split()
    # The common cases: BibTeX's own `Surname, I.` (a surname before the first comma is one
    # word, never PubMed's form), or no initials at the end.
    if not words or "," in words[0] or not _is_initials(words[-1]):
        return None
    commas = _top_level_commas(name)
    if commas == 0:
        parts = _pubmed_parts(name)
        return f"{parts[0]}, {parts[1]}" if parts else None
    pieces = [_pubmed_parts(piece) for piece in name.split(",")]
    if commas == len(pieces) - 1 and all(pieces):
        return " and ".join(f"{p[0]}, {p[1]}" for p in pieces if p)
    return None


def as_read(name: str) -> str:
    """A name as BibTeX reads it, surname first, given names as initials: `Field T` → `T, F.`."""
    person = Person(name)
    surname = " ".join(person.prelast_names + person.last_names)
    given = " ".join(word[0] + "." for word in person.first_names + person.middle_names)
    return f"{surname}, {given}" if given else surname
