"""Timing and memory helpers shared by the benchmarks."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Callable
from dataclasses import dataclass


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
