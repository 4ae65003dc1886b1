"""The git layer of the writers of `gh-pages` (publish, withdraw): plain git commands, each
failure a GitProblem that says which command failed and git's own last words."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Mapping

from whitepaper.diagnostics import StageError


class GitProblem(StageError):
    """git cannot do what publishing needs (no repository, a diverged branch ...): exit 2."""


def git(*args: str, env: Mapping[str, str] | None = None, check: bool = True) -> str:
    """git's output as text, stripped ("" when it fails); with `check`, a failure is a
    GitProblem naming git's last line."""
    result = subprocess.run(
        ["git", *args],
        capture_output=True,
        text=True,
        env={**os.environ, **env} if env else None,
        check=False,
    )
    if check and result.returncode != 0:
        said = result.stderr.strip().splitlines()
        raise GitProblem(f"git {args[0]} mislukt: {said[-1] if said else result.returncode}")
    return result.stdout.strip() if result.returncode == 0 else ""


def repository_problem(command: str, branch: str) -> str | None:
    """Why `whitepaper <command>` cannot write `branch` here (no repository, the branch being
    the checked-out one, no committer identity), or None."""
    if not in_repository():
        return (
            f"dit is geen git-repository: voer `whitepaper {command}` uit in de map van de"
            " repository van de site"
        )
    return branch_problem(branch) or identity_problem()


def in_repository() -> bool:
    return git("rev-parse", "--git-dir", check=False) != ""


def branch_problem(branch: str) -> str | None:
    """Why `branch` cannot take the releases, or None."""
    if git("check-ref-format", "--branch", branch, check=False) == "":
        return f"'{branch}' is geen geldige branchnaam"
    if git("symbolic-ref", "--quiet", "--short", "HEAD", check=False) == branch:
        return (
            f"'{branch}' is de branch waarop u nu werkt: de site komt op een eigen branch"
            " (standaard gh-pages)"
        )
    return None


def identity_problem() -> str | None:
    """Why mike could not sign its commit, or None; said before the build, not after it.

    mike takes the committer from GIT_COMMITTER_NAME/_EMAIL or from git's config, never
    guessed."""
    for key, variable in (
        ("user.name", "GIT_COMMITTER_NAME"),
        ("user.email", "GIT_COMMITTER_EMAIL"),
    ):
        if not os.environ.get(variable) and not git("config", "--", key, check=False):
            return (
                "git weet niet wie de commit maakt: zet uw naam en e-mailadres met"
                ' git config user.name "Uw Naam" en git config user.email u@voorbeeld.nl'
            )
    return None


def head(branch: str) -> str | None:
    """The commit `branch` points at, or None when it does not exist."""
    found = git("rev-parse", "--verify", "--quiet", f"refs/heads/{branch}^{{commit}}", check=False)
    return found or None


def source_revision() -> str | None:
    """The short hash of the checked-out commit of the sources, or None (no commit yet)."""
    return git("rev-parse", "--verify", "--quiet", "--short", "HEAD", check=False) or None


def source_date() -> str | None:
    """The commit time of the checked-out commit (Unix seconds), or None."""
    return git("log", "-1", "--format=%ct", "HEAD", check=False) or None


def tree(commit: str) -> str:
    return git("rev-parse", f"{commit}^{{tree}}")


def author_is_committer() -> dict[str, str]:
    """The commit's author is its committer, as in mike's commits."""
    ident = git("var", "GIT_COMMITTER_IDENT")
    person, _, when = ident.rpartition(">")
    name, _, email = person.partition("<")
    return {
        "GIT_AUTHOR_NAME": name.strip(),
        "GIT_AUTHOR_EMAIL": email.strip(),
        "GIT_AUTHOR_DATE": when.strip(),
    }


def is_ancestor(older: str, newer: str) -> bool:
    result = subprocess.run(
        ["git", "merge-base", "--is-ancestor", older, newer], capture_output=True, check=False
    )
    return result.returncode == 0


def git_bytes(*args: str, data: bytes | None = None) -> bytes:
    result = subprocess.run(["git", *args], input=data, capture_output=True, check=False)
    if result.returncode != 0:
        said = result.stderr.decode(errors="replace").strip().splitlines()
        raise GitProblem(f"git {args[0]} mislukt: {said[-1] if said else result.returncode}")
    return result.stdout
