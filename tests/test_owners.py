"""Who reviews what: the `owners` key of each paper, and .github/CODEOWNERS made from it."""

from __future__ import annotations

import contextlib
from pathlib import Path

import pytest
from pathspec import GitIgnoreSpec

from tests.conftest import ROOT
from tests.test_front_matter import project
from whitepaper.check.findings import check
from whitepaper.owners import (
    CODEOWNERS,
    MAINTAINERS,
    codeowners_text,
    is_handle,
    main,
    paper_owners,
    write_codeowners,
)

BEHEER = MAINTAINERS


def paper(owners: str | None = None, title: str = "T") -> str:
    line = f"owners: {owners}\n" if owners is not None else ""
    return f"---\ntitle: {title}\nversion: '1'\n{line}---\n\n# {title}\n"


def owners_of_file(codeowners: str, path: str) -> tuple[str, ...]:
    """Who GitHub asks to review `path`: the owners on the LAST line whose pattern matches it
    (gitignore's patterns, as GitHub's documentation of CODEOWNERS says)."""
    found: tuple[str, ...] = ()
    for line in codeowners.splitlines():
        if line.strip() and not line.startswith("#"):
            pattern, *owners = line.split()
            if GitIgnoreSpec.from_lines([pattern]).match_file(path):
                found = tuple(owners)
    return found


# --- the project's own file -----------------------------------------------------------------


def test_codeowners_is_what_the_papers_owners_make() -> None:
    """.github/CODEOWNERS cannot drift from the front matter: rewrite it with
    `python -m whitepaper.owners` (or `whitepaper new`) when this fails."""
    made = codeowners_text(paper_owners(ROOT / "docs"))
    assert (ROOT / CODEOWNERS).read_text(encoding="utf-8") == made


def test_every_paper_of_the_project_has_owners() -> None:
    owners = paper_owners(ROOT / "docs")
    assert owners and all(owners.values()), owners


@pytest.mark.parametrize(
    ("path", "owners"),
    [
        ("docs/massagetherapie/index.md", ("@whitepaper-nl/massage",)),
        ("docs/massagetherapie/img/foto.png", ("@whitepaper-nl/massage",)),
        ("bib/massagetherapie.bib", ("@whitepaper-nl/massage",)),
        ("bib/craniosacraal-therapie.bib", ("@whitepaper-nl/craniosacraal",)),
        # one paper's folder name begins another's: the trailing slash keeps them apart
        ("docs/craniosacraal-therapie-cst/index.md", ("@whitepaper-nl/craniosacraal",)),
        ("docs/kraken-van-gewrichten/index.md", ("@whitepaper-nl/manuele-therapie",)),
        ("docs/manuele-therapie-nek-hoofdpijn/index.md", ("@whitepaper-nl/manuele-therapie",)),
        # everything else is the maintainers'
        ("docs/index.md", BEHEER),
        ("bib/README.md", BEHEER),
        ("bib/gedeeld.bib", BEHEER),
        ("scripts/whitepaper/cli.py", BEHEER),
        ("overrides/main.html", BEHEER),
        ("mkdocs.yml", BEHEER),
        (".github/CODEOWNERS", BEHEER),
        (".github/workflows/pull-request.yml", BEHEER),
        ("requirements.lock", BEHEER),
        ("README.md", BEHEER),
    ],
)
def test_each_file_is_reviewed_by_its_owners(path: str, owners: tuple[str, ...]) -> None:
    """GitHub applies the last matching line: papers' lines come after the maintainers'."""
    assert owners_of_file((ROOT / CODEOWNERS).read_text(encoding="utf-8"), path) == owners


