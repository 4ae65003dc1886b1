"""citations: APA 7 in the Dutch locale as pandoc's citeproc formats it, safe, per paper, cached."""

from __future__ import annotations

from pathlib import Path

import pytest

from whitepaper.cache import Cache
from whitepaper.citations import format as citations
from whitepaper.citations.format import (
    CitationError,
    PaperCitations,
    Reference,
    format_apa,
    format_paper,
    format_papers,
)
from whitepaper.citations.placement import reference_entries
from whitepaper.sources.bibliography import parse_bib_text
from whitepaper.sources.documents import Document, parse_document
from whitepaper.sources.entries import Bibliography

BIB = r"""
@article{stecco2014a, author = {Stecco, Carla and Macchi, Veronica}, title = {Fascial anatomy},
  journal = {Journal of Anatomy}, year = 2014, volume = 225, pages = {1--10},
  doi = {10.1111/joa.12345}}
@article{stecco2014b, author = {Stecco, Antonio}, title = {Fascial manipulation},
  journal = {Clinical Anatomy}, year = 2014}
@book{stecco2015, author = {Stecco, Luigi}, title = {Manual}, year = 2015, publisher = {Piccin}}
@book{wal2013, author = {van der Wal, Jaap}, title = {Fascia}, year = 2013}
@book{wal2014a, author = {van der Wal, Jaap}, title = {Bindweefsel}, year = 2014}
@book{wal2014b, author = {van der Wal, Jaap}, title = {Architectuur}, year = 2014}
@article{schleip2012, author = {Schleip, R. and Findley, T. and Chaitow, L. and Huijing, P.},
  title = {Fascia}, journal = {J}, year = 2012}
@online{nhg, author = {{Nederlands Huisartsen Genootschap}}, title = {Lage rugpijn},
  url = {https://nhg.org/lrp}, urldate = {2025-03-05}}
@online{kngf2025, organization = {KNGF}, title = {Nieuws}, date = {2025-05-01},
  url = {https://kngf.nl/nieuws}}
@misc{kolk2014, author = {Kolk}, year = 2014, note = {onvolledig: de bron geeft geen titel}}
@misc{who:2019/a.b, author = {{WHO}}, title = {Rapport}, year = 2019}
@misc{xss, author = {Doe, J.}, title = {<img src=x onerror=alert(1)> </script> "q" {Br}ace},
  year = 2020, url = {javascript:alert(1)}, doi = {data:text/html,<script>x</script>}}
@misc{xss2, author = {Roe, J.}, title = {T}, year = 2020,
  howpublished = {\url{javascript:alert(2)}}, url = {data:text/html,x}}
@misc{xss3, author = {Poe, J.}, title = {T}, year = 2020, doi = {10.1/x"><script>}}
"""


def bibliography(text: str = BIB) -> Bibliography:
    entries, problems = parse_bib_text(text, Path("bib/refs.bib"), root=Path())
    assert not [p for p in problems if p.severity == "error" and p.code == "bib-syntax"]
    return Bibliography({entry.key: entry for entry in entries}, ())


def page(text: str, path: str = "docs/p/index.md") -> Document:
    return parse_document(text, Path(path))


def formatted(text: str, bib: str = BIB) -> PaperCitations:
    return format_paper("p", [page(text)], bibliography(bib), cache=Cache(None))


def in_text(text: str, bib: str = BIB) -> list[str]:
    return list(formatted(text, bib).citations.values())


def a(key: str, shown: str) -> str:
    return (
        f'<a href="#ref-{key}" role="doc-biblioref" class="wp-cite" data-wp-ref="{key}">{shown}</a>'
    )


def span(keys: str, inner: str) -> str:
    return f'<span class="citation" data-cites="{keys}">{inner}</span>'


@pytest.mark.parametrize(
    ("written", "shown"),
    [
        ("[@stecco2015]", span("stecco2015", f"({a('stecco2015', 'Stecco, 2015')})")),
        (
            "[@stecco2015; @wal2013]",
            span(
                "stecco2015 wal2013",
                f"({a('stecco2015', 'Stecco, 2015')}; {a('wal2013', 'van der Wal, 2013')})",
            ),
        ),
        (
            "[zie @stecco2015, p. 12]",
            span("stecco2015", f"(zie {a('stecco2015', 'Stecco, 2015, p. 12')})"),
        ),
        ("[-@stecco2015]", span("stecco2015", f"({a('stecco2015', '2015')})")),
        ("@stecco2015", span("stecco2015", f"Stecco ({a('stecco2015', '2015')})")),
        ("@stecco2015 [p. 4]", span("stecco2015", f"Stecco ({a('stecco2015', '2015, p. 4')})")),
        ("@{who:2019/a.b}", span("who:2019/a.b", f"WHO ({a('who:2019/a.b', '2019')})")),
        ("[@schleip2012]", span("schleip2012", f"({a('schleip2012', 'Schleip et al., 2012')})")),
        ("[@kolk2014]", span("kolk2014", f"({a('kolk2014', 'Kolk, 2014')})")),
        ("[@nhg]", span("nhg", f"({a('nhg', 'Nederlands Huisartsen Genootschap, z.d.')})")),
    ],
)
def test_dutch_apa_in_text(written: str, shown: str) -> None:
    """Each form of pandoc's citation syntax gives its APA 7 in-text form, Dutch terms."""
    assert in_text(f"Tekst {written} tekst.\n") == [shown]


