"""The committed status file (`bib/bronstatus.json`): per entry what was checked, the result,
the date and a fingerprint of the fields checked, so that a rerun asks only about what is new,
changed or old, and a build can show each source's status without the network.

JSON in a stable form (header first, keys sorted, two spaces, one final newline): a rerun
that learns nothing writes the same bytes, and a change reads as a small diff. Read strictly
(msgspec against these types): a file that is not this, said plainly, never a traceback.
"""

from __future__ import annotations

import datetime
from pathlib import Path
from typing import Literal

import msgspec

from whitepaper.cache import write_atomically
from whitepaper.diagnostics import Code, StageError

FORMAT = "whitepaper-bronstatus"
VERSION = 1
DEFAULT_PATH = Path("bib") / "bronstatus.json"


class StatusProblem(StageError):
    """The status file cannot be read as one: the message names it and the way out."""


class Finding(msgspec.Struct, frozen=True, forbid_unknown_fields=True):
    code: Code  # one of diagnostics.CODES: msgspec refuses any other
    field: str  # doi, pmid or url: where the .bib file shows it
    message: str
    hint: str = ""


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


def read_status(path: Path) -> Status:
    """The status in `path`; an empty one when there is no such file yet."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return Status()
    except OSError as error:
        raise StatusProblem(f"kan {path} niet lezen: {error.strerror}") from None
    try:
        status = msgspec.json.decode(data, type=Status)
    except msgspec.ValidationError as error:
        raise _corrupt(path, str(error)) from None
    except msgspec.DecodeError:
        raise _corrupt(path, "geen geldige JSON") from None
    if status.format != FORMAT or status.version != VERSION:
        raise _corrupt(path, f"geen {FORMAT} versie {VERSION}")
    for key, entry in status.entries.items():
        if (entry.result == "ok") != (not entry.findings):
            raise _corrupt(path, f"bij '{key}' past result niet bij findings")
    return status


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
