"""The catalogue of bad inputs in tests/data/bad/, and the tool that rewrites its expected.txt.

Each case is a folder `tests/data/bad/<case>/`: `docs/` and `bib/` (an empty one is made when
missing), optionally `overrides/` and `mkdocs.yml` (else the project's, with the whitepaper
plugin's PDFs and search off, for speed), optionally `setup.sh` (run with bash in the copy's
root first: for what git cannot hold, such as FIFOs, symlink loops and unreadable folders),
and `expected.txt`:

    # comment lines: what the case shows (at the top)
    $ whitepaper build                 (optional: the command; default `whitepaper check`)
    bib/refs.bib:5:3: warning[bad-doi] <the Dutch message>
      tip: <the Dutch tip>
    > <any other line the command prints; the copy's root is written <root>>
    exit 1

The command runs in the case's copy, in this process (a case that takes longer than
CASE_SECONDS fails as hung). Its findings are listed as `whitepaper check` prints them without
the source excerpt, each with its tip line (the log prefix a build prints them with,
`ERROR   -  whitepaper: `, is taken off); MkDocs' other INFO lines and the summary line
("2 fouten, 1 waarschuwing") are left out: the findings say it.

    .venv/bin/python -m tests.catalogue [CASE ...]

rewrites the expected.txt of every case (or of the cases named; a new case folder gets its
first one) from what its command prints now, keeping the comment and `$` lines. It names the
cases whose `path:line:col: severity[code]` lines or exit code changed: that is a change of
behaviour, where a changed message or tip is only a change of wording. Read
`git diff tests/data/bad` before committing.
"""

from __future__ import annotations

import contextlib
import io
import re
import shlex
import shutil
import signal
import subprocess
import sys
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import FrameType

from whitepaper import cli

ROOT = Path(__file__).resolve().parent.parent
BAD = Path(__file__).parent / "data" / "bad"
CASE_SECONDS = 60
DEFAULT_COMMAND: tuple[str, ...] = ("check",)
# HEADER: a finding's first line as diagnostics.format_one prints it. WHERE, its start, says
# which rule fired where and at what level; the message after it is wording.
WHERE = re.compile(
    r"(?P<path>[^\s#>$][^:]*):(?P<line>[1-9][0-9]*):(?P<column>[1-9][0-9]*): "
    r"(?P<severity>error|warning)\[(?P<code>[a-z]+(?:-[a-z]+)*)\]"
)
HEADER = re.compile(rf"(?P<where>{WHERE.pattern}) (?P<message>\S.*)")
TIP = "  tip: "
OUTPUT = "> "
EXIT = re.compile(r"exit (?P<code>[0-9]+)")
# What a command prints that the catalogue leaves out: excerpt lines, the count, MkDocs' INFO.
EXCERPT = re.compile(r"  (?:[0-9]+| +) \| .*|  (?:[0-9]+| +) \|")
SUMMARY = re.compile(
    r"(?:ERROR +-  whitepaper check: )?"
    r"(?:geen problemen gevonden|[0-9]+ fout(?:en)?, [0-9]+ waarschuwing(?:en)?)(?:; .*)?"
)
LOG_PREFIX = re.compile(r"(?:ERROR|WARNING|INFO) +-  whitepaper: ")
INFO = re.compile(r"INFO +- ")


def cases() -> list[str]:
    """The names of the case folders, sorted."""
    return sorted(path.name for path in BAD.iterdir() if path.is_dir())


@dataclass(frozen=True)
class Expected:
    """An expected.txt: comments, the command, each finding as 'header\\n  tip: hint', the other
    output lines and the exit code."""

    comments: tuple[str, ...]
    command: tuple[str, ...]
    findings: tuple[str, ...]
    output: tuple[str, ...]
    exit: int

    @property
    def codes(self) -> set[str]:
        return {_header(finding)["code"] for finding in self.findings}

    def text(self) -> str:
        command = [] if self.command == DEFAULT_COMMAND else [f"$ {_shown(self.command)}"]
        lines = [*self.comments, *command, *self.findings]
        lines += [f"{OUTPUT}{line}".rstrip() for line in self.output]
        return "".join(f"{line}\n" for line in [*lines, f"exit {self.exit}"])


