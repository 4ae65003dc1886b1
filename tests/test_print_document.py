"""A paper's print document: cover, contents, pages, one reference list; all escaped."""

from __future__ import annotations

import io
import re
from dataclasses import replace
from pathlib import Path

import pytest
from pypdf import PdfReader

from tests.test_pdf import CONTENT, PAPER, job
from whitepaper.papers import ChangelogEntry, Paper
from whitepaper.pdf.document import PrintJob, PrintPage, compose
from whitepaper.pdf.render import PRINT_CSS, render

HOSTILE = '</li><script>alert(1)</script> "q" & <b>'
CHANGELOG = (
    ChangelogEntry("1.2", (2026, 3, 3), HOSTILE),
    ChangelogEntry("1.1", (), "Correcties."),
    ChangelogEntry("1.0", (2025, 6), "Eerste versie."),
)


def test_the_cover_shows_what_the_front_matter_gives_escaped() -> None:
    document = compose(job(paper=replace(PAPER, version="1.1")))
    assert '<h1 class="wp-cover__title">Fascia &amp; &lt;gezondheid&gt;</h1>' in document
    for fact in ("Vereniging", "Carla Stecco, Jan Jansen", "juni 2025"):
        assert fact in document
    assert '<dt>Versie</dt><dd><span class="wp-cover__version">1.1</span></dd>' in document
    assert '<a href="https://wp.nl/fascia/">https://wp.nl/fascia/</a>' in document
    assert "Citeer als:</span> Stecco (2025)." in document


def test_the_cover_leaves_out_what_is_not_known() -> None:
    """No version is invented: without one the cover names none, nor does the header."""
    document = compose(job(paper=Paper(title="Kaal")))
    for label in ("Uitgegeven door", "Auteurs", "Versie", "Siteversie", "Datum", "DOI", "Online"):
        assert f"<dt>{label}</dt>" not in document
    for part in ("wp-cover__summary", "wp-cover__version"):
        assert part not in document
    assert "wp-cover__changes" not in document and "Wijzigingen" not in document


@pytest.mark.parametrize(
    ("version", "site_version", "facts"),
    [
        ("1.1", "2026.1", ["Versie", "Siteversie"]),
        ("1.1", None, ["Versie"]),
        (None, "2026.1", ["Siteversie"]),
        (None, None, []),
    ],
)
def test_the_cover_names_the_paper_and_site_versions_it_knows(
    version: str | None, site_version: str | None, facts: list[str]
) -> None:
    """pdf.css sets the running header from the paper version's span ("versie 1.1")."""
    printed = replace(job(paper=replace(PAPER, version=version)), site_version=site_version)
    document = compose(printed)
    assert re.findall(r"<dt>([^<]*)</dt>", document) == [
        "Uitgegeven door", "Auteurs", *facts, "Datum", "Online"
    ]  # fmt: skip
    assert (f'<span class="wp-cover__version">{version}</span>' in document) == bool(version)
    assert (f"<dt>Siteversie</dt><dd>{site_version}</dd>" in document) == bool(site_version)


def test_every_version_on_the_cover_is_escaped() -> None:
    paper = replace(PAPER, version="<b>1</b>", changelog=(ChangelogEntry("<i>", (), "x"),))
    document = compose(replace(job(paper=paper), site_version="2026.1&<x>"))
    assert '<span class="wp-cover__version">&lt;b&gt;1&lt;/b&gt;</span>' in document
    assert "<dt>Siteversie</dt><dd>2026.1&amp;&lt;x&gt;</dd>" in document
    assert "Versie &lt;i&gt;</span>" in document
    assert "<b>1" not in document and "<i>" not in document and "<x>" not in document


