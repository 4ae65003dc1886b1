"""The benchmark command runs end to end on a small corpus (speed goals are its business)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


GOALS = {
    "check": ("cold check, times faster than pandoc", "warm check", "peak memory"),
    "pdf": (
        "warm PDF stage, times faster than cold",
        "warm build / build with pdf: false",
        "cold PDF stage, serial / parallel",
    ),
    "publish": (
        "publish of a new version / plain build",
        "new commits when republishing an unchanged version",
        "pack growth of a release changing one paper / one full site",
    ),
    "bounds": (
        "time, page at the size bound / a tenth of it",
        "each to its own note / page at the size bound",
        "to each note / page at the size bound",
        "entries / page at the size bound",
    ),
}


@pytest.mark.parametrize("name", GOALS)
def test_a_benchmark_runs_and_reports_every_goal(name: str) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", name, "--quick"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: a goal missed at this tiny size
    for goal in GOALS[name]:
        assert goal in result.stdout, result.stdout
