"""The catalogue of bad inputs in tests/data/bad/, and the tool that rewrites its expected.txt.

Each case is a folder `tests/data/bad/<case>/` with `docs/`, `bib/` and `expected.txt`. An
expected.txt starts with comment lines (`# ...`: what the case shows), then lists every finding
as two lines, exactly as `whitepaper check` prints them without the source excerpt:

    bib/refs.bib:5:3: warning[bad-doi] <the Dutch message>
      tip: <the Dutch tip>

Blank lines between findings are allowed; anything else is a format error.

    .venv/bin/python -m tests.catalogue [CASE ...]

rewrites the expected.txt of every case (or of the cases named; a new case folder gets its
first one) from what check() reports now, keeping the comment lines. It names the cases whose
`path:line:col: severity[code]` lines changed: that is a change of behaviour, where a changed
message or tip is only a change of wording. Read `git diff tests/data/bad` before committing.
"""

from __future__ import annotations

import re
import shutil
import sys
import tempfile
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

from whitepaper.check.findings import check
from whitepaper.diagnostics import Diagnostic, format_one

BAD = Path(__file__).parent / "data" / "bad"
# HEADER: a finding's first line as diagnostics.format_one prints it. WHERE, its start, says
# which rule fired where and at what level; the message after it is wording.
WHERE = re.compile(
    r"(?P<path>[^\s#][^:]*):(?P<line>[1-9][0-9]*):(?P<column>[1-9][0-9]*): "
    r"(?P<severity>error|warning)\[(?P<code>[a-z]+(?:-[a-z]+)*)\]"
)
HEADER = re.compile(rf"(?P<where>{WHERE.pattern}) (?P<message>\S.*)")
TIP = "  tip: "


def cases() -> list[str]:
    """The names of the case folders, sorted."""
    return sorted(path.name for path in BAD.iterdir() if path.is_dir())


@dataclass(frozen=True)
class Expected:
    """An expected.txt: its comment lines, and each finding as 'header message\\n  tip: hint'."""

    comments: tuple[str, ...]
    findings: tuple[str, ...]

    @property
    def codes(self) -> set[str]:
        return {_header(finding)["code"] for finding in self.findings}


def _header(finding: str) -> re.Match[str]:
    match = HEADER.fullmatch(finding.split("\n", 1)[0])
    assert match, finding
    return match


def parse(text: str) -> Expected:
    """The comments and findings of an expected.txt; ValueError for anything else in it."""
    if text and not text.endswith("\n"):
        raise ValueError("expected.txt must end with a line break")
    lines = text.split("\n")[:-1]
    comments = 0
    while comments < len(lines) and lines[comments].startswith("#"):
        comments += 1
    findings: list[str] = []
    number = comments
    while number < len(lines):
        line = lines[number]
        number += 1
        if not line:
            continue
        if not HEADER.fullmatch(line):
            problem = "comment lines belong at the top" if line.startswith("#") else "no finding"
            raise ValueError(f"line {number}: {problem}: {line!r}")
        tip = lines[number] if number < len(lines) else ""
        if not tip.startswith(TIP) or not tip[len(TIP) :].strip():
            raise ValueError(f"line {number + 1}: a finding's second line is '{TIP}<hint>'")
        findings.append(f"{line}\n{tip}")
        number += 1
    return Expected(tuple(lines[:comments]), tuple(findings))


def read(name: str) -> Expected:
    """The expected.txt of case `name`, read byte for byte (no newline translation)."""
    return parse((BAD / name / "expected.txt").read_bytes().decode("utf-8"))


def block(d: Diagnostic) -> str:
    """A finding as expected.txt lists it: format_one's first line and its tip line."""
    return format_one(replace(d, excerpt=""))


def run_case(case: Path, tmp_path: Path) -> list[Diagnostic]:
    """check() on a copy of the case; a case without docs/ or bib/ gets an empty one."""
    root = tmp_path / case.name
    shutil.copytree(case, root)
    for folder in ("docs", "bib"):
        (root / folder).mkdir(exist_ok=True)
    return check(root / "docs", root / "bib", root=root)


def _wheres(text: str) -> list[str]:
    # Position, level and code of each finding, in the old format (no message) or this one.
    return [
        m[0]
        for line in text.splitlines()
        if (m := WHERE.match(line)) and line[m.end() :][:1] in ("", " ")
    ]


def main(argv: Sequence[str]) -> int:
    names = list(argv) or cases()
    unknown = [name for name in names if not (BAD / name).is_dir()]
    if unknown:
        print(f"no such case in {BAD}: {', '.join(unknown)}", file=sys.stderr)
        return 2
    rewritten, moved, failed = [], [], []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            path = BAD / name / "expected.txt"
            old = path.read_bytes().decode("utf-8") if path.exists() else ""
            found = run_case(BAD / name, Path(tmp))
            if any(not d.hint or "\n" in d.message + d.hint for d in found):
                failed.append(name)  # expected.txt cannot hold it, and test_bad_input fails
                continue
            comments = [line for line in old.splitlines() if line.startswith("#")]
            new = "".join(f"{line}\n" for line in [*comments, *map(block, found)])
            if new != old:
                path.write_bytes(new.encode("utf-8"))
                rewritten.append(name)
            if _wheres(old) != _wheres(new):
                moved.append(name)
    print(f"{len(rewritten)} of {len(names)} expected.txt rewritten")
    if moved:
        print("findings added, removed or moved (a change of behaviour): " + ", ".join(moved))
    if failed:
        print("not rewritten, a finding without a tip: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
