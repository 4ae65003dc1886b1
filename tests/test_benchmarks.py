"""The benchmark command runs end to end on a small corpus and reports one table and one JSON
(speed goals are its business: no test asserts a time)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
from benchmarks.__main__ import BENCHMARKS, arguments
from benchmarks.measure import Figure, Runs, Section
from benchmarks.report import COLUMNS, as_json, sections_from_json, table, write_json

from tests.conftest import ROOT

GOALS = {
    "check": ("cold check, times faster than pandoc", "warm check", "peak memory"),
    "site": ("cold build / plain build", "warm build / plain build"),
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
    "preview": (
        "preview build after a one-paper edit / warm preview build",
        "PDFs rendered after a one-paper edit",
    ),
    "serve": (
        "one-page edit, saved to served / warm build",
        "one-page edit, saved to served",
    ),
    "bounds": (
        "time, page at the size bound / a tenth of it",
        "each to its own note / page at the size bound",
        "to each note / page at the size bound",
        "entries / page at the size bound",
    ),
    "scaling": (
        "cold check, 2N/N pages",
        "cold check, 4N/2N pages",
        "cold check, 2M/M entries",
        "cold check, 4M/2M entries",
        "full build, 2N/N pages",
        "full build, 4N/2N pages",
        "full build, 2M/M entries",
        "full build, 4M/2M entries",
    ),
}


@pytest.fixture(scope="module")
def quick_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[str, dict[str, Any]]:
    """`python -m benchmarks --quick --json FILE`, once: (the table it prints, the JSON)."""
    results = tmp_path_factory.mktemp("bench") / "results.json"
    result = subprocess.run(
        [sys.executable, "-m", "benchmarks", "--quick", "--json", str(results)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert result.returncode in (0, 1), result.stderr  # 1: a goal missed at this tiny size
    return result.stdout, json.loads(results.read_text(encoding="utf-8"))


@pytest.mark.slow
def test_the_quick_run_prints_one_table_with_every_benchmarks_goals(
    quick_run: tuple[str, dict[str, Any]],
) -> None:
    stdout, _ = quick_run
    lines = stdout.splitlines()
    assert [line.split() for line in lines if line.strip().startswith("figure")] == [list(COLUMNS)]
    titles = [line.split(":")[0] for line in lines if not line.startswith(" ")]
    assert list(dict.fromkeys(titles)) == list(BENCHMARKS)  # serve: two sites, two sections
    for goal in (goal for goals in GOALS.values() for goal in goals):
        assert goal in stdout, stdout


@pytest.mark.slow
def test_the_quick_run_writes_every_figure_and_the_machine(
    quick_run: tuple[str, dict[str, Any]],
) -> None:
    stdout, written = quick_run
    assert set(written["machine"]) == {
        "cores",
        "usable_cores",
        "python",
        "platform",
        "pandoc",
        "weasyprint",
    }
    assert all(version.startswith("pandoc ") for version in written["machine"]["pandoc"].values())
    assert list(written["benchmarks"]) == list(BENCHMARKS)
    for name, sections in written["benchmarks"].items():
        figures = [figure for section in sections for figure in section["figures"]]
        for goal in GOALS[name]:
            assert any(goal in figure["name"] for figure in figures), (name, goal)
        for figure in figures:
            assert f"  {figure['name']}  " in stdout
            assert isinstance(figure["value"], int | float)


def figure_row(text: str, name: str) -> str:
    return next(line for line in text.splitlines() if line.startswith(f"  {name} "))


SECTIONS = [
    Section(
        "check: 20 pages",
        [
            Figure("pandoc", 1.2, runs=3, spread=(1.0, 1.4)),
            Figure(
                "cold, times faster",
                0.25,
                runs=3,
                spread=(0.2, 0.3),
                peak=80 * 2**20,
                baseline=1.2,
                ratio=4.8,
                goal=5,
                at_least=True,
            ),
        ],
    ),
    Section("publish", [Figure("new commits", 0, unit="commits", goal=0)]),
]


def test_a_table_printed_again_from_its_json_is_the_same() -> None:
    written = json.loads(json.dumps(as_json({"check": SECTIONS}, {"cores": 2})))
    assert table(sections_from_json(written)) == table(SECTIONS)


def test_the_readmes_performance_table_is_that_of_the_committed_run() -> None:
    """README's Performance section shows benchmarks/results.json's table, as it was printed,
    and names the machine it ran on."""
    results = json.loads((ROOT / "benchmarks" / "results.json").read_text(encoding="utf-8"))
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("\n## Performance\n", 1)[1].split("\n## ", 1)[0]
    shown = section.split("```text\n", 1)[1].split("```", 1)[0]
    assert shown == table(sections_from_json(results))
    assert list(results["benchmarks"]) == list(BENCHMARKS)  # one full run: every benchmark,
    assert results["benchmarks"]["check"][0]["title"].startswith("check: 1000 pages")  # full size
    machine = results["machine"]
    for fact in (f"{machine['cores']} cores", f"Python {machine['python']}", results["date"][:10]):
        assert fact in section, fact


def test_the_table_has_a_header_then_each_title_and_its_aligned_rows() -> None:
    assert table(SECTIONS).splitlines() == [
        "  figure                 median    n       spread    peak  baseline  ratio  goal  met",
        "check: 20 pages",
        "  pandoc                 1.20 s  n=3  1.00-1.40 s",
        "  cold, times faster     0.25 s  n=3  0.20-0.30 s  80 MiB    1.20 s   4.80  ≥ 5   MISS",
        "publish",
        "  new commits         0 commits  n=1                                        ≤ 0   ok",
    ]


@pytest.mark.parametrize(
    ("figure", "met"),
    [
        (Figure("faster", 1.0, ratio=5.0, goal=5, at_least=True), True),
        (Figure("faster", 1.0, ratio=4.9, goal=5, at_least=True), False),
        (Figure("as long", 1.0, ratio=1.25, goal=1.25), True),
        (Figure("as long", 1.0, ratio=1.26, goal=1.25), False),
        (Figure("no ratio: the value", 0.9, unit="GiB", goal=1.0), True),
        (Figure("no ratio: the value", 1.1, unit="GiB", goal=1.0), False),
        (Figure("no goal", 1.0, ratio=100.0), None),
    ],
)
def test_a_figure_meets_its_goal_by_its_ratio_or_else_its_value(
    figure: Figure, met: bool | None
) -> None:
    assert figure.met is met
    assert figure_row(table([Section("t", [figure])]), figure.name).endswith(
        {True: " ok", False: " MISS", None: ""}[met]
    )


def test_a_section_adds_the_median_spread_and_peak_of_several_runs() -> None:
    section = Section("t")
    section.compare("cold", Runs((3.0, 1.0, 2.0), peak=7), Runs((8.0, 4.0)), 5, at_least=True)
    assert section.figures == [
        Figure("cold", 2.0, "s", 3, (1.0, 3.0), 7, 6.0, 3.0, 5, True),
    ]
    assert not section.met


def test_the_json_holds_every_figure_with_its_verdict_written_whole(tmp_path: Path) -> None:
    path = tmp_path / "results.json"
    path.write_text("old", encoding="utf-8")
    machine = {"cores": 2, "pandoc": {"/usr/bin/pandoc": "pandoc 2.17.1.1"}}
    write_json(path, as_json({"check": SECTIONS[:1], "publish": SECTIONS[1:]}, machine))
    written = json.loads(path.read_text(encoding="utf-8"))
    assert list(tmp_path.iterdir()) == [path]  # no temporary file left beside it
    assert written["machine"] == machine
    assert [section["title"] for section in written["benchmarks"]["check"]] == ["check: 20 pages"]
    cold = written["benchmarks"]["check"][0]["figures"][1]
    assert cold == {
        "name": "cold, times faster",
        "value": 0.25,
        "unit": "s",
        "runs": 3,
        "spread": [0.2, 0.3],
        "peak": 80 * 2**20,
        "baseline": 1.2,
        "ratio": 4.8,
        "goal": 5,
        "at_least": True,
        "met": False,
    }
    assert set(written) == {"date", "machine", "benchmarks"}


@pytest.mark.parametrize(
    ("argv", "name", "runs", "pages"),
    [
        ([], "all", 3, 1000),
        (["all"], "all", 3, 1000),
        (["check"], "check", 3, 1000),
        (["--quick"], "all", 1, 20),
        (["pdf", "--quick", "--runs", "2"], "pdf", 2, 20),
    ],
)
def test_no_name_runs_every_benchmark_and_quick_runs_each_figure_once(
    argv: list[str], name: str, runs: int, pages: int
) -> None:
    args = arguments(argv)
    assert (args.name, args.runs, args.pages) == (name, runs, pages)