def test_the_cover_lists_the_changes_newest_first_escaped() -> None:
    document = compose(job(paper=replace(PAPER, version="1.2", changelog=CHANGELOG)))
    section = document[document.index('<section class="wp-cover__changes"') :]
    section = section[: section.index("</section>")]
    assert '<h2 id="wp-cover-changes">Wijzigingen</h2>' in section
    assert re.findall(r"<li>(.*?)</li>", section) == [
        '<span class="wp-cover__change-version">Versie 1.2 · 3 maart 2026</span> '
        "&lt;/li&gt;&lt;script&gt;alert(1)&lt;/script&gt; &quot;q&quot; &amp; &lt;b&gt;",
        '<span class="wp-cover__change-version">Versie 1.1</span> Correcties.',
        '<span class="wp-cover__change-version">Versie 1.0 · juni 2025</span> Eerste versie.',
    ]
    assert "<script>" not in document
    assert document.index("wp-cover__changes") < document.index("wp-cover__cite")


def test_a_long_changelog_leaves_the_cover_its_room() -> None:
    """The cover has room for five changes; it says how many earlier ones the site lists."""
    entries = tuple(ChangelogEntry(f"1.{n}", (), f"Wijziging {n}.") for n in range(8, 0, -1))
    document = compose(job(paper=replace(PAPER, version="1.8", changelog=entries)))
    assert re.findall(r"Versie (1\.\d)</span>", document) == ["1.8", "1.7", "1.6", "1.5", "1.4"]
    assert '<p class="wp-cover__changes-more">en 3 eerdere versies</p>' in document
    one_more = replace(PAPER, changelog=entries[:6])
    assert "en 1 eerdere versie<" in compose(job(paper=one_more))


def test_the_document_information_comes_from_the_front_matter() -> None:
    document = compose(job())
    assert "<title>Fascia &amp; &lt;gezondheid&gt;</title>" in document
    assert '<meta name="author" content="Carla Stecco, Jan Jansen">' in document
    assert '<meta name="description" content="Wat fascia doet.">' in document
    assert '<meta name="dcterms.created" content="2025-06">' in document
    assert '<html lang="nl">' in document
    association_only = compose(job(paper=Paper(title="T", association="Vereniging")))
    assert '<meta name="author" content="Vereniging">' in association_only


def test_the_contents_list_the_sections_and_the_references_come_last_once() -> None:
    document = compose(job())
    assert '<li class="wp-toc__section"><a href="#inleiding">Inleiding</a></li>' in document
    assert '<a href="#wp-literatuur">Literatuur</a>' in document
    assert document.count('id="ref-stecco2018"') == 1
    assert document.index('id="ref-stecco2018"') > document.index("Fascia is overal")


def test_later_pages_are_chapters_of_the_same_paper() -> None:
    second = PrintPage('<h1 id="deel-2">Deel 2</h1><h2 id="inleiding">Inleiding</h2>', "fascia/b/")
    document = compose(PrintJob("fascia", PAPER, (PrintPage(CONTENT, "fascia/"), second)))
    assert '<li class="wp-toc__chapter"><a href="#p1-deel-2">Deel 2</a></li>' in document
    assert 'id="inleiding"' in document and 'id="p1-inleiding"' in document


@pytest.mark.parametrize(
    ("version", "site_version", "header"),
    [
        ("1.1", "2026.1", "versie 1.1"),
        ("1.1", None, "versie 1.1"),
        (None, "2026.1", None),
        (None, None, None),
    ],
)
def test_the_running_header_names_the_paper_version_and_never_the_site_version(
    tmp_path: Path, version: str | None, site_version: str | None, header: str | None
) -> None:
    """Rendered: every page but the cover carries the header; an unknown version is left out.
    The site version is the cover's alone, so that a release leaves unchanged pages alike."""
    paper = replace(PAPER, version=version, changelog=CHANGELOG[1:])
    document = compose(replace(job(paper=paper), site_version=site_version))
    reader = PdfReader(io.BytesIO(render(document, [PRINT_CSS], tmp_path)))
    cover, *pages = [page.extract_text() for page in reader.pages]
    assert "Wijzigingen" in cover and "Versie 1.1 Correcties." in cover
    assert len(pages) == 3
    for text in pages:  # the header's two boxes: the title, then the version
        [head] = [line for line in text.splitlines() if line.startswith(PAPER.title)]
        assert head == " ".join(filter(None, [PAPER.title, header]))
