"""Which .bib file of bib/ `whitepaper cite` appends to, and the append itself (and the
rewrite of one entry, for `whitepaper verify --accept`).

The append is atomic: the old bytes exactly, then the new entry, written to a temporary file
in the same folder, flushed to disk and renamed over the old one. A reader (an editor, a
build) sees the file as it was or with the whole entry, never half of it.
"""

from __future__ import annotations

import os
import stat
import tempfile
from pathlib import Path

from whitepaper.commands import UsageProblem
from whitepaper.sources.file_names import safe_name
from whitepaper.sources.tree import bib_files


def bib_file(bib_dir: Path, asked: str | None) -> Path:
    """`asked` when it names a .bib file directly in `bib_dir` (it may not exist yet); without
    it, the one .bib file there."""
    if not bib_dir.is_dir():
        raise UsageProblem(f"de map {bib_dir}/ bestaat niet; start in de map van de site")
    if asked is None:
        found = bib_files(bib_dir)
        if len(found) == 1:
            return found[0]
        if not found:
            raise UsageProblem(
                f"{bib_dir}/ heeft nog geen .bib-bestand; kies er een met"
                f" --bib {bib_dir}/NAAM.bib (het wordt aangemaakt)"
            )
        names = ", ".join(path.as_posix() for path in found)
        raise UsageProblem(f"{bib_dir}/ heeft meer .bib-bestanden ({names}); kies er een met --bib")
    path = Path(asked)
    inside = os.path.realpath(path.parent) == os.path.realpath(bib_dir)
    if not inside or path.suffix != ".bib" or not safe_name(path.name) or path.name[0] == ".":
        raise UsageProblem(
            f"--bib {asked}: geef een .bib-bestand in {bib_dir}/, zoals {bib_dir}/massage.bib"
            " (letters, cijfers, - _ . in de naam)"
        )
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise UsageProblem(f"--bib {asked}: dat is geen gewoon bestand")
    return bib_dir / path.name


def append_atomically(path: Path, text: str) -> bool:
    """Append `text` (an entry, ending in a newline) after a blank line; True when `path` was
    created. The file's line endings and permissions are kept."""
    try:
        old = path.read_bytes()
        mode = stat.S_IMODE(path.stat().st_mode)
    except FileNotFoundError:
        old, mode = None, 0o644
    newline = b"\r\n" if old and b"\r\n" in old else b"\n"
    data = text.encode("utf-8").replace(b"\n", newline)
    if old:
        data = (
            b"" if old.endswith(newline * 2) else newline if old.endswith(b"\n") else newline * 2
        ) + data
    replace_atomically(path, (old or b"") + data, mode)
    return old is None


def replace_atomically(path: Path, data: bytes, mode: int | None = None) -> None:
    """`path` holds `data`, or (on any failure) what it held: written beside it, flushed to
    disk and renamed over it; its permissions kept (`mode` for a new file)."""
    if mode is None:
        mode = stat.S_IMODE(path.stat().st_mode)
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.fchmod(handle, mode)
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    folder = os.open(path.parent, os.O_RDONLY)
    try:
        os.fsync(folder)  # the rename itself survives a power cut
    finally:
        os.close(folder)
