"""The check's findings as `whitepaper check` prints them: the named ones first, then the rest
under a heading, the collapsed ones as one line, and a count that says what was left out.

Pure: a `Focused` in, text out. Text and github formats collapse acknowledged incompleteness;
json lists every finding (for programs), the named ones first; `only_errors` leaves warnings
out of all three.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from whitepaper.check.focus import Focused, collapsed_line
from whitepaper.diagnostics import (
    Diagnostic,
    counted,
    format_github,
    format_json,
    format_one,
    github_notice,
    summary,
)


@dataclass(frozen=True)
class Shown:
    """What one run prints: `named` and `elsewhere` after `only_errors`, and what it left out."""

    named: tuple[Diagnostic, ...]
    elsewhere: tuple[Diagnostic, ...]
    collapsed: int  # acknowledged incomplete entries said in one line
    hidden: int  # warnings `only_errors` left out (collapsed ones among them)


def shown(focused: Focused, *, only_errors: bool = False) -> Shown:
    if not only_errors:
        return Shown(focused.named, focused.elsewhere, len(focused.collapsed), 0)
    named, elsewhere = _errors(focused.named), _errors(focused.elsewhere)
    total = len(focused.named) + len(focused.elsewhere) + len(focused.collapsed)
    return Shown(named, elsewhere, 0, total - len(named) - len(elsewhere))


def _errors(found: Sequence[Diagnostic]) -> tuple[Diagnostic, ...]:
    return tuple(d for d in found if d.severity == "error")


def render_focused(
    focused: Focused,
    fmt: str,
    *,
    heading: str | None = None,
    only_errors: bool = False,
    color: bool = False,
) -> str:
    """`focused` as `fmt` (text, github, json). `heading` names what was named ("de genoemde
    bestanden"); None when nothing was, and then no heading is printed."""
    show = shown(focused, only_errors=only_errors)
    if fmt == "json":
        rest = sorted(show.elsewhere + (() if only_errors else focused.collapsed))
        return format_json([*show.named, *rest])
    if fmt == "github":
        notice = github_notice(collapsed_line(show.collapsed)) if show.collapsed else ""
        return format_github(show.named + show.elsewhere) + notice
    return _text(show, heading, color)


def _text(show: Shown, heading: str | None, color: bool) -> str:
    blocks = [format_one(d, color=color) for d in show.named]
    if heading is not None and not show.named:
        blocks.append(f"Geen meldingen in {heading}.")
    if heading is not None and show.elsewhere:
        blocks.append(f"Bekende meldingen elders (niet in {heading}):")
    blocks += [format_one(d, color=color) for d in show.elsewhere]
    if show.collapsed:
        blocks.append(collapsed_line(show.collapsed))
    blocks.append(count_line(show))
    return "\n".join(blocks) + "\n"


def count_line(show: Shown) -> str:
    """'2 fouten, 1 waarschuwing'; '2 fouten (12 waarschuwingen niet getoond)' with only_errors;
    'geen andere problemen gevonden' when only collapsed ones were found."""
    found = show.named + show.elsewhere
    if show.hidden:
        errors = len(found)
        said = counted(errors, "fout", "fouten") if errors else "geen fouten"
        return f"{said} ({counted(show.hidden, 'waarschuwing', 'waarschuwingen')} niet getoond)"
    if not found and show.collapsed:
        return "geen andere problemen gevonden"
    return summary(found)