INCOMPLETE_NOTES = {"kolk2014": "de bron geeft geen titel"}  # its note = {onvolledig: ...}


@pytest.mark.parametrize(
    ("key", "html", "incomplete"),
    [
        (
            "stecco2014a",
            "Stecco, C., &amp; Macchi, V. (2014). Fascial anatomy. <em>Journal of Anatomy</em>, "
            '<em>225</em>, 1-10. <a href="https://doi.org/10.1111/joa.12345">'
            "https://doi.org/10.1111/joa.12345</a>",
            False,
        ),
        ("wal2013", "van der Wal, J. (2013). <em>Fascia</em>.", False),
        (
            "nhg",
            "Nederlands Huisartsen Genootschap. (z.d.). <em>Lage rugpijn</em>. Geraadpleegd op "
            '5 maart 2025, van <a href="https://nhg.org/lrp">https://nhg.org/lrp</a>',
            True,  # no year
        ),
        (
            "kngf2025",
            'KNGF. (2025, mei 1). <em>Nieuws</em>. <a href="https://kngf.nl/nieuws">'
            "https://kngf.nl/nieuws</a>",
            False,
        ),
        (
            "kolk2014",
            "Kolk. (2014).",
            True,
        ),
    ],
)
def test_reference_list_entry(key: str, html: str, incomplete: bool) -> None:
    """Reference list entries: DOI and URL links, Dutch dates, no note; the reference itself is
    pure (it feeds the metadata), and readers see the incomplete mark in the list, with what
    its `onvolledig` note says is missing."""
    references = formatted(f"[@{key}]\n").references
    note = INCOMPLETE_NOTES.get(key, "")
    assert references == (Reference(key, html, incomplete, note),)
    badge = f' <span class="wp-incomplete">onvolledige bronvermelding{note and ": " + note}</span>'
    shown = f'<div id="ref-{key}" class="csl-entry" role="listitem">{html}'
    assert reference_entries(references) == shown + (badge if incomplete else "") + "</div>"


def test_disambiguation_within_a_paper() -> None:
    """Shared surnames get initials; one author's two 2014 works get 2014a/2014b by title."""
    shown = in_text("[@stecco2014a; @stecco2014b; @stecco2015]\n\n[@wal2014a; @wal2014b]\n")
    assert shown == [
        span(
            "stecco2014a stecco2014b stecco2015",
            f"({a('stecco2014b', 'A. Stecco, 2014')}; "
            f"{a('stecco2014a', 'C. Stecco &amp; Macchi, 2014')}; "
            f"{a('stecco2015', 'L. Stecco, 2015')})",
        ),
        span(
            "wal2014a wal2014b",
            f"({a('wal2014a', 'van der Wal, 2014b')}, {a('wal2014b', '2014a')})",
        ),
    ]


def test_no_disambiguation_across_papers() -> None:
    """Each paper is its own reference list: a Stecco alone in a paper needs no initials."""
    docs = [page("[@stecco2014b]\n", "docs/a/index.md"), page("[@stecco2015]\n", "docs/b/x.md")]
    result = format_papers({"a": docs[:1], "b": docs[1:]}, bibliography(), cache=Cache(None))
    assert [list(r.citations.values()) for r in result.values()] == [
        [span("stecco2014b", f"({a('stecco2014b', 'Stecco, 2014')})")],
        [span("stecco2015", f"({a('stecco2015', 'Stecco, 2015')})")],
    ]


