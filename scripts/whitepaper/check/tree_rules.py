"""`unsafe-file` and `ignored-file`: what the walk of docs/, bib/ and overrides/ refused.

The walk (`sources/tree`) opened none of these; here each gets its finding at line 1, column 1
of its path: a symlink out of its folder, dangling or in a loop, a FIFO, socket or device, a name
unsafe in a web address, a file of docs/ of a type that could run script (`unsafe-file`, an
error: the build stops before MkDocs copies it), and a .bib file or page the check would not
read (`ignored-file`, a warning).

A file the site's maintainers trust (`trusted_html` in mkdocs.yml) may have any type: it is
exempted afterwards, at the edge (`without_trusted_files`), as `html_rules` exempts a page, so
that the cached findings stay the same whatever the option says.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Sequence
from pathlib import Path

from whitepaper.diagnostics import Code, Diagnostic, display_path, finding, listed
from whitepaper.html_policy import is_trusted
from whitepaper.sources.reading import Inventory, Sources
from whitepaper.sources.tree import FILES, OTHER_MARKDOWN, PAGE, TreeProblem

SAFE = "letters a-z en A-Z, cijfers, - _ en ."
SPECIAL = {
    "fifo": "een named pipe (FIFO): wie hem opent, wacht tot een ander programma erin schrijft",
    "socket": "een socket: daar valt niets uit te lezen",
    "device": "een apparaatbestand: wie het leest, krijgt misschien gegevens zonder einde",
}


def tree_findings(sources: Sources) -> Iterator[Diagnostic]:
    for problem in sources.tree.problems:
        yield _finding(problem, sources.root)


def without_trusted_files(
    findings: list[Diagnostic], inventory: Inventory, trusted: Sequence[str]
) -> list[Diagnostic]:
    """`findings` but the type of each file `trusted` names (globs below docs/)."""
    exempt = {
        _finding(problem, inventory.root)
        for problem in inventory.tree.problems
        if problem.kind == "file-type"
        and is_trusted(problem.path.relative_to(problem.folder).as_posix(), trusted)
    }
    return [d for d in findings if d not in exempt] if exempt else findings


def _finding(problem: TreeProblem, root: Path) -> Diagnostic:
    code: Code = "ignored-file" if problem.kind.startswith(("bib-", "page-")) else "unsafe-file"
    message, hint = _said(problem, root)
    return finding(shown(problem.path, root), 1, 1, code, message, hint)


def shown(path: Path, root: Path) -> str:
    """`path` as findings name it, without resolving it (it may be a link loop), printable."""
    folder = display_path(path.parent, root)
    text = path.name if folder == "." else f"{folder}/{path.name}"
    return "".join("\ufffd" if unicodedata.category(c) in ("Cc", "Cs") else c for c in text)


def _said(problem: TreeProblem, root: Path) -> tuple[str, str]:
    """The message and the tip of one problem."""
    folder = display_path(problem.folder, root)
    link = f"een symlink naar '{problem.detail}'"
    rename = shown(problem.rename, root) if problem.rename else ""
    if problem.kind == "outside":
        return (
            f"{link}, buiten {folder}/: wat daar staat (zoals wachtwoorden of sleutels)"
            " zou openbaar worden, op de site of in de meldingen van de check",
            "verwijder de symlink; hoort het bestand bij het project, zet dan een kopie"
            f" in {folder}/",
        )
    if problem.kind == "dangling":
        return (
            f"{link}, dat niet bestaat",
            f"verwijder de symlink, of laat hem naar een bestaand bestand in {folder}/ wijzen",
        )
    if problem.kind == "loop":
        return (
            f"{link}, die in een kring naar zichzelf of naar een map erboven terugverwijst:"
            " MkDocs zou erin vastlopen",
            "verwijder de symlink",
        )
    if problem.kind == "special":
        return (
            f"geen gewoon bestand maar {SPECIAL[problem.detail]}",
            "verwijder het; pagina's, .bib-bestanden en alles wat de site toont zijn gewone"
            " bestanden",
        )
    if problem.kind == "name":
        what = "de map" if problem.detail == "folder" else "het bestand"
        return (
            f"de naam bevat {_unsafe(problem.path.name)}: dat hoort niet in een webadres"
            " (MkDocs maakt het adres van een pagina uit de namen van mappen en bestanden)",
            _rename_tip(f"hernoem {what} tot", rename, problem.taken) + f"; veilig zijn {SAFE}",
        )
    if problem.kind == "file-type":
        what = f"dit {problem.detail}-bestand" if problem.detail else "dit bestand zonder extensie"
        return (
            f"{what} zou zoals het is op de site komen, waar het scripts kan uitvoeren in de"
            f" browser van lezers: naast pagina's ({PAGE}) mogen in {folder}/ alleen"
            f" {', '.join(FILES[:-1])} en {FILES[-1]} staan",
            "zet een afbeelding op de site als .png; een diagram: exporteer het als .png, of"
            " vraag een beheerder het onder trusted_html in mkdocs.yml te zetten",
        )
    if problem.kind == "bib-in-subfolder":
        return (
            f"dit .bib-bestand wordt niet gelezen: alleen bestanden direct in {folder}/ tellen"
            " mee, niet in een submap",
            _rename_tip("verplaats het naar", rename, problem.taken),
        )
    if problem.kind == "bib-hidden":
        return (
            "dit bestand wordt niet gelezen: een naam die met een punt begint is verborgen",
            _rename_tip("hernoem het tot", rename, problem.taken),
        )
    if problem.kind == "bib-extension":
        return (
            "dit bestand wordt niet gelezen: alleen namen die op .bib in kleine letters eindigen"
            " tellen mee",
            _rename_tip("hernoem het tot", rename, problem.taken),
        )
    if problem.detail in OTHER_MARKDOWN:  # page-extension
        message = (
            "MkDocs maakt hier een pagina van, maar de check leest alleen .md-bestanden:"
            " bronvermeldingen en voetnoten erin worden niet gecontroleerd"
        )
    else:
        message = (
            "MkDocs ziet dit niet als pagina (alleen .md in kleine letters), maar zet het als"
            " los bestand op de site"
        )
    return message, _rename_tip("hernoem het tot", rename, problem.taken)


def _rename_tip(verb: str, rename: str, taken: bool) -> str:
    if taken:
        return f"{verb} een naam die nog niet bestaat ({rename} bestaat al)"
    return f"{verb} {rename}"


def _unsafe(name: str) -> str:
    """The characters of `name` outside the safe set, each once, in plain words."""
    chars = [c for c in name if not (c.isascii() and (c.isalnum() or c in "-_."))]
    words = list(dict.fromkeys(_char(c) for c in chars))
    return listed(words)


def _char(char: str) -> str:
    if char == " ":
        return "een spatie"
    if unicodedata.category(char) in ("Cc", "Cs"):
        return "een onzichtbaar teken"
    return f"'{char}'"
