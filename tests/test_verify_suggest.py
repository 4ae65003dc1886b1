"""`whitepaper verify --suggest` and `--accept KEY DOI`: completing an entry its source gave
incompletely, from recorded answers in Crossref's documented format (tests/data/net/), never
the network. Suggestions are ranked with their reasons and write nothing; an accepted work
rewrites that entry's lines alone, the source's wording kept in comment lines above it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import responses
from responses import matchers

from tests.test_net import FakeClock
from whitepaper.check.findings import check
from whitepaper.cli import main
from whitepaper.commands import _completing
from whitepaper.health.sentences import citing
from whitepaper.health.suggest import query
from whitepaper.net.client import Client, Throttle
from whitepaper.net.crossref import SEARCH, WORKS, found_from_answer
from whitepaper.sources.bibliography import load_bibliography
from whitepaper.sources.documents import parse_document

DATA = Path(__file__).parent / "data" / "net"
CHOSEN = "10.5555/mind.2017.068"
INCOMPLETE = "10.5555/ntmt.zd.7"  # doi-csl-incomplete.json: no author, no date
HEAD = "% Bronnen van het paper.\n\n"
CRESWELL = """\
% In de bron: (Creswell, 2017)
@misc{creswell2017,
  author = {Creswell},
  year = {2017},
  note = {onvolledig: alleen auteur en jaar in de bron}
}
"""
OTHER = """\
@article{stecco2018,
  author = {Stecco, A.},
  title = {Fascial disorders},
  journal = {J Bodyw Mov Ther},
  year = {2018}
}
"""
PAGE = """\
---
title: Een paper
---

# Een paper

John Upledger voegde iets toe. Deze manier van bewustworden heette toen
awareness en kunnen we vergelijken met wat we tegenwoordig *mindfulness*
[@creswell2017] noemen, een term die toen nog onbekend was. Daarna iets anders [@stecco2018].
"""
ASKED = {
    "query.bibliographic": "Creswell 2017 manier bewustworden heette awareness vergelijken"
    " tegenwoordig mindfulness noemen term onbekend",
    "query.author": "Creswell",
    "filter": "from-pub-date:2016,until-pub-date:2017",
    "rows": "5",
}
SUGGESTED = """\
creswell2017 (bib/refs.bib:4): alleen auteur en jaar in de bron
  geciteerd in docs/paper/index.md:9: “Deze manier van bewustworden heette toen awareness en\
 kunnen we vergelijken met wat we tegenwoordig mindfulness noemen, een term die toen nog onbekend\
 was.”
  1. 10.5555/mind.2017.068  score 9,9
     Creswell, J. David (2017). Awareness training and mindfulness interventions. Review of\
 Mindfulness Research
     jaar klopt; eerste auteur Creswell klopt; 2 woorden uit de zin in de titel (awareness,\
 mindfulness); Crossref-score 48,3
  2. 10.5555/body.2017.004  score 8,2
     Creswell, Jonathan (2017). Body awareness in manual therapy. Manual Therapy Notes
     jaar klopt; eerste auteur Creswell klopt; 1 woord uit de zin in de titel (awareness);\
 Crossref-score 30,1
  3. 10.5555/stress.2016.112  score -4,0
     Cresswell, Amy (2016). Stress at work: a survey. Occupational Health Notes
     jaar 2016, niet 2017; eerste auteur Cresswell, niet Creswell; Crossref-score 52,0
  overnemen na controle in het werk zelf: whitepaper verify --accept creswell2017\
 10.5555/mind.2017.068

1 bron gezocht: 1 met kandidaten. Er is niets geschreven: neem een kandidaat over met --accept\
 SLEUTEL DOI.
"""
COMPLETED = """\
% In de bron: (Creswell, 2017)
% bron gaf: type = {misc}
% bron gaf: author = {Creswell}
% bron gaf: note = {onvolledig: alleen auteur en jaar in de bron}
@article{creswell2017,
  author = {Creswell, J. David and Lindsay, Emily K.},
  title = {Awareness training and mindfulness interventions},
  journal = {Review of Mindfulness Research},
  publisher = {Voorbeeld Uitgevers},
  year = {2017},
  volume = {68},
  number = {1},
  pages = {491--516},
  doi = {10.5555/mind.2017.068}
}
"""
OFFLINE = (
    "whitepaper verify: geen verbinding met Crossref: bent u offline? Er is niets"
    " gecontroleerd of geschreven.\n"
)


def recorded(name: str) -> Any:
    return json.loads((DATA / name).read_text(encoding="utf-8"))


@pytest.fixture
def site(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A site with one paper citing Creswell's entry, the command run inside it, its client
    throttled on a clock that moves only when slept on."""
    (tmp_path / "bib").mkdir()
    (tmp_path / "docs" / "paper").mkdir(parents=True)
    (tmp_path / "docs" / "paper" / "index.md").write_text(PAGE, encoding="utf-8")
    write_bib(tmp_path, HEAD + CRESWELL + "\n" + OTHER)
    fake = FakeClock()

    def client(contact: str = "", homepage: str = "") -> Client:
        return Client(contact, homepage, throttle=Throttle(clock=fake, sleep=fake.sleep))

    monkeypatch.setattr(_completing, "Client", client)
    monkeypatch.chdir(tmp_path)
    return tmp_path


