"""A cache of parsed sources under `.cache/`, keyed on content and on the code that parsed it.

A value is stored under a key that hashes everything it was derived from, plus this package's
own source code and the versions of the parsers it uses: a changed page, an upgraded pybtex or
an edited rule can never serve a stale result. A cache that cannot be read is a miss, never an
error, and a write lands atomically, so two builds at once cannot leave a torn file.
"""

from __future__ import annotations

import hashlib
import os
import pickle
import sys
import tempfile
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Literal

CACHE_DIR = ".cache/whitepaper"  # below the project: the plugin's default, and the CLI's
Stage = Literal["check", "citations", "pdf"]
PARSERS = ("markdown-it-py", "mdit-py-plugins", "pybtex", "PyYAML")


@cache
def code_fingerprint() -> str:
    """Hash of this package's source files, the parsers' versions and the Python version."""
    digest = hashlib.sha256(sys.version.encode())
    for package in PARSERS:
        try:
            digest.update(f"{package}=={version(package)}".encode())
        except PackageNotFoundError:
            digest.update(package.encode())
    digest.update(source_fingerprint(Path(__file__).parent).encode())
    return digest.hexdigest()


def source_fingerprint(package: Path) -> str:
    """Hash of every module of `package`, its sub-packages' included, with their paths."""
    digest = hashlib.sha256()
    for module in sorted(package.rglob("*.py")):
        name = module.relative_to(package).as_posix()
        digest.update(len(name).to_bytes(8, "little") + name.encode())
        digest.update(hashlib.sha256(module.read_bytes()).digest())
    return digest.hexdigest()


def stage_dir(cache_dir: Path | None, stage: Stage) -> Path | None:
    """The folder of one stage's cache below `cache_dir` (None: nothing is cached).

    One folder per stage, because each prunes its own to what its last run used."""
    return cache_dir / stage if cache_dir is not None else None


def content_key(*parts: bytes | str) -> str:
    digest = hashlib.sha256(code_fingerprint().encode())
    for part in parts:
        data = part.encode() if isinstance(part, str) else part
        digest.update(len(data).to_bytes(8, "little") + data)  # length-prefixed: no ambiguity
    return digest.hexdigest()


def write_atomically(target: Path, data: bytes) -> None:
    """Write next to `target`, then rename: a reader sees the old file or the whole new one,
    never a torn one, and a failed write leaves no temporary file behind."""
    handle, temporary = tempfile.mkstemp(
        dir=target.parent, prefix=f".{target.name}.", suffix=".tmp"
    )
    try:
        os.fchmod(handle, 0o644)  # mkstemp's 0600 would hide a PDF from the web server
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
        os.replace(temporary, target)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


class Cache:
    """Pickled values in `directory`, one file per key; `Cache(None)` keeps nothing."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.used: set[str] = set()  # every key asked for or stored: what a run needs kept

    def _file(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / f"{key}.pickle"

    def load(self, key: str) -> object | None:
        """The value stored under `key`, or None."""
        self.used.add(key)
        if self.directory is None:
            return None
        try:
            value: object = pickle.loads(self._file(key).read_bytes())
        except Exception:  # a missing, truncated or foreign cache file is a miss
            return None
        return value

    def store(self, key: str, value: object) -> None:
        if self.directory is not None:
            self.store_pickled(key, pickle.dumps(value, protocol=pickle.HIGHEST_PROTOCOL))

    def store_pickled(self, key: str, data: bytes) -> None:
        """Store a value pickled already (by a worker process, say)."""
        self.used.add(key)
        if self.directory is None:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            write_atomically(self._file(key), data)
        except OSError:
            pass  # a read-only or full disk costs speed next time, never the result now

    def keep_only(self, keys: set[str]) -> None:
        """Delete every stored value but those of `keys` (the ones the last run used)."""
        if self.directory is None or not self.directory.is_dir():
            return
        for file in self.directory.glob("*.pickle"):
            if file.stem not in keys:
                file.unlink(missing_ok=True)
