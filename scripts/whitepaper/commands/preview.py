"""`whitepaper preview N --site DIR`: a pull request's preview onto gh-pages, or `--remove`.

What the workflow runs after `whitepaper build --preview N` (in another job, built by the
default branch's code from the pull request's docs/ and bib/; its folder arrives as an
artifact): one commit into `pr-preview/pr-<N>/` of the local branch, and with `--comment FILE`
the pull request's comment. Pushing is the workflow's (`git push`).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from whitepaper.commands import EXIT_OK, UsageProblem, as_usage
from whitepaper.commands._mkdocs import load, mkdocs_output
from whitepaper.links import public_url, web_url
from whitepaper.publish.ghpages import REMOTE
from whitepaper.publish.git import GitProblem, repository_problem
from whitepaper.publish.preview import PreviewProblem, deploy_preview, read_preview, remove_preview
from whitepaper.publish.preview_comment import (
    changed_papers,
    comment,
    removed_comment,
    titles_of,
)
from whitepaper.site_version import PREVIEW_MARKER, SiteVersion, preview_path


def run_preview(args: argparse.Namespace) -> int:
    with as_usage(GitProblem, PreviewProblem):
        return _preview(args)


def _preview(args: argparse.Namespace) -> int:
    number, branch = args.number, args.branch
    folder = preview_path(number)
    if args.remove and args.site:
        raise UsageProblem(
            "--site en --remove gaan niet samen: plaats een voorbeeld of verwijder het"
        )
    if not args.remove and not args.site:
        raise UsageProblem(
            "noem met --site de map die `whitepaper build --preview N` maakte, of verwijder het"
            " voorbeeld met --remove"
        )
    problem = repository_problem("preview", branch)
    if problem:
        raise UsageProblem(problem)
    if args.remove:
        made = remove_preview(branch, number, f"Voorbeeld van pull request #{number} verwijderd")
        if args.comment:
            _write(args.comment, removed_comment(number))
        if made is None:
            print(f"Er is geen voorbeeld van pull request #{number} op {branch}: niets verwijderd.")
            return EXIT_OK
        print(f"{folder} verwijderd van {branch} (commit {made[:12]}).")
        print(f"Zet het online met: git push {REMOTE} {branch}")
        return EXIT_OK

    site = SiteVersion(_site_url(args.config_file), preview=number) if args.comment else None
    files = read_preview(Path(args.site), number)
    message = f"Voorbeeld van pull request #{number} bijgewerkt"
    made = deploy_preview(branch, number, files, message)
    if made is None:
        print(f"Niets gewijzigd: {folder} staat al precies zo op {branch}; geen commit.")
    else:
        print(f"Voorbeeld van pull request #{number} staat op {branch} in {folder}", end="")
        print(f" ({len(files)} bestanden, commit {made[:12]}).")
        print(f"Zet het online met: git push {REMOTE} {branch}")
    if site is not None:
        names = {file.path for file in files}
        changed = changed_papers(_changed(args), names)
        for path in changed.refused:
            print(
                f"let op: {path!r} is geen gewoon pad in de repository; overgeslagen",
                file=sys.stderr,
            )
        marker = next(file.data for file in files if file.path == PREVIEW_MARKER)
        _write(args.comment, comment(site, changed.papers, names, titles_of(marker)))
    return EXIT_OK


def _changed(args: argparse.Namespace) -> list[str]:
    """--changed paths, and those of --changed-from (NUL- or line-separated, as
    `git diff --name-only -z` writes them: no name can pass for an option there)."""
    paths = list(args.changed or ())
    if args.changed_from:
        try:
            text = Path(args.changed_from).read_bytes().decode("utf-8", "replace")
        except OSError as error:
            raise UsageProblem(f"{args.changed_from} is niet te lezen: {error.strerror}") from None
        paths += [path for path in text.replace("\0", "\n").splitlines() if path]
    return paths


def _site_url(config_file: str) -> str:
    """The configured root of the site (mkdocs.yml's site_url): the comment's addresses."""
    with mkdocs_output():
        site_url = load(config_file, command="whitepaper preview").site_url or ""
    if not (web_url(site_url) and public_url(site_url)):
        raise UsageProblem(
            f"site_url is '{site_url}': geen openbaar adres, dus het commentaar kan nergens"
            " naar verwijzen; zet het adres van de site in WHITEPAPER_SITE_URL"
        )
    return site_url


def _write(path: str, text: str) -> None:
    try:
        Path(path).write_text(text, encoding="utf-8")
    except OSError as error:
        raise UsageProblem(f"het commentaar kan niet in {path}: {error.strerror}") from None
