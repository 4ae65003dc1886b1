"""PDFs: each whitepaper as one A4 PDF, made by WeasyPrint from its print document.

`write_pdfs()` turns print documents (`pdf.document.compose()`) into PDFs on every core,
each cached under a key of everything it is made of (the document, the style sheets, the fonts
and images they load, WeasyPrint's version), each written atomically: a failed paper leaves no
PDF, and never a truncated one. Nothing here knows MkDocs.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from importlib.metadata import version
from importlib.resources import files
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from whitepaper.cache import BYTES, Cache, content_key, write_atomically
from whitepaper.diagnostics import StageError
from whitepaper.workers import process_pool, worker_count

PRINT_CSS = Path(str(files("whitepaper.pdf") / "pdf.css"))
_CSS_URL = re.compile(r"""url\(\s*['"]?([^'")]+)['"]?\s*\)""")
_FOOTNOTE_ID = re.compile(r'<span class="wp-footnote" id="([^"]+)"')
_SRC = re.compile(r'<img\s[^>]*?\bsrc="([^"]+)"')


class PdfError(StageError):
    """A paper that could not be made into a PDF; the message names it and says why."""


@dataclass(frozen=True)
class Written:
    """What `write_pdfs` did: every PDF's size in bytes, and how many came from the cache."""

    sizes: dict[str, int]
    cached: int


def render(document: str, stylesheets: Sequence[Path], root: Path) -> bytes:
    """The PDF of `document`, a tagged PDF/UA-1 with its fonts embedded.

    It may load files below `root` (the built site) and nothing else: no request leaves the
    machine, and a missing or outside file stops it rather than leave a hole in the PDF.
    """
    from weasyprint import CSS, HTML
    from weasyprint.text.fonts import FontConfiguration
    from weasyprint.urls import FatalURLFetchingError

    fetcher = _local_fetcher(root)
    fonts = FontConfiguration()
    try:
        sheets = [
            CSS(filename=str(sheet), font_config=fonts, url_fetcher=fetcher)
            for sheet in stylesheets
        ]
        html = HTML(string=document, base_url=root.as_uri() + "/", url_fetcher=fetcher)
        options: dict[str, Any] = {"pdf_variant": "pdf/ua-1", "pdf_tags": True}
        laid_out = html.render(font_config=fonts, stylesheets=sheets, **options)
    except FatalURLFetchingError as error:  # a BaseException: `except Exception` misses it
        raise PdfError(f"een bestand kon niet worden geladen: {_reason(error)}") from None
    missing = _footnote_ids(document) - _printed_footnote_ids(laid_out)
    if missing:  # WeasyPrint can lose notes that wait for a later page: never print without
        names = sorted(
            (note.rsplit("wp-fn-", 1)[-1] for note in missing), key=lambda n: (len(n), n)
        )
        raise PdfError(f"voetnoot {', '.join(names)} kreeg geen plaats op een pagina")
    try:
        pdf: bytes = laid_out.write_pdf(finisher=_cover_links_apart, **options)
    except FatalURLFetchingError as error:  # only attachments are loaded while writing
        raise PdfError(
            'een bijlage (een link met rel="attachment") kon niet in de PDF worden ingesloten:'
            f' {_reason(error)}; haal rel="attachment" weg, dan wordt het een gewone link'
        ) from None
    return pdf


def _cover_links_apart(document: Any, pdf: Any) -> None:
    """Write the cover's links as objects of their own, outside the compressed object stream.

    The cover is the one page that names the release: its versioned address, linked. WeasyPrint
    packs every small object of the PDF into one compressed stream, where a link changed near
    its start changes every byte after it; apart, the PDF of a paper that did not change
    differs from the last release's in a few kilobytes, which git keeps as a small delta
    (`benchmarks/publish_speed.py` measures what a release adds to gh-pages).
    """
    from pydyf import Dictionary

    class Apart(Dictionary):  # type: ignore[misc]
        compressible = False

    if not pdf.pages["Kids"]:
        return
    cover = pdf.objects[pdf.pages["Kids"][0]]  # Kids holds "number 0 R" as three items
    for reference in cover.get("Annots", ()):
        annotation = pdf.objects[int(reference.split()[0])]
        if type(annotation) is Dictionary:
            annotation.__class__ = Apart


def _reason(error: BaseException) -> str:
    """Why WeasyPrint could not load a file: our fetcher's reason, or WeasyPrint's own."""
    return str(error.__cause__ or error)


def _footnote_ids(document: str) -> set[str]:
    return set(_FOOTNOTE_ID.findall(document))


def _printed_footnote_ids(laid_out: Any) -> set[str]:
    """The ids of the notes WeasyPrint set in some page's footnote area."""
    found: set[str] = set()
    for page in laid_out.pages:
        for area in page._page_box.children:  # the page's body, footnote area, note area
            if type(area).__name__ == "FootnoteAreaBox":
                found.update(
                    note.element.get("id") for note in area.children if note.element is not None
                )
    return found


