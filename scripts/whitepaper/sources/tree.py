"""The file tree of the sources: one walk of docs/, bib/ and overrides/ that opens nothing.

MkDocs follows every symlink it meets (`os.walk(followlinks=True)` in `get_files`) and copies
what it finds: a link to /proc/self/environ puts the build's environment on the public site, two
link loops make its walk endless, and a FIFO hangs whoever opens it. This walk looks at each
entry with lstat and opens none. A symlink counts only when it stays inside the folder it lies
in (docs/, bib/ or overrides/: so `.env` or `.git/` beside them never gets in) and ends at a
regular file or a folder; a linked folder is walked as MkDocs walks it, never into a folder the
walk is already in. Everything else is a `TreeProblem` at the real place of the entry, which the
check says in Dutch (`check/tree_rules`); the plugin runs the check before MkDocs collects one
file, so a build never reaches them.

Names in docs/ and overrides/ (published) must be safe (`file_names`). A name starting with `.`
is hidden: skipped, as MkDocs skips it, though a linked folder in it is still refused when it
loops or leaves (MkDocs walks it).

MkDocs copies every file of docs/ that is no page into site/ as it is, so docs/ may hold only
the types in `PUBLISHED` (issue 13): a `.html`, `.svg`, `.xhtml`, `.xml` (with XSL) or `.js`
would run its script on the site's own address, for every reader. Any other type is a problem
(a maintainer may trust one: `trusted_html`, applied by the check after its cache). The types
in overrides/ are left alone: its html, js and css are the theme, the maintainers' own.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Set as AbstractSet
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from whitepaper.diagnostics import InputError
from whitepaper.sources.file_names import printable, safe_name, suggested_name

Area = Literal["docs", "bib", "overrides"]
Kind = Literal[
    "outside",  # a symlink out of its folder; detail: where it points, as written
    "dangling",  # a symlink to nothing; detail: as written
    "loop",  # a symlink into itself or a folder it lies in; detail: as written
    "special",  # a FIFO, socket or device; detail: which
    "name",  # a name outside the safe set; detail: "folder" or "file"; rename: a safe name
    "bib-in-subfolder",  # a .bib below bib/, which is not read; rename: where to move it
    "bib-extension",  # `.BIB`, `.Bib`: not read; rename: the name with `.bib`
    "bib-hidden",  # `bib/.refs.bib`: hidden, not read; rename: the name without the dot
    "page-extension",  # `.markdown`, `.MD`: MkDocs builds or copies it, the check reads no page
    "file-type",  # a file of docs/ of a type not in PUBLISHED; detail: its suffix, as written
]
PAGE = ".md"  # MkDocs builds these too (utils.markdown_extensions); the check reads only .md
OTHER_MARKDOWN = (".markdown", ".mdown", ".mkdn", ".mkd")
# Besides pages, the files docs/ may publish (suffixes, in any case): what a browser shows as
# an image, a PDF or plain text, never as a page of the site. Not here, so refused: html, htm,
# xhtml, shtml, svg, xml, xsl, js, mjs, css, json, swf, wasm, a name without a suffix, …
FILES = (".png", ".jpg", ".jpeg", ".gif", ".webp", ".avif", ".pdf", ".txt", ".csv")
PUBLISHED = frozenset({PAGE, *OTHER_MARKDOWN, *FILES})


@dataclass(frozen=True, order=True)
class TreeProblem:
    path: Path  # the entry's real place, below the folder as it was given
    kind: Kind
    folder: Path  # the folder walked: docs/, bib/ or overrides/
    detail: str = ""
    rename: Path | None = None
    taken: bool = False  # `rename` exists already


@dataclass(frozen=True)
class SourceTree:
    pages: tuple[Path, ...] = ()  # docs/**/*.md to read, sorted, as MkDocs names them
    problems: tuple[TreeProblem, ...] = ()


def source_tree(docs_dir: Path, bib_dir: Path, overrides: Path | None = None) -> SourceTree:
    """Walk docs/, bib/ and, when it exists, overrides/ (default: `overrides/` beside docs/)."""
    if not docs_dir.is_dir():
        raise InputError(f"de map {docs_dir} met pagina's bestaat niet")
    if not bib_dir.is_dir():
        raise InputError(f"de map {bib_dir} met bibliografie-bestanden bestaat niet")
    overrides = docs_dir.parent / "overrides" if overrides is None else overrides
    walks = [_Walk(docs_dir, "docs"), _Walk(bib_dir, "bib")]
    walks += [_Walk(overrides, "overrides")] if overrides.is_dir() else []
    problems = sorted({problem for walk in walks for problem in walk.run()})
    pages = sorted(path for path in walks[0].files if path.suffix == PAGE)
    return SourceTree(tuple(pages), tuple(problems))


def bib_files(bib_dir: Path) -> list[Path]:
    """The `*.bib` files directly in `bib_dir` that are read: regular ones, sorted."""
    real = os.path.realpath(bib_dir)
    found = []
    for entry in _scan(bib_dir):
        name = entry.name
        if not name.endswith(".bib") or name.startswith(".") or not printable(name):
            continue
        mode = _lstat_mode(entry)
        if stat.S_ISLNK(mode):
            target = _target(bib_dir / name, os.path.join(real, name), real, {real})
            mode = target[1] if isinstance(target, tuple) else 0
        if stat.S_ISREG(mode):
            found.append(bib_dir / name)
    return found


def published(name: str) -> bool:
    """Whether docs/ may publish a file named `name`; an unsafe name is judged by the name
    its finding says to give it (`index.md~` becomes `index.md`)."""
    name = name if safe_name(name) else suggested_name(name)
    return os.path.splitext(name)[1].lower() in PUBLISHED


def read_source(path: Path) -> bytes:
    """A page's or .bib file's bytes; InputError (exit 2) when it cannot be read."""
    try:
        return path.read_bytes()
    except OSError as error:
        raise InputError(f"kan {path} niet lezen: {_reason(error)}") from error


class _Walk:
    """One folder's walk: the files one may read (as MkDocs names them) and the problems."""

    def __init__(self, folder: Path, area: Area) -> None:
        self.folder, self.area, self.real = folder, area, os.path.realpath(folder)
        self.files: list[Path] = []
        self.problems: set[TreeProblem] = set()

    def run(self) -> set[TreeProblem]:
        self._walk(self.folder, self.real, frozenset({self.real}), hidden=False)
        return self.problems

    def _walk(self, folder: Path, real: str, chain: frozenset[str], *, hidden: bool) -> None:
        """`folder` (whose real path is `real`, inside the folders of `chain`), entry by entry.
        A problem is said at the entry's own real place (`place`), once however it is reached."""
        for entry in _scan(folder):
            path, place = folder / entry.name, os.path.join(real, entry.name)
            is_hidden = hidden or entry.name.startswith(".")
            try:
                mode = _lstat_mode(entry)
            except FileNotFoundError:
                continue  # removed meanwhile
            if not printable(entry.name):  # no finding could print a path below it as it is
                self._add(place, "name", "folder" if stat.S_ISDIR(mode) else "file")
                continue
            if self.area != "bib" and not is_hidden and not safe_name(entry.name):
                self._add(place, "name", "folder" if stat.S_ISDIR(mode) else "file")
            located = place
            if stat.S_ISLNK(mode):
                target = _target(path, place, self.real, chain)
                if isinstance(target, str):  # a problem, said unless hidden and harmless
                    linked_folder = target in ("loop", "outside") and os.path.isdir(path)
                    if not is_hidden or linked_folder:
                        self._add(place, target, os.readlink(path))
                    continue
                located, mode = target
            if stat.S_ISDIR(mode):
                self._walk(path, located, chain | {located}, hidden=is_hidden)
            elif is_hidden:
                if stat.S_ISREG(mode) and not hidden and entry.name.endswith(".bib"):
                    self._ignored(".bib", place, hidden=True)  # read before hidden was skipped
            elif stat.S_ISREG(mode):
                self.files.append(path)
                self._ignored(path.suffix, place)
                if self.area == "docs" and not published(entry.name):
                    self._add(place, "file-type", os.path.splitext(entry.name)[1])
            else:
                self._add(place, "special", _special(mode))

    def _ignored(self, suffix: str, place: str, *, hidden: bool = False) -> None:
        """A file meant as a page or bibliography that the check would not read."""
        if self.area == "bib" and suffix.lower() == ".bib":
            at = self._at(place)
            if at.parent != self.folder:
                if not hidden:
                    self._add(place, "bib-in-subfolder", rename=self.folder / f"{at.stem}.bib")
            elif hidden:
                self._add(place, "bib-hidden", rename=at.with_name(at.name.lstrip(".")))
            elif suffix != ".bib":
                self._add(place, "bib-extension", rename=at.with_suffix(".bib"))
        elif self.area == "docs" and suffix != PAGE and suffix.lower() in (PAGE, *OTHER_MARKDOWN):
            self._add(place, "page-extension", suffix, rename=self._at(place).with_suffix(PAGE))

    def _at(self, place: str) -> Path:
        """A real place inside the folder, below the folder as it was given."""
        return self.folder / os.path.relpath(place, self.real)

    def _add(self, place: str, kind: Kind, detail: str = "", rename: Path | None = None) -> None:
        at = self._at(place)
        if kind == "name":
            rename = at.with_name(suggested_name(at.name))
        taken = rename is not None and os.path.lexists(rename)
        self.problems.add(TreeProblem(at, kind, self.folder, detail, rename, taken))


