"""The marks of a retracted or corrected source (`whitepaper verify`'s status file, through
health/standing): a small word after each in-text citation of it, and a badge after its entry
in the reference list, which the citation preview and the PDF copy. Every text is escaped:
the status file is data a pull request can change.

The mark says its word, not its colour alone; screen readers hear "bron ingetrokken" after
the citation (the hidden word), and the entry's badge through the link's description.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from whitepaper.health.standing import Mark


def in_text_mark(marks: Sequence[Mark]) -> str:
    """After a citation's link: the word of its first mark (a retraction before a correction)."""
    if not marks:
        return ""
    mark = marks[0]
    return (
        f' <span class="wp-mark wp-mark--{mark.code}">'
        f'<span class="wp-visually-hidden">bron </span>{escape(mark.label)}</span>'
    )


def entry_badges(marks: Sequence[Mark]) -> str:
    """After a reference list's entry: one badge per mark, with what `verify` found."""
    return "".join(
        f' <span class="wp-status wp-status--{mark.code}">'
        f"{escape(mark.label)}: {escape(mark.message, quote=False)}</span>"
        for mark in marks
    )
