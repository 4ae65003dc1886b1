"""A cache of parsed sources under `.cache/`, keyed on content and on the code that parsed it.

A value is stored under a key that hashes everything it was derived from, plus this package's
own source code and the versions of the parsers it uses: a changed page, an upgraded pybtex or
an edited rule can never serve a stale result. A cache that cannot be read is a miss, never an
error, and a write lands atomically, so two builds at once cannot leave a torn file.

A cache is untrusted input: CI restores `.cache/` from an earlier run, and anyone who can
write a file there must not be able to run code. So values are stored as MessagePack
(msgspec), which is data only, never pickle: decoding makes strings, numbers, lists and
maps, and the dataclasses of the type the caller expects (a `Codec`), checked strictly
against that type's annotations. A file of another shape, a truncated one, random bytes, an
old `.pickle`, a FIFO or a link is a miss, and the value is computed again. The worst a
crafted file can do is be a wrong value of the right type (a finding left out, another PDF),
never run anything; the citations' cached HTML still passes their allowlist on every use.
"""

from __future__ import annotations

import hashlib
import os
import stat
import sys
import tempfile
from collections.abc import Callable, Mapping
from contextlib import suppress
from functools import cache, lru_cache
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any, Generic, Literal, TypeVar

import msgspec

CACHE_DIR = ".cache/whitepaper"  # below the project: the plugin's default, and the CLI's
Stage = Literal["check", "citations", "pdf"]
PARSERS = ("markdown-it-py", "mdit-py-plugins", "pybtex", "PyYAML", "msgspec")
SUFFIX = ".msgpack"
OLD_SUFFIXES = (".pickle",)  # what earlier versions stored: never read, pruned by keep_only
T = TypeVar("T")


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


def pack_key(name: str) -> str:
    """The key under which a `Pack` named `name` is stored."""
    return content_key("pack", name)


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


Encode = Callable[[Any], object]  # a value of a type MessagePack lacks, as plain data
Decode = Callable[[Any], Any]  # that plain data, as decoded, back to the value; raises if odd


class Unstorable(ValueError):
    """A value holds what its codec cannot write: it is not cached, and computed next time."""


class Codec(Generic[T]):
    """Values of `type_` as MessagePack, and back, checked strictly against `type_`.

    `type_` may be a dataclass, a tuple, a Mapping, a Literal... anything msgspec validates
    (unknown fields of a dataclass are ignored, missing ones are an error). A `Path` is
    stored as its text. Types msgspec does not know (a parser's own objects) need an entry
    in `types`: how to write one as plain data, and how to make it again from that data as
    decoded (raising TypeError or ValueError when it is not one). `ext_hook` makes the
    MessagePack extension values found where the type says `object`. A subclass that stores
    a value in another shape says so in `wire` and overrides `to_wire` and `from_wire`.
    """

    def __init__(
        self,
        type_: Any,
        *,
        wire: Any = None,
        types: Mapping[type, tuple[Encode, Decode]] | None = None,
        ext_hook: Callable[[int, memoryview], Any] | None = None,
    ) -> None:
        self.type = type_
        self._types: dict[type, tuple[Encode, Decode]] = {Path: (str, _path), **(types or {})}
        self._encoder = msgspec.msgpack.Encoder(enc_hook=self._plain)
        self._decoder = msgspec.msgpack.Decoder(
            type_ if wire is None else wire, dec_hook=self._typed, ext_hook=ext_hook
        )  # strict: no number read from text, no text from a number

    def encode(self, value: T) -> bytes:
        try:
            return self._encoder.encode(self.to_wire(value))
        except (msgspec.EncodeError, TypeError, ValueError, OverflowError, RecursionError) as error:
            raise Unstorable(str(error)) from error

    def decode(self, data: bytes) -> T:
        """Raises ValueError (msgspec's DecodeError or ValidationError), TypeError or
        RecursionError on anything but a `T` encoded here."""
        return self.from_wire(self._decoder.decode(data))

    def to_wire(self, value: T) -> object:
        return value

    def from_wire(self, wire: Any) -> T:
        value: T = wire
        return value

    def _plain(self, value: object) -> object:
        for kind, (encode, _) in self._types.items():
            if isinstance(value, kind):
                return encode(value)
        raise TypeError(f"no codec for {type(value).__name__}")

    def _typed(self, kind: type, data: object) -> object:
        if kind not in self._types:
            raise TypeError(f"no codec for {kind.__name__}")
        return self._types[kind][1](data)


