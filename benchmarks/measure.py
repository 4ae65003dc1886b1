"""Timing and memory helpers shared by the benchmarks."""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

T = TypeVar("T")


def users_environment(**extra: str) -> dict[str, str]:
    """The environment a user runs a command in: this one, this Python's bin/ first on PATH,
    Python's default of caching bytecode (this workplace sets PYTHONDONTWRITEBYTECODE, which
    makes every run compile the package again), MkDocs' 2.0 notice off, then `extra`."""
    environment = {
        key: value for key, value in os.environ.items() if key != "PYTHONDONTWRITEBYTECODE"
    }
    path = str(Path(sys.executable).parent) + os.pathsep + os.environ.get("PATH", "")
    return {**environment, "PATH": path, "NO_MKDOCS_2_WARNING": "1", **extra}


def mkdocs_build(config: Path, *options: str) -> tuple[float, str]:
    """`mkdocs build` of `config` in a fresh process, as a user runs it: (seconds, its stderr).

    A failed build is an error of the benchmark, with the end of what MkDocs said."""
    command = [sys.executable, "-m", "mkdocs", "build", *options, "-f", str(config)]
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=users_environment())
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed for {config}:\n{result.stderr[-3000:]}")
    return elapsed, result.stderr


WHITEPAPER = "import sys; from whitepaper.cli import main; sys.exit(main())"  # the command


def whitepaper_command(root: Path, *args: str, **environment: str) -> tuple[float, str]:
    """`whitepaper ARGS` in `root` in a fresh process, as a user runs it (`users_environment`,
    `environment` over it): (seconds, its stderr). A failure is an error of the benchmark, with
    the end of what it said."""
    elapsed, _, stderr = _run_command(root, args, environment, succeeds=(0,))
    return elapsed, stderr


def whitepaper_check(root: Path, *args: str) -> tuple[float, int]:
    """`whitepaper check ARGS` in `root`, timed from the process's start to its end, as a user
    waits for it (start-up, imports and printing the findings included): (seconds, the peak
    memory of the process or of its largest worker). Findings are no failure (exit 1)."""
    elapsed, peak, _ = _run_command(root, ("check", *args), {}, succeeds=(0, 1))
    return elapsed, peak


def _run_command(
    root: Path, args: tuple[str, ...], environment: dict[str, str], *, succeeds: tuple[int, ...]
) -> tuple[float, int, str]:
    start = time.perf_counter()
    with subprocess.Popen(
        [sys.executable, "-c", WHITEPAPER, *args],
        cwd=root,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
        env=users_environment(**environment),
    ) as process:
        stderr = process.stderr.read() if process.stderr else ""
        _, status, usage = os.wait4(process.pid, 0)  # the usage of this child (and its workers)
        elapsed = time.perf_counter() - start
        process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in succeeds:
        raise RuntimeError(f"whitepaper {' '.join(args)} failed:\n{stderr[-3000:]}")
    return elapsed, usage.ru_maxrss * 1024, stderr


@dataclass(frozen=True)
class Runs:
    """Several runs of one measurement: their values (seconds, unless told) and peak memory."""

    values: tuple[float, ...]
    peak: int | None = None  # bytes: the largest of the runs, where measured

    @property
    def median(self) -> float:
        return statistics.median(self.values)

    @property
    def spread(self) -> tuple[float, float] | None:
        """The lowest and highest run; none for a single run."""
        return (min(self.values), max(self.values)) if len(self.values) > 1 else None


def interleaved(measures: Sequence[Callable[[], T]], runs: int) -> list[list[T]]:
    """Each measure `runs` times, all of them once per round: noise falls on every size."""
    rounds = [[measure() for measure in measures] for _ in range(runs)]
    return [[done[index] for done in rounds] for index in range(len(measures))]


def timed_once(action: Callable[[], object]) -> float:
    """The wall-clock time of one run of `action`."""
    start = time.perf_counter()
    action()
    return time.perf_counter() - start


def timed(action: Callable[[], object], runs: int) -> Runs:
    """The wall-clock time of each of `runs` runs of `action`."""
    return Runs(tuple(timed_once(action) for _ in range(runs)))


def collect(measured: Iterable[tuple[float, int]]) -> Runs:
    """Runs of (seconds, peak bytes), as `whitepaper_check` measures them."""
    pairs = list(measured)
    return Runs(tuple(elapsed for elapsed, _ in pairs), max(peak for _, peak in pairs))


@dataclass(frozen=True)
class Figure:
    """One measured figure: a median over `runs`, and where it has one, its ratio to the
    baseline measured in the same run and the goal that ratio (or the value) must meet."""

    name: str
    value: float
    unit: str = "s"
    runs: int = 1
    spread: tuple[float, float] | None = None  # lowest and highest run
    peak: int | None = None  # bytes
    baseline: float | None = None  # in `unit`
    ratio: float | None = None
    goal: float | None = None  # bounds the ratio, or the value when there is no ratio
    at_least: bool = False

    @property
    def met(self) -> bool | None:
        if self.goal is None:
            return None
        measured = self.value if self.ratio is None else self.ratio
        return measured >= self.goal if self.at_least else measured <= self.goal


@dataclass
class Section:
    """A benchmark's figures on one corpus, under a title that names the corpus."""

    title: str
    figures: list[Figure] = field(default_factory=list)

    def add(self, name: str, measured: Runs | float, **details: Any) -> None:
        """A figure: one value, or the median, spread and peak memory of several runs."""
        if isinstance(measured, Runs):
            details = {"runs": len(measured.values), "spread": measured.spread, **details}
            details.setdefault("peak", measured.peak)
            measured = measured.median
        self.figures.append(Figure(name, measured, **details))

    def compare(
        self,
        name: str,
        measured: Runs | float,
        baseline: Runs | float,
        goal: float,
        *,
        at_least: bool,
        **details: Any,
    ) -> None:
        """A figure against its baseline: a speed-up ("times faster": baseline / measured) must
        be at least `goal`, a cost ("times as long": measured / baseline) at most `goal`."""
        base = baseline.median if isinstance(baseline, Runs) else baseline
        value = measured.median if isinstance(measured, Runs) else measured
        ratio = base / value if at_least else value / base
        self.add(
            name, measured, baseline=base, ratio=ratio, goal=goal, at_least=at_least, **details
        )

    @property
    def met(self) -> bool:
        return all(figure.met is not False for figure in self.figures)