def _local_fetcher(root: Path) -> object:
    from weasyprint.urls import URLFetcher

    class LocalFetcher(URLFetcher):  # type: ignore[misc]
        def fetch(self, url: str, headers: object = None) -> object:
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if not _below(url, root):
                raise ValueError(
                    f"{url} ligt buiten de site, en een PDF laadt alleen bestanden van de site"
                )
            try:
                return super().fetch(url, headers)
            except OSError:  # urllib's URLError too: said in Dutch, below the site
                shown = Path(unquote(urlsplit(url).path)).resolve().relative_to(root.resolve())
                raise ValueError(f"{shown.as_posix()} ontbreekt in de site") from None

    return LocalFetcher(fail_on_errors=True)


def _below(url: str, root: Path) -> bool:
    parts = urlsplit(url)
    if parts.scheme != "file":
        return False
    return Path(unquote(parts.path)).resolve().is_relative_to(root.resolve())


def write_pdfs(
    documents: Mapping[str, str],
    out_dir: Path,
    *,
    stylesheets: Sequence[Path],
    root: Path,
    cache: Cache,
    workers: int | None = None,
) -> Written:
    """Write `<name>.pdf` into `out_dir` for each (name, document); return their sizes.

    Cached PDFs are copied; the others are rendered, on `workers` processes (default: one per
    core). Every paper is tried; then a PdfError names each that failed, and why.
    """
    assets = _assets_key(stylesheets, root)
    keys = {
        name: content_key("pdf", assets, document, *_images(document, root))
        for name, document in documents.items()
    }
    out_dir.mkdir(parents=True, exist_ok=True)
    sizes, failures, cached = {}, [], 0
    missing = {}
    for name, key in keys.items():
        stored = cache.load(key, BYTES)
        if stored is not None:
            write_atomically(out_dir / f"{name}.pdf", stored)
            sizes[name] = len(stored)
            cached += 1
        else:
            missing[name] = documents[name]
    for name, outcome in _rendered(missing, stylesheets, root, workers):
        if isinstance(outcome, bytes):
            cache.store(keys[name], outcome, BYTES)
            write_atomically(out_dir / f"{name}.pdf", outcome)
            sizes[name] = len(outcome)
        else:
            failures.append(f"{name}: {outcome}")
    if failures:
        raise PdfError("; ".join(f"PDF van {failure}" for failure in failures))
    return Written(sizes, cached)


Outcome = bytes | str  # the PDF, or why there is none


def _rendered(
    documents: Mapping[str, str], stylesheets: Sequence[Path], root: Path, workers: int | None
) -> Iterator[tuple[str, Outcome]]:
    count = worker_count(len(documents), workers)
    if count < 2:
        for name, document in documents.items():
            yield name, _outcome(document, stylesheets, root)
        return
    pool = process_pool(count)  # its workers die with this process, kill -9 included
    try:
        # Longest first: the longest paper decides when all are done.
        ordered = sorted(documents.items(), key=lambda item: -len(item[1]))
        futures: dict[str, Future[Outcome]] = {
            name: pool.submit(_outcome, document, stylesheets, root) for name, document in ordered
        }
        for name, future in futures.items():
            try:
                outcome = future.result()
            except BrokenProcessPool:  # a worker was killed: by the kernel for memory, say
                outcome = "het proces dat hem maakte, stopte onverwacht (te weinig geheugen?)"
            yield name, outcome
    finally:  # a failed write stops the rest: papers not yet started are not rendered
        pool.shutdown(cancel_futures=True)


def _outcome(document: str, stylesheets: Sequence[Path], root: Path) -> Outcome:
    """Render in a worker; every failure comes back as a reason, not as a traceback."""
    try:
        return render(document, stylesheets, root)
    except PdfError as error:
        return str(error)
    except (KeyboardInterrupt, SystemExit):
        raise
    except BaseException as error:  # WeasyPrint's own (some are BaseExceptions) name no paper
        return f"WeasyPrint faalde ({type(error).__name__}: {error})"


def _assets_key(stylesheets: Sequence[Path], root: Path) -> str:
    """What the PDFs depend on besides their documents: the style sheets, every file they load
    (the fonts), and the versions of WeasyPrint and its PDF writer."""
    parts: list[bytes | str] = [version("weasyprint"), version("pydyf")]
    for sheet in stylesheets:
        if not sheet.is_file():  # the site's fonts.css comes from overrides/ (custom_dir)
            shown = sheet.relative_to(root) if sheet.is_relative_to(root) else sheet
            raise PdfError(f"het stijlblad {shown.as_posix()} van de PDF's ontbreekt in de site")
        text = sheet.read_bytes()
        parts += [sheet.name, text]  # not its folder: a build into another folder still hits
        for url in _CSS_URL.findall(text.decode("utf-8", "replace")):
            loaded = (sheet.parent / url).resolve()
            parts += [url, loaded.read_bytes() if loaded.is_file() else b"missing"]
    return content_key(*parts)


def _images(document: str, root: Path) -> Iterator[bytes]:
    """The bytes of every image of the site the document shows (src relative to `root`)."""
    for src in _SRC.findall(document):
        path = root / unquote(urlsplit(src).path)
        yield path.read_bytes() if not urlsplit(src).scheme and path.is_file() else src.encode()