# --- handles --------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("handle", "valid"),
    [
        ("@whitepaper-nl/massage", True),
        ("@jansen", True),
        ("@a", True),
        ("@org/team_2", True),
        ("@" + "a" * 39, True),
        ("@" + "a" * 40, False),
        ("whitepaper-nl/massage", False),  # no @
        ("@", False),
        ("@-jansen", False),
        ("@jansen-", False),
        ("@jan--sen", False),
        ("@org/", False),
        ("@org/team/x", False),
        ("@org/team x", False),
        ("@org/team #x", False),
        ("@org/*", False),
        ("@jansen\n* @aanvaller", False),
        ("jansen@example.org", False),
        ("", False),
    ],
)
def test_a_handle_is_a_github_name(handle: str, valid: bool) -> None:
    assert is_handle(handle) is valid


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ('["@whitepaper-nl/massage"]', None),
        ('["@a", "@b/c"]', None),
        ("[]", None),
        ('"@whitepaper-nl/massage"', "'owners' moet een lijst van GitHub-namen"),
        ('["whitepaper-nl/massage"]', "'owners' moet een lijst van GitHub-namen"),
        ('["@org/team x"]', "'owners' moet een lijst van GitHub-namen"),
        ("[5]", "'owners' moet een lijst van GitHub-namen"),
        ("{team: '@a'}", "'owners' moet een lijst van GitHub-namen"),
    ],
)
def test_the_check_validates_owners(value: str, message: str | None, tmp_path: Path) -> None:
    """A wrong `owners` is a `front-matter` error at the key, with an example that works."""
    root = project(tmp_path, {"p/index.md": paper(value)})
    found = [d for d in check(root / "docs", root / "bib", root=root) if d.severity == "error"]
    if message is None:
        assert found == []
        return
    [d] = found
    assert (d.code, d.line, d.column) == ("front-matter", 4, 1)
    assert d.message.startswith(message)
    assert d.hint == 'bijvoorbeeld owners: ["@whitepaper-nl/massage"]'


@pytest.mark.parametrize("page", ["p/meer.md", "index.md"])
def test_owners_outside_a_papers_index_page_is_refused(page: str, tmp_path: Path) -> None:
    """Owners are a paper's, for its whole folder: on another page the key would do nothing."""
    root = project(tmp_path, {"p/index.md": paper(), page: '---\nowners: ["@a"]\n---\n'})
    [d] = [d for d in check(root / "docs", root / "bib", root=root) if d.severity == "error"]
    assert (d.path, d.line, d.code) == (f"docs/{page}", 2, "front-matter")
    assert d.message.startswith("'owners' werkt alleen in de index.md van een whitepaper")


# --- what the file holds --------------------------------------------------------------------


def test_a_paper_without_owners_gets_no_line_and_owners_are_named_once(tmp_path: Path) -> None:
    root = project(
        tmp_path,
        {
            "zonder/index.md": paper(),
            "leeg/index.md": paper("[]"),
            "twee/index.md": paper('["@b/c", "@a", "@b/c"]'),
            "fout/index.md": paper('"@a"'),  # refused by the check: no line
            "geen-titel/index.md": "---\nowners: ['@a']\n---\n",  # no paper
            "twee/meer.md": paper('["@x"]'),  # not an index page
        },
    )
    text = codeowners_text(paper_owners(root / "docs"))
    paper_lines = [line for line in text.splitlines() if line.startswith(("/docs/", "/bib/t"))]
    assert paper_lines == ["/docs/twee/ @b/c @a", "/bib/twee.bib @b/c @a"]
    assert "zonder" not in text and "leeg" not in text and "geen-titel" not in text


def test_folders_codeowners_could_misread_are_left_out(tmp_path: Path) -> None:
    """A folder name with a space, `#` or a glob character would change a line's meaning; the
    check refuses such a name (`unsafe-file`), and CODEOWNERS names no such folder."""
    root = project(
        tmp_path,
        {
            "a b/index.md": paper('["@x"]'),
            "c#d/index.md": paper('["@x"]'),
            "e*/index.md": paper('["@x"]'),
            "goed/index.md": paper('["@x"]'),
        },
    )
    (root / "docs" / "link").symlink_to(root / "docs" / "goed")
    assert paper_owners(root / "docs") == {"goed": ("@x",)}


def test_write_codeowners_rewrites_only_what_changed(tmp_path: Path) -> None:
    root = project(tmp_path, {"p/index.md": paper('["@a/b"]')})
    assert write_codeowners(root) is True
    assert (
        (root / CODEOWNERS).read_text(encoding="utf-8").endswith("/docs/p/ @a/b\n/bib/p.bib @a/b\n")
    )
    assert write_codeowners(root) is False


def test_python_m_whitepaper_owners_writes_the_file_in_a_project(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = project(tmp_path, {"p/index.md": paper('["@a/b"]')})
    with contextlib.chdir(root):
        assert main([]) == 0
        assert main([]) == 0
    assert capsys.readouterr().out == (
        ".github/CODEOWNERS bijgewerkt\n.github/CODEOWNERS was al bijgewerkt\n"
    )


@pytest.mark.parametrize(("argv", "made"), [([], False), (["--write"], True)])
def test_python_m_whitepaper_owners_refuses_what_it_cannot_do(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], argv: list[str], made: bool
) -> None:
    if made:
        project(tmp_path, {})
    with contextlib.chdir(tmp_path):
        assert main(argv) == 2
    assert not (tmp_path / CODEOWNERS).exists()
    assert capsys.readouterr().err.startswith("geen map docs/" if not made else "gebruik:")
