"""Which files, and which of their lines, changed since a git ref: what a pull request touches.

    changed_since("origin/main", Path.cwd()) -> {Path: ChangedFile}

The changes are those of `git diff REF...HEAD` together with what is not committed yet
(staged, unstaged and untracked files): one diff from the merge base of REF and HEAD to the
working tree, so every line number is one of the file as it is now. Deleted files are left
out; a rename counts as a new file (`--no-renames`). Plain `subprocess`, no shell: this module
sits below every stage (layer 0) and reads nothing but git's output.
"""

from __future__ import annotations

import codecs
import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

# `@@ -old[,count] +new[,count] @@`: where a hunk stands in the file as it is now.
_HUNK = re.compile(
    rb"@@ -[0-9]+(?:,(?P<old_count>[0-9]+))? \+(?P<start>[0-9]+)(?:,(?P<count>[0-9]+))? @@"
)
_NEW_FILE = b"+++ "


class ChangesUnknown(Exception):
    """git cannot say what changed: not a repository, an unknown ref, no git at all. The
    message is plain Dutch, for people."""


@dataclass(frozen=True)
class ChangedFile:
    """One file that exists now and differs from the ref."""

    path: Path  # absolute
    lines: frozenset[int]  # 1-based lines added or changed; a deletion marks the line after it
    whole: bool = False  # untracked, binary, or no text lines to tell: every line counts

    def touches(self, first: int, last: int) -> bool:
        """Whether any line from `first` to `last` (inclusive) changed."""
        return self.whole or any(first <= line <= last for line in self.lines)


def changed_since(ref: str, cwd: Path) -> dict[Path, ChangedFile]:
    """Every file changed since `ref` in the repository around `cwd`, by absolute path.
    Raises ChangesUnknown when git cannot tell."""
    shown = _git(cwd, "rev-parse", "--show-toplevel", check=False).decode().strip()
    if not shown:
        raise ChangesUnknown(f"{cwd} ligt niet in een git-repository: --since vergelijkt met git")
    top = Path(shown)
    # A ref is never an option: "--output=x" would make git write a file.
    if ref.startswith("-") or not _git(
        cwd, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", check=False
    ):
        raise ChangesUnknown(f"git kent '{ref}' niet: noem een branch, tag of commit")
    base = _git(cwd, "merge-base", ref, "HEAD").decode().strip()
    names = _git(
        top,
        "diff",
        "--name-only",
        "-z",
        "--no-color",
        "--no-renames",
        "--diff-filter=d",
        base,
        "--",
    )
    patch = _git(top, "diff", "-U0", "--no-renames", "--diff-filter=d", "--no-color",
                 "--no-ext-diff", "--src-prefix=a/", "--dst-prefix=b/", base, "--")  # fmt: skip
    untracked = _git(top, "ls-files", "-z", "--others", "--exclude-standard")
    lines = changed_lines(patch)
    found = {
        top / name: ChangedFile(top / name, lines.get(name, frozenset()), name not in lines)
        for name in _split_z(names)
    }
    found |= {
        top / name: ChangedFile(top / name, frozenset(), True) for name in _split_z(untracked)
    }
    return found


def changed_lines(patch: bytes) -> dict[str, frozenset[int]]:
    """The lines each file of a `git diff -U0` patch adds or changes, by its path in the patch
    (a pure deletion marks the line after it: that is where the file changed)."""
    found: dict[str, set[int]] = {}
    current: set[int] | None = None
    body = 0  # the hunk's lines still to come: text, even when one reads like a header
    for line in patch.split(b"\n"):
        if body:
            body -= not line.startswith(b"\\")  # "\ No newline at end of file" is no line
        elif line.startswith(_NEW_FILE):
            name = _unquote(line[len(_NEW_FILE) :])
            current = None if name is None else found.setdefault(name, set())
        elif hunk := _HUNK.match(line):
            start, count = int(hunk["start"]), _count(hunk["count"])
            body = _count(hunk["old_count"]) + count
            if current is not None:
                current.update(range(start, start + count) if count else [start + 1])
    return {name: frozenset(lines) for name, lines in found.items()}


def _count(written: bytes | None) -> int:
    return 1 if written is None else int(written)


def _unquote(written: bytes) -> str | None:
    """The path of a `+++ b/path` line (git C-quotes unusual names), None for /dev/null."""
    written = written.rstrip(b"\r")
    if written.startswith(b'"') and written.endswith(b'"'):
        written = codecs.escape_decode(written[1:-1])[0]
    if not written.startswith(b"b/"):
        return None
    return written[2:].decode("utf-8", errors="surrogateescape")


def _split_z(output: bytes) -> list[str]:
    return [name.decode("utf-8", errors="surrogateescape") for name in output.split(b"\0") if name]


def _git(cwd: Path, *args: str, check: bool = True) -> bytes:
    try:
        result = subprocess.run(["git", *args], cwd=cwd, capture_output=True, check=False)
    except FileNotFoundError as error:
        raise ChangesUnknown("git is niet geïnstalleerd: --since heeft git nodig") from error
    if check and result.returncode != 0:
        said = result.stderr.decode(errors="replace").strip().splitlines()
        raise ChangesUnknown(f"git {args[0]} mislukt: {said[-1] if said else result.returncode}")
    return result.stdout if result.returncode == 0 else b""
