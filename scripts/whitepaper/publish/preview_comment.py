"""The pull request's comment about its preview, in Dutch Markdown.

One hidden marker line first (`MARKER`), by which the workflow finds and updates the same
comment on every push; then the preview's address, each changed paper's page and PDF, and the
reminder that a preview is not to be cited. The changed paths come from a fork: a path that is
not a plain relative path of safe names is left out (and reported), a paper is named only when
the preview holds its page, and every word that reaches Markdown is escaped.
"""

from __future__ import annotations

import json
import re
from collections.abc import Collection, Iterable, Mapping
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import quote

from whitepaper.papers import folder_of
from whitepaper.pdf.book import pdf_path
from whitepaper.site_version import SiteVersion, preview_path
from whitepaper.sources.file_names import safe_name

MARKER = "<!-- whitepaper-preview -->"
TITLE_LONGEST = 300
_MARKDOWN = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~&])")
_URL_SAFE = ":/?#=&%~+@!$,;*'"


@dataclass(frozen=True)
class ChangedPapers:
    papers: list[str]  # the papers the preview holds whose page or bibliography changed
    refused: list[str]  # paths that are not plain relative paths of safe names


def changed_papers(paths: Iterable[str], preview_files: Collection[str]) -> ChangedPapers:
    """Which papers `paths` (docs/<paper>/…, bib/<paper>.bib) change, of those the preview
    (whose files are `preview_files`, relative to its root) shows."""
    papers: set[str] = set()
    refused = []
    for path in paths:
        parts = path.split("/")
        if not path or not all(safe_name(part) and part not in (".", "..") for part in parts):
            refused.append(path)
            continue
        name = _paper_of(PurePosixPath(path))
        if name and f"{name}/index.html" in preview_files:
            papers.add(name)
    return ChangedPapers(sorted(papers), refused)


def _paper_of(path: PurePosixPath) -> str | None:
    if path.parts[0] == "docs":
        return folder_of(path.relative_to("docs").as_posix() if len(path.parts) > 1 else "")
    if path.parts[0] == "bib" and len(path.parts) == 2 and path.suffix == ".bib":
        return path.stem
    return None


def titles_of(marker: bytes) -> dict[str, str]:
    """Each paper's title by folder, from the preview build's marker (written by the build
    from the pull request's front matter: plain text, but a fork's; one line of at most
    TITLE_LONGEST characters, else the paper goes by its folder name)."""
    try:
        found = json.loads(marker).get("papers")
    except (ValueError, AttributeError):
        return {}
    if not isinstance(found, dict):
        return {}
    return {
        name: title
        for name, title in found.items()
        if isinstance(name, str)
        and safe_name(name)
        and isinstance(title, str)
        and 0 < len(title) <= TITLE_LONGEST
        and title.isprintable()
    }


def escaped(text: str) -> str:
    """`text` as Markdown shows it literally."""
    return _MARKDOWN.sub(r"\\\1", text)


def _link(text: str, address: str) -> str:
    return f"[{escaped(text)}]({quote(address, safe=_URL_SAFE)})"


def comment(
    site: SiteVersion,
    papers: Iterable[str],
    preview_files: Collection[str],
    titles: Mapping[str, str] | None = None,
) -> str:
    """The comment on the preview `site` (its root and pull request); `papers` changed, each
    named by its title in `titles` (else by its folder)."""
    number = site.preview or 0
    home = site.address("") or preview_path(number)
    lines = [
        MARKER,
        f"### Voorbeeld van pull request #{number}",
        "",
        f"Het voorbeeld staat op {_link(home, home)}; het wordt na elke push bijgewerkt (dat"
        " kan een paar minuten duren).",
        "",
    ]
    listed = [_paper_line(site, name, preview_files, titles or {}) for name in papers]
    if listed:
        lines += ["Gewijzigde whitepapers:", "", *listed, ""]
    else:
        lines += ["Deze pull request wijzigt geen whitepaper, alleen andere bestanden.", ""]
    lines.append(
        "> **Niet citeren.** Dit voorbeeld is niet gepubliceerd en verdwijnt als de pull"
        " request sluit; citeer alleen een gepubliceerde versie."
    )
    return "\n".join(lines) + "\n"


def _paper_line(
    site: SiteVersion, name: str, preview_files: Collection[str], titles: Mapping[str, str]
) -> str:
    """'- [title](its page) · [PDF](its PDF)', the PDF only when the preview has it."""
    line = f"- {_link(titles.get(name, name), site.address(f'{name}/') or '')}"
    if pdf_path(name) in preview_files:
        line += f" · {_link('PDF', site.address(pdf_path(name)) or '')}"
    return line


def removed_comment(number: int) -> str:
    """The comment once the pull request is closed and its preview removed."""
    return (
        f"{MARKER}\n### Voorbeeld van pull request #{number}\n\n"
        "Het voorbeeld is verwijderd: de pull request is gesloten.\n"
    )
