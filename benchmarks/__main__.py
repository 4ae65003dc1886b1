"""One command for every benchmark: `python -m benchmarks [NAME] [options]` (no NAME: all).

Each benchmark generates its corpus (benchmarks/corpus.py), measures the project's code and a
baseline in the same run, and returns its figures; this prints them as one table (and with
--json, writes them with the machine's description). It exits 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks import (
    bounds_speed,
    check_speed,
    pdf_speed,
    preview_speed,
    publish_speed,
    scaling,
    serve_speed,
    site_speed,
)
from benchmarks.measure import Section
from benchmarks.report import as_json, machine, table, write_json

BENCHMARKS: dict[str, Callable[[argparse.Namespace, Path], list[Section]]] = {
    "check": check_speed.run,
    "site": site_speed.run,
    "pdf": pdf_speed.run,
    "publish": publish_speed.run,
    "serve": serve_speed.run,
    "preview": preview_speed.run,
    "bounds": bounds_speed.run,
    "scaling": scaling.run,
}


def arguments(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("name", nargs="?", default="all", choices=[*BENCHMARKS, "all"])
    parser.add_argument("--pages", type=int, default=1000, help="pages in the corpus")
    parser.add_argument("--entries", type=int, default=10_000, help="bibliography entries")
    parser.add_argument("--runs", type=int, help="runs of each repeated figure (3; --quick: 1)")
    parser.add_argument("--quick", action="store_true", help="small inputs: proves it runs")
    parser.add_argument("--json", type=Path, help="write the figures and the machine here")
    parser.add_argument("--keep", type=Path, help="write the corpus here instead of a temp dir")
    args = parser.parse_args(argv)
    if args.runs is not None and args.runs < 1:
        parser.error("--runs: at least 1")
    if args.quick:
        args.pages, args.entries = 20, 200
    if args.runs is None:
        args.runs = 1 if args.quick else 3
    return args


def main(argv: list[str] | None = None) -> int:
    args = arguments(argv)
    names = list(BENCHMARKS) if args.name == "all" else [args.name]
    with tempfile.TemporaryDirectory(prefix="whitepaper-bench-") as scratch:
        workdir = args.keep or Path(scratch)
        results = {name: BENCHMARKS[name](args, workdir / name) for name in names}
    sections = [section for found in results.values() for section in found]
    print(table(sections), end="")
    if args.json:
        write_json(args.json, as_json(results, machine(check_speed.pandocs())))
    return 0 if all(section.met for section in sections) else 1


if __name__ == "__main__":
    sys.exit(main())
