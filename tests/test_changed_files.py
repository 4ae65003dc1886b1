"""changed_files.py: which files and lines changed since a ref, read from real git in a
temporary repository (and from patch text for the parser alone)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from whitepaper.changed_files import ChangedFile, ChangesUnknown, changed_lines, changed_since

IDENTITY = {
    "GIT_AUTHOR_NAME": "Proef",
    "GIT_AUTHOR_EMAIL": "proef@example.org",
    "GIT_COMMITTER_NAME": "Proef",
    "GIT_COMMITTER_EMAIL": "proef@example.org",
}


def git(repo: Path, *args: str) -> None:
    env = {"PATH": "/usr/bin:/bin", "HOME": str(repo), **IDENTITY}
    command = ["git", "-c", "init.defaultBranch=main", *args]
    subprocess.run(command, cwd=repo, check=True, capture_output=True, env=env)


def write(repo: Path, name: str, text: str) -> None:
    (repo / name).parent.mkdir(parents=True, exist_ok=True)
    (repo / name).write_text(text, encoding="utf-8")


BIB = "".join(f"@misc{{oud{n}, title = {{T}}, year = 2020}}\n\n" for n in range(5))


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    """main: a page, a bibliography of five entries, a file to delete; then a branch."""
    git(tmp_path, "init", "-q")
    write(tmp_path, "docs/p/index.md", "# P\n\nZie [@oud1].\n")
    write(tmp_path, "bib/refs.bib", BIB)
    write(tmp_path, "docs/weg.md", "# Weg\n")
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-q", "-m", "begin")
    git(tmp_path, "checkout", "-q", "-b", "wijziging")
    return tmp_path


def test_a_branch_with_committed_and_uncommitted_changes(repo: Path) -> None:
    write(repo, "bib/refs.bib", BIB + "@misc{nieuw, title = {N}, year = 2024}\n")  # line 11
    git(repo, "commit", "-q", "-am", "een item erbij")
    (repo / "docs" / "weg.md").unlink()
    write(repo, "docs/p/index.md", "# P\n\nZie [@oud1] en [@nieuw].\n")  # not committed
    write(repo, "docs/nieuw/index.md", "# Nieuw\n")  # untracked
    found = changed_since("main", repo / "docs")  # from a subfolder: paths are absolute
    assert found == {
        repo / "bib" / "refs.bib": ChangedFile(repo / "bib" / "refs.bib", frozenset({11})),
        repo / "docs" / "p" / "index.md": ChangedFile(repo / "docs/p/index.md", frozenset({3})),
        repo / "docs/nieuw/index.md": ChangedFile(repo / "docs/nieuw/index.md", frozenset(), True),
    }


def test_only_what_the_branch_changed_not_what_main_did_since(repo: Path) -> None:
    """`REF...HEAD`: a commit on main after the branch started is not the branch's change."""
    write(repo, "docs/p/index.md", "# P\n\nAnders.\n")
    git(repo, "commit", "-q", "-am", "pagina")
    git(repo, "checkout", "-q", "main")
    write(repo, "bib/refs.bib", BIB.replace("oud3", "ander3"))
    git(repo, "commit", "-q", "-am", "main verder")
    git(repo, "checkout", "-q", "wijziging")
    assert set(changed_since("main", repo)) == {repo / "docs" / "p" / "index.md"}


def test_a_ref_with_nothing_changed(repo: Path) -> None:
    assert changed_since("main", repo) == {}


@pytest.mark.parametrize(
    ("ref", "said"),
    [("bestaatniet", "git kent 'bestaatniet' niet"), ("--output=x", "git kent '--output=x' niet")],
)
def test_an_unknown_ref_is_said(repo: Path, ref: str, said: str) -> None:
    with pytest.raises(ChangesUnknown, match=said):
        changed_since(ref, repo)
    assert not (repo / "x").exists()


def test_outside_a_repository_is_said(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    with pytest.raises(ChangesUnknown, match="ligt niet in een git-repository"):
        changed_since("main", tmp_path)


@pytest.mark.parametrize(
    ("patch", "lines"),
    [
        (b"+++ b/a.bib\n@@ -3,0 +4,2 @@\n+x\n+y\n", {"a.bib": {4, 5}}),
        (b"+++ b/a.bib\n@@ -3 +3 @@\n-x\n+y\n", {"a.bib": {3}}),
        (b"+++ b/a.bib\n@@ -3,2 +2,0 @@\n-x\n-y\n", {"a.bib": {3}}),  # deleted: the line after
        (b"+++ b/a.bib\n@@ -1 +1 @@\n-a\n+b\n@@ -9,0 +10 @@\n+c\n", {"a.bib": {1, 10}}),
        (b'+++ "b/caf\\303\\251 \\"x\\".bib"\n@@ -1 +1 @@\n', {'caf\u00e9 "x".bib': {1}}),
        (b"+++ /dev/null\n@@ -1 +0,0 @@\n-a\n", {}),
        (b"+++ b/a.md\n@@ -0,0 +1 @@\n+++ b/looks-like-a-header\n", {"a.md": {1}}),
        (b"+++ b/a.md\n@@ -1 +1 @@\n-a\n\\ No newline at end of file\n+++ b/x\n", {"a.md": {1}}),
    ],
)
def test_changed_lines_of_a_patch(patch: bytes, lines: dict[str, set[int]]) -> None:
    assert changed_lines(patch) == {name: frozenset(numbers) for name, numbers in lines.items()}


def test_touches() -> None:
    change = ChangedFile(Path("/r/a.bib"), frozenset({5}))
    assert change.touches(3, 5) and not change.touches(6, 9)
    assert ChangedFile(Path("/r/b.bib"), frozenset(), whole=True).touches(1, 1)