def write_bib(site: Path, text: str, newline: str = "\n") -> None:
    (site / "bib" / "refs.bib").write_bytes(text.replace("\n", newline).encode("utf-8"))


def bib_bytes(site: Path) -> bytes:
    return (site / "bib" / "refs.bib").read_bytes()


def verify(*args: str) -> int:
    return main(["verify", *args])


# --- --suggest ---------------------------------------------------------------------------------


@responses.activate
def test_suggestions_are_ranked_with_their_reasons_and_write_nothing(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Crossref's best by its own score has another year and author: it comes last. The
    suggestion is declined by not accepting it: the file keeps every byte."""
    responses.get(
        SEARCH,
        match=[matchers.query_param_matcher(ASKED)],
        json=recorded("crossref-search.json"),
    )
    before = bib_bytes(site)
    assert verify("--suggest") == 0
    assert capsys.readouterr().out == SUGGESTED
    assert bib_bytes(site) == before
    assert not (site / "bib" / "bronstatus.json").exists()
    assert len(responses.calls) == 1  # stecco2018 is complete: not searched


@responses.activate
def test_no_candidates_says_what_to_do(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    responses.get(SEARCH, json=recorded("crossref-search-empty.json"))
    assert verify("--suggest", "creswell2017") == 0
    out = capsys.readouterr().out
    assert "  Crossref vindt geen kandidaat; zoek het werk zelf op" in out
    assert out.endswith("1 bron gezocht: 0 met kandidaten. Er is niets geschreven: neem een"
                        " kandidaat over met --accept SLEUTEL DOI.\n")  # fmt: skip


@responses.activate
def test_an_entry_with_nothing_to_search_asks_nothing(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_bib(site, "@misc{leeg,\n  note = {onvolledig: de bron noemt niets}\n}\n")
    assert verify("--suggest") == 0
    assert "  niets om mee te zoeken: geen auteur, jaar, titel of zin\n" in capsys.readouterr().out
    assert not responses.calls


@responses.activate
def test_suggest_offline_says_so_and_exits_4(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """responses refuses every address no test registered, as no network would."""
    before = bib_bytes(site)
    assert verify("--suggest") == 4
    assert capsys.readouterr().err == OFFLINE
    assert bib_bytes(site) == before


@pytest.mark.parametrize(
    ("markdown", "sentence"),
    [
        ("Eerst dit. Dan de zin [@a]. Dan meer.", "Dan de zin."),
        ("Volgens @a is het *zo*, zie [de site](https://x.nl). Meer.",
         "Volgens is het zo, zie de site."),
        ('!!! info "Kader"\n\n    Een zin in een kader [-@a]: “Een citaat.” Verder.',
         "Een zin in een kader: “Een citaat.”"),
        ("Een regel\nover twee regels [@b; @a] en `code`.\n\nEen andere alinea.",
         "Een regel over twee regels en code."),
        ("- Een punt in een lijst [@a]\n- Een ander punt", "Een punt in een lijst"),
    ],
    ids=["bracketed", "in text, emphasis and link", "admonition", "two lines, two keys", "list"],
)  # fmt: skip
def test_the_citing_sentence_is_plain_text(markdown: str, sentence: str) -> None:
    document = parse_document(markdown + "\n", Path("docs/p/index.md"))
    assert [found.sentence for found in citing([document], "a")] == [sentence]


@pytest.mark.parametrize(
    ("entry", "bibliographic", "authors", "year"),
    [
        ("@misc{a, author = {Upledger, J.}, year = {1983}}", "Upledger 1983", "Upledger", "1983"),
        ("@misc{a, author = {{Centraal Bureau voor de Statistiek}}, date = {2014-02-10}}",
         "Centraal Bureau voor de Statistiek 2014", "", "2014"),
        ("@misc{a, author = {van der Wal, J. and Stecco, C.}, title = {Fascia}}",
         "van der Wal Stecco Fascia", "van der Wal Stecco", ""),
        ("@misc{a, note = {onvolledig}}", "", "", ""),
    ],
    ids=["author and year", "a group and a date", "two authors and a title", "nothing"],
)  # fmt: skip
def test_what_an_entry_is_searched_with(
    tmp_path: Path, entry: str, bibliographic: str, authors: str, year: str
) -> None:
    (tmp_path / "refs.bib").write_text(entry, encoding="utf-8")
    read = load_bibliography(tmp_path, root=tmp_path).entries["a"]
    asked = query(read, [])
    assert (asked.bibliographic, asked.authors, asked.year) == (bibliographic, authors, year)
    assert asked.searchable == bool(bibliographic)


def test_search_items_without_a_doi_are_left_out() -> None:
    found = found_from_answer(recorded("crossref-search.json"))
    assert [item.record.work.doi for item in found] == [
        "10.5555/stress.2016.112",
        CHOSEN,
        "10.5555/body.2017.004",
    ]
    assert [item.score for item in found] == [52.0, 48.3, 30.1]
    assert {item.record.work.kind for item in found} == {"article-journal"}  # CSL's name


# --- --accept ----------------------------------------------------------------------------------


@pytest.mark.parametrize("newline", ["\n", "\r\n"], ids=["LF", "CRLF"])
@responses.activate
def test_an_accepted_work_rewrites_only_that_entry(
    site: Path, capsys: pytest.CaptureFixture[str], newline: str
) -> None:
    """The key stays, the fields the entry lacked are filled, 'Creswell' gives way to the
    record's authors, and the source's wording and note stand in comment lines above: the
    entry is complete, so the note is gone. Every other byte is as it was."""
    responses.get(WORKS + CHOSEN, json=recorded("crossref-work-creswell.json"))
    write_bib(site, HEAD + CRESWELL + "\n" + OTHER, newline)
    assert verify("--accept", "creswell2017", CHOSEN) == 0
    expected = HEAD + COMPLETED + "\n" + OTHER
    assert bib_bytes(site) == expected.replace("\n", newline).encode("utf-8")
    assert capsys.readouterr().out == (
        "Aangevuld in bib/refs.bib: 'creswell2017' (velden author, title, journal, publisher,"
        " volume, number, pages en doi); wat de bron gaf staat erboven als commentaar"
        " (% bron gaf: …).\n"
        "De bron is nu volledig: de markering onvolledig is weg.\n"
        "Controleer met: whitepaper check en whitepaper verify creswell2017\n"
    )
    assert not (site / "bib" / "bronstatus.json").exists()


@responses.activate
def test_the_completed_file_reads_clean(site: Path) -> None:
    """pybtex skips the comment lines; the check finds no error and no incomplete entry."""
    responses.get(WORKS + CHOSEN, json=recorded("crossref-work-creswell.json"))
    assert verify("--accept", "creswell2017", CHOSEN) == 0
    entries = load_bibliography(site / "bib", root=site).entries
    assert list(entries) == ["creswell2017", "stecco2018"]
    assert entries["creswell2017"].missing_fields() == ()
    assert not entries["creswell2017"].incomplete
    found = check(site / "docs", site / "bib", root=site)
    assert [d for d in found if d.severity == "error"] == []
    assert [d for d in found if d.path == "bib/refs.bib"] == []


@responses.activate
def test_an_entry_still_incomplete_keeps_its_note(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Crossref does not know the DOI, doi.org does, without author or date: the journal
    and DOI are filled in, the note stays and the output says what is missing."""
    responses.get(WORKS + INCOMPLETE, status=404)
    responses.get(f"https://doi.org/{INCOMPLETE}", json=recorded("doi-csl-incomplete.json"))
    entry = (
        "@misc{behandelingzd,\n  title = {De behandeling van lage rugpijn},\n"
        "  note = {onvolledig: geen auteur en geen jaar in de bron}\n}\n"
    )
    write_bib(site, HEAD + entry)
    assert verify("--accept", "behandelingzd", f"https://doi.org/{INCOMPLETE}") == 0
    assert bib_bytes(site).decode() == HEAD + (
        "% bron gaf: type = {misc}\n"
        "@article{behandelingzd,\n"
        "  title = {De behandeling van lage rugpijn},\n"
        "  journal = {Nederlands Tijdschrift voor Manuele Therapie},\n"
        "  publisher = {Nederlands Tijdschrift voor Manuele Therapie},\n"
        "  doi = {10.5555/ntmt.zd.7},\n"
        "  note = {onvolledig: geen auteur en geen jaar in de bron}\n"
        "}\n"
    )
    assert "Nog onvolledig: auteur en jaar ontbreken nog; de markering onvolledig blijft" in (
        capsys.readouterr().out
    )


@responses.activate
def test_a_work_that_contradicts_the_entry_is_refused_unless_forced(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A typo in the DOI must not overwrite a source; a person sure of it gives --force, and
    the source's year stays in a comment."""
    responses.get(WORKS + CHOSEN, json=recorded("crossref-work-creswell.json"))
    write_bib(site, CRESWELL.replace("2017", "2015"))
    before = bib_bytes(site)
    assert verify("--accept", "creswell2015", CHOSEN) == 2
    assert capsys.readouterr().err == (
        "whitepaper verify: de DOI 10.5555/mind.2017.068 hoort volgens Crossref bij een ander"
        " werk dan 'creswell2015': jaar 2017. Er is niets geschreven. Controleer de DOI; klopt"
        " hij toch (gaf de bron bijvoorbeeld een verkeerd jaar), geef dan ook --force: wat de"
        " bron gaf blijft als commentaar boven de bron staan\n"
    )
    assert bib_bytes(site) == before
    assert verify("--accept", "creswell2015", CHOSEN, "--force") == 0
    written = bib_bytes(site).decode()
    assert "% bron gaf: year = {2015}\n" in written
    assert "@article{creswell2015,\n" in written
    assert "  year = {2017},\n" in written


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["creswel2017", CHOSEN],
         "geen bron met de sleutel 'creswel2017' in de bibliografie; bedoelde u 'creswell2017'?"),
        (["creswell2017", "10.5555"], "'10.5555' is geen DOI; geef hem als 10.xxxx/…"),
        (["stecco2018", CHOSEN], None),
    ],
    ids=["unknown key", "not a DOI", "another DOI"],
)  # fmt: skip
@responses.activate
def test_what_accept_refuses_writes_nothing(
    site: Path, capsys: pytest.CaptureFixture[str], args: list[str], message: str | None
) -> None:
    if message is None:  # stecco2018 with a DOI of its own
        write_bib(site, OTHER.replace("  year", "  doi = {10.5555/jbmt.2018.001},\n  year"))
        message = (
            "'stecco2018' heeft al de DOI 10.5555/jbmt.2018.001, niet 10.5555/mind.2017.068;"
            " controleer welke klopt (whitepaper verify stecco2018). Er is niets geschreven"
        )
    before = bib_bytes(site)
    assert verify("--accept", *args) == 2
    assert capsys.readouterr().err == f"whitepaper verify: {message}\n"
    assert bib_bytes(site) == before
    assert not responses.calls


