"""One command for every benchmark: `python -m benchmarks NAME [options]`.

Each benchmark generates its corpus (benchmarks/corpus.py), measures the project's code and a
baseline in the same run, and prints ratios against goals; it exits 1 when a goal is missed.
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Callable
from pathlib import Path

from benchmarks import bounds_speed, check_speed, pdf_speed, publish_speed, site_speed

BENCHMARKS: dict[str, Callable[[argparse.Namespace, Path], bool]] = {
    "check": check_speed.run,
    "site": site_speed.run,
    "pdf": pdf_speed.run,
    "publish": publish_speed.run,
    "bounds": bounds_speed.run,
}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m benchmarks", description=__doc__)
    parser.add_argument("name", choices=[*BENCHMARKS, "all"])
    parser.add_argument("--pages", type=int, default=1000, help="pages in the corpus")
    parser.add_argument("--entries", type=int, default=10_000, help="bibliography entries")
    parser.add_argument("--quick", action="store_true", help="small inputs: proves it runs")
    parser.add_argument("--keep", type=Path, help="write the corpus here instead of a temp dir")
    args = parser.parse_args(argv)
    if args.quick:
        args.pages, args.entries = 20, 200
    names = list(BENCHMARKS) if args.name == "all" else [args.name]
    with tempfile.TemporaryDirectory(prefix="whitepaper-bench-") as scratch:
        workdir = args.keep or Path(scratch)
        met = [BENCHMARKS[name](args, workdir / name) for name in names]
    return 0 if all(met) else 1


if __name__ == "__main__":
    sys.exit(main())
