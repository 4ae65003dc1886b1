"""`whitepaper check`: every finding, in the format asked for; exit 1 when one is an error.

The findings of the named pages and .bib files (or of what changed since `--since REF`) come
first, the rest after them; entries marked onvolledig are one line (check/focus.py). The exit
code is the whole check's, named or not.
"""

from __future__ import annotations

import argparse
import os
import sys
from dataclasses import replace
from pathlib import Path

from whitepaper.cache import CACHE_DIR, stage_dir
from whitepaper.changed_files import ChangedFile, ChangesUnknown, changed_since
from whitepaper.check.findings import check_and_index
from whitepaper.check.focus import Focused, Named, focus
from whitepaper.check.report import render_focused, shown
from whitepaper.commands import EXIT_FINDINGS, EXIT_OK, UsageProblem
from whitepaper.commands._plugin_options import trusted_html
from whitepaper.diagnostics import display_path, use_color
from whitepaper.step_summary import job_summary


def run_check(args: argparse.Namespace) -> int:
    root, docs, bib = Path.cwd(), Path(args.docs), Path(args.bib)
    named = _named_paths(args.paths, root, docs, bib)
    if args.since is not None:
        named = _joined(named, _changed(args.since, root, docs, bib))
    cache_dir = None if args.no_cache else stage_dir(Path(CACHE_DIR), "check")
    trusted = trusted_html(args.config_file)  # the pages the build exempts, exempt here too
    found, index = check_and_index(docs, bib, root=root, cache_dir=cache_dir, trusted_html=trusted)
    if args.strict:  # decided here, at the edge: the core only reports
        found = [replace(d, severity="error") for d in found]
    focused = focus(found, index, named, show_incomplete=args.show_incomplete or args.strict)
    heading = _heading(args)
    sys.stdout.write(
        render_focused(
            focused,
            args.format,
            heading=heading,
            only_errors=args.only_errors,
            color=use_color(sys.stdout),
        )
    )
    _write_summary(args, focused, whole=heading is None)
    return EXIT_FINDINGS if any(d.severity == "error" for d in found) else EXIT_OK


def _heading(args: argparse.Namespace) -> str | None:
    if args.since is not None:
        return "de gewijzigde bestanden"
    return "de genoemde bestanden" if args.paths else None


def _inside(path: Path, folders: tuple[Path, ...]) -> bool:
    return any(
        candidate.is_relative_to(folder.absolute()) or candidate.is_relative_to(folder.resolve())
        for candidate in (path.absolute(), path.resolve())
        for folder in folders
    )


def _named_paths(paths: list[str], root: Path, docs: Path, bib: Path) -> Named:
    """The PATHs given, each checked: it exists and lies in docs/ or bib/ (else exit 2)."""
    files = set()
    for written in paths:
        path = Path(written)
        if not os.path.lexists(path):
            raise UsageProblem(f"'{written}' bestaat niet: noem een pagina of een .bib-bestand")
        if not _inside(path, (docs, bib)):
            raise UsageProblem(
                f"'{written}' ligt niet in {docs}/ of {bib}/: noem een pagina"
                f" ({docs}/…/*.md) of een .bib-bestand ({bib}/*.bib)"
            )
        files.add(display_path(path, root))
    return Named(frozenset(files))


def _changed(since: str, root: Path, docs: Path, bib: Path) -> Named:
    """What changed since `since` in docs/ and bib/: pages whole (the entries of citations on
    their changed lines), .bib files by their lines."""
    try:
        changed = changed_since(since, root)
    except ChangesUnknown as problem:
        raise UsageProblem(f"--since {since}: {problem}") from problem
    files, lines, citing = set(), {}, {}
    for path, change in changed.items():
        if not _inside(path, (docs, bib)):
            continue
        shown_as = display_path(path, root)
        if _by_lines(change):
            lines[shown_as] = change.lines
        else:
            files.add(shown_as)
            if not change.whole:
                citing[shown_as] = change.lines
    return Named(frozenset(files), lines, citing)


def _by_lines(change: ChangedFile) -> bool:
    # A .bib file is shared by a whole association: one added entry must not make the old
    # ones hers. A page is hers whole: its findings are about what she reads and writes.
    return change.path.suffix.lower() == ".bib" and not change.whole


def _joined(paths: Named, changed: Named) -> Named:
    """Both: a page named as PATH has all its citations counted, changed or not."""
    citing = {
        path: lines for path, lines in changed.citing_lines.items() if path not in paths.files
    }
    return Named(paths.files | changed.files, changed.lines, citing)


def _write_summary(args: argparse.Namespace, focused: Focused, *, whole: bool) -> None:
    """The Markdown job summary: to --summary FILE, and appended to $GITHUB_STEP_SUMMARY
    when the github format runs on GitHub."""
    step_file = os.environ.get("GITHUB_STEP_SUMMARY") if args.format == "github" else None
    if args.summary is None and not step_file:
        return
    show = shown(focused, only_errors=args.only_errors)
    if whole:  # nothing named: all of it is this run's
        text = job_summary(show.named + show.elsewhere, 0, show.collapsed, changed=False)
    else:
        text = job_summary(show.named, len(show.elsewhere), show.collapsed)
    for path, mode in ((args.summary, "w"), (step_file, "a")):
        if path:
            try:
                with open(path, mode, encoding="utf-8") as summary:
                    summary.write(text)
            except OSError as error:
                raise UsageProblem(
                    f"de samenvatting kan niet naar '{path}': {error.strerror}"
                ) from error