def test_positions_footnotes_and_outermost_only() -> None:
    """Every outermost citation by (page, start), footnotes included; `@b` in `[@a and @b]` not."""
    text = (
        "Zie [@wal2013].[^1]\n\n> Citaat [@wal2013;\n> @stecco2015]\n\n"
        "[@wal2013 and @stecco2015]\n\n[^1]: Zie @wal2013.\n"
    )
    result = formatted(text)
    starts = [text.index(s) for s in ("[@wal2013]", "[@wal2013;", "[@wal2013 and", "@wal2013.")]
    assert list(result.citations) == [("docs/p/index.md", start) for start in starts]
    assert result.citations[("docs/p/index.md", starts[1])] == span(
        "wal2013 stecco2015",
        f"({a('stecco2015', 'Stecco, 2015')}; {a('wal2013', 'van der Wal, 2013')})",
    )
    # pandoc 3.9's citeproc shows only the inner citation of a nested one, data-cites the outer
    assert result.citations[("docs/p/index.md", starts[2])] == span(
        "wal2013", f"Stecco ({a('stecco2015', '2015')})"
    )
    assert result.citations[("docs/p/index.md", starts[3])] == span(
        "wal2013", f"van der Wal ({a('wal2013', '2013')})"
    )


@pytest.mark.parametrize(
    ("key", "html"),
    [
        (
            "xss",
            'Doe, J. (2020). <em>&lt;img src=x onerror=alert(1)&gt; &lt;/script&gt; "q" '
            "<span>Br</span>ace</em>.",
        ),
        ("xss2", "Roe, J. (2020). <em>T</em>. javascript:alert(2)."),
        ("xss3", "Poe, J. (2020). <em>T</em>."),
    ],
)
def test_untrusted_fields_stay_text(key: str, html: str) -> None:
    """HTML in a field is text; javascript:, data: and broken URLs and DOIs never become links."""
    assert formatted(f"[@{key}]\n").references == (Reference(key, html, False),)


def test_markup_in_citation_text_is_allowlisted() -> None:
    """Raw HTML and unsafe links written in a citation's prefix or suffix do not pass."""
    shown = in_text('[<img src=x onerror="alert(1)"> @wal2013, [x](javascript:alert(1))]\n')
    assert shown == [span("wal2013", f"( {a('wal2013', 'van der Wal, 2013')}, x)")]


def test_key_pandoc_cannot_read_is_a_clear_error() -> None:
    """A key with a character pandoc's BibTeX reader refuses names the paper and the key."""
    with pytest.raises(CitationError, match=r"^p: de sleutel 'a#b' bevat een teken"):
        formatted("[@a#b]\n", "@misc{a#b, title = {T}, year = 2020}")


def test_pandoc_failure_names_the_paper(monkeypatch: pytest.MonkeyPatch) -> None:
    """A failing pandoc becomes a CitationError with the paper's name and pandoc's message."""
    monkeypatch.setattr(citations.pypandoc, "get_pandoc_path", lambda: "/bin/false")
    with pytest.raises(CitationError, match=r"^p: pandoc kon de bronvermeldingen niet"):
        formatted("[@wal2013]\n")


def test_cache_skips_pandoc_until_an_entry_changes(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """A second run is served from the cache, also when citations move; a changed entry re-runs."""
    calls: list[str] = []
    real = citations._pandoc

    def counting(*args: str) -> str:
        calls.append(args[0])
        return real(*args)

    monkeypatch.setattr(citations, "_pandoc", counting)
    cache = Cache(tmp_path)

    def run(text: str, bib: str = BIB) -> PaperCitations:
        return format_paper("p", [page(text)], bibliography(bib), cache=cache)

    first = run("[@wal2013]\n")
    assert run("[@wal2013]\n") == first
    moved = run("Eerst een zin.\n\n[@wal2013]\n")
    assert list(moved.citations.values()) == list(first.citations.values())
    assert len(calls) == 1
    changed = run(
        "[@wal2013]\n", BIB.replace("title = {Fascia}, year = 2013", "title = {Nieuw}, year = 2013")
    )
    assert changed.references[0].html == "van der Wal, J. (2013). <em>Nieuw</em>."
    assert len(calls) == 2


def test_format_apa_cite_box() -> None:
    """The paper itself as a CSL-JSON report; an unsafe URL is not a link."""
    item = {
        "type": "report",
        "title": "Fasciale therapie",
        "author": [{"family": "Wal", "given": "Jaap", "non-dropping-particle": "van der"}],
        "publisher": "NVFT",
        "issued": {"date-parts": [[2025, 11, 5]]},
        "version": "1.2",
        "URL": "https://whitepapers.example/2026.1/fascia/",
    }
    assert format_apa(item) == (
        "van der Wal, J. (2025). <em>Fasciale therapie</em> (Versie 1.2). NVFT. "
        '<a href="https://whitepapers.example/2026.1/fascia/">'
        "https://whitepapers.example/2026.1/fascia/</a>"
    )
    assert format_apa({**item, "URL": "javascript:alert(1)"}) == (
        "van der Wal, J. (2025). <em>Fasciale therapie</em> (Versie 1.2). NVFT."
    )
