"""`whitepaper new SLUG --title "…" [--owner @org/team …]`: a new paper that builds at once.

It writes `docs/<SLUG>/index.md` (front matter of only what she gave, and a starter text with an
example citation and footnote: starter.py), `bib/<SLUG>.bib` with the one example entry they
cite, CODEOWNERS again (owners.py), and the nav entry when mkdocs.yml has a `nav` (_nav.py).
It never overwrites: an existing folder or .bib file, an unsafe name, an empty title, a handle
that is no GitHub name or a missing docs/ is refused before anything is written (exit 2), and
what it writes appears whole or not at all. `whitepaper check` then warns at what is still to
write (`missing-version`, `missing-metadata`, `example-text`).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import tempfile
from collections.abc import Sequence
from pathlib import Path

from whitepaper.cache import write_atomically
from whitepaper.check.front_matter_rules import front_matter_findings
from whitepaper.commands import EXIT_OK, UsageProblem
from whitepaper.commands._nav import NavEdit, plan_nav
from whitepaper.diagnostics import SourceText
from whitepaper.owners import CODEOWNERS, EXAMPLE, is_handle, write_codeowners
from whitepaper.papers import INDEX_PAGE
from whitepaper.pdf.book import PDF_DIR
from whitepaper.search import INDEX_DIR
from whitepaper.sources.documents import parse_document
from whitepaper.sources.file_names import suggested_name
from whitepaper.starter import bibliography, example_key, page

# Folders the built site makes itself, beside the papers' own.
RESERVED = frozenset({PDF_DIR, INDEX_DIR, "assets"})
LONGEST = 80  # an address people type, and room below the file system's 255 for `.bib`


def run_new(args: argparse.Namespace) -> int:
    root = Path.cwd()
    docs, bib = root / "docs", root / "bib"
    paper, title = _paper_name(args.slug), _title(args.title)
    owners = _owners(args.owner or [])
    if not docs.is_dir():
        raise UsageProblem(
            f"geen map docs/ in {root}: draai `whitepaper new` in de hoofdmap van het project"
        )
    folder, references = docs / paper, bib / f"{paper}.bib"
    for path in (folder, references):
        if os.path.lexists(path):
            raise UsageProblem(
                f"{path.relative_to(root)} bestaat al; `whitepaper new` overschrijft niets: kies"
                " een andere naam, of bewerk het bestaande whitepaper"
            )
    text = page(paper, title, owners)
    _refuse_what_the_check_would(text, folder / INDEX_PAGE)
    nav = plan_nav(root / args.config_file, paper, title, INDEX_PAGE)
    try:
        _write(root, folder, text, references, bibliography(paper), nav)
    except BaseException:
        if nav is not None:
            nav.discard()
        raise
    _say_next_steps(paper, owners, nav)
    return EXIT_OK


def _paper_name(slug: str) -> str:
    """The folder name, as the site's address takes it: lower-case ASCII, `-`, `_`, `.`."""
    suggested = suggested_name(slug)
    if slug != suggested:
        raise UsageProblem(
            f"'{slug}' kan geen mapnaam van een whitepaper zijn: gebruik kleine letters a-z,"
            f" cijfers en -, _ of . (het wordt het adres van de pagina); bedoelde u '{suggested}'?"
        )
    if len(slug) > LONGEST:
        raise UsageProblem(
            f"'{slug[:20]}…' is te lang voor een mapnaam: hoogstens {LONGEST} tekens"
        )
    if slug in RESERVED:
        raise UsageProblem(f"'{slug}' is een map die de site zelf maakt: kies een andere naam")
    return slug


def _title(title: str) -> str:
    if not title.strip():
        raise UsageProblem('--title is leeg: geef de titel, zoals --title "Massage bij nekpijn"')
    return " ".join(title.split())


def _owners(handles: Sequence[str]) -> list[str]:
    for handle in handles:
        if not is_handle(handle):
            raise UsageProblem(
                f"'{handle}' is geen GitHub-naam: schrijf @gebruiker of @organisatie/team,"
                " zoals --owner @whitepaper-nl/massage"
            )
    return list(dict.fromkeys(handles))