def _target(
    path: Path, located: str, inside: str, chain: AbstractSet[str]
) -> tuple[str, int] | Kind:
    """A symlink's real target and its mode, or why it is refused: it dangles, loops or leaves
    `inside`. `located` is the link's own real place, `chain` the folders the walk is in."""
    try:
        real = os.path.realpath(path, strict=True)
        mode = os.stat(real).st_mode  # `real` is no link: this opens nothing
    except FileNotFoundError:
        return "dangling"
    except OSError as error:
        if error.errno == errno.ELOOP:
            return "loop"
        raise InputError(f"kan {path} niet lezen: {_reason(error)}") from error
    if real in chain or _within(located, real):
        return "loop"
    return (real, mode) if _within(real, inside) else "outside"


def _lstat_mode(entry: os.DirEntry[str]) -> int:
    """The entry's type as lstat gives it; from the directory listing itself when it can."""
    if entry.is_symlink():
        return stat.S_IFLNK
    if entry.is_dir(follow_symlinks=False):
        return stat.S_IFDIR
    if entry.is_file(follow_symlinks=False):
        return stat.S_IFREG
    return entry.stat(follow_symlinks=False).st_mode  # a FIFO, socket or device


def _within(path: str, folder: str) -> bool:
    return os.path.commonpath([path, folder]) == folder


def _scan(folder: Path) -> list[os.DirEntry[str]]:
    try:
        with os.scandir(folder) as entries:
            return sorted(entries, key=lambda entry: entry.name)
    except OSError as error:
        raise InputError(f"kan de map {folder} niet lezen: {_reason(error)}") from error


def _reason(error: OSError) -> str:
    if isinstance(error, PermissionError):
        return "geen leesrecht (geef het leesrecht, bijvoorbeeld met chmod a+rX, of verwijder het)"
    return error.strerror or str(error)


def _special(mode: int) -> str:
    if stat.S_ISFIFO(mode):
        return "fifo"
    return "socket" if stat.S_ISSOCK(mode) else "device"
