"""Whether what an entry says and what a registry says name the same work, tolerantly.

Two writings of one title differ in case, accents, punctuation, "&" against "and", dashes, a
subtitle left off after a ':' and a "RETRACTED:" a registry puts in front; a family name in
its accents, hyphens and particles ("van der Wal", "Wal"); a journal in its abbreviation
("J Bodyw Mov Ther"). None of that is a mismatch; another word is.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

_PUNCTUATION = re.compile(r"[^\w\s]|_")
_COMMAND = re.compile(r"\\[A-Za-z]+")  # a LaTeX command pybtex's text reading leaves
_RETRACTED = re.compile(r"^\s*(retracted|withdrawn)(\s+article)?\s*[:.-]\s*", re.IGNORECASE)
_SUBTITLE = re.compile(r"\s*[:?!.]\s+|\s+[-\u2013\u2014]\s+")  # a dash, en or em dash
# Particles a family name may be written with or without (Dutch, German, French, Spanish,
# Italian, Portuguese); never a word by itself in an author's last name.
PARTICLES = frozenset(
    "van von der den de del della di da das do dos du la le les ten ter te vanden zu".split()
)
_BRACKETED = re.compile(r"\([^()]*\)")
_SMALL_WORDS = frozenset("of the and for in on a an de la le der und y et".split())


def fold(text: str) -> str:
    """Lower case words without accents or punctuation, '&' as 'and', one space apart."""
    text = _COMMAND.sub(" ", text).replace("&", " and ")
    decomposed = unicodedata.normalize("NFKD", text)
    letters = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(_PUNCTUATION.sub(" ", letters.casefold()).split())


def _heads(text: str) -> set[str]:
    """The title folded whole, and before each place a subtitle may start."""
    text = _RETRACTED.sub("", text)
    heads = {fold(text[: found.start()]) for found in _SUBTITLE.finditer(text)}
    return {head for head in heads | {fold(text)} if head}


def same_title(written: str, registered: str, subtitle: str = "") -> bool:
    """One title: equal when folded, or one of them is the other without its subtitle (the
    registry may keep the subtitle in a field of its own)."""
    registered = _RETRACTED.sub("", registered)
    theirs = _heads(registered) | (_heads(f"{registered}: {subtitle}") if subtitle else set())
    whole = fold(_RETRACTED.sub("", written))
    return bool(whole) and (whole in theirs or fold(registered) in _heads(written))


def family_words(name: str) -> tuple[str, ...]:
    """A family name's words without particles: 'van der Wal' → ('wal',)."""
    words = fold(name).split()
    kept = tuple(word for word in words if word not in PARTICLES)
    return kept or tuple(words)


def same_family(written: str, registered: str) -> bool:
    """One family name, tolerant of accents, hyphens and particles; a double name of which
    one writing keeps only the first part ('Castro' for 'Castro-Sánchez') is not the same."""
    return bool(family_words(written)) and family_words(written) == family_words(registered)


def same_container(written: str, registered: Iterable[str]) -> bool:
    """The journal or book under its full title or an abbreviation of it: word by word, one
    the beginning of the other ('J Bodyw Mov Ther'), small words ('of', 'and') left out."""
    ours = _significant(written)
    return any(_abbreviates(ours, _significant(title)) for title in registered)


def _abbreviates(ours: tuple[str, ...], theirs: tuple[str, ...]) -> bool:
    return (
        bool(ours)
        and len(ours) == len(theirs)
        and all(a.startswith(b) or b.startswith(a) for a, b in zip(ours, theirs, strict=True))
    )


def _significant(title: str) -> tuple[str, ...]:
    """A journal's words that count: not its small words, nor a place in brackets ('(NY)')."""
    title = _BRACKETED.sub(" ", title)
    return tuple(word for word in fold(title).split() if word not in _SMALL_WORDS)
