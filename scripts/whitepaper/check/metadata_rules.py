"""`missing-metadata`: a paper that names no association, no date or no contact (issue 15).

The paper card under a paper's title shows what its front matter says and invents nothing, so
a reader (a GP between patients) cannot see who stands behind a paper, or from when, unless the
association writes it down. The rule reads the paper as the card does (`papers.read_paper`),
so the two agree on what is named: a changelog entry's date is not the paper's date (the card
shows it only among the changes), and authors do not name the association. A key written with
a value the card cannot show is the `front-matter` error's to say, not this rule's.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping

from whitepaper.check.front_matter_values import is_contact, is_date, is_text
from whitepaper.diagnostics import Diagnostic, SourceText, finding, listed
from whitepaper.papers import read_paper

# key, also the field of papers.Paper the card shows: (its Dutch name, the check of its
# value, an example line for the tip)
CARD_KEYS = {
    "association": ("vereniging", is_text, "association: Nederlandse Vereniging voor ..."),
    "date": ("datum", is_date, "date: 2026-03-01"),
    "contact": (
        "contactadres",
        is_contact,
        "contact: secretariaat@vereniging.nl (of een webadres, https://...)",
    ),
}


def unnamed(front_matter: Mapping[str, object]) -> list[str]:
    """The keys of CARD_KEYS the card cannot show for this paper's index page, in order."""
    try:
        paper = read_paper(front_matter, None)
    except ValueError:
        return []  # no title, so no paper (papers.find_papers): the front-matter error says it
    return [
        key
        for key, (_, valid, _) in CARD_KEYS.items()
        if not getattr(paper, key) and (key not in front_matter or valid(front_matter[key]))
    ]


def metadata_findings(
    front_matter: Mapping[str, object], source: SourceText, path: str
) -> Iterator[Diagnostic]:
    """One `missing-metadata` for a paper's index page, at its `---` line, naming only what
    is missing."""
    keys = unnamed(front_matter)
    if not keys:
        return
    names = [CARD_KEYS[key][0] for key in keys]
    examples = "; ".join(CARD_KEYS[key][2] for key in keys)
    yield finding(
        path,
        1,
        1,
        "missing-metadata",
        f"dit whitepaper noemt geen {listed(names, 'of')}",
        "een huisarts moet zien wie achter het whitepaper staat en van wanneer het is, en de"
        f" site verzint niets: zet het in de front matter, bijvoorbeeld {examples}",
        source.line(1),
    )
