"""`python -m whitepaper.explanations [FILE]`: rewrite FILE's list of findings (default
CONTRIBUTING.md) from the table; `--print` writes the list to stdout instead."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from whitepaper.explanations.contributing import MarkersMissing, section, with_section


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m whitepaper.explanations",
        description="Schrijf de lijst van meldingen in CONTRIBUTING.md opnieuw uit de tabel.",
    )
    parser.add_argument("file", nargs="?", default="CONTRIBUTING.md", help="het bestand")
    parser.add_argument("--print", action="store_true", help="toon de lijst, wijzig niets")
    args = parser.parse_args(argv)
    if args.print:
        sys.stdout.write(section())
        return 0
    path = Path(args.file)
    try:
        text = path.read_text(encoding="utf-8")
        path.write_text(with_section(text), encoding="utf-8")
    except (OSError, UnicodeError, MarkersMissing) as error:
        print(f"{path}: {error}", file=sys.stderr)
        return 2
    print(f"{path}: lijst van meldingen bijgewerkt")
    return 0


if __name__ == "__main__":
    sys.exit(main())
