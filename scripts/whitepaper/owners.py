"""Who reviews what: each paper's owners, written once, and the CODEOWNERS file made from them.

A paper's owners are the `owners` key in the front matter of its `docs/<paper>/index.md`: a list
of GitHub handles, `@user` or `@org/team` (always a list, as `authors` is; the check refuses
anything else as a `front-matter` error). `.github/CODEOWNERS` is generated from them and never
edited by hand: `whitepaper new` rewrites it, and so does

    python -m whitepaper.owners

in the project's root; tests/test_owners.py proves the file in git is what this module makes.

GitHub reads CODEOWNERS top to bottom and the LAST matching line decides who must review: the
maintainers' lines come first (`*`, then the pipeline's files), each paper's folder and its own
bibliography `bib/<paper>.bib` after them. A paper without owners gets no line, so its
maintainers are the pipeline's. Only validated handles and safe folder names reach the file:
a space, `#` or glob character there would change what a line means.
"""

from __future__ import annotations

import re
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path

from whitepaper.cache import write_atomically
from whitepaper.papers import INDEX_PAGE, find_papers, paper_names
from whitepaper.sources.documents import read_document
from whitepaper.sources.file_names import safe_name

CODEOWNERS = Path(".github/CODEOWNERS")
MAINTAINERS = ("@whitepaper-nl/beheer",)
# The pipeline's own files, after `*` (everything else is theirs too).
PIPELINE = (
    "/scripts/",
    "/overrides/",
    "/mkdocs.yml",
    "/.github/",
    "/pyproject.toml",
    "/requirements.lock",
    "/bib/README.md",
    f"/{CODEOWNERS}",
)
# GitHub's rules: a user name is letters, digits and single hyphens (at most 39), not starting
# or ending with a hyphen; a team is named `@org/team-slug`.
_ACCOUNT = r"[A-Za-z0-9](?:-?[A-Za-z0-9]){0,38}"
HANDLE = re.compile(rf"@{_ACCOUNT}(?:/[A-Za-z0-9](?:[A-Za-z0-9_-]{{0,98}}[A-Za-z0-9])?)?")
EXAMPLE = 'owners: ["@whitepaper-nl/massage"]'


def is_handle(value: object) -> bool:
    """`@user` or `@org/team`, as GitHub spells them."""
    return isinstance(value, str) and HANDLE.fullmatch(value) is not None


def is_owners(value: object) -> bool:
    """The `owners` key's value: a list of handles (an empty list: the maintainers')."""
    return isinstance(value, list) and all(is_handle(item) for item in value)


def owners_of(front_matter: Mapping[str, object]) -> tuple[str, ...]:
    """The owners a paper's front matter names, each once; none when the value is not valid
    (the check's `front-matter` error says why)."""
    value = front_matter.get("owners")
    return tuple(dict.fromkeys(value)) if is_owners(value) and isinstance(value, list) else ()


def paper_owners(docs_dir: Path) -> dict[str, tuple[str, ...]]:
    """Each paper of `docs_dir` (papers.py's notion) with a safe folder name, and its owners."""
    documents = [
        read_document(index)
        for name in paper_names(docs_dir)
        if safe_name(name) and not _linked(index := docs_dir / name / INDEX_PAGE)
    ]
    papers = find_papers(documents, docs_dir)
    return {
        page.path.parent.name: owners_of(page.front_matter)
        for page in documents
        if page.path.parent.name in papers.by_name
    }


def _linked(index: Path) -> bool:
    # Not followed: out of docs/ it is the check's `unsafe-file`; inside, the folder it names
    # holds the files, and that folder's own line names their owners.
    return index.is_symlink() or index.parent.is_symlink()


def codeowners_text(
    owners: Mapping[str, Sequence[str]], docs: str = "docs", bib: str = "bib"
) -> str:
    """The CODEOWNERS file for papers' `owners` (by folder name), maintainers first."""
    maintainers = " ".join(MAINTAINERS)
    lines = [
        f"# Generated from the `owners` key of each {docs}/<paper>/{INDEX_PAGE}; do not edit by",
        "# hand: `whitepaper new` and `python -m whitepaper.owners` rewrite it.",
        "# GitHub applies the LAST line that matches a file: the maintainers first, papers after.",
        f"* {maintainers}",
        *(f"{path} {maintainers}" for path in PIPELINE),
    ]
    for name, handles in sorted(owners.items()):
        if handles:
            who = " ".join(handles)
            lines += [f"/{docs}/{name}/ {who}", f"/{bib}/{name}.bib {who}"]
    return "".join(f"{line}\n" for line in lines)


def write_codeowners(root: Path) -> bool:
    """Rewrite `root/.github/CODEOWNERS` from the papers in `root/docs`; True when it changed."""
    text = codeowners_text(paper_owners(root / "docs"))
    target = root / CODEOWNERS
    if target.is_file() and target.read_text(encoding="utf-8") == text:
        return False
    target.parent.mkdir(parents=True, exist_ok=True)
    write_atomically(target, text.encode("utf-8"))
    return True


def main(argv: Sequence[str] = ()) -> int:
    """`python -m whitepaper.owners`: CODEOWNERS rewritten in the current folder (a project)."""
    if argv:
        print(
            "gebruik: python -m whitepaper.owners (in de hoofdmap van het project)", file=sys.stderr
        )
        return 2
    root = Path.cwd()
    if not (root / "docs").is_dir():
        print(
            f"geen map docs/ in {root}: draai dit in de hoofdmap van het project", file=sys.stderr
        )
        return 2
    changed = write_codeowners(root)
    print(f"{CODEOWNERS} {'bijgewerkt' if changed else 'was al bijgewerkt'}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