@dataclass(frozen=True)
class Outcome:
    """What a case's command did: its findings (as expected.txt lists them), other lines, exit."""

    findings: tuple[str, ...]
    output: tuple[str, ...]
    exit: int


def _shown(command: Sequence[str]) -> str:
    return shlex.join(["whitepaper", *command])


def _header(finding: str) -> re.Match[str]:
    match = HEADER.fullmatch(finding.split("\n", 1)[0])
    assert match, finding
    return match


def parse(text: str) -> Expected:
    """The parts of an expected.txt; ValueError for anything else in it."""
    if text and not text.endswith("\n"):
        raise ValueError("expected.txt must end with a line break")
    lines = text.split("\n")[:-1]
    number = 0
    while number < len(lines) and lines[number].startswith("#"):
        number += 1
    comments = tuple(lines[:number])
    command = DEFAULT_COMMAND
    if number < len(lines) and lines[number].startswith("$ "):
        words = shlex.split(lines[number][2:])
        if words[:1] != ["whitepaper"] or len(words) < 2:
            raise ValueError(f"line {number + 1}: a command is '$ whitepaper <command> …'")
        command = tuple(words[1:])
        number += 1
    findings: list[str] = []
    output: list[str] = []
    exit_code: int | None = None
    while number < len(lines):
        line = lines[number]
        number += 1
        if exit_code is not None:
            raise ValueError(f"line {number}: 'exit N' is the last line")
        if not line:
            continue
        if line.startswith(OUTPUT) or line == OUTPUT.rstrip():
            output.append(line[len(OUTPUT) :])
        elif match := EXIT.fullmatch(line):
            exit_code = int(match["code"])
        elif HEADER.fullmatch(line):
            tip = lines[number] if number < len(lines) else ""
            if not tip.startswith(TIP) or not tip[len(TIP) :].strip():
                raise ValueError(f"line {number + 1}: a finding's second line is '{TIP}<hint>'")
            findings.append(f"{line}\n{tip}")
            number += 1
        else:
            problem = "comment lines belong at the top" if line.startswith("#") else "no finding"
            raise ValueError(f"line {number}: {problem}: {line!r}")
    if exit_code is None:
        raise ValueError("the last line is the exit code: 'exit N'")
    return Expected(comments, command, tuple(findings), tuple(output), exit_code)


def read(name: str) -> Expected:
    """The expected.txt of case `name`, read byte for byte (no newline translation)."""
    return parse((BAD / name / "expected.txt").read_bytes().decode("utf-8"))


