"""Pull-request previews on `gh-pages`: a built preview in `pr-preview/pr-<N>/`, one commit.

The folder arrives as an artifact of another job, which built a fork's pages and sources (with
the default branch's code), so it is untrusted: it is read through directory descriptors
without following a link, and refused whole for anything but folders and regular files with
safe names (`file_names.safe_name`, no leading dot), beyond the size a site has, or without the
marker a preview build of that pull request writes at its root (`site_version.PREVIEW_MARKER`).
Nothing of it is ever executed.

A deployment replaces `pr-preview/pr-<N>/` and nothing else (the releases, versions.json, the
root files and the other previews stay as they are), in one commit made with mike's fast-import
`Commit` as publish makes its root files, without a work tree; a deployment that changes no
file makes none, and on any failure the branch is put back where it was (`ghpages.writing`).
"""

from __future__ import annotations

import json
import os
import stat
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path

from whitepaper.diagnostics import StageError
from whitepaper.publish.ghpages import writing
from whitepaper.publish.git import git, head
from whitepaper.site_version import PREVIEW_MARKER, preview_path
from whitepaper.sources.file_names import safe_name

MOST_FILES = 20_000  # a site of every paper has a few hundred
MOST_BYTES = 512 * 2**20  # the PDFs are most of it: a few MB each
MARKER_LARGEST = 64 * 1024  # the number and the papers' titles
NO_JEKYLL = ".nojekyll"  # publish writes it too; a branch a preview starts needs it as well
_DIRECTORY = os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW
_FILE = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK  # a FIFO put in its place does not block


class PreviewProblem(StageError):
    """The folder is not a preview build of this pull request, or holds what may not be
    published (a link, a FIFO, an unsafe name): exit 2."""


@dataclass(frozen=True)
class SiteFile:
    path: str  # below the preview's folder, '/'-separated: 'fascia/index.html'
    data: bytes


def read_preview(site: Path, number: int) -> list[SiteFile]:
    """Every file of the preview build of pull request `number` in `site`, or a PreviewProblem."""
    try:
        root = os.open(site, _DIRECTORY)
    except OSError as error:
        raise PreviewProblem(
            f"{site} is geen map die te lezen is ({error.strerror}); noem met --site de map"
            " die `whitepaper build --preview N` maakte"
        ) from None
    try:
        _check_marker(site, root, number)  # first: a foreign folder is not read at all
        files = _Files()
        _read_folder(root, "", files)
    finally:
        os.close(root)
    return files.read


@dataclass
class _Files:
    """What has been read, within the bounds of a site."""

    read: list[SiteFile] = field(default_factory=list)
    size: int = 0

    def add(self, file: SiteFile) -> None:
        self.read.append(file)
        self.size += len(file.data)
        if len(self.read) > MOST_FILES or self.size > MOST_BYTES:
            raise PreviewProblem(
                f"meer dan {MOST_FILES} bestanden of {MOST_BYTES // 2**20} MB: dit is geen"
                " gebouwde site; niets gepubliceerd"
            )


def _read_folder(folder: int, prefix: str, files: _Files) -> None:
    with os.scandir(folder) as listing:
        entries = sorted(listing, key=lambda entry: entry.name)
    for entry in entries:
        shown = prefix + entry.name
        if not safe_name(entry.name) or entry.name.startswith("."):
            raise PreviewProblem(
                f"{shown!r}: een naam die een site niet heeft (alleen letters, cijfers, '-',"
                " '_' en '.', niet vooraan); niets gepubliceerd"
            )
        mode = entry.stat(follow_symlinks=False).st_mode
        if stat.S_ISDIR(mode):
            child = os.open(entry.name, _DIRECTORY, dir_fd=folder)
            try:
                _read_folder(child, shown + "/", files)
            finally:
                os.close(child)
        elif stat.S_ISREG(mode):
            files.add(SiteFile(shown, _read_file(folder, entry.name, shown)))
        else:
            kind = "een symbolische link" if stat.S_ISLNK(mode) else "geen gewoon bestand"
            raise PreviewProblem(f"{shown} is {kind}: een site bestaat uit mappen en bestanden")


def _read_file(folder: int, name: str, shown: str, largest: int = MOST_BYTES) -> bytes:
    """The bytes of the regular file `name` in `folder`, never through a link."""
    try:
        descriptor = os.open(name, _FILE, dir_fd=folder)
    except OSError as error:  # ELOOP: replaced by a link since it was listed
        raise PreviewProblem(f"{shown} is niet te lezen ({error.strerror})") from None
    with os.fdopen(descriptor, "rb") as stream:
        found = os.fstat(stream.fileno())
        if not stat.S_ISREG(found.st_mode) or found.st_size > largest:
            raise PreviewProblem(f"{shown} is geen gewoon bestand, of te groot")
        return stream.read(largest + 1)


def _check_marker(site: Path, root: int, number: int) -> None:
    """That `site` (open as `root`) is the preview build of pull request `number`."""
    build = f"`whitepaper build --preview {number}`"
    if not os.path.lexists(site / PREVIEW_MARKER):
        raise PreviewProblem(
            f"{site} is geen voorbeeld ({PREVIEW_MARKER} ontbreekt): bouw met {build}"
        )
    marker = _read_file(root, PREVIEW_MARKER, PREVIEW_MARKER, MARKER_LARGEST)
    try:
        found = json.loads(marker)
    except ValueError:
        found = None
    made = found.get("pull_request") if isinstance(found, dict) else None
    if type(made) is not int:
        raise PreviewProblem(f"{site}/{PREVIEW_MARKER} is onleesbaar: bouw opnieuw met {build}")
    if made != number:
        raise PreviewProblem(
            f"{site} is het voorbeeld van pull request #{made}, niet van #{number}; niets"
            " gepubliceerd"
        )


def deploy_preview(branch: str, number: int, files: list[SiteFile], message: str) -> str | None:
    """`files` as `pr-preview/pr-<number>/` of `branch`, in one commit (None: nothing changed)."""
    folder = preview_path(number).rstrip("/")
    with writing(branch) as base:
        from mike import git_utils

        with suppress(git_utils.GitEmptyCommit), git_utils.Commit(branch, message) as commit:
            commit.delete_files([folder])
            for file in files:
                commit.add_file(git_utils.FileInfo(f"{folder}/{file.path}", file.data))
            if base is None or not _holds(base, NO_JEKYLL):
                commit.add_file(git_utils.FileInfo(NO_JEKYLL, b""))
    return _made(branch, base)


def remove_preview(branch: str, number: int, message: str) -> str | None:
    """Delete `pr-preview/pr-<number>/` from `branch` in one commit (None: it was not there)."""
    folder = preview_path(number).rstrip("/")
    if head(branch) is None:
        return None
    with writing(branch) as base:
        if base is None or not _holds(base, folder):
            return None
        from mike import git_utils

        with git_utils.Commit(branch, message) as commit:
            commit.delete_files([folder])
    return _made(branch, base)


def _holds(commit: str, path: str) -> bool:
    return git("rev-parse", "--verify", "--quiet", f"{commit}:{path}", check=False) != ""


def _made(branch: str, base: str | None) -> str | None:
    after = head(branch)
    return None if after == base else after
