"""A build's folder beside the folder it replaces: held while the build writes it, swapped in
with one step, and removed again by a later build when the build was killed.

A staging folder is `.<name>-new-*` beside `<name>`, the site (or `.<name>-old-*`, the old
site on its way out, where the swap takes two renames). Its builder holds an exclusive flock on
it as long as it runs; the kernel drops that lock when the builder ends, kill -9 included. A
build removes such folders beside its target that are older than its own and that nobody
holds: a concurrent build's folder is held, a killed build's is not.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import functools
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whitepaper.commands import UsageProblem
from whitepaper.diagnostics import display_path

NEW, OLD = "new", "old"
AT_FDCWD = -100  # linux/fcntl.h: paths relative to the current directory
RENAME_EXCHANGE = 1 << 1  # linux/fs.h
# renameat2 answers these where the file system (or the kernel) cannot exchange two names:
# then the swap takes two renames.
NO_EXCHANGE = {errno.EINVAL, errno.ENOSYS, errno.EPERM, errno.EOPNOTSUPP, errno.EXDEV}
ATTEMPTS = 5  # a staging folder taken by a removing build in the moment it is made: try again
DISK_FULL = {errno.ENOSPC, errno.EDQUOT}
NOT_ALLOWED = {errno.EACCES, errno.EPERM, errno.EROFS}
REASONS = {
    errno.EACCES: "u mag daar niet schrijven",
    errno.EPERM: "u mag daar niet schrijven",
    errno.EROFS: "die schijf is alleen-lezen",
    errno.ENOSPC: "de schijf is vol",
    errno.EDQUOT: "uw schijfruimte (quota) is op",
    errno.ENOENT: "daar kan geen map worden gemaakt",
    errno.ENOTDIR: "een deel van dat pad is een bestand, geen map",
    errno.EEXIST: "daar staat een bestand, geen map",
}


def reason(error: OSError) -> str:
    """Why a file or folder could not be written, in Dutch (the system's words otherwise)."""
    return REASONS.get(error.errno or 0, error.strerror or str(error))


def write_problem(
    error: OSError, made: str, target: Path, folder: Path | None = None
) -> UsageProblem | None:
    """A full disk, or a file that may not be written, while `made` ("de site past", said so
    for a full disk) was made for `target` (in its staging `folder`): said for people, with what
    to do. None for anything else (a bug)."""
    cwd = Path.cwd()
    shown = display_path(target, cwd)
    name = error.filename2 or error.filename  # shutil's copies name the source first
    written = Path(os.fsdecode(name)).absolute() if name else None
    if written is not None and folder is not None and written.is_relative_to(folder):
        written = target / written.relative_to(folder)  # a staging folder's name means nothing
    file = f" ({display_path(written, cwd)})" if written else ""
    if error.errno in DISK_FULL:
        return UsageProblem(
            f"{reason(error)}{file}: {made} er niet op, en {shown}/ is niet gewijzigd;"
            " maak ruimte vrij en probeer het opnieuw"
        )
    if error.errno in NOT_ALLOWED and written is not None:
        return UsageProblem(
            f"{display_path(written, cwd)}: {reason(error)}; {shown}/ is niet gewijzigd"
        )
    return None


@contextmanager
def staging(target: Path, *, mode: int = 0o755) -> Iterator[Path]:
    """A new, empty folder beside `target`, held for as long as the block runs and then
    removed (unless `replace_dir` has put it in `target`'s place). Leftovers of killed builds
    of `target` are removed first."""
    folder, lock = _held_folder(target.parent, f".{target.name}-{NEW}-")
    try:
        folder.chmod(mode)  # mkdtemp's 0700 would hide a site from a web server's user
        remove_leftovers(target, older_than=folder.stat().st_mtime)
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)  # held: no other build removes it meanwhile
        os.close(lock)


def remove_leftovers(target: Path, *, older_than: float) -> list[Path]:
    """Remove the staging folders of `target` that were made before `older_than` (a time stamp
    of the same file system) and that no running build holds; return them."""
    removed: list[Path] = []
    prefixes = tuple(f".{target.name}-{kind}-" for kind in (NEW, OLD))
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return removed  # removing leftovers is tidying: it never stops a build
    for entry in entries:
        if not entry.name.startswith(prefixes):
            continue
        try:
            if not entry.is_dir(follow_symlinks=False) or entry.stat().st_mtime >= older_than:
                continue
            lock = os.open(entry.path, os.O_RDONLY | os.O_DIRECTORY | os.O_NOFOLLOW)
        except OSError:
            continue
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:  # held by a running build
            os.close(lock)
            continue
        try:
            shutil.rmtree(entry.path, ignore_errors=True)
        finally:
            os.close(lock)
        removed.append(Path(entry.path))
    return removed


def _held_folder(parent: Path, prefix: str) -> tuple[Path, int]:
    """A new folder `parent/<prefix>*` and the descriptor that holds its lock."""
    for attempt in range(ATTEMPTS):
        folder = Path(tempfile.mkdtemp(prefix=prefix, dir=parent))
        try:
            lock = os.open(folder, os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:  # another build removed it before it was held
            continue
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if os.stat(folder).st_ino == os.fstat(lock).st_ino:  # not removed meanwhile
                return folder, lock
        except OSError:
            if attempt == ATTEMPTS - 1:
                os.close(lock)
                raise
        os.close(lock)
    raise FileExistsError(errno.EEXIST, "er kon geen nieuwe map worden gemaakt", str(parent))


def replace_dir(built: Path, target: Path) -> None:
    """Put the folder `built` where `target` is, and remove the old `target`.

    A reader of `target` sees the old folder or the new one, never neither: both names are
    exchanged in one step (Linux's renameat2 with RENAME_EXCHANGE). Where that call is missing
    (glibc before 2.28, other systems) or the file system cannot exchange names, it takes two
    renames, with a moment in between in which `target` does not exist."""
    if not os.path.lexists(target):
        try:
            built.rename(target)
            return
        except OSError as error:  # another build put one there meanwhile: exchange with it
            if error.errno not in (errno.ENOTEMPTY, errno.EEXIST):
                raise
    if _exchange(built, target):
        shutil.rmtree(built, ignore_errors=True)  # `built` names the old folder now
        return
    old = Path(tempfile.mkdtemp(prefix=f".{target.name}-{OLD}-", dir=target.parent))
    target.rename(old / target.name)
    built.rename(target)
    shutil.rmtree(old, ignore_errors=True)


def _exchange(first: Path, second: Path) -> bool:
    """Swap the names of two paths in one step; False where that cannot be done here."""
    renameat2 = _renameat2()
    if renameat2 is None:
        return False
    if renameat2(AT_FDCWD, os.fsencode(first), AT_FDCWD, os.fsencode(second), RENAME_EXCHANGE):
        code = ctypes.get_errno()
        if code in NO_EXCHANGE:
            return False
        raise OSError(code, os.strerror(code), str(second))
    return True


@functools.cache
def _renameat2() -> Callable[..., int] | None:
    """libc's renameat2 (glibc 2.28 and later), or None."""
    try:
        function = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return None
    function.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p]
    function.argtypes += [ctypes.c_uint]
    function.restype = ctypes.c_int
    return function