def _refuse_what_the_check_would(text: str, path: Path) -> None:
    """The title as the check judges it (markup, invisible characters): one rule, not two."""
    document = parse_document(text, path)
    problems = [f"{problem.message} ({problem.hint})" for problem in document.problems] + [
        f"{found.message} ({found.hint})"
        for found in front_matter_findings(
            document.front_matter, SourceText(text), str(path), needs_title=True
        )
        if found.severity == "error"
    ]
    if problems:
        raise UsageProblem(f"--title kan zo niet: {problems[0]}")


def _write(
    root: Path, folder: Path, text: str, references: Path, entries: str, nav: NavEdit | None
) -> None:
    """Everything, or nothing: the page is made in a hidden folder (which the check and MkDocs
    skip) and renamed into place, the .bib file linked (never over an existing one), and on
    any failure what was made is taken away and CODEOWNERS put back."""
    codeowners = root / CODEOWNERS
    old_codeowners = codeowners.read_bytes() if codeowners.is_file() else None
    made: list[Path] = [] if references.parent.is_dir() else [references.parent]
    references.parent.mkdir(exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=folder.parent, prefix=f".{folder.name}."))
    try:
        (staging / INDEX_PAGE).write_text(text, encoding="utf-8")
        staging.chmod(0o755)
        _write_new(references, entries)
        made.append(references)
        staging.rename(folder)
        made.append(folder)
        write_codeowners(root)
        if nav is not None:
            nav.commit()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        for path in reversed(made):
            if path.is_dir():
                shutil.rmtree(path)
            else:
                path.unlink(missing_ok=True)
        if folder in made and old_codeowners is not None:
            write_atomically(codeowners, old_codeowners)
        elif folder in made:
            codeowners.unlink(missing_ok=True)
            with contextlib.suppress(OSError):  # .github/ when it made it: empty again
                codeowners.parent.rmdir()
        raise


def _write_new(target: Path, text: str) -> None:
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as stream:
            stream.write(text)
        os.chmod(name, 0o644)
        os.link(name, target)  # fails when the file exists: nothing is overwritten
    finally:
        os.unlink(name)


def _say_next_steps(paper: str, owners: Sequence[str], nav: NavEdit | None) -> None:
    who = ", ".join(owners) if owners else "de beheerders (geen --owner gegeven)"
    lines = [
        f"Whitepaper '{paper}' gemaakt:",
        f"  docs/{paper}/{INDEX_PAGE}: de tekst, met een voorbeeld van een bronvermelding en"
        " van een voetnoot",
        f"  bib/{paper}.bib: één voorbeeldbron, {example_key(paper)}; vervang haar door echte"
        " bronnen",
        f"  {CODEOWNERS}: wie wijzigingen beoordeelt, {who}",
    ]
    if nav is not None and nav.staged is not None:
        lines.append(f"  {nav.config.name}: de navigatie, {nav.line}")
    elif nav is not None:
        lines += [
            f"Let op: {nav.config.name} heeft een eigen nav, die ik niet veilig kon aanvullen. Zet",
            f"deze regel onderaan de lijst onder nav:, anders bouwt de site niet: {nav.line}",
        ]
    lines += [
        "Verder:",
        "  1. Schrijf de tekst in de index.md en vervang de voorbeelden.",
        f"  2. Voeg een echte bron toe met `whitepaper cite DOI --bib bib/{paper}.bib`; het"
        " noemt de sleutel om mee te citeren, [@sleutel].",
        '  3. Vul met de vereniging de front matter aan: een versie (version: "1.0"), de'
        " vereniging (association), de datum (date) en een contactadres (contact).",
        "  4. `whitepaper check` wijst aan wat nog te doen is.",
        "  5. `whitepaper serve` toont de site op http://127.0.0.1:8000/ terwijl u schrijft.",
    ]
    if not owners:
        lines.append(f"Eigenaars later toevoegen: {EXAMPLE} in de front matter.")
    print("\n".join(lines))