@responses.activate
def test_accept_offline_says_so_and_exits_4(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = bib_bytes(site)
    assert verify("--accept", "creswell2017", CHOSEN) == 4
    assert capsys.readouterr().err == OFFLINE
    assert bib_bytes(site) == before


@pytest.mark.parametrize(
    "args",
    [["--accept", "a", "b", "c"], ["--force"], ["--suggest", "--accept", "a", "b"]],
    ids=["keys beside accept", "force alone", "suggest and accept"],
)
def test_options_that_do_not_go_together_are_usage_errors(site: Path, args: list[str]) -> None:
    try:
        code = verify(*args)
    except SystemExit as stopped:  # argparse's own refusal
        code = int(stopped.code or 0)
    assert code == 2


@responses.activate
def test_fields_the_record_lacks_stay_and_an_at_sign_in_a_comment_is_harmless(site: Path) -> None:
    """langid is the entry's own; the '@' of a note written into a comment line would start
    an entry for BibTeX, so it is written as the full-width at sign (U+FF20)."""
    responses.get(WORKS + CHOSEN, json=recorded("crossref-work-creswell.json"))
    entry = CRESWELL.replace(
        "  note = {onvolledig: alleen auteur en jaar in de bron}",
        "  langid = {english},\n  note = {onvolledig: zie info@vereniging.nl}",
    )
    write_bib(site, entry)
    assert verify("--accept", "creswell2017", CHOSEN) == 0
    written = bib_bytes(site).decode()
    assert "% bron gaf: note = {onvolledig: zie info\uff20vereniging.nl}\n" in written
    assert "  langid = {english}\n}" in written
    bibliography = load_bibliography(site / "bib", root=site)
    assert bibliography.diagnostics == ()
    assert bibliography.entries["creswell2017"].fields["langid"] == "english"


@responses.activate
def test_suggest_points_an_entry_with_a_doi_to_accept(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    write_bib(
        site, CRESWELL.replace("  year", "  doi = {https://doi.org/10.5555/mind.2017.068},\n  year")
    )
    assert verify("--suggest") == 0
    assert capsys.readouterr().out.startswith(
        "creswell2017: heeft al een DOI; vul aan met whitepaper verify --accept creswell2017"
        " 10.5555/mind.2017.068\n"
    )
    assert not responses.calls