def read_outline(name: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The comment lines and command of a case whose expected.txt may not be complete yet."""
    path = BAD / name / "expected.txt"
    lines = path.read_bytes().decode("utf-8").splitlines() if path.exists() else []
    comments = tuple(line for line in lines if line.startswith("#"))
    commands = [shlex.split(line[2:])[1:] for line in lines if line.startswith("$ whitepaper ")]
    return comments, tuple(commands[0]) if commands else DEFAULT_COMMAND


# --- running a case --------------------------------------------------------------------------


def prepare(case: Path, tmp_path: Path) -> Path:
    """A copy of the case as a project: docs/, bib/, overrides/ and mkdocs.yml, setup.sh run."""
    root = tmp_path / case.name
    shutil.copytree(case, root, symlinks=True, ignore=shutil.ignore_patterns("expected.txt"))
    for folder in ("docs", "bib"):
        (root / folder).mkdir(exist_ok=True)
    if not (root / "overrides").exists():
        shutil.copytree(ROOT / "overrides", root / "overrides")
    if not (root / "mkdocs.yml").exists():
        (root / "mkdocs.yml").write_text(quick_config(), encoding="utf-8")
    setup = root / "setup.sh"
    if setup.exists():
        subprocess.run(["bash", "setup.sh"], cwd=root, check=True, timeout=CASE_SECONDS)
        setup.unlink()
    return root


def quick_config() -> str:
    """The project's mkdocs.yml, making neither PDFs nor a search index."""
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    plugin = "  - whitepaper:\n      bib_dir: bib\n"
    assert plugin in text, "mkdocs.yml's whitepaper plugin block changed: update quick_config"
    return text.replace(plugin, f"{plugin}      pdf: false\n      search: false\n")


def run_case(case: Path, tmp_path: Path, command: Sequence[str] = DEFAULT_COMMAND) -> Outcome:
    """Run `whitepaper <command>` in a prepared copy of the case; what it printed and its exit."""
    root = prepare(case, tmp_path)
    with _deadline(case.name):
        code, printed = run_command(root, *command)
    return outcome(printed.replace(str(root), "<root>"), code)


def run_command(root: Path, *command: str) -> tuple[int, str]:
    """`whitepaper <command>` in `root`, in this process: its exit code and all it printed."""
    printed = io.StringIO()
    with (
        contextlib.chdir(root),
        contextlib.redirect_stdout(printed),
        contextlib.redirect_stderr(printed),
    ):
        code = cli.main(list(command))
    return code, printed.getvalue()


def outcome(printed: str, code: int) -> Outcome:
    """A command's output sorted into findings (with their tips) and other lines."""
    findings: list[str] = []
    output: list[str] = []
    header: str | None = None
    for line in printed.splitlines():
        if (prefix := LOG_PREFIX.match(line)) and HEADER.fullmatch(line[prefix.end() :]):
            line = line[prefix.end() :]  # a finding the build logs (a warning at INFO level)
        if header is not None and line.startswith(TIP):
            findings.append(f"{header}\n{line}")
            header = None
        elif header is not None and EXCERPT.fullmatch(line):
            continue
        else:
            if header is not None:  # a finding without a tip: kept, so the test shows it
                findings.append(header)
                header = None
            if HEADER.fullmatch(line):
                header = line
            elif not (SUMMARY.fullmatch(line) or INFO.match(line) or not line.strip()):
                output.append(line)
    if header is not None:
        findings.append(header)
    return Outcome(tuple(findings), tuple(output), code)


class CaseHung(Exception):
    """A case's command ran longer than CASE_SECONDS: an input that hangs the tool."""


@contextlib.contextmanager
def _deadline(name: str) -> Iterator[None]:
    def hung(signum: int, frame: FrameType | None) -> None:
        raise CaseHung(f"{name}: still running after {CASE_SECONDS} s")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(CASE_SECONDS)
    try:
        yield
    finally:
        signal.alarm(0)
        signal.signal(signal.SIGALRM, previous)


# --- rewriting expected.txt ------------------------------------------------------------------


def _wheres(expected: Expected | Outcome) -> list[str]:
    # Position, level and code of each finding, and the exit code: what a change of behaviour moves.
    return [m[0] for f in expected.findings if (m := WHERE.match(f))] + [str(expected.exit)]


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
            comments, command = read_outline(name)
            found = run_case(BAD / name, Path(tmp), command)
            if any("\n  tip: " not in f for f in found.findings):
                failed.append(name)  # expected.txt cannot hold it, and the test fails
                continue
            new = Expected(comments, command, found.findings, found.output, found.exit).text()
            if new != old:
                path.write_bytes(new.encode("utf-8"))
                rewritten.append(name)
            try:
                if _wheres(parse(old)) != _wheres(found):
                    moved.append(name)
            except ValueError:
                moved.append(name)
    print(f"{len(rewritten)} of {len(names)} expected.txt rewritten")
    if moved:
        print("findings or exit code changed (a change of behaviour): " + ", ".join(moved))
    if failed:
        print("not rewritten, a finding without a tip: " + ", ".join(failed), file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
