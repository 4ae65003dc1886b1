"""What a paper is, said once.

A paper is a folder right in docs/ with an `index.md`. Its pages are every Markdown page below
that folder; what is known of it (title, authors, version, date ...) is the front matter of its
index page, as the check read it (DESIGN.md, "Documents"). Pages right in docs/, such as the
home page, belong to no paper. Nothing is invented: what the front matter leaves out stays out.
"""

from __future__ import annotations

import datetime
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from whitepaper.diagnostics import relative_posix
from whitepaper.links import bare_doi, contact_href, web_url
from whitepaper.sources.documents import Document

INDEX_PAGE = "index.md"
MONTHS = "januari februari maart april mei juni juli augustus september oktober november december"


def page_uri(path: Path, docs_dir: Path) -> str:
    """The page's path below docs/, as MkDocs names it (`src_uri`): 'kraken/index.md'."""
    absolute, docs = path.absolute(), docs_dir.absolute()
    below = relative_posix(absolute, docs)  # for every page, in several rules: pathlib is slow
    return absolute.relative_to(docs).as_posix() if below is None else below


def folder_of(uri: str) -> str | None:
    """The folder of docs/ that a page lies in, however deep ('kraken'); None right in docs/."""
    folder, slash, _ = uri.partition("/")
    return folder if slash else None


def is_index_page(uri: str) -> bool:
    """'kraken/index.md': a paper's index page, whose front matter describes the paper."""
    folder, _, name = uri.partition("/")
    return bool(folder) and name == INDEX_PAGE


def paper_names(docs_dir: Path) -> list[str]:
    """The papers of `docs_dir` by folder name, found from the files alone (before reading)."""
    return sorted(
        path.parent.name
        for path in docs_dir.glob(f"*/{INDEX_PAGE}")
        if path.is_file() and not path.parent.name.startswith(".")
    )


@dataclass(frozen=True)
class ChangelogEntry:
    """One entry of a paper's `changelog`: what changed in `version`, and when (as Paper.date)."""

    version: str
    date: tuple[int, ...]
    summary: str


@dataclass(frozen=True)
class Paper:
    """What is known of one paper; `date` is (year,), (year, month), (year, month, day) or ().

    `version` is None when the front matter gives none (the check warns: no version is
    invented); `changelog` holds its entries newest first (highest version first)."""

    title: str
    url: str | None = None
    summary: str | None = None
    lang: str = "nl"
    version: str | None = None
    authors: tuple[str, ...] = ()
    association: str | None = None
    date: tuple[int, ...] = ()
    doi: str | None = None
    license: str | None = None
    references: tuple[str, ...] = ()  # the plain-text reference of each cited work, in order
    pdf_url: str | None = None
    changelog: tuple[ChangelogEntry, ...] = ()
    standing: str | None = None  # what the paper is: "Standpunt van de beroepsvereniging"
    contact: str | None = None  # an e-mail or web address, as `links.contact_href` reads it


@dataclass(frozen=True)
class Papers:
    """Every paper of a site, by folder name, and which paper each page belongs to."""

    docs_dir: Path
    by_name: Mapping[str, Paper]

    def of(self, uri: str) -> str | None:
        """The paper the page `uri` belongs to, or None (the home page, a folder without
        an index page)."""
        folder = folder_of(uri)
        return folder if folder in self.by_name else None

    def title_of(self, uri: str) -> str | None:
        """The title of the paper whose index page `uri` is, else None."""
        name = self.of(uri)
        return self.by_name[name].title if name and is_index_page(uri) else None

    def uri(self, document: Document) -> str:
        return page_uri(document.path, self.docs_dir)

    def group(self, documents: Iterable[Document]) -> dict[str, list[Document]]:
        """Pages by the paper they belong to; the pages of no paper under ''."""
        grouped: dict[str, list[Document]] = {}
        for document in documents:
            grouped.setdefault(self.of(self.uri(document)) or "", []).append(document)
        return grouped

    def listed(self) -> list[str]:
        """The papers in the home page's order: newest first, undated last, then by title."""
        names = sorted(self.by_name, key=lambda name: self.by_name[name].title.casefold())
        return sorted(names, key=lambda name: self.by_name[name].date, reverse=True)


def find_papers(documents: Sequence[Document], docs_dir: Path) -> Papers:
    """The papers of `documents` (the check's reading of docs/), from their index pages.

    An index page without a title is the check's `front-matter` error; it is no paper here."""
    papers = {}
    for document in documents:
        uri = page_uri(document.path, docs_dir)
        title = document.front_matter.get("title")
        if is_index_page(uri) and isinstance(title, str) and clean(title):
            papers[uri.partition("/")[0]] = read_paper(document.front_matter, None)
    return Papers(docs_dir, dict(sorted(papers.items())))


