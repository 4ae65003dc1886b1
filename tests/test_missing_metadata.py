"""`missing-metadata` (issue 15): the check warns when a paper names no association, no date or
no contact, once per paper, and agrees with the paper card on what is named."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.test_front_matter import project
from whitepaper.check.findings import check
from whitepaper.diagnostics import Diagnostic
from whitepaper.pages.scholarly import page_context
from whitepaper.papers import read_paper
from whitepaper.sources.documents import parse_document

NAMED = "association: Proefvereniging\ndate: 2026-03-01\ncontact: info@proefvereniging.nl"
ALL = "dit whitepaper noemt geen vereniging, datum of contactadres"
NO_ASSOCIATION = "dit whitepaper noemt geen vereniging"


def found(root: Path, code: str = "missing-metadata") -> list[Diagnostic]:
    return [d for d in check(root / "docs", root / "bib", root=root) if d.code == code]


def paper_page(front_matter: str) -> str:
    return f"---\ntitle: P\nversion: '1.0'\n{front_matter}\n---\n\n# P\n"


# (the rest of a paper's front matter, what the warning says is missing: None for no warning)
ACCEPTED = [
    ("", ALL),
    (NAMED, None),
    # each key alone, in each form the card shows
    ("association: NVMT", "dit whitepaper noemt geen datum of contactadres"),
    ("date: 2025", "dit whitepaper noemt geen vereniging of contactadres"),
    ("date: 2025-06", "dit whitepaper noemt geen vereniging of contactadres"),
    ("date: 2025-06-01", "dit whitepaper noemt geen vereniging of contactadres"),
    ("contact: https://nvmt.nl/contact", "dit whitepaper noemt geen vereniging of datum"),
    ("contact: info@nvmt.nl\ndate: 2025", NO_ASSOCIATION),
    ("association: NVMT\ncontact: info@nvmt.nl", "dit whitepaper noemt geen datum"),
    ("association: NVMT\ndate: 2025", "dit whitepaper noemt geen contactadres"),
    # authors are not the association; a changelog date is not the paper's date
    ("authors: [Jan Jansen]\ncontact: info@nvmt.nl\n"
     "changelog: [{version: '1.0', date: 2026-03-03, summary: Eerste.}]",
     "dit whitepaper noemt geen vereniging of datum"),
    # an empty or blank association is none: the card shows nothing
    ("association: ''\ndate: 2025\ncontact: info@nvmt.nl", NO_ASSOCIATION),
    ("association: '  '\ndate: 2025\ncontact: info@nvmt.nl", NO_ASSOCIATION),
]  # fmt: skip
# A value the card cannot show is the front-matter error's; it is not said missing as well.
REFUSED = [
    ("date: 2025-13", "dit whitepaper noemt geen vereniging of contactadres"),
    ("contact: vereniging.nl\nassociation: NVMT", "dit whitepaper noemt geen datum"),
    ("association: [NVMT]\ndate: 2025\ncontact: info@nvmt.nl", None),
]


@pytest.mark.parametrize(("front_matter", "message"), ACCEPTED + REFUSED)
def test_the_warning_names_only_what_is_missing(
    front_matter: str, message: str | None, tmp_path: Path
) -> None:
    root = project(tmp_path, {"p/index.md": paper_page(front_matter)})
    assert [d.message for d in found(root)] == ([message] if message else [])
    assert bool(found(root, "front-matter")) == ((front_matter, message) in REFUSED)


@pytest.mark.parametrize(("front_matter", "message"), ACCEPTED)
def test_the_warning_agrees_with_the_paper_card(front_matter: str, message: str | None) -> None:
    """What the warning names missing is exactly what the card under the title leaves out."""
    document = parse_document(paper_page(front_matter), Path("docs/p/index.md"))
    card = page_context(read_paper(document.front_matter, None), "p", format_apa=lambda _: "")
    keys = {"vereniging": "association", "datum": "datetime", "contactadres": "contact"}
    left_out = [word for word, key in keys.items() if not card[key]]
    said = (message or "").removeprefix("dit whitepaper noemt geen ").replace(" of ", ", ")
    assert [word for word in said.split(", ") if word] == left_out


def test_one_warning_per_paper_at_its_front_matter(tmp_path: Path) -> None:
    """Only a paper's index page is warned, at its '---' line; the home page, its other pages
    and an index page deeper in its folder are not papers."""
    root = project(
        tmp_path,
        {
            "index.md": "# Whitepapers\n",
            "a/index.md": paper_page(""),
            "a/bijlage.md": "# Bijlage\n",
            "a/deel/index.md": "---\ntitle: Deel\n---\n# Deel\n",
            "b/index.md": paper_page(NAMED),
        },
    )
    [d] = found(root)
    assert (d.path, d.line, d.column, d.severity, d.excerpt) == (
        "docs/a/index.md",
        1,
        1,
        "warning",
        "---",
    )


def test_the_tip_gives_the_keys_to_write_and_why(tmp_path: Path) -> None:
    root = project(tmp_path, {"p/index.md": paper_page("association: NVMT")})
    [d] = found(root)
    assert d.hint.startswith("een huisarts moet zien wie achter het whitepaper staat")
    assert d.hint.endswith(
        "date: 2026-03-01; contact: secretariaat@vereniging.nl (of een webadres, https://...)"
    )
    assert "association:" not in d.hint


def test_a_page_without_a_title_is_no_paper_and_gets_only_its_error(tmp_path: Path) -> None:
    root = project(tmp_path, {"p/index.md": "---\nversion: '1.0'\n---\n# P\n"})
    assert found(root) == []
    assert [d.message for d in found(root, "front-matter")] == ["de front matter mist 'title'"]
