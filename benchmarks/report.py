"""Every benchmark's figures as one aligned table, and as JSON with the machine they ran on."""

from __future__ import annotations

import dataclasses
import json
import os
import platform
import subprocess
import tempfile
from collections.abc import Iterable, Mapping
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from benchmarks.measure import Figure, Section

COLUMNS = ("figure", "median", "n", "spread", "peak", "baseline", "ratio", "goal", "met")
RIGHT = {"median", "n", "spread", "peak", "baseline", "ratio"}  # numbers line up on the right
GAP = "  "
INDENT = "  "  # figures under their section's title


def number(value: float, unit: str) -> str:
    """Counts as they are, seconds to the millisecond below 0.1 s, the rest to 2 places."""
    if isinstance(value, int):
        return str(value)
    return f"{value:.3f}" if unit == "s" and abs(value) < 0.1 else f"{value:.2f}"


def amount(value: float, unit: str) -> str:
    return f"{number(value, unit)} {unit}"


def cells(figure: Figure) -> dict[str, str]:
    spread = figure.spread
    shown = {
        "figure": figure.name,
        "median": amount(figure.value, figure.unit),
        "n": f"n={figure.runs}",
        "spread": f"{number(spread[0], figure.unit)}-{amount(spread[1], figure.unit)}"
        if spread
        else "",
        "peak": f"{figure.peak / 2**20:.0f} MiB" if figure.peak is not None else "",
        "baseline": "" if figure.baseline is None else amount(figure.baseline, figure.unit),
        "ratio": "" if figure.ratio is None else f"{figure.ratio:.2f}",
        "goal": "" if figure.goal is None else f"{'≥' if figure.at_least else '≤'} {figure.goal:g}",
        "met": {True: "ok", False: "MISS", None: ""}[figure.met],
    }
    return shown


def table(sections: Iterable[Section]) -> str:
    """One plain-text table: a header, then each section's title and its figures' rows."""
    rows: list[dict[str, str] | str] = []
    for section in sections:
        rows.append(section.title)
        rows.extend(cells(figure) for figure in section.figures)
    header = {column: column for column in COLUMNS}
    widths = {
        column: max(len(row[column]) for row in [header, *rows] if isinstance(row, dict))
        for column in COLUMNS
    }

    def line(row: dict[str, str]) -> str:
        parts = (
            row[c].rjust(widths[c]) if c in RIGHT else row[c].ljust(widths[c]) for c in COLUMNS
        )
        return GAP.join(parts).rstrip()

    lines = [INDENT + line(header)]
    lines.extend(row if isinstance(row, str) else INDENT + line(row) for row in rows)
    return "\n".join(lines) + "\n"


def tool_version(command: str) -> str:
    """The first line of `command --version`: "pandoc 3.9"."""
    result = subprocess.run([command, "--version"], capture_output=True, text=True, check=True)
    return result.stdout.splitlines()[0]


def machine(pandocs: Iterable[str]) -> dict[str, Any]:
    """What the figures depend on: cores, Python, platform, the pandoc(s) compared against."""
    return {
        "cores": os.cpu_count(),
        "usable_cores": len(os.sched_getaffinity(0)),
        "python": platform.python_version(),
        "platform": platform.platform(),
        "pandoc": {path: tool_version(path) for path in pandocs},
        "weasyprint": version("weasyprint"),
    }


def as_json(results: Mapping[str, list[Section]], described: dict[str, Any]) -> dict[str, Any]:
    return {
        "date": datetime.now(UTC).isoformat(timespec="seconds"),
        "machine": described,
        "benchmarks": {
            name: [
                {
                    "title": section.title,
                    "figures": [
                        {**dataclasses.asdict(figure), "met": figure.met}
                        for figure in section.figures
                    ],
                }
                for section in sections
            ]
            for name, sections in results.items()
        },
    }


def write_json(path: Path, document: dict[str, Any]) -> None:
    """Written to a temporary file beside `path`, then renamed: never a half-written file."""
    with tempfile.NamedTemporaryFile(
        "w", encoding="utf-8", dir=path.parent, prefix=f".{path.name}.", delete=False
    ) as out:
        json.dump(document, out, ensure_ascii=False, indent=2)
        out.write("\n")
    os.replace(out.name, path)


def sections_from_json(document: Mapping[str, Any]) -> list[Section]:
    """The sections `as_json` wrote, to print their table again (the README's, from one run)."""
    fields = {field.name for field in dataclasses.fields(Figure)}
    sections = []
    for found in document["benchmarks"].values():
        for section in found:
            figures = []
            for written in section["figures"]:
                values = {name: value for name, value in written.items() if name in fields}
                if values.get("spread") is not None:
                    values["spread"] = tuple(values["spread"])
                figures.append(Figure(**values))
            sections.append(Section(section["title"], figures))
    return sections