def clean(value: object) -> str:
    """One line of text: whitespace runs (newlines, U+2028 too) become one space, no controls."""
    text = " ".join(str(value).split())
    return "".join(char for char in text if unicodedata.category(char) != "Cc")


def markdown_literal(value: object) -> str:
    """`clean(value)` for a Markdown page the site makes itself: ASCII punctuation as character
    references, so Markdown and its extensions (emphasis, links, citations) show it as written
    and it is HTML-safe inside raw HTML too."""
    return re.sub(r"[!-/:-@\[-`{-~]", lambda found: f"&#{ord(found[0])};", clean(value))


def _optional(value: object) -> str | None:
    return (clean(value) or None) if isinstance(value, str) else None


def _contact(value: object) -> str | None:
    """A `contact` the paper card can link (links.contact_href); anything else is none."""
    return value.strip() if isinstance(value, str) and contact_href(value.strip()) else None


def version_text(value: object) -> str | None:
    """A `version` as text: YAML reads `version: 2` as a number, `yes` as a bool (no version)."""
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return None
    return clean(value) or None


def version_order(version: str) -> tuple[tuple[int, int | str], ...]:
    """A key that sorts versions as people count them: 1.2 < 1.10 < 2 < 2026.1."""
    return tuple(
        (0, int(part)) if part[0] in "0123456789" else (1, part.casefold())
        for part in re.findall(r"[0-9]+|[^0-9]+", version)
    )


def _changelog(value: object) -> tuple[ChangelogEntry, ...]:
    """The entries the check accepted ({version, date, summary}), newest first."""
    entries = []
    for item in value if isinstance(value, list) else []:
        if not isinstance(item, Mapping):
            continue
        version, summary = version_text(item.get("version")), _optional(item.get("summary"))
        if version and summary:
            entries.append(ChangelogEntry(version, parse_date(item.get("date")), summary))
    return tuple(sorted(entries, key=lambda entry: version_order(entry.version), reverse=True))


def parse_date(value: object) -> tuple[int, ...]:
    """A front matter date (YYYY, YYYY-MM, YYYY-MM-DD, or YAML's date) as its parts; () when it
    is none, or not a day that exists."""
    if isinstance(value, datetime.date):
        return (value.year, value.month, value.day)
    text = str(value) if isinstance(value, int) and not isinstance(value, bool) else value
    if not isinstance(text, str) or not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        return ()
    parts = tuple(int(part) for part in text.split("-"))
    try:
        datetime.date(*(*parts, 1, 1)[:3])
    except ValueError:
        return ()
    return parts


def read_paper(
    front_matter: Mapping[str, object],
    url: str | None,
    references: Sequence[str] = (),
    *,
    pdf_url: str | None = None,
) -> Paper:
    """The paper `front_matter` describes, published at `url` (the page's canonical address)."""
    title = _optional(front_matter.get("title"))
    if not title:
        raise ValueError("the front matter of a paper needs a title")
    authors = front_matter.get("authors")
    return Paper(
        title=title,
        url=web_url(url),
        summary=_optional(front_matter.get("summary")),
        lang=_optional(front_matter.get("lang")) or "nl",
        version=version_text(front_matter.get("version")),
        authors=tuple(filter(None, map(clean, authors))) if isinstance(authors, list) else (),
        association=_optional(front_matter.get("association")),
        date=parse_date(front_matter.get("date")),
        doi=bare_doi(front_matter.get("doi")),
        license=_optional(front_matter.get("license")),
        references=tuple(filter(None, map(clean, references))),
        pdf_url=web_url(pdf_url),
        changelog=_changelog(front_matter.get("changelog")),
        standing=_optional(front_matter.get("standing")),
        contact=_contact(front_matter.get("contact")),
    )


def joined_date(date: tuple[int, ...], separator: str) -> str:
    """The date's parts with `separator`, zero-padded: '2025-06-01', '2025/06'."""
    return separator.join(f"{part:02d}" for part in date)


def shown_date(date: tuple[int, ...]) -> str:
    """The date as the page shows it, in Dutch: '1 juni 2025', 'juni 2025', '2025' or 'z.d.'."""
    if not date:
        return "z.d."
    words = [str(date[2])] if len(date) > 2 else []
    words += [MONTHS.split()[date[1] - 1]] if len(date) > 1 else []
    return " ".join([*words, str(date[0])])
