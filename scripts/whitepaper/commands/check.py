"""`whitepaper check`: every finding, in the format asked for; exit 1 when one is an error."""

from __future__ import annotations

import argparse
import sys
from dataclasses import replace
from pathlib import Path

from whitepaper.cache import CACHE_DIR, stage_dir
from whitepaper.check.findings import check
from whitepaper.commands import EXIT_FINDINGS, EXIT_OK
from whitepaper.commands._plugin_options import trusted_html
from whitepaper.diagnostics import render, use_color


def run_check(args: argparse.Namespace) -> int:
    cache_dir = None if args.no_cache else stage_dir(Path(CACHE_DIR), "check")
    trusted = trusted_html(args.config_file)  # the pages the build exempts, exempt here too
    found = check(
        Path(args.docs), Path(args.bib), root=Path.cwd(), cache_dir=cache_dir, trusted_html=trusted
    )
    if args.strict:  # decided here, at the edge: the core only reports
        found = [replace(d, severity="error") for d in found]
    sys.stdout.write(render(found, args.format, color=use_color(sys.stdout)))
    return EXIT_FINDINGS if any(d.severity == "error" for d in found) else EXIT_OK
