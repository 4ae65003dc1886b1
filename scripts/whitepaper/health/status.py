"""The committed status file (`bib/bronstatus.json`): per entry what was checked, the result,
the date and a fingerprint of the fields checked, so that a rerun asks only about what is new,
changed or old, and a build can show each source's status without the network.

JSON in a stable form (header first, keys sorted, two spaces, one final newline): a rerun
that learns nothing writes the same bytes, and a change reads as a small diff. Read strictly
(msgspec against these types): a file that is not this, said plainly, never a traceback.
"""

from __future__ import annotations

import datetime
import os
import stat
from pathlib import Path
from typing import Literal

import msgspec

from whitepaper.cache import write_atomically
from whitepaper.diagnostics import Code, InputError, display_path

FORMAT = "whitepaper-bronstatus"
VERSION = 1
DEFAULT_PATH = Path("bib") / "bronstatus.json"
MAX_AGE = 30  # days a result stays fresh: `verify` asks again after it
STATUS_FILE = DEFAULT_PATH.name  # in the plugin's bib_dir: where the check and the build read it


class StatusProblem(InputError):
    """The status file cannot be read as one: the message names it and the way out (an input
    the check and the build cannot read, as an unreadable .bib file: exit 2)."""


class Finding(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    code: Code  # one of diagnostics.CODES: msgspec refuses any other
    field: str  # doi, pmid or url: where the .bib file shows it
    message: str
    hint: str = ""
    kind: str = ""  # of `retracted` and `corrected`: Crossref's update type, what a mark says


class Checked(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    """One entry's last check."""

    checked: datetime.date  # the day (UTC) it was asked about
    fingerprint: str  # of what it said then (claims.Claims.fingerprint)
    asked: tuple[str, ...]  # doi, pmid, url: what was checked
    result: Literal["ok", "problemen"]
    findings: tuple[Finding, ...] = ()


class Status(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    format: str = FORMAT
    version: int = VERSION
    entries: dict[str, Checked] = {}


def checked(
    day: datetime.date, fingerprint: str, asked: tuple[str, ...], findings: tuple[Finding, ...]
) -> Checked:
    return Checked(day, fingerprint, asked, "problemen" if findings else "ok", findings)


def read_status(path: Path, shown: Path | None = None) -> Status:
    """The status in `path`; an empty one when there is no such file yet. A message names the
    file as `shown` (default: `path`): the check and the build name it alike."""
    name = path if shown is None else shown
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Status()
    except OSError as error:
        raise StatusProblem(f"kan {name} niet lezen: {error.strerror}") from None
    try:
        status = msgspec.json.decode(data, type=Status)
    except msgspec.ValidationError as error:
        raise _corrupt(name, str(error)) from None
    except msgspec.DecodeError:
        raise _corrupt(name, "geen geldige JSON") from None
    if status.format != FORMAT or status.version != VERSION:
        raise _corrupt(name, f"geen {FORMAT} versie {VERSION}")
    for key, entry in status.entries.items():
        if (entry.result == "ok") != (not entry.findings):
            raise _corrupt(name, f"bij '{key}' past result niet bij findings")
    return status


def source_status(bib_dir: Path, root: Path) -> Status:
    """The status file of `bib_dir`, read strictly (empty when there is none); the check and
    the build read it with this, so both stop with the same message."""
    path = bib_dir / STATUS_FILE
    shown = Path(display_path(path, root))
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return Status()
    except OSError as error:
        raise StatusProblem(f"kan {shown} niet lezen: {error.strerror}") from None
    if not stat.S_ISREG(mode):  # a FIFO would hang the build, a folder say nothing
        raise StatusProblem(
            f"{shown} is geen gewoon bestand; verwijder het of zet het terug uit git"
        )
    return read_status(path, shown)


def _corrupt(path: Path, why: str) -> StatusProblem:
    return StatusProblem(
        f"{path} is geen geldig statusbestand ({why}); zet het terug uit git"
        f" (git checkout -- {path}) of verwijder het: dan wordt alles opnieuw gecontroleerd"
    )


def status_bytes(status: Status) -> bytes:
    """The file's bytes: fields in their order (header first), entry keys sorted."""
    encoded = msgspec.json.encode(status, order="deterministic")
    return msgspec.json.format(encoded, indent=2) + b"\n"


def write_status(path: Path, status: Status) -> bool:
    """Write `status` atomically; False (nothing written) when the file holds it already."""
    data = status_bytes(status)
    try:
        if path.read_bytes() == data:
            return False
    except OSError:
        pass
    write_atomically(path, data)
    return True