def _read_regular_file(path: Path) -> bytes:
    """The bytes of `path` if it is a regular file: a FIFO would block, a link could point
    at /dev/zero or at anything else; both are misses (OSError), read no further."""
    flags = os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC
    with os.fdopen(os.open(path, flags), "rb") as stream:
        if not stat.S_ISREG(os.fstat(stream.fileno()).st_mode):
            raise OSError(f"{path} is not a regular file")
        return stream.read()


@lru_cache(maxsize=4096)  # the entries of one .bib file share their path
def _path(data: object) -> Path:
    if not isinstance(data, str):
        raise TypeError("a path is stored as text")
    return Path(data)


BYTES: Codec[bytes] = Codec(bytes)
TEXT: Codec[str] = Codec(str)


class Cache:
    """MessagePack values in `directory`, one file per key; `Cache(None)` keeps nothing."""

    def __init__(self, directory: Path | None) -> None:
        self.directory = directory
        self.used: set[str] = set()  # every key asked for or stored: what a run needs kept

    def _file(self, key: str) -> Path:
        assert self.directory is not None
        return self.directory / f"{key}{SUFFIX}"

    def load(self, key: str, codec: Codec[T]) -> T | None:
        """The value stored under `key` if it is a valid `codec.type`, else None."""
        self.used.add(key)
        if self.directory is None:
            return None
        try:
            return codec.decode(_read_regular_file(self._file(key)))
        except Exception:  # missing, unreadable, truncated, foreign or crafted: a miss
            return None

    def store(self, key: str, value: T, codec: Codec[T]) -> None:
        self.used.add(key)
        if self.directory is None:
            return
        try:
            data = codec.encode(value)
        except Unstorable:
            return  # computed again next time
        self.store_encoded(key, data)

    def store_encoded(self, key: str, data: bytes) -> None:
        """Store a value encoded already, with the codec it will be loaded with."""
        self.used.add(key)
        if self.directory is None:
            return
        try:
            self.directory.mkdir(parents=True, exist_ok=True)
            write_atomically(self._file(key), data)
        except OSError:
            pass  # a read-only or full disk costs speed next time, never the result now

    def pack(self, name: str) -> Pack:
        """The values of `name` (a page's parse per page, say), kept in one file."""
        return Pack(self, pack_key(name))

    def keep_only(self, keys: set[str]) -> None:
        """Delete every stored value but those of `keys` (the ones the last run used), and
        whatever an earlier version stored in another format."""
        if self.directory is None or not self.directory.is_dir():
            return
        for suffix in (SUFFIX, *OLD_SUFFIXES):
            for file in self.directory.glob(f"*{suffix}"):
                if suffix != SUFFIX or file.stem not in keys:
                    file.unlink(missing_ok=True)


PACKED: Codec[dict[str, bytes]] = Codec(dict[str, bytes])  # key -> a value, encoded


class Pack:
    """Many values under one key of a `Cache`: one file, read once, written once per run.

    Creating a file takes about a millisecond on a container's or a VM's disk: for the
    thousand pages of a large site, a file per page was a second of every cold check. Each
    value stays encoded by its own codec and is decoded (strictly) when asked for; the file
    is a map of keys to bytes, decoded strictly too. What a run neither asks for nor stores
    is left out when the pack is saved, so a pack prunes itself.
    """

    def __init__(self, cache: Cache, key: str) -> None:
        self.cache = cache
        self.key = key
        self._held: dict[str, bytes] | None = None  # the file's values, read on first use
        self._used: dict[str, bytes] = {}  # what this run found or stored
        self._stored = False

    def _values(self) -> dict[str, bytes]:
        if self._held is None:
            self._held = self.cache.load(self.key, PACKED) or {}
        return self._held

    def load(self, key: str, codec: Codec[T]) -> T | None:
        data = self._values().get(key)
        if data is None:
            return None
        try:
            value = codec.decode(data)
        except Exception:  # foreign or crafted, as in `Cache.load`: a miss
            return None
        self._used[key] = data
        return value

    def store(self, key: str, value: T, codec: Codec[T]) -> None:
        with suppress(Unstorable):  # not stored: computed again next time
            self.store_encoded(key, codec.encode(value))

    def store_encoded(self, key: str, data: bytes) -> None:
        self._used[key] = data
        self._stored = True

    def save(self) -> None:
        """Write the values this run used, unless the file holds exactly those already."""
        if self._stored or self._used.keys() != self._values().keys():
            self.cache.store(self.key, self._used, PACKED)
