"""Timing and memory helpers shared by the benchmarks."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


def seconds(action: Callable[[], object], repeat: int = 1) -> float:
    """The best wall-clock time of `repeat` runs: the one least disturbed by the machine."""
    best = float("inf")
    for _ in range(repeat):
        start = time.perf_counter()
        action()
        best = min(best, time.perf_counter() - start)
    return best


def in_subprocess(setup: str, code: str) -> tuple[float, int]:
    """Run Python `setup`, then time `code`, in a fresh interpreter: (seconds, peak bytes).

    A fresh process is what a user gets from `whitepaper check`, and it keeps what the
    benchmark itself has allocated from slowing the measured code. Neither part may print.
    """
    wrapper = (
        f"{setup}\nimport json, resource, time\nstart = time.perf_counter()\n{code}\n"
        "print(json.dumps([time.perf_counter() - start, "
        "resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024]))"
    )
    result = subprocess.run([sys.executable, "-c", wrapper], capture_output=True, text=True)
    if result.returncode != 0:
        raise RuntimeError(result.stderr.strip().splitlines()[-1])
    elapsed, peak = json.loads(result.stdout.strip().splitlines()[-1])
    return float(elapsed), int(peak)


def mkdocs_build(config: Path, *options: str) -> tuple[float, str]:
    """`mkdocs build` of `config` in a fresh process, as a user runs it: (seconds, its stderr).

    A failed build is an error of the benchmark, with the end of what MkDocs said."""
    command = [sys.executable, "-m", "mkdocs", "build", *options, "-f", str(config)]
    environment = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
    start = time.perf_counter()
    result = subprocess.run(command, capture_output=True, text=True, env=environment)
    elapsed = time.perf_counter() - start
    if result.returncode != 0:
        raise RuntimeError(f"mkdocs build failed for {config}:\n{result.stderr[-3000:]}")
    return elapsed, result.stderr


@dataclass
class Goals:
    """Prints each measurement against its goal and remembers whether all were met."""

    met: bool = True

    def report(self, label: str, value: float, goal: float, *, at_least: bool) -> None:
        ok = value >= goal if at_least else value <= goal
        self.met &= ok
        sign = "≥" if at_least else "≤"
        print(f"  {'ok  ' if ok else 'MISS'} {label}: {value:.2f} (goal {sign} {goal:g})")

    def info(self, label: str, value: str) -> None:
        print(f"       {label}: {value}")
